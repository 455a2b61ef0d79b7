"""Which desk hosts the office's queue (issue 17): setting ``queue.host``, set by an admin.

The queue's tickets live in the store of the desk where the ticket kiosk runs; the other
counters reach it over the office LAN. One desk of an office should host; the tickets already
in a store stay where they are when the setting changes.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.desk_settings import get_setting, set_setting

HOST = "queue.host"  # setting: True on the desk whose store holds the office's queue


def is_host(session: Session) -> bool:
    """Whether this desk hosts the queue (the ticket kiosk runs on it)."""
    return get_setting(session, HOST) is True


def set_host(session: Session, clock: Clock, clerk_id: int, host: bool) -> bool:
    """An admin makes this desk the queue's host (or no longer). One desk of an office should
    host; the tickets already in this store stay where they are either way."""
    require(session, clerk_id, Action.SETTINGS)
    set_setting(session, HOST, bool(host))
    audit.record(session, clerk_id, "settings.queue_host", clock.now(),
                 change={"host": bool(host)})
    return bool(host)
