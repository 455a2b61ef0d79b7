"""Typed reads and writes of the desk's small key/value settings (table ``settings``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desk_app.store.models import Setting

IDLE_LOCK_SECONDS = "gui.idle_lock_seconds"
DEFAULT_IDLE_LOCK_SECONDS = 300


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def idle_lock_seconds(session: Session) -> int:
    """Seconds without keyboard or mouse input before the window locks (0: never)."""
    value = get_setting(session, IDLE_LOCK_SECONDS, DEFAULT_IDLE_LOCK_SECONDS)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_SECONDS
