"""A new appointment (form 04): in the future, on a working day, within office hours.

The commune's own calendar decides (public holidays, the admin's overrides, its office hours:
:func:`desk_app.store.calendar.load_calendar`). Problems come back as field codes for
``new_due_at``, with the facts the message needs as parameters; :func:`suggested_appointment`
gives the dossier page a valid value to start from.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.errors import FieldError
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Commune

FIELD = "new_due_at"


def appointment_errors(session: Session, now: datetime, at: datetime) -> list[FieldError]:
    """At most one problem: ``in_past``, ``not_working_day`` (params: day, weekday, holiday)
    or ``outside_hours`` (params: time "HH:MM", hours: the sessions [["07:30", "11:30"], ...])."""
    if at <= now:
        return [FieldError(FIELD, "in_past")]
    commune = session.scalars(select(Commune).limit(1)).one()
    calendar = load_calendar(session, commune)
    problem = calendar.appointment_problem(at)
    if problem == "not_working_day":
        day = at.date()
        return [FieldError(FIELD, "not_working_day", {
            "day": day.isoformat(), "weekday": day.weekday(),
            "holiday": calendar.holiday_name(day) or "",
        })]
    if problem == "outside_hours":
        return [FieldError(FIELD, "outside_hours", {"time": at.strftime("%H:%M"),
                                            "hours": calendar.hours.to_list()})]
    return []


def suggested_appointment(session: Session, now: datetime, base: datetime,
                          days: int = 3) -> datetime:
    """A valid appointment to start from: ``days`` working days after ``base`` (or after now,
    if later), at ``base``'s time of day when it is in office hours, else at opening."""
    commune = session.scalars(select(Commune).limit(1)).one()
    calendar = load_calendar(session, commune)
    start = max(base, now)
    day = calendar.add_working_days(start.date(), days)
    at = base.time() if calendar.hours.contains(base.time()) else calendar.hours.opening
    return datetime.combine(day, at)
