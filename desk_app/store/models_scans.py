"""Store models of the digitised documents (issue 16; tables made by db/versions/0011_scans.py).

One :class:`ScanDocument` per PDF attached to a dossier: a component's pages (``component_id``)
or the dossier's result (``role = 'result'``, no component). The bytes live in the data folder
under their SHA-256 (:mod:`desk_app.scanning.files`); the row keeps what the figures, the
sync and the GUI need: size, pages, how it came (``source``: scanner, file, folder, or reused),
resolution and mode, who and when. A re-used document (a returning citizen's ID card copy)
is a row of its own with ``source = 'reused'`` and ``reused_from_id`` naming the original; it
names the same file. ``dossier_components.scan_document_id`` is the component's current
document (None: not digitised).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base

SOURCES = ("scanner", "file", "folder", "reused")
ROLES = ("component", "result")


class ScanDocument(Base):
    __tablename__ = "scan_documents"
    __table_args__ = (
        Index("ix_scan_documents_dossier", "dossier_id", "role"),
        Index("ix_scan_documents_sha256", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    component_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_components.id"))
    role: Mapped[str] = mapped_column(String(10))  # component | result
    name: Mapped[str] = mapped_column(String(400), default="")  # the component's name then
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="pdf")
    source: Mapped[str] = mapped_column(String(10))  # scanner | file | folder | reused
    dpi: Mapped[int] = mapped_column(Integer, default=0)
    mode: Mapped[str] = mapped_column(String(10), default="")  # gray | bw | color
    page_info: Mapped[list[Any]] = mapped_column(default=list)
    valid_until: Mapped[date | None] = mapped_column(Date)  # None: no end known
    reused_from_id: Mapped[int | None] = mapped_column(ForeignKey("scan_documents.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("clerks.id"))


class ScanTally(Base):
    """The digitisation figures per (month received, procedure version, receiving clerk,
    channel) of the dossier; kept by triggers (migration 0011)."""

    __tablename__ = "scan_tallies"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clerk_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ScanUpload(Base):
    """A file the province holds whole and verified (db/versions/0012_scan_uploads.py)."""

    __tablename__ = "scan_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    sent_bytes: Mapped[int] = mapped_column(Integer, default=0)  # 0: the hub had it already
