"""The hub's tables (SQLAlchemy 2 typed models; DDL in ``province_hub/migrations``).

``events`` is the record of everything received, one row per event uuid (unique): the dossier
and rating tables are projections of it. Times the hub makes are naive UTC; times a desk made
are kept as the desk sent them (ISO text with +07:00) and, where the summary needs them, as
naive Vietnam times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonType = JSON().with_variant(JSONB(), "postgresql")
# SQLite only autoincrements INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JsonType, list[Any]: JsonType}  # noqa: RUF012 (SQLAlchemy's API)


class Commune(Base):
    __tablename__ = "communes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


LIVE_COUNTER = text("counter IS NOT NULL AND NOT revoked")


class Desk(Base):
    __tablename__ = "desks"
    __table_args__ = (
        Index("ix_desks_commune_installation", "commune_id", "installation_id"),
        # two live desks of a commune never share a counter number (the first digit of the
        # daily sequence of their dossier codes): their codes can never meet
        Index("ux_desks_commune_counter", "commune_id", "counter", unique=True,
              postgresql_where=LIVE_COUNTER, sqlite_where=LIVE_COUNTER),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    installation_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    chain_problems: Mapped[list[Any]] = mapped_column(default=list)
    # where the last check of the rating chain stopped (province_hub.ratings)
    chain_checked: Mapped[dict[str, Any] | None] = mapped_column()
    counter: Mapped[int | None] = mapped_column(SmallInteger)  # 1-9, unique among live desks
    next_token_hash: Mapped[str | None] = mapped_column(String(64))  # rotated, not used yet
    rotate_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))


class AdminToken(Base):
    __tablename__ = "admin_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_desk_seq", "desk_id", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))  # None: the province
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    seq: Mapped[int | None] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(30))
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class EventProblem(Base):
    """An event not stored (a conflict: same uuid, other content; or a refusal), or a flag on
    one stored (a stamp from the future, a province change its desk rejected). For review."""

    __tablename__ = "event_problems"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), index=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    problem: Mapped[str] = mapped_column(String(20))  # conflict | rejected | flagged
    reason: Mapped[str] = mapped_column(String(200), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    event: Mapped[dict[str, Any]] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(DateTime)


class Dossier(Base):
    """The province's copy of a dossier: the latest snapshot folded from its events."""

    __tablename__ = "dossiers"
    __table_args__ = (Index("ix_hub_dossiers_commune_code", "commune_id", "code"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    code: Mapped[str] = mapped_column(String(60))
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    intake_status: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(30))
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)  # moved by an extension (form 04)
    original_due_at: Mapped[datetime | None] = mapped_column(DateTime)  # the intake's: legal
    channel: Mapped[str] = mapped_column(String(20), default="desk")  # desk | online | post
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_timing: Mapped[str] = mapped_column(String(10), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column()
    events: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_desk_seq", "desk_id", "chain_seq"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"), index=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger)
    dossier_uuid: Mapped[str] = mapped_column(String(36), default="")
    overall: Mapped[str] = mapped_column(String(40), default="")
    record: Mapped[dict[str, Any]] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(DateTime)


class FeedItem(Base):
    """What desks pull: catalogue releases, calendar overrides, upstream status changes."""

    __tablename__ = "feed"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("communes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


# -- provincial staff: their own accounts and sessions (province_hub.staff) -----------------

class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the cookie
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    csrf: Mapped[str] = mapped_column(String(64))  # the token every POST of the session carries
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class StaffLoginFailure(Base):
    __tablename__ = "staff_login_failures"
    __table_args__ = (Index("ix_staff_login_failures_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(64))  # the client's IP address
    at: Mapped[datetime] = mapped_column(DateTime)


class Document(Base):
    """A digitised document a desk declared (``document.attached``): what the figures count;
    its file lives outside the database (:mod:`province_hub.files`), named by ``sha256``."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_commune_sha", "commune_id", "sha256"),
                      Index("ix_documents_dossier", "dossier_uuid"))

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    dossier_uuid: Mapped[str] = mapped_column(String(36))
    role: Mapped[str] = mapped_column(String(10))  # component | result
    component: Mapped[int | None] = mapped_column(Integer)  # the component's position
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))  # scanner | file | folder | reused
    reused_from: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class Ticket(Base):
    """A queue ticket of a commune office (issue 17): the latest state folded from its events
    (``ticket.issued`` ... ``ticket.done``), as the desk hosting the queue sent them. Times are
    the desk's, as naive Vietnam times; no personal data (the desk never sends the CCCD)."""

    __tablename__ = "tickets"
    __table_args__ = (Index("ix_tickets_commune_day", "commune_id", "day"),)

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"))
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"))
    day: Mapped[str] = mapped_column(String(10))  # the desk's local day, ISO
    number: Mapped[int] = mapped_column(Integer)
    field_code: Mapped[str] = mapped_column(String(100))
    field_name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))  # waiting | called | absent | done
    counter: Mapped[int | None] = mapped_column(Integer)
    calls: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    events: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
