"""The time a desk writes on what it records: never earlier than the last one it stored.

A commune PC's clock is often wrong and sometimes corrected backwards (a flat CMOS battery, a
clerk "fixing" the date, a time server reached after a day offline). Were the desk to stamp a
receipt with such a clock, its dossier would be received before the one received a minute
earlier, its code would carry an older date and the province would order its history wrongly.
So every receipt, dossier event and rating is stamped with :func:`stamp`: the clock's time, or
the last time this desk stored if the clock is behind it (monotonic per desk data file).

"The last time stored" is the later of the last receipt (``dossiers.received_at``, indexed) and
the newest outbox event (the last row by id: every change the desk makes appends one in its own
``BEGIN IMMEDIATE`` transaction, so two windows or processes read it in turn). Changes the
province makes are not counted: their time is the province's clock, not this desk's.

A clock once set far ahead (a year) and then corrected would otherwise hold every later stamp at
that wrong time, the codes' dates and due dates with it, until the real time caught up. The
desk's admin, seeing the intake form's warning, can say that the clock is right now
(:func:`desk_app.services.clock_check.accept_clock`): the floor (:data:`FLOOR_KEY`) then counts
only what was stored after that moment. It is the one way a stamp may come earlier than one
before it, decided by a person and kept with who and when.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desk_app.store.models import Dossier, Setting
from desk_app.store.raw import Raw

# setting: {"dossier_id", "outbox_id"} - the last rows stored when the admin accepted the clock
# (with "by", "at" and "was": who, when by the accepted clock, the floor given up)
FLOOR_KEY = "clock.accepted"


def floor_ids(session: Session) -> tuple[int, int]:
    """Dossier and outbox ids up to which stamps no longer bind (0, 0: all of them bind)."""
    return _floor_ids(Raw(session))


def _floor_ids(raw: Raw) -> tuple[int, int]:
    row = raw.one("SELECT value FROM settings WHERE key = ?", (FLOOR_KEY,))
    value = raw.reader(Setting.__table__, "value")(row[0]) if row else None  # type: ignore[arg-type]
    value = value if isinstance(value, dict) else {}
    return int(value.get("dossier_id", 0)), int(value.get("outbox_id", 0))


def last_stamp(session: Session, raw: Raw | None = None) -> datetime | None:
    """The latest time this desk has stored on a receipt or an outbox event (None: nothing yet),
    counting only what came after the admin last accepted the clock."""
    raw = raw or Raw(session)
    dossier_floor, outbox_floor = _floor_ids(raw)
    # the received_at index walked from its end to the first row after the floor: one step
    # (max() with a WHERE would read the whole index)
    received = raw.one("SELECT received_at FROM dossiers WHERE id > ? ORDER BY received_at DESC"
                       " LIMIT 1", (dossier_floor,))
    event = raw.one("SELECT created_at FROM outbox WHERE id > ? ORDER BY id DESC LIMIT 1",
                    (outbox_floor,))
    read = raw.reader(Dossier.__table__, "received_at")  # type: ignore[arg-type]
    times = [read(t[0]) for t in (received, event) if t is not None and t[0] is not None]
    return max(times) if times else None


def stamp(session: Session, now: datetime, raw: Raw | None = None) -> datetime:
    """``now`` (the clock's time), but never earlier than :func:`last_stamp`; call it inside the
    write transaction that stores the stamp."""
    last = last_stamp(session, raw)
    return last if last is not None and last > now else now
