"""Store models of the printing area: the log of printed forms (issue 4).

Every form that left the desk (printed, or saved as PDF) gets one row. The PDF itself is kept
as a file under the data folder (``printed/<dossier uuid>/...pdf``, path relative to the data
folder) with its SHA-256 here: a slip is ~30-60 kB with embedded font subsets, and a desk prints
hundreds a week, so files keep the database small and backups quick, while the hash proves the
file is the one that was printed. Tables are created by db/versions/0002_printing.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base


class PrintedForm(Base):
    """One printed (or saved) copy of a form: which, of what, by whom, where, and the PDF."""

    __tablename__ = "printed_forms"
    __table_args__ = (Index("ix_printed_forms_dossier_form", "dossier_id", "form_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    # None for the register (form 07), which names no single dossier
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))
    form_code: Mapped[str] = mapped_column(String(4))  # "01" .. "07"
    layout: Mapped[str] = mapped_column(String(20))  # a4_two_up | a5 | thermal80 | a4 | ...
    copies: Mapped[str] = mapped_column(String(20), default="")  # "1,2" = Liên 1 and Liên 2
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerks.id"))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    printer: Mapped[str] = mapped_column(String(200), default="")  # "" = saved/previewed only
    paper: Mapped[str] = mapped_column(String(20), default="")
    pdf_path: Mapped[str] = mapped_column(String(400))  # relative to the data folder
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    pdf_bytes: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)  # e.g. register date range
