"""Rebuilding what a desk restored from an older backup lost, from its own events the province
holds (pulled back by :mod:`desk_app.sync.reconcile`).

Each event comes back into the outbox under its own uuid and seq, marked sent (nothing is sent
twice), and what it describes is rebuilt in the store: a dossier from its intake (the province's
copy carries the applicant, the representative, the components as handed in, the procedure and
version, the code, the receipt and due times, the fee, the channel and the delivery), its status
changes (a return with its timing and collector), extensions, the resumption link, the
citizens' ratings with their chain hashes, and the queue: its tickets (on the desk hosting it)
and the tickets each dossier was served with. The daily code counters move past every code pulled
back, so no code is issued twice.

What the province's copy does not carry stays lost and is said (:data:`NOT_CARRIED`): the
clerk who received a dossier (the rebuilt history names the one who restored), the card's
original address, the delivery address and the clerk's note, the printed-form records.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.text import fold
from desk_app.store.models import (
    Clerk,
    CodeCounter,
    Commune,
    Dossier,
    DossierComponent,
    DossierEvent,
    OutboxEvent,
    Procedure,
    ProcedureVersion,
)
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_queue import QueueTicket, TicketVisit
from desk_app.store.models_rating import Rating

log = logging.getLogger(__name__)

NOT_CARRIED = ("received_by", "card_address", "delivery_address", "note", "printed_forms")
REBUILT = {"rebuilt_from_province": True}


def local_time(text: str | None) -> datetime | None:
    """'2026-11-23T09:41:07+07:00' -> naive Vietnam time, as the desk stores it."""
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=None)


def insert_event(session: Session, ev: dict[str, Any], now: datetime) -> None:
    session.add(OutboxEvent(
        id=int(ev["seq"]), uuid=ev["uuid"], entity=ev["entity"], entity_uuid=ev["entity_uuid"],
        kind=ev["kind"], payload=ev["payload"], created_at=local_time(ev["created_at"]),
        sent_at=now, attempts=1))


def apply_event(session: Session, ev: dict[str, Any], fallback_clerk: int, counter: int | None,
                ) -> str:
    """Rebuild what one pulled-back event describes; '' when done, else why it could not be."""
    kind, payload = ev["kind"], ev["payload"]
    if kind == "dossier.intake":
        return _intake(session, payload, fallback_clerk, counter)
    if kind == "audit.recorded":
        return _audit(session, payload)
    if kind.startswith("ticket."):
        return _ticket(session, payload)
    dossier = session.scalars(select(Dossier).where(Dossier.uuid == ev["entity_uuid"])).first()
    if kind == "rating.recorded":
        return _rating(session, payload, dossier, fallback_clerk)
    if dossier is None:
        return "dossier_missing"
    at = local_time(payload.get("at")) or dossier.updated_at
    clerk = _clerk(session, payload.get("clerk"), fallback_clerk)
    if kind == "dossier.status":
        data = {k: payload[k] for k in ("return_timing", "collector") if payload.get(k)}
        if payload["to"] == "returned":
            dossier.returned_at = at
            dossier.return_timing = payload.get("return_timing") or ""
            _visit(session, dossier.id, "return", payload.get("ticket"))
        session.add(DossierEvent(dossier_id=dossier.id, at=at, clerk_id=clerk, action="status",
                                 from_status=payload.get("from", ""), to_status=payload["to"],
                                 reason=payload.get("reason", ""), data=data | REBUILT))
        dossier.status = payload["to"]
    elif kind == "dossier.extend":
        dossier.due_at = local_time(payload.get("new_due_at"))
        session.add(DossierEvent(dossier_id=dossier.id, at=at, clerk_id=clerk, action="extend",
                                 from_status=dossier.status, to_status=dossier.status,
                                 reason=payload.get("reason", ""),
                                 data={"old_due_at": payload.get("old_due_at"),
                                       "new_due_at": payload.get("new_due_at")} | REBUILT))
    elif kind == "dossier.resumed":
        session.add(DossierEvent(dossier_id=dossier.id, at=at, clerk_id=clerk, action="resumed",
                                 from_status=dossier.status, to_status=dossier.status,
                                 data={"resumed_by": payload.get("resumed_by")} | REBUILT))
    elif kind == "dossier.province_rejected":
        pass  # the desk's report to the province: nothing of the desk's own to rebuild
    else:
        return "unknown_kind"
    dossier.updated_at = max(dossier.updated_at, at)
    return ""


def _clerk(session: Session, username: object, fallback: int) -> int:
    if isinstance(username, str) and username:
        found = session.scalar(select(Clerk.id).where(Clerk.username == username))
        if found is not None:
            return int(found)
    return fallback


def _intake(session: Session, p: dict[str, Any], fallback_clerk: int,
            counter: int | None) -> str:
    if session.scalar(select(Dossier.id).where(Dossier.uuid == p["uuid"])) is not None:
        return ""  # already here (an event pulled twice)
    version = session.scalars(
        select(ProcedureVersion).join(Procedure)
        .where(Procedure.national_code == p.get("procedure_code"),
               ProcedureVersion.effective_from == date.fromisoformat(p["procedure_version"]))
    ).first()
    if version is None:
        return "procedure_unknown"
    commune = session.scalars(select(Commune).limit(1)).one()
    a, r = p.get("applicant") or {}, p.get("representative") or {}
    received = local_time(p["received_at"])
    assert received is not None
    due = local_time(p.get("due_at"))
    dossier = Dossier(
        uuid=p["uuid"], code=p["code"], commune_id=commune.id, procedure_version_id=version.id,
        status=p.get("status", "received"), channel=p.get("channel", "desk"),
        sets_count=int(p.get("sets_count") or 1),
        applicant_name=a.get("full_name", ""), applicant_id_number=a.get("id_number", ""),
        applicant_birth_date=date.fromisoformat(a["birth_date"]) if a.get("birth_date") else None,
        applicant_gender=a.get("gender", ""), applicant_address=a.get("address", ""),
        applicant_phone=a.get("phone", ""), applicant_email=a.get("email", ""),
        rep_name=r.get("full_name", ""), rep_id_number=r.get("id_number", ""),
        rep_phone=r.get("phone", ""), rep_relation=r.get("relation", ""),
        search_folded=fold(" | ".join(x for x in (a.get("full_name"), a.get("address"),
                                                  r.get("full_name")) if x)),
        delivery=p.get("delivery", "desk"), fee_amount=int(p.get("fee_amount") or 0),
        outcome_reason=p.get("reason") or "", received_at=received,
        received_by=fallback_clerk, due_at=due, original_due_at=due, updated_at=received,
    )
    specs = {c.name: c for c in version.components}
    for pos, c in enumerate(p.get("components") or [], start=1):
        spec = specs.get(c.get("name", ""))
        dossier.components.append(DossierComponent(
            position=spec.position if spec else pos, name=c.get("name", ""),
            required=bool(c.get("required", True)),
            originals_required=spec.originals if spec else 0,
            certified_copies_required=spec.certified_copies if spec else 0,
            copies_required=spec.copies if spec else 0,
            originals=int(c.get("originals") or 0),
            certified_copies=int(c.get("certified_copies") or 0),
            copies=int(c.get("copies") or 0)))
    session.add(dossier)
    session.flush()
    session.add(DossierEvent(dossier_id=dossier.id, at=received, clerk_id=fallback_clerk,
                             action="intake", from_status="", to_status=dossier.status,
                             reason=dossier.outcome_reason,
                             data=dict(p.get("intake") or {}) | REBUILT))
    _visit(session, dossier.id, "intake", p.get("ticket"))
    _count_code(session, commune.agency_code, received.date(), p["code"], counter)
    return ""


def _visit(session: Session, dossier_id: int, occasion: str, t: Any) -> None:
    """The queue ticket the dossier was served with (``"ticket"`` of its event), if any."""
    if not isinstance(t, dict) or not t.get("uuid"):
        return
    issued, called = local_time(t.get("issued_at")), local_time(t.get("called_at"))
    served = local_time(t.get("served_at"))
    if issued is None or called is None or served is None:
        return
    session.add(TicketVisit(
        dossier_id=dossier_id, occasion=occasion, ticket_uuid=t["uuid"],
        number=int(t.get("number") or 0), day=date.fromisoformat(t["day"]),
        field_code=str(t.get("field_code") or ""), counter=int(t.get("counter") or 0),
        issued_at=issued, called_at=called, served_at=served))


def _ticket(session: Session, p: dict[str, Any]) -> str:
    """A queue ticket of this desk (it hosts the queue) in the state its event says; the CCCD
    hash is not carried (never sent). A number the restored store gave again meanwhile keeps
    the ticket made here (said as ``ticket_number_taken``)."""
    row = session.scalar(select(QueueTicket).where(QueueTicket.uuid == p.get("uuid")))
    if row is None:
        day = date.fromisoformat(p["day"])
        if session.scalar(select(QueueTicket.id).where(
                QueueTicket.day == day, QueueTicket.number == p.get("number"))) is not None:
            return "ticket_number_taken"
        issued = local_time(p.get("issued_at"))
        assert issued is not None
        row = QueueTicket(uuid=p["uuid"], day=day, number=int(p["number"]), issued_at=issued,
                          field_code=p.get("field_code", ""), field_name=p.get("field_name", ""))
        session.add(row)
    row.status = p.get("status", "waiting")
    row.counter = p.get("counter")
    row.calls = int(p.get("calls") or 0)
    for name in ("called_at", "last_called_at", "transferred_at", "finished_at"):
        setattr(row, name, local_time(p.get(name)))
    session.flush()
    return ""


def _count_code(session: Session, agency: str, day: date, code: str,
                counter: int | None) -> None:
    """The day's counter past this code (its sequence: the counter digit, then the count)."""
    tail = code.rsplit("-", 1)[-1]
    if counter is None or not tail.isdigit() or len(tail) < 2 or tail[0] != str(counter):
        return
    count = int(tail[1:])
    row = session.get(CodeCounter, (agency, day))
    if row is None:
        session.add(CodeCounter(agency_code=agency, day=day, last_seq=count))
    elif row.last_seq < count:
        row.last_seq = count


def _audit(session: Session, rec: dict[str, Any]) -> str:
    """The audit record as it was chained (its clerk by name; the id if the account exists)."""
    if session.scalar(select(AuditRecord.id).where(AuditRecord.uuid == rec.get("uuid"))):
        return ""
    clerk = session.scalar(select(Clerk.id).where(Clerk.username == rec.get("clerk")))
    at = local_time(rec.get("at"))
    assert at is not None
    session.add(AuditRecord(
        uuid=rec["uuid"], seq=int(rec["seq"]), at=at, clerk_id=clerk, clerk=rec.get("clerk", ""),
        action=rec["action"], dossier_uuid=rec.get("dossier_uuid", ""),
        dossier_code=rec.get("dossier_code", ""), change=dict(rec.get("change") or {}),
        change_hash=rec["change_hash"], prev_hash=rec["prev_hash"], hash=rec["hash"]))
    return ""


def _rating(session: Session, rec: dict[str, Any], dossier: Dossier | None,
            fallback_clerk: int) -> str:
    if session.scalar(select(Rating.id).where(Rating.uuid == rec.get("uuid"))) is not None:
        return ""
    if dossier is None:
        dossier = session.scalars(select(Dossier).where(
            Dossier.uuid == rec.get("dossier_uuid"))).first()
    if dossier is None:
        return "dossier_missing"
    at = local_time(rec.get("at"))
    assert at is not None
    session.add(Rating(
        uuid=rec["uuid"], desk=rec["desk"], seq=int(rec["seq"]), agency_code=rec["agency_code"],
        dossier_id=dossier.id, dossier_uuid=rec["dossier_uuid"],
        dossier_code=rec["dossier_code"], procedure_code=rec["procedure_code"],
        clerk_id=_clerk(session, rec.get("clerk"), fallback_clerk), clerk=rec.get("clerk", ""),
        occasion=rec["occasion"], at=at, form=rec["form"], overall=rec["overall"],
        criteria=dict(rec.get("criteria") or {}), comment=rec.get("comment", ""),
        flags=list(rec.get("flags") or []), prev_hash=rec["prev_hash"], hash=rec["hash"],
        wait_s=_seconds(rec.get("wait_s")), service_s=_seconds(rec.get("service_s"))))
    return ""


def _seconds(value: Any) -> int | None:
    """A queue time of the record (chained when present: kept exactly, else the hash breaks)."""
    return value if type(value) is int else None
