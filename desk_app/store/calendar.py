"""The commune's working calendar as stored: office hours, due-time policy and overrides."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.calendar import OfficeHours, WorkCalendar
from desk_app.store.models import CalendarOverride, Commune


def load_calendar(session: Session, commune: Commune) -> WorkCalendar:
    off: set[date] = set()
    work: set[date] = set()
    for row in session.scalars(select(CalendarOverride)):
        (off if row.kind == "off" else work).add(row.day)
    hours = OfficeHours.from_list(commune.office_hours) if commune.office_hours else OfficeHours()
    policy: Literal["same_time", "closing"] = (
        "closing" if commune.due_time_policy == "closing" else "same_time"
    )
    return WorkCalendar(frozenset(off), frozenset(work), hours, policy)
