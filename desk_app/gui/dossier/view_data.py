"""The dossier page's view of a dossier: plain values in the page's own terms.

Read by the one dossier query of the services (:mod:`desk_app.services.dossier_view`), which the
printed forms use too; this module only renames and shapes, it runs no query of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk_app.services.dossier_view import load_dossier_record

UNKNOWN_CLERK = "?"  # a clerk not on this desk (an event pulled from the province)


@dataclass(frozen=True)
class EventRow:
    at: datetime
    clerk: str
    action: str
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ComponentLine:
    name: str
    got: tuple[int, int, int]
    need: tuple[int, int, int]
    note: str
    digitised: bool = False  # has a scanned document (issue 16)


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
    visits: tuple[Any, ...] = ()  # services.dossier_view.VisitRecord: the queue tickets


def load_view(session: Session, dossier_id: int) -> DossierView | None:
    """The page's view of a dossier, from the one dossier query of the services."""
    r = load_dossier_record(session, dossier_id)
    if r is None:
        return None
    rep = r.rep_name + (f" ({r.rep_relation})" if r.rep_relation else "") if r.rep_name else ""
    return DossierView(
        id=r.id, code=r.code, status=r.status, procedure=r.procedure,
        procedure_code=r.procedure_code, applicant=r.applicant_name,
        applicant_id=r.applicant_id_number, applicant_phone=r.applicant_phone,
        applicant_address=r.applicant_address, representative=rep,
        received_at=r.received_at, received_by=r.received_by or UNKNOWN_CLERK,
        due_at=r.due_at, original_due_at=r.original_due_at, returned_at=r.returned_at,
        return_timing=r.return_timing, delivery=r.delivery, fee_amount=r.fee_amount,
        outcome_reason=r.outcome_reason,
        components=tuple(
            ComponentLine(c.name, (c.originals, c.certified_copies, c.copies),
                          (c.originals_required, c.certified_copies_required, c.copies_required),
                          c.missing_note, c.digitised)
            for c in r.components
        ),
        events=tuple(
            EventRow(e.at, e.clerk_name or UNKNOWN_CLERK, e.action, e.from_status, e.to_status,
                     e.reason, e.data)
            for e in r.events
        ),
        resumable=r.resumable, resumed_from=r.resumed_from, resumed_by=r.resumed_by,
        collector=r.collector, visits=r.visits,
    )
