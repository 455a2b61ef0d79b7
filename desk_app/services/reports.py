"""The leader's reports (issue 15): a period's figures by month, field, procedure, clerk and
channel, the QĐ 766 groups the desk can compute, all from one read.

Dossiers count in the month they were received, as :func:`desk_app.core.indicators.kinds_of`
says; the store keeps those counts by triggers (``report_tallies``, migration 0010), so a
year's report reads a few hundred rows at a million dossiers. Three things are read live
because they depend on now or on the ratings: the dossiers still open past their legal due
date, the ratings given in the period (by the day they were given, never those flagged
``repeat``), and the solved dossiers some citizen rated with a level the slip does not mark
positive (for the satisfaction group of QĐ 766). The digitisation counts (issue 16) come from
``scan_tallies`` (migration 0011), kept by triggers the same way. The queue's waiting times
(issue 17: average and 90th percentile per field and per hour) are read from this desk's
``ticket_visits`` of the period (:mod:`desk_app.services.report_waits`).

Every view of the report (its table, its charts, its Excel and PDF files) is drawn from the one
:class:`Report` :func:`build_report` returns.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.indicators import (
    DIGITISED,
    OPEN_STATUSES,
    Counts,
    Index,
    IndexFileError,
    Score,
    default_index,
    parse_index,
    score,
)
from desk_app.core.permissions import Action
from desk_app.core.rating_settings import REPEAT, RatingForm
from desk_app.errors import FieldError, ValidationError
from desk_app.services.access import require
from desk_app.services.counter import desk_counter
from desk_app.services.ratings import load_form
from desk_app.services.report_waits import Waits, waits
from desk_app.store.models import Setting

log = logging.getLogger(__name__)

INDEX_SETTING = "report.index"  # a province's own QĐ 766 index (JSON), else the bundled one
FIRST_YEAR, LAST_YEAR = 2000, 2099  # a period's years (the month boxes allow no other)
DIMENSIONS = ("month", "field", "procedure", "clerk", "channel")
CHANNEL_WORDS = {"desk": "Trực tiếp", "online": "Trực tuyến", "post": "Bưu chính"}
_Key = tuple[str, int, int, str]  # month, version, clerk, channel


@dataclass
class Line:
    key: str
    label: str
    counts: Counts


@dataclass
class Report:
    first: str  # 'YYYY-MM'
    last: str
    now: datetime
    index: Index
    total: Counts
    scores: list[Score]
    by: dict[str, list[Line]] = field(default_factory=dict)
    criteria: dict[str, str] = field(default_factory=dict)  # code -> the slip's question
    index_problem: str = ""  # the province's index was not usable: why (the bundled one used)
    counter: int | None = None  # this PC's counter number: a desk counts its own dossiers only
    waits: Waits = field(default_factory=Waits)  # the queue's waiting times (report_waits)

    def months(self) -> list[str]:
        return [line.key for line in self.by["month"]]


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def load_index(session: Session) -> tuple[Index, str]:
    """The province's index from the settings if it has one and it is usable, else the
    bundled QĐ 766 one; and why the province's was not used."""
    data = session.scalar(select(Setting.value).where(Setting.key == INDEX_SETTING))
    if data is None:
        return default_index(), ""
    try:
        return parse_index(json.loads(data) if isinstance(data, str) else data), ""
    except (IndexFileError, ValueError) as exc:
        log.warning("the province's index is not usable: %s", exc)
        return default_index(), str(exc)


def _cells(session: Session, first: str, last: str, now: datetime,
           form: RatingForm) -> dict[_Key, Counts]:
    """The period's counts per (month, version, clerk, channel)."""
    cells: dict[_Key, Counts] = defaultdict(Counts)
    end = _next_month(last)
    for month, version, clerk, channel, kind, n in session.execute(text(
            "SELECT month, version_id, clerk_id, channel, kind, n FROM report_tallies"
            " WHERE month >= :a AND month < :b AND n != 0"), {"a": first, "b": end}):
        cells[(month, version, clerk, channel)].kinds[kind] += n
        if kind == "received":
            chans = cells[(month, version, clerk, channel)].by_channel
            chans[channel] = chans.get(channel, 0) + n
    opened = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    span: dict[str, Any] = {"a": f"{first}-01", "b": f"{end}-01", "now": stored_time(now)}
    for month, version, clerk, channel, apologised in session.execute(text(
            "SELECT substr(received_at, 1, 7), procedure_version_id, received_by, channel,"
            " due_at > original_due_at FROM dossiers INDEXED BY ix_dossiers_status_due"
            f" WHERE status IN ({opened}) AND original_due_at < :now"
            " AND received_at >= :a AND received_at < :b"), span):
        c = cells[(month, version, clerk, channel)]
        c.overdue_open += 1
        c.overdue_apologised += 1 if apologised else 0
    # the ratings: kept by a trigger too (rating_tallies, never one flagged repeat)
    positive = form.positive_codes()
    months = {"a": first, "b": end}
    for month, version, clerk, channel, overall, n in session.execute(text(
            "SELECT month, version_id, clerk_id, channel, overall, n FROM rating_tallies"
            " WHERE month >= :a AND month < :b AND n != 0"), months):
        c = cells[(month, version, clerk, channel)]
        c.ratings += n
        c.ratings_positive += n if overall in positive else 0
    levels = {q.code: {lv.code for lv in q.levels if lv.positive} for q in form.criteria}
    for month, version, clerk, channel, code, level, n in session.execute(text(
            "SELECT month, version_id, clerk_id, channel, code, level, n"
            " FROM rating_criteria_tallies WHERE month >= :a AND month < :b AND n != 0"), months):
        got = cells[(month, version, clerk, channel)].criteria.setdefault(code, [0, 0])
        got[0] += n
        got[1] += n if level in levels.get(code, ()) else 0
    # solved by the legal date but some citizen was not satisfied (each dossier once): the
    # ratings of the levels the slip does not mark positive lead (ix_ratings_overall_at),
    # never the period's dossiers (tests/test_query_plans.py)
    span["negative"] = json.dumps(sorted(lv.code for lv in form.overall.levels
                                         if lv.code not in positive))
    span["repeat"] = f'%"{REPEAT}"%'
    for month, version, clerk, channel, n in session.execute(text(
            "SELECT substr(d.received_at, 1, 7), d.procedure_version_id, d.received_by,"
            " d.channel, count(DISTINCT d.id) FROM ratings r INDEXED BY ix_ratings_overall_at"
            " CROSS JOIN dossiers d ON d.id = r.dossier_id"
            " WHERE r.overall IN (SELECT value FROM json_each(:negative)) AND r.at >= :a"
            " AND coalesce(r.flags, '') NOT LIKE :repeat AND d.status = 'returned'"
            " AND d.received_at >= :a AND d.received_at < :b"
            " AND d.returned_at <= d.original_due_at GROUP BY 1, 2, 3, 4"), span):
        cells[(month, version, clerk, channel)].late_or_dissatisfied += n
    for c in cells.values():
        c.late_or_dissatisfied += c.kinds["solved_late"]
    _digitised(session, cells, months)
    return cells


def _digitised(session: Session, cells: dict[_Key, Counts], months: dict[str, Any]) -> None:
    """The digitisation counts (scan_tallies, migration 0011): 0 rather than None in every
    cell once the desk keeps scans at all."""
    if session.execute(text("SELECT 1 FROM scan_tallies LIMIT 1")).first() is None:
        return
    for c in cells.values():
        for name in DIGITISED:
            if getattr(c, name) is None:
                setattr(c, name, 0)
    for month, version, clerk, channel, kind, n in session.execute(text(
            "SELECT month, version_id, clerk_id, channel, kind, n FROM scan_tallies"
            " WHERE month >= :a AND month < :b AND n != 0"), months):
        if kind in DIGITISED:
            c = cells[(month, version, clerk, channel)]
            setattr(c, kind, (getattr(c, kind) or 0) + n)


def month_counts(session: Session, first: date, last: date, now: datetime) -> Counts:
    """The commune's counts for the dossiers received in the months of ``first`` to ``last``
    (and the ratings given then), with the desk's rating slip."""
    total = Counts()
    for c in _cells(session, month_of(first), month_of(last), now, load_form(session)).values():
        total.add(c)
    return total


def build_report(session: Session, clock: Clock, clerk_id: int, first: date,
                 last: date) -> Report:
    """The report of the months ``first`` to ``last`` for a leader."""
    require(session, clerk_id, Action.REPORTS)
    now = clock.now()
    form = load_form(session)
    a, b = month_of(first), month_of(last)
    if b < a:
        a, b = b, a
    if not (FIRST_YEAR <= first.year <= LAST_YEAR and FIRST_YEAR <= last.year <= LAST_YEAR):
        raise ValidationError([FieldError("period", "out_of_range",
                                          {"min": FIRST_YEAR, "max": LAST_YEAR})])
    cells = _cells(session, a, b, now, form)
    index, problem = load_index(session)
    versions = {vid: (fld or "", code or "", name or "") for vid, fld, code, name in
                session.execute(text(
                    "SELECT v.id, v.field, p.national_code, v.name FROM procedure_versions v"
                    " JOIN procedures p ON p.id = v.procedure_id"))}
    clerks: dict[int, str] = {i: n for i, n in session.execute(
        text("SELECT id, full_name FROM clerks"))}
    total = Counts()
    groups: dict[str, dict[str, Line]] = {d: {} for d in DIMENSIONS}
    for (month, version, clerk, channel), c in cells.items():
        total.add(c)
        fld, code, name = versions.get(version, ("", "", ""))
        for dim, key, label in (
                ("month", month, f"{month[5:7]}/{month[:4]}"),
                ("field", fld, fld or "(không rõ lĩnh vực)"),
                ("procedure", code or str(version), f"{name} ({code})" if code else name),
                ("clerk", str(clerk), str(clerks.get(clerk, clerk))),
                ("channel", channel, CHANNEL_WORDS.get(channel, channel))):
            line = groups[dim].get(key)
            if line is None:
                line = groups[dim][key] = Line(key, label, Counts())
            line.counts.add(c)
    month = a
    while month <= b:  # every month of the period has its line, even an empty one
        groups["month"].setdefault(month, Line(month, f"{month[5:7]}/{month[:4]}", Counts()))
        month = _next_month(month)
    by = {d: sorted(lines.values(), key=lambda ln: ln.key) for d, lines in groups.items()}
    for dim in ("field", "procedure", "clerk", "channel"):
        by[dim].sort(key=lambda ln: (-ln.counts.kinds["received"], ln.label))
    period = (_month_start(a), _month_start(_next_month(b)))
    return Report(a, b, now, index, total, score(index, total), by,
                  {q.code: q.question for q in form.criteria}, problem, desk_counter(session),
                  waits(session, *period))


def _month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 1)


def stored_time(moment: datetime) -> str:
    """``moment`` as the store keeps a DateTime (ISO text: text order is time order)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
