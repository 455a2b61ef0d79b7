"""The commune's working calendar as stored: office hours, due-time policy and overrides."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.calendar import OfficeHours, WorkCalendar
from desk_app.store.models import CalendarOverride, Commune


def load_calendar(session: Session, commune: Commune) -> WorkCalendar:
    overrides = [(row.day, row.kind) for row in session.scalars(select(CalendarOverride))]
    return build_calendar(overrides, commune.office_hours, commune.due_time_policy)


def build_calendar(overrides: Iterable[tuple[date, str]], office_hours: list[Any] | None,
                   due_time_policy: str | None) -> WorkCalendar:
    """The calendar of stored values: the overrides (day, "off" | "work"), the office hours
    and the due-time policy."""
    off = frozenset(d for d, kind in overrides if kind == "off")
    work = frozenset(d for d, kind in overrides if kind != "off")
    hours = OfficeHours.from_list(office_hours) if office_hours else OfficeHours()
    policy: Literal["same_time", "closing"] = (
        "closing" if due_time_policy == "closing" else "same_time"
    )
    return WorkCalendar(off, work, hours, policy)
