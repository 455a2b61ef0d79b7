"""The clerk's day at a glance (issue 15): what to return today, what falls due soon, what is
overdue (and whether its apology letter, form 04, was issued), what waits for a supplement,
and today's ratings.

Overdue means past the **legal** due date (``original_due_at``), the same rule as the reports
(:mod:`desk_app.core.indicators`). Such a dossier *needs a letter* when its current appointment
has passed too: no form 04 yet, or the one issued set a date that has also passed. Every list
is a range of the ``(status, due_at)`` index within the open statuses, so its cost grows with
the dossiers still open, never with the returned ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.indicators import OPEN_STATUSES
from desk_app.core.lifecycle import Status
from desk_app.core.rating_settings import REPEAT
from desk_app.services.ratings import load_form
from desk_app.services.reports import stored_time
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Commune, Setting

SOON_SETTING = "today.soon_days"  # default 1: the register's "due soon" (the next working day)
LIMIT = 300  # rows read per list (the count says how many there are)
LISTS = ("to_return", "ready", "due_soon", "overdue", "waiting", "needs_letter")


@dataclass(frozen=True)
class Row:
    id: int
    code: str
    applicant: str
    procedure: str
    status: str
    due_at: datetime | None
    original_due_at: datetime | None

    @property
    def apologised(self) -> bool:
        """Form 04 was issued: the appointment was moved later than the legal date."""
        return (self.due_at is not None and self.original_due_at is not None
                and self.due_at > self.original_due_at)


@dataclass
class Today:
    now: datetime
    soon_days: int
    soon_until: datetime
    rows: dict[str, list[Row]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    ratings: int = 0
    ratings_positive: int = 0


_SELECT = ("SELECT d.id, d.code, d.applicant_name, v.name, d.status, d.due_at, d.original_due_at"
           " FROM dossiers d INDEXED BY ix_dossiers_status_due"
           " JOIN procedure_versions v ON v.id = d.procedure_version_id WHERE ")


def _dt(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def soon_days(session: Session) -> int:
    value = session.scalar(select(Setting.value).where(Setting.key == SOON_SETTING))
    try:
        return max(1, min(10, int(value))) if value is not None else 1
    except (TypeError, ValueError):
        return 1


def today(session: Session, clock: Clock) -> Today:
    now = clock.now()
    days = soon_days(session)
    commune = session.query(Commune).first()
    day = now.date()
    if commune is not None:
        cal = load_calendar(session, commune)
        for _ in range(days):
            day = cal.next_working_day(day)
    until = datetime.combine(day + timedelta(days=1), time.min)
    start, end = datetime.combine(now.date(), time.min), datetime.combine(
        now.date() + timedelta(days=1), time.min)
    opened = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    due_statuses = ", ".join(f"'{s}'" for s in (*OPEN_STATUSES, Status.RESULT_READY.value))
    where = {
        "to_return": (f"d.status IN ({due_statuses}) AND d.due_at >= :start AND d.due_at < :end",
                      "d.due_at"),
        "ready": (f"d.status = '{Status.RESULT_READY.value}'", "d.due_at"),
        "due_soon": (f"d.status IN ({opened}) AND d.due_at >= :now AND d.due_at < :until",
                     "d.due_at"),
        "overdue": (f"d.status IN ({opened}) AND d.original_due_at < :now", "d.original_due_at"),
        "waiting": (f"d.status = '{Status.WAITING_SUPPLEMENT.value}'", "d.due_at"),
        "needs_letter": (f"d.status IN ({opened}) AND d.original_due_at < :now"
                         " AND d.due_at < :now", "d.original_due_at"),
    }
    params = {"now": stored_time(now), "until": stored_time(until), "start": stored_time(start), "end": stored_time(end)}
    out = Today(now, days, until)
    for name, (cond, order) in where.items():
        out.counts[name] = int(session.scalar(text(
            "SELECT count(*) FROM dossiers d INDEXED BY ix_dossiers_status_due WHERE " + cond),
            params) or 0)
        out.rows[name] = [
            Row(i, c, a, p, s, _dt(due), _dt(orig)) for i, c, a, p, s, due, orig in
            session.execute(text(f"{_SELECT}{cond} ORDER BY {order}, d.id LIMIT {LIMIT}"),
                            params)]
    positive = load_form(session).positive_codes()
    for overall, flags in session.execute(text(
            "SELECT overall, flags FROM ratings WHERE at >= :start AND at < :end"), params):
        if REPEAT in str(flags or ""):
            continue
        out.ratings += 1
        out.ratings_positive += overall in positive
    return out
