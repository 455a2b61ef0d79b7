"""Who did what (issue 13): every write appends an audit record in its own transaction.

A record names the clerk, the time, the action (:data:`ACTIONS`), the dossier when there is
one, and what changed; it is chained by hash like the citizens' ratings
(:mod:`desk_app.core.ratingchain`): ``hash = sha256(canonical record with prev_hash)``, the
record carrying ``change_hash = sha256(canonical change)``. :func:`verify` finds a record
edited (its hash, or its change's), deleted (a gap in ``seq``, a broken link), inserted or
reordered, and compares the log with the copies in the outbox (a record cut off the end, or
rewritten with new hashes, no longer matches what was sent). Each record also goes to the
province in the outbox (``audit.recorded``), where the chain is checked again.

Leaders and admins read the log (:data:`Action.AUDIT`); nobody edits it through the program.
"""

from __future__ import annotations

import hashlib
import uuid as uuid_mod
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.permissions import Action
from desk_app.core.ratingchain import GENESIS, ChainProblem, canonical_json, check_chain, seal
from desk_app.services.access import require
from desk_app.services.serialize import iso
from desk_app.store import outbox
from desk_app.store.models import OutboxEvent
from desk_app.store.models_audit import AuditRecord
from desk_app.store.raw import Raw

KIND = "audit.recorded"

# the actions recorded, and where (the list the leader's filter offers)
ACTIONS = (
    "dossier.receive", "dossier.supplement", "dossier.refuse",  # services/intake.py
    "dossier.status", "dossier.extend",  # services/lifecycle.py (returns included)
    "print",  # printing/service.py: a form printed or reprinted
    "account.create", "account.lock", "account.unlock", "account.password",  # clerk_admin.py
    "settings.counter", "settings.idle_lock", "settings.calendar", "settings.hours",
    "settings.setup", "settings.backup", "settings.clock",
    "sync.enrol", "backup.restore",
    "dossier.scan", "dossier.scan_reuse",  # services/scans.py (issue 16)
    "settings.queue_host",  # services/queue.py (issue 17)
    "settings.ticket_printer",  # services/ticket_printer.py (issue 17)
    "settings.queue_link", "queue.remote",  # services/queue_host.py, queue_lan/server.py
)


def change_hash(change: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(change)).hexdigest()


def record_of(r: Any) -> dict[str, Any]:
    """The record as it is chained and sent."""
    return {"uuid": r.uuid, "seq": r.seq, "at": iso(r.at), "clerk": r.clerk,
            "action": r.action, "dossier_uuid": r.dossier_uuid,
            "dossier_code": r.dossier_code, "change_hash": r.change_hash,
            "prev_hash": r.prev_hash, "hash": r.hash}


def record(session: Session, clerk_id: int | None, action: str, at: datetime, *,
           dossier: Any = None, change: dict[str, Any] | None = None,
           raw: Raw | None = None, username: str | None = None,
           agency_code: str | None = None) -> None:
    """Append one record in the caller's transaction (it commits or rolls back with the
    write it describes). ``dossier``: a Dossier (or anything with ``uuid`` and ``code``).
    Written through the session's cursor (:class:`Raw`; pass the caller's if it has one,
    and the clerk's username and the commune's agency code if it read them already)."""
    assert action in ACTIONS, action
    raw = raw or Raw(session)
    change = dict(change or {})
    last = raw.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    if username is None:
        clerk = raw.one("SELECT username FROM clerks WHERE id = ?", (clerk_id,)) \
            if clerk_id is not None else None
        username = clerk[0] if clerk else ""
    row = SimpleNamespace(  # the record as verify() reads it back (record_of)
        uuid=str(uuid_mod.uuid4()), seq=(last[0] + 1) if last else 1, at=at,
        clerk_id=clerk_id, clerk=username, action=action,
        dossier_uuid=getattr(dossier, "uuid", "") or "",
        dossier_code=getattr(dossier, "code", "") or "",
        change=change, change_hash=change_hash(change),
        prev_hash=last[1] if last else GENESIS, hash="")
    sealed = seal(row.prev_hash, record_of(row))
    row.hash = sealed["hash"]
    raw.insert(AuditRecord.__table__, {  # type: ignore[arg-type]
        c: getattr(row, c) for c in ("uuid", "seq", "at", "clerk_id", "clerk", "action",
                                     "dossier_uuid", "dossier_code", "change", "change_hash",
                                     "prev_hash", "hash")})
    if agency_code is None:
        commune = raw.one("SELECT agency_code FROM communes LIMIT 1")
        agency_code = commune[0] if commune else ""
    outbox.append_raw(raw, entity="audit", entity_uuid=row.uuid, kind=KIND,
                      payload=sealed | {"agency_code": agency_code, "change": change}, at=at)


def verify(session: Session) -> list[ChainProblem]:
    """Every problem of the local chain (``[]``: intact), in ``seq`` order."""
    rows = list(session.scalars(select(AuditRecord).order_by(AuditRecord.seq, AuditRecord.id)))
    problems = list(check_chain([record_of(r) for r in rows]))
    for r in rows:
        if change_hash(r.change or {}) != r.change_hash:
            problems.append(ChainProblem("edited", r.seq, "the change does not match its hash"))
    # against the copies in the outbox (never deleted): a record cut off the end of the log,
    # or edited with its hashes made again, no longer matches what was sent
    by_uuid = {r.uuid: r for r in rows}
    for uuid, payload in session.execute(select(OutboxEvent.entity_uuid, OutboxEvent.payload)
                                         .where(OutboxEvent.kind == KIND)):
        row = by_uuid.get(uuid)
        seq = payload.get("seq") if isinstance(payload, dict) else None
        if row is None:
            problems.append(ChainProblem("missing", seq, "sent, but no longer in the log"))
        elif not isinstance(payload, dict) or payload.get("hash") != row.hash:
            problems.append(ChainProblem("edited", row.seq, "not what was sent"))
    return sorted(set(problems), key=lambda p: (p.seq or 0, p.code))


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    clerk: str
    action: str
    dossier_code: str
    change: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    clerk: str = ""
    action: str = ""
    dossier_code: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_rows(session: Session, clerk_id: int, flt: AuditFilter,
               limit: int = 2000) -> tuple[list[AuditRow], int]:
    """The newest records matching ``flt`` (at most ``limit``) and how many match in all."""
    require(session, clerk_id, Action.AUDIT)
    q = select(AuditRecord)
    if flt.clerk:
        q = q.where(AuditRecord.clerk == flt.clerk)
    if flt.action:
        q = q.where(AuditRecord.action == flt.action)
    if flt.dossier_code.strip():
        q = q.where(AuditRecord.dossier_code.contains(flt.dossier_code.strip()))
    if flt.date_from:
        q = q.where(AuditRecord.at >= datetime.combine(flt.date_from, datetime.min.time()))
    if flt.date_to:
        q = q.where(AuditRecord.at < datetime.combine(flt.date_to + timedelta(days=1),
                                                      datetime.min.time()))
    total = int(session.scalar(select(func.count()).select_from(q.subquery())) or 0)
    rows = session.scalars(q.order_by(AuditRecord.seq.desc()).limit(limit))
    return [AuditRow(r.seq, r.at, r.clerk, r.action, r.dossier_code, dict(r.change or {}))
            for r in rows], total


def check(session: Session, clerk_id: int) -> list[ChainProblem]:
    """The leader's "Kiểm tra chuỗi": :func:`verify`, for those who may read the log."""
    require(session, clerk_id, Action.AUDIT)
    return verify(session)


def clerk_names(session: Session) -> list[str]:
    return list(session.scalars(select(AuditRecord.clerk).distinct().order_by(AuditRecord.clerk)))
