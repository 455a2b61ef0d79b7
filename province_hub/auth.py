"""Credentials: one-time enrolment codes, per-desk credentials, province admin tokens.

A credential is ``dk.<desk id>.<secret>`` (admin: ``adm.<id>.<secret>``); the hub keeps only the
SHA-256 of the secret. The secrets are 256-bit random, so a fast hash is enough (a password
hash such as argon2 would cost ~0.1 s on every call). Enrolment codes are short enough to read
over the phone (12 letters and digits, no look-alikes), single use, and expire. Admin tokens
expire too (90 days unless asked otherwise); a desk's credential lasts until it is revoked or
the desk re-enrols.

``identify`` names the caller or refuses with 401: no credential, an unknown or wrong one, a
revoked one, an expired admin token. Which caller may call what is decided by the guards of
``province_hub.access`` (403 for the wrong kind of caller).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from province_hub.models import AdminToken, Commune, Desk, EnrolmentCode

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_TTL = timedelta(days=7)
ADMIN_TOKEN_TTL = timedelta(days=90)
ADMIN_TOKEN_MAX_TTL = timedelta(days=366)


class AuthError(Exception):
    def __init__(self, code: str, status: int = 401) -> None:
        super().__init__(code)
        self.code, self.status = code, status


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def issue_code(session: Session, agency_code: str, commune_name: str, now: datetime,
               ttl: timedelta = CODE_TTL) -> str:
    """A one-time enrolment code for a commune (created if new)."""
    commune = session.scalar(select(Commune).where(Commune.agency_code == agency_code))
    if commune is None:
        commune = Commune(agency_code=agency_code, name=commune_name or agency_code,
                          created_at=now)
        session.add(commune)
        session.flush()
    code = new_code()
    session.add(EnrolmentCode(commune_id=commune.id, code_hash=digest(normalise_code(code)),
                              issued_at=now, expires_at=now + ttl))
    return code


def make_admin_token(session: Session, name: str, now: datetime,
                     lifetime: timedelta = ADMIN_TOKEN_TTL) -> str:
    """A province admin token valid from ``now`` for ``lifetime`` (at most a year)."""
    if not timedelta(0) < lifetime <= ADMIN_TOKEN_MAX_TTL:
        raise ValueError(f"an admin token lives from 1 second to {ADMIN_TOKEN_MAX_TTL.days} days")
    secret = secrets.token_urlsafe(32)
    row = AdminToken(name=name, token_hash=digest(secret), created_at=now,
                     expires_at=now + lifetime)
    session.add(row)
    session.flush()
    return f"adm.{row.id}.{secret}"


def revoke_admin_token(session: Session, token_id: int) -> bool:
    """Stop an admin token at once; False when there is no such token."""
    row = session.get(AdminToken, token_id)
    if row is None:
        return False
    row.revoked = True
    return True


@dataclass(frozen=True)
class DeskIdentity:
    desk_id: int
    commune_id: int
    agency_code: str


@dataclass(frozen=True)
class AdminIdentity:
    token_id: int
    name: str


Caller = DeskIdentity | AdminIdentity


def _split(header: str | None) -> tuple[str, int, str]:
    """``Bearer <kind>.<id>.<secret>`` -> (kind, id, secret); anything else names nobody."""
    if not header or not header.startswith("Bearer "):
        raise AuthError("unauthorized")
    parts = header[7:].strip().split(".", 2)
    # ids are 32-bit on PostgreSQL: a longer number must not reach the database (a 500)
    if (len(parts) != 3 or parts[0] not in ("dk", "adm") or not parts[2]
            or not (parts[1].isascii() and parts[1].isdigit() and len(parts[1]) <= 9)):
        raise AuthError("unauthorized")
    return parts[0], int(parts[1]), parts[2]


def identify(session: Session, header: str | None, now: datetime) -> Caller:
    """The desk or the province administrator the ``Authorization`` header names (401 else)."""
    kind, ident, secret = _split(header)
    if kind == "dk":
        return _desk(session, ident, secret)
    return _admin(session, ident, secret, now)


def _desk(session: Session, desk_id: int, secret: str) -> DeskIdentity:
    row = session.execute(
        select(Desk, Commune.agency_code).join(Commune, Commune.id == Desk.commune_id)
        .where(Desk.id == desk_id)
    ).first()
    if row is None or not hmac.compare_digest(row[0].token_hash, digest(secret)):
        raise AuthError("unauthorized")
    if row[0].revoked:
        raise AuthError("credential_revoked")
    return DeskIdentity(row[0].id, row[0].commune_id, row[1])


def _admin(session: Session, token_id: int, secret: str, now: datetime) -> AdminIdentity:
    row = session.get(AdminToken, token_id)
    if row is None or not hmac.compare_digest(row.token_hash, digest(secret)):
        raise AuthError("unauthorized")
    if row.revoked:
        raise AuthError("credential_revoked")
    if row.expires_at <= now:
        raise AuthError("token_expired")
    return AdminIdentity(row.id, row.name)


def enrol(session: Session, code: str, agency_code: str, installation_id: str, desk_name: str,
          now: datetime) -> tuple[Desk, Commune, str]:
    """Trade a one-time code for a credential. The same installation keeps its desk id."""
    row = session.scalar(
        select(EnrolmentCode).where(EnrolmentCode.code_hash == digest(normalise_code(code)))
        .with_for_update()
    )
    if row is None or row.used_at is not None or row.expires_at < now:
        raise AuthError("bad_enrolment_code", 403)
    commune = session.get(Commune, row.commune_id)
    assert commune is not None
    if commune.agency_code != agency_code:
        raise AuthError("wrong_commune", 403)
    secret = secrets.token_urlsafe(32)
    desk = session.scalar(select(Desk).where(
        Desk.commune_id == commune.id, Desk.installation_id == installation_id))
    if desk is None:
        desk = Desk(commune_id=commune.id, installation_id=installation_id, name=desk_name[:200],
                    token_hash=digest(secret), enrolled_at=now, last_seq=0, chain_problems=[])
        session.add(desk)
    else:  # re-enrolment: a new secret; the old credential stops working
        desk.token_hash, desk.revoked, desk.enrolled_at = digest(secret), False, now
        desk.name = desk_name[:200] or desk.name
    session.flush()
    row.used_at, row.desk_id = now, desk.id
    return desk, commune, f"dk.{desk.id}.{secret}"
