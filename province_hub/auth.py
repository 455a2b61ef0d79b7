"""Credentials: one-time enrolment codes, per-desk credentials, province admin tokens.

A credential is ``dk.<desk id>.<secret>`` (admin: ``adm.<id>.<secret>``); the hub keeps only the
SHA-256 of the secret. The secrets are 256-bit random, so a fast hash is enough (a password
hash such as argon2 would cost ~0.1 s on every call). Enrolment codes are short enough to read
over the phone (12 letters and digits, no look-alikes), single use, and expire. Admin tokens
expire too (90 days unless asked otherwise); a desk's credential lasts until the province
revokes it, the desk rotates it, or the desk re-enrols.

A desk's identity (its desk id: its events, its entities, its rating chain) is never handed to
someone else:

* **Enrolment is idempotent.** The desk makes its new secret itself and sends it with the code
  (it keeps it before asking), so an answer lost on the way is asked again with the same code,
  installation id and secret, and the same credential comes back. The code is spent: anything
  else with it is refused.
* **No takeover.** A fresh code with the installation id of a desk already enrolled re-enrols
  that desk only when the caller proves to be it (its current credential, even revoked, as
  ``previous_credential``), or when the desk never sent anything, or when the province revoked
  it; otherwise ``installation_taken`` (409).
* **Revocation** (``revoke-desk``, ``POST /admin/desks/{id}/revoke``) stops a credential at once
  (401 ``credential_revoked``, which the desk shows in words with "Đăng ký lại"); the desk's
  counter number is free again.
* **Rotation**: the desk sends a new secret of its own (``POST /api/v1/desk/credential``,
  authenticated with the current one); both work until the desk first uses the new one, which
  then replaces the old. A lost answer costs nothing: the old one still works and the desk asks
  again. The province can ask for it (``rotate-desk``): the desk's next pull says so.
* **Counter numbers** (the first digit of a desk's dossier codes) are unique among a commune's
  live desks: a second desk asking for a number in use is refused ``counter_taken`` (409), at
  enrolment or when it declares a new one.

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

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
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
    rotate: bool = False  # the province asked this desk to rotate its credential
    promote: str | None = None  # the hash of a rotated credential used for the first time


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
    if row is None:
        raise AuthError("unauthorized")
    desk, hashed = row[0], digest(secret)
    current = hmac.compare_digest(desk.token_hash, hashed)
    rotated = desk.next_token_hash is not None and hmac.compare_digest(desk.next_token_hash,
                                                                        hashed)
    if not (current or rotated):
        raise AuthError("unauthorized")
    if desk.revoked:
        raise AuthError("credential_revoked")
    # a desk using its rotated credential has done what was asked: no second rotation
    return DeskIdentity(desk.id, desk.commune_id, row[1],
                        rotate=desk.rotate_requested and not rotated,
                        promote=hashed if rotated else None)


def promote(session: Session, who: DeskIdentity) -> None:
    """The desk used its rotated credential: it becomes the only one (the old one stops)."""
    if who.promote is None:
        return
    session.execute(
        update(Desk).where(Desk.id == who.desk_id, Desk.next_token_hash == who.promote)
        .values(token_hash=who.promote, next_token_hash=None, rotate_requested=False)
    )


def _admin(session: Session, token_id: int, secret: str, now: datetime) -> AdminIdentity:
    row = session.get(AdminToken, token_id)
    if row is None or not hmac.compare_digest(row.token_hash, digest(secret)):
        raise AuthError("unauthorized")
    if row.revoked:
        raise AuthError("credential_revoked")
    if row.expires_at <= now:
        raise AuthError("token_expired")
    return AdminIdentity(row.id, row.name)


def _proves(desk: Desk, credential: str | None) -> bool:
    """``credential`` is this desk's own (current or rotated; revoked or not)."""
    try:
        kind, ident, secret = _split(f"Bearer {credential}" if credential else None)
    except AuthError:
        return False
    hashed = digest(secret)
    return kind == "dk" and ident == desk.id and (
        hmac.compare_digest(desk.token_hash, hashed)
        or (desk.next_token_hash is not None and hmac.compare_digest(desk.next_token_hash,
                                                                      hashed)))


def _take_counter(session: Session, desk: Desk, counter: int | None) -> None:
    """Give ``desk`` its counter number, unless another live desk of its commune has it."""
    if counter is None or counter == desk.counter:
        return
    holder = session.scalar(select(Desk.id).where(
        Desk.commune_id == desk.commune_id, Desk.counter == counter,
        Desk.revoked.is_(False), Desk.id != desk.id))
    if holder is not None:
        raise AuthError("counter_taken", 409)
    desk.counter = counter


def _flush(session: Session) -> None:
    """Flush; two desks taking one number at the same moment meet the unique index here."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise AuthError("counter_taken", 409) from exc


def enrol(session: Session, code: str, agency_code: str, installation_id: str, desk_name: str,
          now: datetime, *, secret: str | None = None, counter: int | None = None,
          previous_credential: str | None = None) -> tuple[Desk, Commune, str]:
    """Trade a one-time code for a credential (see the module's docstring for the rules).

    ``secret``: the desk's own new secret (a retry with the same code, installation id and
    secret gets the same answer); None: the hub makes one (older desks; not retry-safe).
    ``counter``: the desk's counter number. ``previous_credential``: proof that the caller is
    the desk already enrolled with this installation id."""
    row = session.scalar(
        select(EnrolmentCode).where(EnrolmentCode.code_hash == digest(normalise_code(code)))
        .with_for_update()
    )
    if row is None or row.expires_at < now:
        raise AuthError("bad_enrolment_code", 403)
    commune = session.get(Commune, row.commune_id)
    assert commune is not None
    if commune.agency_code != agency_code:
        raise AuthError("wrong_commune", 403)
    if row.used_at is not None:  # only the same request again (its answer was lost)
        again = session.get(Desk, row.desk_id) if row.desk_id is not None else None
        if (secret is None or again is None or again.revoked
                or again.installation_id != installation_id
                or not hmac.compare_digest(again.token_hash, digest(secret))):
            raise AuthError("bad_enrolment_code", 403)
        _take_counter(session, again, counter)
        _flush(session)
        return again, commune, f"dk.{again.id}.{secret}"
    desk = session.scalar(select(Desk).where(
        Desk.commune_id == commune.id, Desk.installation_id == installation_id))
    if desk is not None and not (desk.revoked or desk.last_seen_at is None
                                 or _proves(desk, previous_credential)):
        raise AuthError("installation_taken", 409)
    secret = secret or secrets.token_urlsafe(32)
    if desk is None:
        desk = Desk(commune_id=commune.id, installation_id=installation_id, name=desk_name[:200],
                    token_hash=digest(secret), enrolled_at=now, last_seq=0, chain_problems=[],
                    rotate_requested=False)
        session.add(desk)
    else:  # re-enrolment: a new secret; the old credential stops working
        if desk.revoked:  # its number may have gone to another desk meanwhile
            desk.counter = None
        desk.token_hash, desk.next_token_hash, desk.enrolled_at = digest(secret), None, now
        desk.revoked, desk.revoked_at, desk.rotate_requested = False, None, False
        desk.name = desk_name[:200] or desk.name
    _flush(session)
    _take_counter(session, desk, counter)
    _flush(session)
    row.used_at, row.desk_id = now, desk.id
    return desk, commune, f"dk.{desk.id}.{secret}"


# -- the province's and the desk's own acts on a desk's identity -------------------------------

def rotate(session: Session, who: DeskIdentity, secret: str, now: datetime) -> None:
    """Register the desk's next secret; the current one works until the new one is used."""
    desk = session.get(Desk, who.desk_id, with_for_update=True)
    assert desk is not None  # the guard found it
    desk.next_token_hash = digest(secret)
    desk.last_seen_at = now


def declare_counter(session: Session, who: DeskIdentity, counter: int) -> None:
    desk = session.get(Desk, who.desk_id, with_for_update=True)
    assert desk is not None
    _take_counter(session, desk, counter)
    _flush(session)


def revoke_desk(session: Session, desk_id: int, now: datetime) -> bool:
    """Stop a desk's credential at once (and a rotated one not used yet); False when there is
    no such desk. The desk keeps what it has not sent, and re-enrols with a fresh code."""
    desk = session.get(Desk, desk_id, with_for_update=True)
    if desk is None:
        return False
    if not desk.revoked:
        desk.revoked, desk.revoked_at = True, now
    # a rotated credential not used yet is kept: it too is answered "revoked", in words
    desk.rotate_requested = False
    return True


def request_rotation(session: Session, desk_id: int) -> bool:
    """Ask a desk to rotate its credential at its next sync; False when there is no such desk."""
    desk = session.get(Desk, desk_id, with_for_update=True)
    if desk is None:
        return False
    desk.rotate_requested = not desk.revoked
    return True


def desk_rows(session: Session, agency_code: str | None = None) -> list[dict[str, object]]:
    """The desks (of one commune, or all) as the province office sees them."""
    query = select(Desk, Commune.agency_code).join(Commune, Commune.id == Desk.commune_id)
    if agency_code:
        query = query.where(Commune.agency_code == agency_code)
    out: list[dict[str, object]] = []
    for desk, agency in session.execute(query.order_by(Desk.id)):
        out.append({
            "desk_id": desk.id, "agency_code": agency, "name": desk.name,
            "installation_id": desk.installation_id, "counter": desk.counter,
            "enrolled_at": desk.enrolled_at.isoformat(),
            "last_seen_at": desk.last_seen_at.isoformat() if desk.last_seen_at else None,
            "revoked": desk.revoked,
            "revoked_at": desk.revoked_at.isoformat() if desk.revoked_at else None,
            "rotate_requested": desk.rotate_requested,
            "rotation_pending": desk.next_token_hash is not None,
        })
    return out
