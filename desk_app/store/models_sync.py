"""Store models of the sync area (issue 5): enrolment, sync status, pull checkpoints, held events.

Tables are created by ``db/versions/0003_sync.py``. None of them ever deletes or rewrites an
outbox row: the outbox stays the one record of what the province must receive.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base
from desk_app.store.sealing import SealedString


class SyncEnrolment(Base):
    """A credential the province issued to this desk. Re-enrolment adds a row, keeps the old."""

    __tablename__ = "sync_enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    hub_url: Mapped[str] = mapped_column(String(300))
    desk_id: Mapped[int] = mapped_column(Integer)
    # sealed with AES-GCM, its key outside the data folder (desk_app/store/sealing.py)
    credential: Mapped[str] = mapped_column(SealedString(200, "sync_enrolments.credential"))
    agency_code: Mapped[str] = mapped_column(String(40))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SyncStatus(Base):
    """One row (id 1): what the last attempts did, for the status-bar indicator."""

    __tablename__ = "sync_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[str] = mapped_column(String(36))
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error_code: Mapped[str] = mapped_column(String(40), default="")
    last_error_detail: Mapped[str] = mapped_column(Text, default="")
    # server clock minus desk clock, seconds, measured at the last answer
    clock_offset_s: Mapped[int | None] = mapped_column(Integer)


class SyncCheckpoint(Base):
    """How far this desk has applied a stream pulled from the province (advanced with the data)."""

    __tablename__ = "sync_checkpoints"

    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SyncHeldEvent(Base):
    """An outbox event the province did not store (conflict or refusal): kept, not retried."""

    __tablename__ = "sync_held_events"

    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))  # conflict | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
