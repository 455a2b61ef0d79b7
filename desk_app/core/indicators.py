"""The numbers a commune is judged on (issue 15): one definition for the desk and the hub.

A dossier counts in the month it was received. What it counts as depends only on five of its
values (the status, the channel, the legal due date before any extension, the current due date,
the return time), so the desk (SQLite, kept by triggers in ``report_tallies``) and the hub
(PostgreSQL, over its projection) count the same dossier the same way:

* **received** (tiếp nhận): accepted at intake (it has a legal due date); by **channel**;
* **supplement_requested** / **refused_intake**: the intake ended with form 02 / form 03;
* **solved** (đã trả kết quả): returned; **early** when returned before the due day,
  **on time** by the due moment, **late** after it. The due moment is the legal one
  (``original_due_at``): an apology with a new appointment (form 04) does not make a late
  dossier on time;
* **apologised**: form 04 was issued (the due date was moved later: an extension is the only
  way it moves); **late_apologised**: returned late with form 04;
* **refused_later**, **withdrawn**, **stopped**: ended that way after it was received;
* **overdue_open** (live, at a moment): still open past its legal due moment; and of those,
  **overdue_apologised**;
* the digitisation counts (:data:`DIGITISED`, issue 16): dossiers whose result is digitised,
  dossiers with a digitised component, digitised components, documents re-used. None (no
  data) until the desk keeps a scan: a desk that never scanned does not score 0%.

Satisfaction counts each rating once, never one flagged ``repeat``; "satisfied" is a level the
rating slip marks positive (:mod:`desk_app.core.rating_settings`), not a list written here.

The QĐ 766 groups are data (``resources/reports/index_766.json``, a province may replace it
in the desk's settings): each has its points, its formula over the counts, its source, and
whether the formula was checked against the decision's appendix (``confirmed``).
"""

from __future__ import annotations

import ast
import json
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app.core.lifecycle import OPEN, Status

# Kept per (month received, procedure version, receiving clerk, channel) on the desk.
KINDS = ("received", "supplement_requested", "refused_intake", "solved_early", "solved_on_time",
         "solved_late", "apologised", "late_apologised", "refused_later", "withdrawn",
         "stopped")
CHANNELS = ("desk", "online", "post")
OPEN_STATUSES = tuple(sorted(s.value for s in OPEN))
# the digitisation counts (issue 16): the desk keeps them per the same key in scan_tallies
DIGITISED = ("digitised_results", "digitised_dossiers", "digitised_components",
             "reused_documents")


def kinds_of(status: str, original_due_at: datetime | None, due_at: datetime | None,
             returned_at: datetime | None) -> list[str]:
    """What one dossier counts as (the rule the desk's triggers and the hub's query follow)."""
    received = original_due_at is not None
    out: list[str] = []
    if received:
        out.append("received")
    elif status == Status.SUPPLEMENT_REQUESTED.value:
        out.append("supplement_requested")
    elif status == Status.REFUSED.value:
        out.append("refused_intake")
    apologised = received and due_at is not None and due_at > original_due_at  # type: ignore[operator]
    if apologised:
        out.append("apologised")
    if status == Status.RETURNED.value and returned_at is not None:
        timing = solve_timing(returned_at, original_due_at)
        out.append(f"solved_{timing}")
        if timing == "late" and apologised:
            out.append("late_apologised")
    if received and status in (Status.REFUSED.value, Status.WITHDRAWN.value,
                                Status.STOPPED.value):
        out.append("refused_later" if status == Status.REFUSED.value else status)
    return out


def solve_timing(returned_at: datetime, due_at: datetime | None) -> str:
    """'early' (before the due day), 'on_time' (by the due moment) or 'late'."""
    if due_at is None:
        return "on_time"
    if returned_at > due_at:
        return "late"
    return "early" if returned_at.date() < due_at.date() else "on_time"


@dataclass
class Counts:
    """The counts of one group of dossiers (a month, a field, a commune ...)."""

    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    by_channel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANNELS, 0))
    overdue_open: int = 0
    overdue_apologised: int = 0
    ratings: int = 0
    ratings_positive: int = 0
    late_or_dissatisfied: int = 0  # solved late, or rated with a level not positive
    criteria: dict[str, list[int]] = field(default_factory=dict)  # code -> [answered, positive]
    # issue 16, kept by triggers in scan_tallies (migration 0011); None: no scan kept yet
    digitised_results: int | None = None  # dossiers whose result is digitised
    digitised_dossiers: int | None = None  # dossiers with a digitised component
    digitised_components: int | None = None
    reused_documents: int | None = None  # documents re-used instead of scanned again

    def add(self, other: Counts) -> None:
        for k, n in other.kinds.items():
            self.kinds[k] = self.kinds.get(k, 0) + n
        for k, n in other.by_channel.items():
            self.by_channel[k] = self.by_channel.get(k, 0) + n
        self.overdue_open += other.overdue_open
        self.overdue_apologised += other.overdue_apologised
        self.ratings += other.ratings
        self.ratings_positive += other.ratings_positive
        self.late_or_dissatisfied += other.late_or_dissatisfied
        for code, (a, p) in other.criteria.items():
            mine = self.criteria.setdefault(code, [0, 0])
            mine[0] += a
            mine[1] += p
        for name in DIGITISED:
            theirs = getattr(other, name)
            if theirs is not None:
                setattr(self, name, (getattr(self, name) or 0) + theirs)

    @property
    def solved(self) -> int:
        k = self.kinds
        return k["solved_early"] + k["solved_on_time"] + k["solved_late"]

    def values(self) -> dict[str, int | None]:
        """Every name a formula may use."""
        out: dict[str, int | None] = dict(self.kinds)
        out |= {f"received_{c}": n for c, n in self.by_channel.items()}
        out |= {"solved": self.solved, "overdue_open": self.overdue_open,
                "overdue_apologised": self.overdue_apologised, "ratings": self.ratings,
                "ratings_positive": self.ratings_positive,
                "late_or_dissatisfied": self.late_or_dissatisfied,
                "digitised_results": self.digitised_results,
                "digitised_dossiers": self.digitised_dossiers,
                "digitised_components": self.digitised_components,
                "reused_documents": self.reused_documents}
        return out

    def on_time_rate(self) -> float | None:
        k = self.kinds
        return None if not self.solved else (k["solved_early"] + k["solved_on_time"]) / self.solved

    def satisfaction_rate(self) -> float | None:
        return None if not self.ratings else self.ratings_positive / self.ratings


# ---- the QĐ 766 groups, as data ---------------------------------------------------------------

class IndexFileError(ValueError):
    """The index file (a province's own) is not usable: why, in words for the log."""


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    points: float
    formula: str | None
    text: str
    source: str
    confirmed: bool
    why: str = ""  # when the desk cannot compute it


@dataclass(frozen=True)
class Index:
    id: str
    title: str
    source: str
    basis: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Score:
    group: Group
    rate: float | None  # 0..1, None: nothing to count or no data
    points: float | None


FORMULA_MAX = 300  # characters: the 766 formulas are a few dozen

_OPS: dict[type, Any] = {ast.Add: operator.add, ast.Sub: operator.sub,
                         ast.Mult: operator.mul, ast.Div: operator.truediv}


def _names(formula: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(formula, mode="eval")) if isinstance(n, ast.Name)}


def evaluate(formula: str, values: Mapping[str, int | float | None]) -> float | None:
    """The formula's value: + - * / over the counts' names and numbers. None when a name has
    no data or a divisor is 0 (no dossier to count is not 0%)."""
    def ev(node: ast.AST) -> float | None:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            v = values.get(node.id)
            return None if v is None else float(v)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            a, b = ev(node.left), ev(node.right)
            if a is None or b is None or (isinstance(node.op, ast.Div) and b == 0):
                return None
            return float(_OPS[type(node.op)](a, b))
        raise IndexFileError(f"not allowed in a formula: {ast.dump(node)[:60]}")
    return ev(ast.parse(formula, mode="eval"))


def score(index: Index, counts: Counts) -> list[Score]:
    values = counts.values()
    out = []
    for g in index.groups:
        rate = None if g.formula is None else evaluate(g.formula, values)
        if rate is not None:
            rate = min(1.0, max(0.0, rate))
        out.append(Score(g, rate, None if rate is None else round(g.points * rate, 2)))
    return out


def parse_index(data: Any) -> Index:
    """An index from its JSON; every formula is checked against the names the counts have."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise IndexFileError("no groups")
    known = set(Counts().values())
    groups = []
    for i, g in enumerate(data["groups"]):
        if not isinstance(g, dict) or not g.get("code") or not g.get("name"):
            raise IndexFileError(f"group {i}: code and name are required")
        formula = g.get("formula")
        if formula is not None and len(str(formula)) > FORMULA_MAX:
            raise IndexFileError(f"{g['code']}: a formula of over {FORMULA_MAX} characters")
        if formula is not None:
            try:
                unknown = _names(str(formula)) - known
            except (SyntaxError, RecursionError) as exc:
                raise IndexFileError(f"{g['code']}: {exc}") from exc
            if unknown:
                raise IndexFileError(f"{g['code']}: unknown names {sorted(unknown)}")
            evaluate(str(formula), dict.fromkeys(known, 1))  # only allowed operators
        try:
            points = float(g.get("points", 0))
        except (TypeError, ValueError) as exc:
            raise IndexFileError(f"{g['code']}: points is not a number") from exc
        groups.append(Group(str(g["code"]), str(g["name"]), points,
                            None if formula is None else str(formula), str(g.get("text", "")),
                            str(g.get("source", "")), bool(g.get("confirmed", False)),
                            str(g.get("why", ""))))
    return Index(str(data.get("id", "")), str(data.get("title", "")),
                 str(data.get("source", "")), str(data.get("basis", "")), tuple(groups))


def default_index_path() -> Path:
    from desk_app.paths import resources_dir
    return resources_dir() / "reports" / "index_766.json"


def default_index() -> Index:
    return parse_index(json.loads(default_index_path().read_text(encoding="utf-8")))
