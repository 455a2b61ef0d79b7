"""Resuming a dossier left waiting for a supplement (form 02) when the citizen comes back.

:func:`load_resume` reads the first dossier into plain values the intake form fills itself
with (its procedure version only if still in force today; else the clerk picks again).
Saving the new intake with ``IntakeRequest.resumes`` set checks again inside the write
transaction (another window may have resumed it meanwhile) and links the two dossiers:
:mod:`desk_app.services.resume_link`. A dossier can be resumed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from desk_app.services.intake import Person, Received
from desk_app.services.resume_link import check_resumable
from desk_app.store.models import ProcedureVersion


@dataclass(frozen=True)
class ResumeData:
    """What the intake form is filled with when the citizen comes back."""

    dossier_id: int
    code: str
    procedure_title: str  # "1.000894 · Đăng ký kết hôn"
    version_id: int | None  # None: the version is no longer in force, the clerk picks again
    applicant: Person
    representative: Person | None
    components: list[Received]
    missing: list[str]  # what form 02 asked for
    sets_count: int
    delivery: str
    delivery_address: str
    note: str
    received_at: datetime


def _in_force(v: ProcedureVersion, today: date) -> bool:
    return v.effective_from <= today and (v.effective_to is None or v.effective_to >= today)


def load_resume(session: Session, dossier_id: int, today: date) -> ResumeData:
    d = check_resumable(session, dossier_id)
    v = d.procedure_version
    missing: list[str] = []
    for e in d.events:
        if e.action == "intake":
            missing = [str(m.get("name", "")) for m in (e.data or {}).get("missing", [])]
    rep = None
    if d.rep_name or d.rep_id_number:
        rep = Person(full_name=d.rep_name, id_number=d.rep_id_number, phone=d.rep_phone,
                     relation=d.rep_relation)
    return ResumeData(
        dossier_id=d.id, code=d.code,
        procedure_title=f"{v.procedure.national_code} · {v.name}",
        version_id=v.id if _in_force(v, today) else None,
        applicant=Person(
            full_name=d.applicant_name, id_number=d.applicant_id_number,
            birth_date=d.applicant_birth_date, gender=d.applicant_gender,
            address=d.applicant_address, phone=d.applicant_phone, email=d.applicant_email,
        ),
        representative=rep,
        components=[Received(c.position, c.originals, c.certified_copies, c.copies)
                    for c in d.components],
        missing=missing, sets_count=d.sets_count, delivery=d.delivery,
        delivery_address=d.delivery_address if d.delivery == "post" else "",
        note=d.note, received_at=d.received_at,
    )
