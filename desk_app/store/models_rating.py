"""Store models of the rating area: satisfaction ratings (issue 6).

One row per rating, never a counter. Each row is a frozen snapshot of what was rated (dossier
code, procedure code, clerk's username, slip id) so that the record rebuilt from it hashes the
same years later; :mod:`desk_app.core.ratingchain` chains the rows per desk by ``seq``.
The table is append-only: triggers created by db/versions/0004_rating.py refuse UPDATE and
DELETE, like ``dossier_events``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("desk", "seq", name="uq_ratings_desk_seq"),
        Index("ix_ratings_at", "at"),
        Index("ix_ratings_visit", "dossier_id", "occasion"),
        Index("ix_ratings_overall_at", "overall", "at"),  # migration 0010
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    desk: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int] = mapped_column(Integer)
    agency_code: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    dossier_uuid: Mapped[str] = mapped_column(String(36))
    dossier_code: Mapped[str] = mapped_column(String(60))
    procedure_code: Mapped[str] = mapped_column(String(40))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerks.id"), index=True)
    clerk: Mapped[str] = mapped_column(String(60))  # username at the time of the rating
    occasion: Mapped[str] = mapped_column(String(10))  # return | intake
    at: Mapped[datetime] = mapped_column(DateTime)
    form: Mapped[str] = mapped_column(String(60))  # id of the slip the citizen saw
    overall: Mapped[str] = mapped_column(String(40))
    criteria: Mapped[dict[str, Any]] = mapped_column(default=dict)  # other answers: code -> level
    comment: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[list[Any]] = mapped_column(default=list)  # repeat, timeout ...
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # the citizen's wait (ticket issued -> called) and service (called -> saved) in seconds,
    # when the visit came with a queue ticket (migration 0013); chained only when not None
    wait_s: Mapped[int | None] = mapped_column(Integer)
    service_s: Mapped[int | None] = mapped_column(Integer)


class RatingTally(Base):
    """Ratings per (month rated, procedure version, clerk rated, channel, level), never one
    flagged repeat; kept by a trigger on ``ratings`` (migration 0010)."""

    __tablename__ = "rating_tallies"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clerk_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    overall: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class RatingCriterionTally(Base):
    """The answers to each criterion of the slip, counted as :class:`RatingTally`."""

    __tablename__ = "rating_criteria_tallies"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clerk_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    level: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
