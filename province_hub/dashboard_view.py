"""What the dashboard shows, as plain values for its template: per commune the figures and
the QĐ 766 groups (:mod:`province_hub.figures`, ``indicators.score``), the ranking, the trend
per month with its bars' geometry (the same query as the tables), desks not synced for N days
and desks whose rating chain failed verification."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core import words
from desk_app.core.indicators import Counts, Index, Score, default_index, score
from desk_app.core.rating_settings import default_form
from province_hub.figures import by_commune, by_month, monthly
from province_hub.models import Commune, Desk

VN = timedelta(hours=7)  # the hub keeps its own times in UTC
CHART_W, CHART_H, BAR_AREA = 760, 220, 170


@dataclass
class CommuneRow:
    agency_code: str
    name: str
    counts: Counts
    scores: list[Score]
    rank: int = 0

    @property
    def points(self) -> float:
        return round(sum(x.points for x in self.scores if x.points is not None), 2)

    @property
    def of_points(self) -> float:
        return sum(x.group.points for x in self.scores if x.rate is not None)

    def group(self, code: str) -> Score | None:
        return next((x for x in self.scores if x.group.code == code), None)


@dataclass
class Bar:
    month: str  # 'YYYY-MM'
    label: str  # 'MM/YYYY'
    received: int
    on_time: int
    late: int
    x: float = 0
    heights: list[float] = field(default_factory=list)  # received, on time, late


@dataclass
class View:
    first: date
    last: date
    stale_days: int
    index: Index
    rows: list[CommuneRow]
    ranking: list[CommuneRow]
    bars: list[Bar]
    bar_width: float
    bar_max: int
    criteria: list[tuple[str, str]]  # (code, question)
    stale: list[dict[str, Any]]
    chains: list[dict[str, Any]]


def month_bounds(first_month: str, last_month: str) -> tuple[date, date]:
    """'2026-11', '2026-12' -> 1/11/2026, 31/12/2026 (ValueError if not months in order)."""
    y1, m1 = (int(x) for x in first_month.split("-"))
    y2, m2 = (int(x) for x in last_month.split("-"))
    first, last = date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    if last < first:
        raise ValueError("the last month is before the first")
    return first, last


def build(session: Session, first: date, last: date, now_local: datetime, now_utc: datetime,
          stale_days: int) -> View:
    months = monthly(session, first, last, now_local)
    index = default_index()
    totals = by_commune(months)
    rows = [CommuneRow(c.agency_code, c.name, totals.get(c.id, Counts()),
                       score(index, totals.get(c.id, Counts())))
            for c in session.scalars(select(Commune).order_by(Commune.agency_code))]
    ranking = sorted(rows, key=lambda r: (-r.points, -(r.counts.on_time_rate() or 0),
                                          r.agency_code))
    for i, r in enumerate(ranking, 1):
        r.rank = i
    bars, width, top = _bars(by_month(months), first, last)
    form = default_form()
    return View(first, last, stale_days, index, rows, ranking, bars, width, top,
                [(q.code, q.question) for q in form.criteria],
                _stale(session, now_utc, stale_days), _chains(session))


def _bars(trend: dict[str, Counts], first: date, last: date) -> tuple[list[Bar], float, int]:
    bars = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        key = f"{y:04d}-{m:02d}"
        c = trend.get(key, Counts())
        k = c.kinds
        bars.append(Bar(key, f"{m:02d}/{y}", k["received"], k["solved_early"]
                        + k["solved_on_time"], k["solved_late"]))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max([max(b.received, b.on_time, b.late) for b in bars] + [1])
    slot = (CHART_W - 40) / max(len(bars), 1)
    width = min(slot / 4, 40)
    for i, b in enumerate(bars):
        b.x = 40 + i * slot + (slot - 3 * width) / 2
        b.heights = [BAR_AREA * v / top for v in (b.received, b.on_time, b.late)]
    return bars, width, top


def _local(t: datetime | None) -> str:
    return "chưa bao giờ" if t is None else f"{t + VN:%d/%m/%Y %H:%M}"


def _stale(session: Session, now_utc: datetime, days: int) -> list[dict[str, Any]]:
    since = now_utc - timedelta(days=days)
    out = []
    for desk, commune in session.execute(
        select(Desk, Commune).join(Commune, Commune.id == Desk.commune_id)
        .where(Desk.revoked.is_(False))
        .order_by(Desk.last_seen_at.is_not(None), Desk.last_seen_at, Desk.id)
    ):
        if desk.last_seen_at is None or desk.last_seen_at < since:
            out.append({"desk_id": desk.id, "name": desk.name, "commune": commune.name,
                        "agency_code": commune.agency_code,
                        "last_seen": _local(desk.last_seen_at),
                        "days": None if desk.last_seen_at is None
                        else (now_utc - desk.last_seen_at).days})
    return out


def _chains(session: Session) -> list[dict[str, Any]]:
    return [{"desk_id": d.id, "name": d.name, "commune": c.name, "agency_code": c.agency_code,
             "problems": [problem_words(str(x)) for x in d.chain_problems[:5]],
             "more": max(0, len(d.chain_problems) - 5)}
            for d, c in session.execute(
                select(Desk, Commune).join(Commune, Commune.id == Desk.commune_id)
                .where(Desk.chain_problems != []).order_by(Desk.id))
            if d.chain_problems]


_PROBLEM = re.compile(r"^(?:seq (-?\d+)|record): (\w+): ")


def problem_words(stored: str) -> str:
    """A chain problem as the desk stores it ('seq 3: edited: ...') in the desk's own words
    (desk_app.core.words.CHAIN_PROBLEM); the stored text when it has another shape."""
    m = _PROBLEM.match(stored)
    template = words.CHAIN_PROBLEM.get(m[2]) if m else None
    return stored if m is None or template is None else template.format(seq=m[1] or "?")
