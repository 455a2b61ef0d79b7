"""Credentials: one-time enrolment codes, per-desk credentials, province admin tokens.

A credential is ``dk.<desk id>.<secret>`` (admin: ``adm.<id>.<secret>``); the hub keeps only the
SHA-256 of the secret. The secrets are 256-bit random, so a fast hash is enough (a password
hash such as argon2 would cost ~0.1 s on every call). Enrolment codes are short enough to read
over the phone (12 letters and digits, no look-alikes), single use, and expire.
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


def make_admin_token(session: Session, name: str, now: datetime) -> str:
    secret = secrets.token_urlsafe(32)
    row = AdminToken(name=name, token_hash=digest(secret), created_at=now)
    session.add(row)
    session.flush()
    return f"adm.{row.id}.{secret}"


@dataclass(frozen=True)
class DeskIdentity:
    desk_id: int
    commune_id: int
    agency_code: str


def _split(header: str | None, prefix: str) -> tuple[int, str]:
    if not header or not header.startswith("Bearer "):
        raise AuthError("unauthorized")
    parts = header[7:].strip().split(".", 2)
    if len(parts) != 3 or parts[0] != prefix or not parts[1].isdigit():
        raise AuthError("unauthorized")
    return int(parts[1]), parts[2]


def desk_identity(session: Session, header: str | None) -> DeskIdentity:
    desk_id, secret = _split(header, "dk")
    row = session.execute(
        select(Desk, Commune.agency_code).join(Commune, Commune.id == Desk.commune_id)
        .where(Desk.id == desk_id)
    ).first()
    if row is None or not hmac.compare_digest(row[0].token_hash, digest(secret)):
        raise AuthError("unauthorized")
    if row[0].revoked:
        raise AuthError("credential_revoked")
    return DeskIdentity(row[0].id, row[0].commune_id, row[1])


def check_admin(session: Session, header: str | None) -> int:
    token_id, secret = _split(header, "adm")
    row = session.get(AdminToken, token_id)
    if row is None or row.revoked or not hmac.compare_digest(row.token_hash, digest(secret)):
        raise AuthError("unauthorized")
    return row.id


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
