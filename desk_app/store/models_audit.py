"""The audit log (issue 13, "who did what"): one row per write, chained by hash like the
ratings (:mod:`desk_app.core.ratingchain`). Created by ``db/versions/0008_audit.py``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base


class AuditRecord(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    clerk_id: Mapped[int | None] = mapped_column(Integer)
    clerk: Mapped[str] = mapped_column(String(60))  # username at the time ("" before accounts)
    action: Mapped[str] = mapped_column(String(40), index=True)
    dossier_uuid: Mapped[str] = mapped_column(String(36), default="", index=True)
    dossier_code: Mapped[str] = mapped_column(String(60), default="")
    change: Mapped[dict[str, Any]] = mapped_column(default=dict)  # what changed, as written
    change_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
