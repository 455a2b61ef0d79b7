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
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.store.models import Dossier, OutboxEvent


def last_stamp(session: Session) -> datetime | None:
    """The latest time this desk has stored on a receipt or an outbox event (None: nothing yet)."""
    received = session.scalar(select(func.max(Dossier.received_at)))
    event = session.scalar(select(OutboxEvent.created_at).order_by(OutboxEvent.id.desc()).limit(1))
    times = [t for t in (received, event) if t is not None]
    return max(times) if times else None


def stamp(session: Session, now: datetime) -> datetime:
    """``now`` (the clock's time), but never earlier than :func:`last_stamp`; call it inside the
    write transaction that stores the stamp."""
    last = last_stamp(session)
    return last if last is not None and last > now else now
