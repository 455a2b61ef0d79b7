"""An administrator's actions on clerk accounts and desk settings: ``fn(session, clock, clerk_id,
...)`` like every other service, refused unless ``clerk_id`` is an active admin."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.errors import FieldError, KnownError, NotFoundError, ValidationError
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.clerks import MIN_PASSWORD, create_clerk, hash_password
from desk_app.services.desk_settings import IDLE_LOCK_SECONDS, set_setting
from desk_app.store.models import Clerk

MAX_IDLE_SECONDS = 8 * 3600


def _require_admin(session: Session, clerk_id: int, action: Action = Action.ACCOUNTS) -> Clerk:
    return require(session, clerk_id, action)


def add_clerk(
    session: Session, clock: Clock, clerk_id: int, username: str, full_name: str,
    password: str, role: str,
) -> Clerk:
    _require_admin(session, clerk_id)
    made = create_clerk(session, clock, username, full_name, password, role)
    audit.record(session, clerk_id, "account.create", clock.now(),
                 change={"username": made.username, "full_name": made.full_name,
                         "role": made.role})
    return made


def set_active(session: Session, clock: Clock, clerk_id: int, target_id: int,
               active: bool) -> Clerk:
    admin = _require_admin(session, clerk_id)
    target = session.get(Clerk, target_id)
    if target is None:
        raise NotFoundError("clerk_not_found", f"clerk {target_id}")
    if target.id == admin.id and not active:
        # also keeps at least one active admin: the one acting is never the one disabled
        raise KnownError("cannot_disable_self", "an admin cannot disable their own account")
    target.active = active
    audit.record(session, clerk_id, "account.unlock" if active else "account.lock",
                 clock.now(), change={"username": target.username})
    return target


def reset_password(session: Session, clock: Clock, clerk_id: int, target_id: int,
                   password: str) -> Clerk:
    """An admin gives a clerk a temporary password, to be changed at the next login; it also
    ends a lockout after wrong passwords."""
    admin = _require_admin(session, clerk_id)
    target = session.get(Clerk, target_id)
    if target is None:
        raise NotFoundError("clerk_not_found", f"clerk {target_id}")
    if len(password) < MIN_PASSWORD:
        raise ValidationError([FieldError("reset_password", "too_short", {"min": MIN_PASSWORD})])
    target.password_hash = hash_password(password)
    target.must_change_password = target.id != admin.id
    target.failed_logins = 0
    target.locked_until = None
    audit.record(session, clerk_id, "account.password", clock.now(),
                 change={"username": target.username})  # never the password itself
    return target


def set_idle_lock(session: Session, clock: Clock, clerk_id: int, seconds: int) -> int:
    _require_admin(session, clerk_id, Action.SETTINGS)
    if not 0 <= seconds <= MAX_IDLE_SECONDS:
        raise ValidationError([FieldError("idle_lock", "out_of_range",
                                          {"min": 0, "max": MAX_IDLE_SECONDS})])
    set_setting(session, IDLE_LOCK_SECONDS, seconds)
    audit.record(session, clerk_id, "settings.idle_lock", clock.now(),
                 change={"seconds": seconds})
    return seconds
