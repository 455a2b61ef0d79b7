"""Builders for realistic intake requests, shared by tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.services.intake import IntakeRequest, Person, Received
from desk_app.store.models import Procedure, ProcedureVersion


def version_of(session: Session, national_code: str) -> ProcedureVersion:
    return session.scalars(
        select(ProcedureVersion)
        .join(Procedure)
        .where(Procedure.national_code == national_code)
        .order_by(ProcedureVersion.effective_from)
    ).first()  # type: ignore[return-value]


def complete_request(session: Session, national_code: str = "1.004873", **applicant: object) -> IntakeRequest:
    """A request handing in every required component in the required counts."""
    version = version_of(session, national_code)
    person = Person(
        full_name="Đặng Văn Đức",
        id_number="001090012345",
        birth_date=date(1990, 3, 15),
        gender="Nam",
        address="Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội",
        phone="0912 345 678",
        email="duc.dang@example.vn",
    )
    for key, value in applicant.items():
        setattr(person, key, value)
    return IntakeRequest(
        procedure_version_id=version.id,
        applicant=person,
        components=[
            Received(c.position, c.originals, c.certified_copies, c.copies)
            for c in version.components
        ],
    )
