"""One dossier read once into plain values: the dossier with its procedure version, the names of
its clerks, its components and its history, and the dossiers it is linked to.

The one query both readers of a whole dossier use: the dossier page
(:mod:`desk_app.gui.dossier.view_data`) and the printed forms (:mod:`desk_app.printing.context`).
Each turns the record into its own view; neither queries the store's models for the dossier.
A clerk no longer on the desk reads as an empty name; the reader decides how to show that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk_app.core.lifecycle import RESUMABLE, Status
from desk_app.services.returns import collector_of
from desk_app.store.models import Clerk, Dossier, ProcedureVersion


@dataclass(frozen=True)
class ComponentRecord:
    position: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    originals_required: int
    certified_copies_required: int
    copies_required: int
    missing_note: str


@dataclass(frozen=True)
class EventRecord:
    at: datetime
    clerk_name: str
    action: str
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


@dataclass(frozen=True)
class DossierRecord:
    id: int
    uuid: str
    code: str
    status: str
    commune_id: int
    procedure: str  # the version's name
    procedure_code: str  # the national code of the procedure
    limit_kind: str
    limit_days: int
    sets_count: int
    applicant_name: str
    applicant_id_number: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    rep_name: str
    rep_phone: str
    rep_relation: str
    delivery: str
    delivery_address: str
    fee_amount: int
    outcome_reason: str
    received_at: datetime
    received_by: str  # the clerk's full name
    due_at: datetime | None
    original_due_at: datetime | None
    returned_at: datetime | None
    return_timing: str
    components: tuple[ComponentRecord, ...]
    events: tuple[EventRecord, ...]
    resumable: bool  # left waiting for a supplement: can be taken up again
    resumed_from: tuple[str, int | None] | None  # (code, id) of the dossier it resumed
    resumed_by: tuple[str, int | None] | None  # (code, id) of the dossier resuming it
    collector: dict[str, Any] | None  # who collected the result


def load_dossier_record(session: Session, dossier_id: int) -> DossierRecord | None:
    """The dossier ``dossier_id`` with everything a page or a form shows, or None."""
    d = session.scalars(
        select(Dossier)
        .where(Dossier.id == dossier_id)
        .options(
            selectinload(Dossier.events), selectinload(Dossier.components),
            selectinload(Dossier.procedure_version).selectinload(ProcedureVersion.procedure),
        )
    ).first()
    if d is None:
        return None
    clerk_ids = {d.received_by, *(e.clerk_id for e in d.events)}
    names: dict[int, str] = {cid: name for cid, name in session.execute(
        select(Clerk.id, Clerk.full_name).where(Clerk.id.in_(clerk_ids)))}
    v = d.procedure_version
    return DossierRecord(
        id=d.id, uuid=d.uuid, code=d.code, status=d.status, commune_id=d.commune_id,
        procedure=v.name, procedure_code=v.procedure.national_code,
        limit_kind=v.limit_kind, limit_days=v.limit_days, sets_count=d.sets_count,
        applicant_name=d.applicant_name, applicant_id_number=d.applicant_id_number,
        applicant_address=d.applicant_address, applicant_phone=d.applicant_phone,
        applicant_email=d.applicant_email, rep_name=d.rep_name, rep_phone=d.rep_phone,
        rep_relation=d.rep_relation, delivery=d.delivery, delivery_address=d.delivery_address,
        fee_amount=d.fee_amount, outcome_reason=d.outcome_reason, received_at=d.received_at,
        received_by=names.get(d.received_by, ""), due_at=d.due_at,
        original_due_at=d.original_due_at, returned_at=d.returned_at,
        return_timing=d.return_timing,
        components=tuple(
            ComponentRecord(c.position, c.name, c.originals, c.certified_copies, c.copies,
                            c.originals_required, c.certified_copies_required,
                            c.copies_required, c.missing_note)
            for c in d.components
        ),
        events=tuple(
            EventRecord(e.at, names.get(e.clerk_id, ""), e.action, e.from_status, e.to_status,
                        e.reason, dict(e.data or {}))
            for e in d.events
        ),
        resumable=Status(d.status) in RESUMABLE,
        resumed_from=_link(session, d, "resumed_from"),
        resumed_by=_link(session, d, "resumed_by"),
        collector=collector_of(list(d.events)),
    )


def _link(session: Session, d: Dossier, key: str) -> tuple[str, int | None] | None:
    """The linked dossier named in an event's data: its code, and its id if stored here."""
    for e in d.events:
        link = (e.data or {}).get(key)
        if isinstance(link, dict):
            other = session.scalar(select(Dossier.id).where(Dossier.uuid == link.get("uuid")))
            return str(link.get("code", "")), other
    return None
