"""SQLAlchemy 2 typed models of the desk's store.

Times are naive local Vietnam times (see :mod:`desk_app.clock`). JSON columns hold small
structured values (office hours, fee rules, event payloads). ``dossier_events`` is append-only:
triggers created by the migration refuse UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.store.base import Base


class Commune(Base):
    """The commune this desk serves (one row on a desk; the table allows more for the hub)."""

    __tablename__ = "communes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))  # "Ủy ban nhân dân xã Tân Phú"
    parent_name: Mapped[str] = mapped_column(String(200), default="")  # "UBND TỈNH ĐỒNG NAI"
    desk_name: Mapped[str] = mapped_column(
        String(200), default="Bộ phận tiếp nhận và trả kết quả"
    )
    place_name: Mapped[str] = mapped_column(String(100))  # "Tân Phú" (địa danh on forms)
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    office_hours: Mapped[list[Any]] = mapped_column(default=list)
    code_format: Mapped[str] = mapped_column(String(100))
    due_time_policy: Mapped[str] = mapped_column(String(20), default="same_time")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CatalogueRelease(Base):
    __tablename__ = "catalogue_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    effective_from: Mapped[date] = mapped_column(Date)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(300), default="")


class Procedure(Base):
    """A procedure by its national code; its content lives in versions."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    national_code: Mapped[str] = mapped_column(String(40), unique=True)
    versions: Mapped[list[ProcedureVersion]] = relationship(
        back_populates="procedure", order_by="ProcedureVersion.effective_from"
    )


class ProcedureVersion(Base):
    __tablename__ = "procedure_versions"
    __table_args__ = (UniqueConstraint("procedure_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("catalogue_releases.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)  # inclusive; None = open
    name: Mapped[str] = mapped_column(String(400))
    name_folded: Mapped[str] = mapped_column(String(400))
    field: Mapped[str] = mapped_column(String(100), index=True)
    limit_kind: Mapped[str] = mapped_column(String(20))  # working_days | calendar_days | same_day
    limit_days: Mapped[int] = mapped_column(Integer, default=0)
    cutoff: Mapped[str] = mapped_column(String(5), default="15:00")
    fee_rule: Mapped[dict[str, Any]] = mapped_column(default=dict)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    limit_source: Mapped[str] = mapped_column(Text, default="")  # the article setting the limit
    content_hash: Mapped[str] = mapped_column(String(64))

    procedure: Mapped[Procedure] = relationship(back_populates="versions")
    components: Mapped[list[ProcedureComponent]] = relationship(
        order_by="ProcedureComponent.position", cascade="all, delete-orphan"
    )


class ProcedureComponent(Base):
    __tablename__ = "procedure_components"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("procedure_versions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer, default=0)
    certified_copies: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=True)


class Clerk(Base):
    __tablename__ = "clerks"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="clerk")  # clerk | leader | admin
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # wrong passwords in a row; at LOGIN_ATTEMPTS the account waits until locked_until
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    # set when an admin resets the password: the clerk chooses a new one at the next login
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default="0")


class CalendarOverride(Base):
    """An admin's correction to the public-holiday calendar."""

    __tablename__ = "calendar_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # off | work
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("clerks.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CodeCounter(Base):
    """The last sequence number used for one (agency, day); bumped in the dossier's transaction."""

    __tablename__ = "code_counters"

    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_status_due", "status", "due_at"),
        Index("ix_dossiers_received_at", "received_at"),
        # The register (services/register.py) walks these in order and checks its filters
        # inside the index, never in the table: a page costs the same on a million rows.
        Index("ix_dossiers_register_received", "received_at", "status", "procedure_version_id",
              "due_at"),
        Index("ix_dossiers_register_due", "due_at", "status", "procedure_version_id",
              "received_at"),
        # a clerk's dossiers in order of receipt (the clerk filter, per-clerk figures)
        Index("ix_dossiers_received_by", "received_by", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    procedure_version_id: Mapped[int] = mapped_column(
        ForeignKey("procedure_versions.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20), default="desk")  # desk | online | post
    sets_count: Mapped[int] = mapped_column(Integer, default=1)

    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_number: Mapped[str] = mapped_column(String(12), default="", index=True)
    applicant_birth_date: Mapped[date | None] = mapped_column(Date)
    applicant_gender: Mapped[str] = mapped_column(String(5), default="")
    applicant_address: Mapped[str] = mapped_column(String(400), default="")
    # the address as the citizen's scanned card printed it (before 1/7/2025: old units)
    applicant_address_card: Mapped[str] = mapped_column(String(400), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    applicant_email: Mapped[str] = mapped_column(String(200), default="")
    rep_name: Mapped[str] = mapped_column(String(200), default="")
    rep_id_number: Mapped[str] = mapped_column(String(12), default="")
    rep_phone: Mapped[str] = mapped_column(String(20), default="")
    rep_relation: Mapped[str] = mapped_column(String(100), default="")
    # folded "name | address | representative" for diacritic-free search (FTS5 mirrors it)
    search_folded: Mapped[str] = mapped_column(Text, default="")

    delivery: Mapped[str] = mapped_column(String(10), default="desk")  # desk | post
    delivery_address: Mapped[str] = mapped_column(String(400), default="")
    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    # the reason given at a supplement request (form 02) or refusal (form 03) at intake
    outcome_reason: Mapped[str] = mapped_column(Text, default="")

    received_at: Mapped[datetime] = mapped_column(DateTime)
    received_by: Mapped[int] = mapped_column(ForeignKey("clerks.id"))
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    original_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_timing: Mapped[str] = mapped_column(String(10), default="")  # early | on_time | late
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    procedure_version: Mapped[ProcedureVersion] = relationship()
    components: Mapped[list[DossierComponent]] = relationship(
        order_by="DossierComponent.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[DossierEvent]] = relationship(order_by="DossierEvent.id")


class DossierComponent(Base):
    """What the citizen handed in, beside what the procedure version required."""

    __tablename__ = "dossier_components"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    originals_required: Mapped[int] = mapped_column(Integer, default=0)
    certified_copies_required: Mapped[int] = mapped_column(Integer, default=0)
    copies_required: Mapped[int] = mapped_column(Integer, default=0)
    originals: Mapped[int] = mapped_column(Integer, default=0)
    certified_copies: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    missing_note: Mapped[str] = mapped_column(Text, default="")
    # the component's current digitised document (scan_documents.id; None: not digitised)
    scan_document_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def digitised(self) -> bool:
        return self.scan_document_id is not None


class DossierEvent(Base):
    """Append-only history: who did what to a dossier, when and why."""

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerks.id"))
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str] = mapped_column(String(30), default="")
    to_status: Mapped[str] = mapped_column(String(30), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboxEvent(Base):
    """The transactional outbox: one row per change, written in the change's transaction.

    ``id`` is the desk's sequence number for the province; ``sent_at`` is set only after the
    server acknowledged the event.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(30))  # dossier | rating | ...
    entity_uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))  # dossier.received, dossier.status, ...
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Small key/value settings of this desk (desk id, idle lock, printer choices ...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)



class DossierCount(Base):
    """Dossiers per status, kept by triggers on ``dossiers`` in the writing transaction
    (migration 0009): the status bar's counts without counting a million rows."""

    __tablename__ = "dossier_counts"

    status: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ReportTally(Base):
    """What the dossiers received in a month count as (``desk_app.core.indicators.KINDS``),
    per procedure version, receiving clerk and channel; kept by triggers (migration 0010)."""

    __tablename__ = "report_tallies"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clerk_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
