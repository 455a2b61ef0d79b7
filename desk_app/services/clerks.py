"""Clerk accounts: creation with an argon2id password hash, and login checks."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.text import nfc
from desk_app.errors import FieldError, ValidationError
from desk_app.services.validation import check_text
from desk_app.store.models import Clerk

ROLES = ("clerk", "leader", "admin")
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
    if password_hash is None and len(password) < 8:
        errors.append(FieldError("password", "too_short", {"min": 8}))
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


def authenticate(session: Session, username: str, password: str) -> Clerk | None:
    clerk = session.scalar(select(Clerk).where(Clerk.username == nfc(username).lower()))
    if clerk is None or not clerk.active:
        _hasher.hash("timing-equaliser")  # same cost whether or not the user exists
        return None
    try:
        _hasher.verify(clerk.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return clerk


def has_clerks(session: Session) -> bool:
    return bool(session.scalar(select(func.count(Clerk.id))))
