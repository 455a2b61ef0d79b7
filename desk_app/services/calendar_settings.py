"""The commune's calendar as its admin sets it at the desk, offline: days off and make-up
working days (with a note), office hours and the due-time policy.

Who may: the admin only (:data:`Action.SETTINGS`); anyone else is refused before anything is
read. Where the province and the commune disagree about a day, **the province wins**: its
override (arriving by sync, :func:`desk_app.sync.apply.apply_item`) replaces the commune's for
that day, and the admin cannot override a day the province has set (``set_by_province``). The
commune's own days are kept until the province says otherwise.

A change applies to dossiers received from then on: a dossier's due date is computed once, at
receipt, and stored (:mod:`desk_app.services.intake`); nothing here recomputes it.
Problems come back as :class:`FieldError` codes for the field that is wrong.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.calendar import OfficeHours, WorkCalendar
from desk_app.core.permissions import Action
from desk_app.errors import FieldError, ValidationError
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.store.calendar import load_calendar
from desk_app.store.models import CalendarOverride, Commune

log = logging.getLogger(__name__)

KINDS = ("off", "work")
POLICIES = ("same_time", "closing")
_HHMM = re.compile(r"^\s*(\d{1,2})\s*[:hg.]\s*(\d{2})\s*$")


@dataclass(frozen=True)
class DayRow:
    """One line of the calendar page: an override (``source`` "xa" or "tinh") or a public
    holiday from the package (``source`` "le", read-only)."""

    day: date
    kind: str  # off | work
    note: str
    source: str  # xa | tinh | le


def _commune(session: Session) -> Commune:
    return session.scalars(select(Commune).limit(1)).one()


def calendar_rows(session: Session, year: int) -> list[DayRow]:
    """The year's public holidays and every override of the year, by day."""
    cal = WorkCalendar()
    rows: dict[date, DayRow] = {}
    day = date(year, 1, 1)
    while day.year == year:
        name = cal.holiday_name(day)
        if name:
            rows[day] = DayRow(day, "off", name, "le")
        day = date.fromordinal(day.toordinal() + 1)
    for o in session.scalars(select(CalendarOverride).where(
            CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))):
        rows[o.day] = DayRow(o.day, o.kind, o.note, "xa" if o.created_by is not None else "tinh")
    return [rows[d] for d in sorted(rows)]


def add_day(session: Session, clock: Clock, clerk_id: int, day: date, kind: str,
            note: str = "") -> CalendarOverride:
    """Make ``day`` a day off (``off``) or a make-up working day (``work``) for this commune."""
    require(session, clerk_id, Action.SETTINGS)
    if kind not in KINDS:
        raise ValidationError([FieldError("kind", "bad_choice")])
    row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if row is not None and row.created_by is None:
        raise ValidationError([FieldError("day", "set_by_province", {"day": day.isoformat()})])
    without = load_calendar(session, _commune(session))
    if row is None and without.is_working_day(day) == (kind == "work"):
        same = (FieldError("day", "already_working", {"day": day.isoformat()}) if kind == "work"
                else FieldError("day", "already_off", {"day": day.isoformat()}))
        raise ValidationError([same])
    note = " ".join(note.split())[:300]
    if row is None:
        row = CalendarOverride(day=day, kind=kind, note=note, created_by=clerk_id,
                               created_at=clock.now())
        session.add(row)
    else:
        row.kind, row.note, row.created_by = kind, note, clerk_id
    session.flush()
    audit.record(session, clerk_id, "settings.calendar", clock.now(),
                 change={"day": day.isoformat(), "kind": kind, "note": note})
    log.info("calendar: %s made %s by clerk %s (%s)", day, kind, clerk_id, note)
    return row


def remove_day(session: Session, clock: Clock, clerk_id: int, day: date) -> None:
    """Drop the commune's own override of ``day`` (the province's stay)."""
    require(session, clerk_id, Action.SETTINGS)
    row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if row is None:
        raise ValidationError([FieldError("day", "not_set", {"day": day.isoformat()})])
    if row.created_by is None:
        raise ValidationError([FieldError("day", "set_by_province", {"day": day.isoformat()})])
    session.delete(row)
    audit.record(session, clerk_id, "settings.calendar", clock.now(),
                 change={"day": day.isoformat(), "kind": "removed"})
    log.info("calendar: %s back to the public calendar by clerk %s at %s", day, clerk_id,
             clock.now())


def _time(text: str, field: str, errors: list[FieldError]) -> time | None:
    m = _HHMM.match(text or "")
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        errors.append(FieldError(field, "bad_time", {"value": text}))
        return None
    return time(int(m.group(1)), int(m.group(2)))


def set_office_hours(session: Session, clock: Clock, clerk_id: int,
                     sessions: list[tuple[str, str]]) -> OfficeHours:
    """The desk's opening sessions, e.g. [("07:30", "11:30"), ("13:30", "17:00")]; an empty
    session (both blank) is dropped. Fields: ``hours.<n>.start`` / ``hours.<n>.end``."""
    require(session, clerk_id, Action.SETTINGS)
    hours = parse_office_hours(sessions)
    _commune(session).office_hours = hours.to_list()
    audit.record(session, clerk_id, "settings.hours", clock.now(),
                 change={"office_hours": hours.to_list()})
    log.info("office hours set to %s by clerk %s at %s", hours.to_list(), clerk_id, clock.now())
    return hours


def parse_office_hours(sessions: list[tuple[str, str]]) -> OfficeHours:
    """Office hours as typed, checked: every problem at its field (ValidationError)."""
    errors: list[FieldError] = []
    parsed: list[tuple[time, time]] = []
    last_end: time | None = None
    for n, (start_text, end_text) in enumerate(sessions):
        if not (start_text or "").strip() and not (end_text or "").strip():
            continue
        start = _time(start_text, f"hours.{n}.start", errors)
        end = _time(end_text, f"hours.{n}.end", errors)
        if start is None or end is None:
            continue
        if end <= start:
            errors.append(FieldError(f"hours.{n}.end", "hours_end_early"))
        elif last_end is not None and start < last_end:
            errors.append(FieldError(f"hours.{n}.start", "hours_overlap"))
        else:
            parsed.append((start, end))
            last_end = end
    if not errors and not parsed:
        errors.append(FieldError("hours.0.start", "required"))
    if errors:
        raise ValidationError(errors)
    return OfficeHours(tuple(parsed))


def set_due_time_policy(session: Session, clock: Clock, clerk_id: int, policy: str) -> str:
    """``same_time`` (due at the hour of receipt) or ``closing`` (due at closing time)."""
    require(session, clerk_id, Action.SETTINGS)
    if policy not in POLICIES:
        raise ValidationError([FieldError("policy", "bad_choice")])
    _commune(session).due_time_policy = policy
    audit.record(session, clerk_id, "settings.hours", clock.now(),
                 change={"due_time_policy": policy})
    log.info("due-time policy set to %s by clerk %s at %s", policy, clerk_id, clock.now())
    return policy


def save_hours(session: Session, clock: Clock, clerk_id: int, sessions: list[tuple[str, str]],
               policy: str) -> OfficeHours:
    """The calendar page's one save: office hours and the due-time policy together."""
    hours = set_office_hours(session, clock, clerk_id, sessions)
    set_due_time_policy(session, clock, clerk_id, policy)
    return hours


def office_settings(session: Session) -> tuple[list[list[str]], str]:
    """The office hours as stored ([["07:30", "11:30"], ...]) and the due-time policy."""
    commune = _commune(session)
    return list(commune.office_hours or OfficeHours().to_list()), commune.due_time_policy
