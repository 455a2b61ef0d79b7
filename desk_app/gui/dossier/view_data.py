"""A dossier read once into plain values for the page (no ORM objects kept in widgets)."""

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
class EventRow:
    at: datetime
    clerk: str
    action: str
    from_status: str
    to_status: str
    reason: str
    data: dict


@dataclass(frozen=True)
class ComponentLine:
    name: str
    got: tuple[int, int, int]
    need: tuple[int, int, int]
    note: str


@dataclass(frozen=True)
class DossierView:
    id: int
    code: str
    status: str
    procedure: str
    procedure_code: str
    applicant: str
    applicant_id: str
    applicant_phone: str
    applicant_address: str
    representative: str
    received_at: datetime
    received_by: str
    due_at: datetime | None
    original_due_at: datetime | None
    returned_at: datetime | None
    return_timing: str
    delivery: str
    fee_amount: int
    outcome_reason: str
    components: tuple[ComponentLine, ...]
    events: tuple[EventRow, ...]
    resumable: bool = False  # left waiting for a supplement: can be taken up again
    resumed_from: tuple[str, int | None] | None = None  # (code, id) of the dossier it resumed
    resumed_by: tuple[str, int | None] | None = None  # (code, id) of the dossier resuming it
    collector: dict[str, Any] | None = None  # who collected the result


def load_view(session: Session, dossier_id: int) -> DossierView | None:
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
    names = dict(session.execute(
        select(Clerk.id, Clerk.full_name).where(Clerk.id.in_(clerk_ids))
    ).all())
    rep = d.rep_name + (f" ({d.rep_relation})" if d.rep_relation else "") if d.rep_name else ""
    return DossierView(
        id=d.id, code=d.code, status=d.status,
        procedure=d.procedure_version.name,
        procedure_code=d.procedure_version.procedure.national_code,
        applicant=d.applicant_name, applicant_id=d.applicant_id_number,
        applicant_phone=d.applicant_phone, applicant_address=d.applicant_address,
        representative=rep,
        received_at=d.received_at, received_by=names.get(d.received_by, "?"),
        due_at=d.due_at, original_due_at=d.original_due_at, returned_at=d.returned_at,
        return_timing=d.return_timing, delivery=d.delivery, fee_amount=d.fee_amount,
        outcome_reason=d.outcome_reason,
        components=tuple(
            ComponentLine(c.name, (c.originals, c.certified_copies, c.copies),
                          (c.originals_required, c.certified_copies_required, c.copies_required),
                          c.missing_note)
            for c in d.components
        ),
        events=tuple(
            EventRow(e.at, names.get(e.clerk_id, "?"), e.action, e.from_status, e.to_status,
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
