"""This desk's counter number (``Quầy số``, 1-9): the first digit of the daily sequence of the
dossier codes it makes (see :mod:`desk_app.core.codes`), so that the two to four counters of a
commune, each with its own store and often offline, never make the same code.

The number is chosen when the desk is set up (the first-start dialog, the admin's settings, the
enrolment dialog, or ``python -m desk_app.sync counter N``) and must be known before the first
intake: a desk without one refuses to receive (``counter_not_set``) rather than guess. The
province keeps the numbers of a commune's desks unique: it refuses to enrol a desk whose number
another desk of the commune holds, and a number declared later (sync does it when it changed)
that is taken comes back ``counter_taken``; this desk then stops receiving under that number
until an admin chooses another.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.codes import COUNTERS
from desk_app.core.permissions import Action
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.desk_settings import get_setting, set_setting

COUNTER = "desk.counter"
REFUSED = "sync.counter_refused"  # the number the province said another desk of ours holds
CONFIRMED = "sync.counter_confirmed"  # {"desk_id", "counter"}: what the province accepted


def desk_counter(session: Session) -> int | None:
    value = get_setting(session, COUNTER)
    return value if isinstance(value, int) and value in COUNTERS else None


def check_counter(value: Any) -> int:
    """``value`` as a counter number, or a ValidationError on the field ``counter``."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit() and int(text) in COUNTERS):
        raise ValidationError([FieldError("counter", "bad_counter",
                                          {"min": COUNTERS[0], "max": COUNTERS[-1]})])
    return int(text)


def set_counter(session: Session, value: Any) -> int:
    """Set the number at set-up (first start, the desk's own command line): no clerk asks."""
    counter = check_counter(value)
    set_setting(session, COUNTER, counter)
    if get_setting(session, REFUSED) != counter:
        set_setting(session, REFUSED, None)
    return counter


def change_counter(session: Session, clock: Clock, clerk_id: int, value: Any) -> int:
    """An admin chooses this desk's number (the province is told at the next sync)."""
    require(session, clerk_id, Action.SETTINGS)
    number = set_counter(session, value)
    audit.record(session, clerk_id, "settings.counter", clock.now(), change={"counter": number})
    return number


def counter_for_intake(session: Session) -> int:
    """The number to put in a new code; refuses when there is none, or when the province said
    another desk of the commune holds it."""
    return intake_counter(get_setting(session, COUNTER), get_setting(session, REFUSED))


def intake_counter(counter: Any, refused: Any) -> int:
    """:func:`counter_for_intake` from the two settings' values, already read."""
    if not (isinstance(counter, int) and counter in COUNTERS):
        raise KnownError("counter_not_set", "this desk has no counter number yet")
    if refused == counter:
        raise KnownError("counter_taken", f"counter {counter} is another desk's",
                         counter=counter)
    return counter


def note_refused(session: Session, counter: int) -> None:
    set_setting(session, REFUSED, counter)


def note_confirmed(session: Session, desk_id: int, counter: int) -> None:
    set_setting(session, CONFIRMED, {"desk_id": desk_id, "counter": counter})
    if get_setting(session, REFUSED) == counter:
        set_setting(session, REFUSED, None)


def confirmed(session: Session, desk_id: int) -> int | None:
    """The number the province last accepted from this desk id, if any."""
    value = get_setting(session, CONFIRMED)
    if isinstance(value, dict) and value.get("desk_id") == desk_id:
        found = value.get("counter")
        return found if isinstance(found, int) else None
    return None
