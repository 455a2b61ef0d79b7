"""Typed reads and writes of the desk's small key/value settings (table ``settings``).

A setting's text never holds a control character, lone surrogate or non-character
(:func:`desk_app.core.text.forbidden_chars`): some settings are printed or sent (the rating
slip's phrases become the citizen's comment), so :func:`set_setting` refuses them for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.calendar import WorkCalendar
from desk_app.core.text import code_points, forbidden_chars
from desk_app.errors import FieldError, ValidationError
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Commune, Setting

IDLE_LOCK_SECONDS = "gui.idle_lock_seconds"
# a store restored from a backup and not yet reconciled with the province: {at, backup,
# backup_at} (services/backups.py writes it, sync/reconcile.py clears it)
RESTORED = "sync.restored"
DEFAULT_IDLE_LOCK_SECONDS = 300


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def _texts(value: Any) -> list[str]:
    """Every text in a JSON-shaped value (keys included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(k) + _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return []


def set_setting(session: Session, key: str, value: Any) -> None:
    bad = [ch for text in _texts(value) for ch in forbidden_chars(text)]
    if bad:
        raise ValidationError([FieldError(key, "control_chars",
                                          {"codes": code_points(list(dict.fromkeys(bad)))})])
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


@dataclass(frozen=True)
class DeskNames:
    """How the desk names itself on screens: the commune, its parent unit, the desk."""

    parent_name: str = ""
    commune_name: str = ""
    desk_name: str = ""


def desk_names(session: Session) -> DeskNames:
    """The names of the commune this desk serves (empty before it is configured)."""
    commune = session.scalars(select(Commune).limit(1)).first()
    if commune is None:
        return DeskNames()
    return DeskNames(commune.parent_name, commune.name, commune.desk_name)


def work_calendar(session: Session) -> WorkCalendar:
    """The commune's working days and office hours (holidays, swaps, the admin's overrides)."""
    commune = session.scalars(select(Commune).limit(1)).one()
    return load_calendar(session, commune)
