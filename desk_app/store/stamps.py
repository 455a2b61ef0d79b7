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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.store.models import Dossier, OutboxEvent, Setting

# setting: {"dossier_id", "outbox_id"} - the last rows stored when the admin accepted the clock
# (with "by", "at" and "was": who, when by the accepted clock, the floor given up)
FLOOR_KEY = "clock.accepted"


def floor_ids(session: Session) -> tuple[int, int]:
    """Dossier and outbox ids up to which stamps no longer bind (0, 0: all of them bind)."""
    row = session.get(Setting, FLOOR_KEY)
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    return int(value.get("dossier_id", 0)), int(value.get("outbox_id", 0))


def last_stamp(session: Session) -> datetime | None:
    """The latest time this desk has stored on a receipt or an outbox event (None: nothing yet),
    counting only what came after the admin last accepted the clock."""
    dossier_floor, outbox_floor = floor_ids(session)
    received_q = select(func.max(Dossier.received_at))
    if dossier_floor:
        received_q = received_q.where(Dossier.id > dossier_floor)
    received = session.scalar(received_q)
    event = session.scalar(select(OutboxEvent.created_at).where(OutboxEvent.id > outbox_floor)
                           .order_by(OutboxEvent.id.desc()).limit(1))
    times = [t for t in (received, event) if t is not None]
    return max(times) if times else None


def stamp(session: Session, now: datetime) -> datetime:
    """``now`` (the clock's time), but never earlier than :func:`last_stamp`; call it inside the
    write transaction that stores the stamp."""
    last = last_stamp(session)
    return last if last is not None and last > now else now
