"""Provincial staff: their own accounts and sessions for the dashboard (never a desk's
credential, never an admin API token).

* An account is made on the hub's command line (``python -m province_hub staff-add``); the
  password is kept as an argon2 hash (~0.1 s to check: fine for a login, which is why the
  API's tokens use SHA-256 instead).
* A login gives a session: a 256-bit random secret in an HttpOnly, SameSite=Strict cookie
  (Secure over https); the hub keeps only its SHA-256, with a CSRF token that every POST of
  the session must carry, and an expiry (:data:`SESSION_TTL`). Logout deletes it.
* Guessing is limited: after :data:`MAX_FAILURES` failed logins for one user name in
  :data:`WINDOW`, or :data:`MAX_FAILURES_PER_ADDRESS` from one address, logins are refused
  (``too_many``) without looking at the password until the window has passed. The failures
  are rows, so every worker of the hub sees them.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session

from desk_app.core.text import nfc
from province_hub.auth import digest
from province_hub.models import Staff, StaffLoginFailure, StaffSession

SESSION_TTL = timedelta(hours=8)
WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("not a password of anyone")  # an unknown name costs the same time


class LoginRefused(Exception):
    def __init__(self, code: str) -> None:  # bad_credentials | too_many
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class StaffUser:
    staff_id: int
    username: str
    full_name: str
    csrf: str


def create_staff(session: Session, username: str, full_name: str, password: str,
                 now: datetime) -> Staff:
    username = nfc(username).strip().lower()
    if not username or len(username) > 60 or not username.isprintable() or " " in username:
        raise ValueError("a user name is 1-60 characters, no space")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    if session.scalar(select(Staff.id).where(Staff.username == username)) is not None:
        raise ValueError(f"user {username!r} exists already")
    row = Staff(username=username, full_name=nfc(full_name).strip()[:200] or username,
                password_hash=_HASHER.hash(password), created_at=now, disabled=False)
    session.add(row)
    session.flush()
    return row


def login(session: Session, username: str, password: str, address: str,
          now: datetime) -> tuple[str, StaffUser] | LoginRefused:
    """A new session's cookie secret and its user, or why not (returned, not raised: the
    failure it records must be committed)."""
    username = nfc(username).strip().lower()[:60]
    address = address[:64]
    if session.get_bind().dialect.name == "postgresql":
        # guesses sent together are checked one after the other, each counting the failures
        # before it (otherwise all of them count none and all are checked); the locks end with
        # the transaction, name before address in every login (no deadlock)
        for key in (f"staff-login:name:{username}", f"staff-login:address:{address}"):
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": key})
    since = now - WINDOW
    by_name, by_address = session.execute(
        select(func.count().filter(StaffLoginFailure.username == username),
               func.count().filter(StaffLoginFailure.address == address))
        .where(StaffLoginFailure.at > since,
               or_(StaffLoginFailure.username == username,
                   StaffLoginFailure.address == address))).one()
    if by_name >= MAX_FAILURES or by_address >= MAX_FAILURES_PER_ADDRESS:
        return LoginRefused("too_many")
    row = session.scalar(select(Staff).where(Staff.username == username))
    if not _verify(row.password_hash if row else _DUMMY, password) or row is None or row.disabled:
        session.add(StaffLoginFailure(username=username, address=address, at=now))
        session.execute(delete(StaffLoginFailure).where(StaffLoginFailure.at < now - 4 * WINDOW))
        return LoginRefused("bad_credentials")
    secret, csrf = new_token(), new_token()
    session.add(StaffSession(token_hash=digest(secret), staff_id=row.id, csrf=csrf,
                             created_at=now, expires_at=now + SESSION_TTL))
    session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
    return secret, StaffUser(row.id, row.username, row.full_name, csrf)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def user_of(session: Session, secret: str | None, now: datetime) -> StaffUser | None:
    """The staff member whose live session ``secret`` is (None: no session)."""
    if not secret or len(secret) > 100:
        return None
    row = session.execute(
        select(StaffSession, Staff).join(Staff, Staff.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == digest(secret))).first()
    if row is None or row[0].expires_at <= now or row[1].disabled:
        return None
    return StaffUser(row[1].id, row[1].username, row[1].full_name, row[0].csrf)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(sent: str | None, expected: str) -> bool:
    """Constant-time equality of a token sent with the one expected."""
    return bool(sent) and hmac.compare_digest(str(sent).encode(), expected.encode())


def csrf_ok(user: StaffUser, sent: str | None) -> bool:
    return same(sent, user.csrf)


def logout(session: Session, secret: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == digest(secret)))


def change_staff(session: Session, username: str, *, disabled: bool | None = None,
                 password: str | None = None) -> Staff:
    """Shut a staff member out (``disabled=True``), let them back in, or give a new password;
    every change ends their open sessions (a password given to someone who left stops working
    at once, wherever it was used)."""
    row = session.scalar(select(Staff).where(Staff.username == nfc(username).strip().lower()))
    if row is None:
        raise ValueError(f"no staff {username!r}")
    if password is not None:
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
        row.password_hash = _HASHER.hash(password)
    if disabled is not None:
        row.disabled = disabled
    session.execute(delete(StaffSession).where(StaffSession.staff_id == row.id))
    return row
