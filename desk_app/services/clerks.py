"""Clerk accounts: creation with an argon2id password hash, login with a lockout after
wrong passwords, and the clerk's own password change.

:func:`login` writes (it counts wrong passwords), so it runs in a write transaction: after
:data:`LOGIN_ATTEMPTS` wrong passwords in a row the account waits :data:`LOCKOUT` before any
password is even checked. A password an admin has reset must be changed at the next login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.text import nfc
from desk_app.errors import FieldError, NotFoundError, ValidationError
from desk_app.services.validation import check_text
from desk_app.store.models import Clerk

ROLES = ("clerk", "leader", "admin")
LOGIN_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD = 8
_hasher = PasswordHasher()  # argon2id with the library's current defaults


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_clerk(
    session: Session, clock: Clock, username: str, full_name: str, password: str,
    role: str = "clerk", *, password_hash: str | None = None,
) -> Clerk:
    username = nfc(username).lower()
    full_name = nfc(full_name)
    errors = []
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        errors.append(FieldError("username", "bad_username"))
    elif session.scalar(select(Clerk.id).where(Clerk.username == username)):
        errors.append(FieldError("username", "taken"))
    errors += check_text("full_name", full_name, required=True)  # printed on the forms
    if password_hash is None and len(password) < MIN_PASSWORD:
        errors.append(FieldError("password", "too_short", {"min": MIN_PASSWORD}))
    if role not in ROLES:
        errors.append(FieldError("role", "bad_choice"))
    if errors:
        raise ValidationError(errors)
    clerk = Clerk(
        username=username, full_name=full_name, role=role,
        password_hash=password_hash or hash_password(password), created_at=clock.now(),
    )
    session.add(clerk)
    session.flush()
    return clerk


def _verify(clerk: Clerk, password: str) -> bool:
    try:
        return bool(_hasher.verify(clerk.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> Clerk | None:
    """The clerk if the password is right (no counting: see :func:`login`)."""
    clerk = session.scalar(select(Clerk).where(Clerk.username == nfc(username).lower()))
    if clerk is None or not clerk.active:
        _hasher.hash("timing-equaliser")  # same cost whether or not the user exists
        return None
    return clerk if _verify(clerk, password) else None


@dataclass(frozen=True)
class LoginResult:
    """``outcome``: ``ok``, ``wrong`` (unknown user or wrong password) or ``locked``.

    ``attempts_left`` counts wrong passwords still allowed before the lockout; ``until`` is the
    end of a lockout. ``clerk_id`` is set only when ``ok``.
    """

    outcome: str
    clerk_id: int | None = None
    must_change_password: bool = False
    attempts_left: int = LOGIN_ATTEMPTS
    until: datetime | None = None


def login(session: Session, clock: Clock, username: str, password: str) -> LoginResult:
    """Check a password and count the wrong ones (call in a write transaction)."""
    now = clock.now()
    clerk = session.scalar(select(Clerk).where(Clerk.username == nfc(username).lower()))
    if clerk is None or not clerk.active:
        _hasher.hash("timing-equaliser")
        return LoginResult("wrong")
    if clerk.locked_until is not None and now < clerk.locked_until:
        return LoginResult("locked", until=clerk.locked_until, attempts_left=0)
    if not _verify(clerk, password):
        clerk.failed_logins = (clerk.failed_logins or 0) + 1
        if clerk.failed_logins >= LOGIN_ATTEMPTS:
            clerk.failed_logins = 0
            clerk.locked_until = now + LOCKOUT
            return LoginResult("locked", until=clerk.locked_until, attempts_left=0)
        return LoginResult("wrong", attempts_left=LOGIN_ATTEMPTS - clerk.failed_logins)
    clerk.failed_logins = 0
    clerk.locked_until = None
    return LoginResult("ok", clerk.id, bool(clerk.must_change_password))


def change_own_password(session: Session, clock: Clock, clerk_id: int, password: str,
                        password2: str) -> Clerk:
    """The clerk sets a new password (required after an admin's reset)."""
    clerk = session.get(Clerk, clerk_id)
    if clerk is None or not clerk.active:
        raise NotFoundError("clerk_not_found", f"clerk {clerk_id}")
    errors = []
    if len(password) < MIN_PASSWORD:
        errors.append(FieldError("password", "too_short", {"min": MIN_PASSWORD}))
    elif _verify(clerk, password):
        errors.append(FieldError("password", "same_password"))
    if password != password2:
        errors.append(FieldError("password2", "mismatch"))
    if errors:
        raise ValidationError(errors)
    clerk.password_hash = hash_password(password)
    clerk.must_change_password = False
    return clerk


def has_clerks(session: Session) -> bool:
    return bool(session.scalar(select(func.count(Clerk.id))))


@dataclass(frozen=True)
class ClerkRow:
    """A clerk account as screens show it (no ORM object leaves the session)."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool


def clerk_row(session: Session, clerk_id: int) -> ClerkRow:
    clerk = session.get(Clerk, clerk_id)
    if clerk is None:
        raise NotFoundError("clerk_not_found", f"clerk {clerk_id}")
    return ClerkRow(clerk.id, clerk.username, clerk.full_name, clerk.role, clerk.active)


def clerk_rows(session: Session) -> list[ClerkRow]:
    """Every account, in the order they were created (the admin's list)."""
    return [ClerkRow(c.id, c.username, c.full_name, c.role, c.active)
            for c in session.scalars(select(Clerk).order_by(Clerk.id))]
