"""Rendering forms from the store, keeping each printed PDF with its dossier, and the log.

The order of a print is what makes a failure harmless: the dossier was committed before any
printing starts; the PDF is rendered from what the store holds, written to
``<data>/printed/<dossier uuid>/`` (atomically, fsynced), handed to the printer, and only when
the spooler accepted it is the print logged (:func:`record_print`). A failed print leaves no log
row and no file, so the next attempt is still the original, not a "BẢN IN LẠI".
"""

from __future__ import annotations

import hashlib
import os
import uuid as uuid_mod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.printing import render as r
from desk_app.printing.context import DossierView, load_commune, load_dossier
from desk_app.printing.forms.f07_register import load_rows
from desk_app.printing.templates import load_templates
from desk_app.services import audit
from desk_app.store.models import Dossier
from desk_app.store.models_printing import PrintedForm

PRINTED_DIR = "printed"
REGISTER_DIR = "register"


# the log row of a print that went out, as callers outside the store name it
PrintedRow = PrintedForm


@dataclass
class Rendered:
    form: str
    layout: str
    pdf: bytes
    reprint: bool
    title: str
    paper: str
    dossier_id: int | None = None
    dossier_uuid: str = ""
    code: str = ""
    copies: tuple[int, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def applicable_forms(d: DossierView) -> list[str]:
    """Forms that make sense for a dossier, in form order (the dossier page's print menu)."""
    forms: list[str] = []
    actions = {e.action for e in d.events}
    statuses = {e.to_status for e in d.events}
    if d.status not in ("supplement_requested", "refused") or d.due_at is not None:
        forms.append("01")
    if d.status == "supplement_requested" or "waiting_supplement" in statuses:
        forms.append("02")
    if "refused" in statuses:
        forms.append("03")
    if "extend" in actions:
        forms.append("04")
    if statuses & {"stopped", "withdrawn"}:
        forms.append("05")
    if "01" in forms:
        forms.append("06")
    return forms


def was_printed(session: Session, dossier_id: int, form: str,
                event_at: datetime | None = None) -> bool:
    """Whether form ``form`` of the dossier went out before; with ``event_at``, the form about
    that event (a second extension's apology is a new letter, not a reprint of the first).
    A log row that names no event (written before the log kept it) counts when it was printed
    after the event."""
    if event_at is None:
        return bool(session.scalar(select(exists().where(
            PrintedForm.dossier_id == dossier_id, PrintedForm.form_code == form))))
    rows = session.execute(select(PrintedForm.params, PrintedForm.printed_at).where(
        PrintedForm.dossier_id == dossier_id, PrintedForm.form_code == form))
    for params, printed_at in rows:
        logged = (params or {}).get("event_at")
        if logged == event_at.isoformat() or (logged is None and printed_at >= event_at):
            return True
    return False


def render_form(session: Session, dossier_id: int, form: str, *, now: datetime,
                layout: str | None = None, copies: tuple[int, ...] = (1, 2),
                data_dir: Path | None = None, reprint: bool | None = None) -> Rendered:
    """Render form 01-06 of a dossier, dated the day of its event (not ``now``); a form
    printed before for the same event is marked "BẢN IN LẠI"."""
    if form not in r.BUILDERS:
        raise KnownError("unknown_form", form)
    d = load_dossier(session, dossier_id)
    if form not in applicable_forms(d):
        raise KnownError("form_not_applicable", f"form {form} for {d.code}", form=form)
    tpl = load_templates(d.commune.settings, data_dir)
    event_at = r.EVENT_AT[form](d)
    if reprint is None:
        reprint = was_printed(session, dossier_id, form, event_at)
    layout = layout or r.default_layout(form, tpl)
    pdf = r.render_dossier_form(form, d, tpl, r.Options(now=now, layout=layout,
                                                        reprint=reprint, copies=copies))
    return Rendered(form=form, layout=layout, pdf=pdf, reprint=reprint,
                    title=f"{tpl[form]['title']} - {d.code}", paper=r.PAPER_OF[layout],
                    dossier_id=d.id, dossier_uuid=d.uuid, code=d.code,
                    copies=copies if form == "01" else (),
                    params={"event_at": event_at.isoformat()})


def render_register(session: Session, date_from: date, date_to: date, *, now: datetime,
                    data_dir: Path | None = None) -> Rendered:
    """Render the register (form 07) of dossiers received from ``date_from`` to ``date_to``."""
    if date_to < date_from:
        raise KnownError("bad_date_range", f"{date_from} > {date_to}")
    commune = load_commune(session)
    tpl = load_templates(commune.settings, data_dir)
    rows = load_rows(session, date_from, date_to)
    pdf = r.render_register(rows, commune, date_from, date_to, tpl, r.Options(now=now))
    return Rendered(form="07", layout="a4_landscape", pdf=pdf, reprint=False,
                    title=f"{tpl['07']['title']} {date_from:%d/%m/%Y} - {date_to:%d/%m/%Y}",
                    paper="A4", params={"from": date_from.isoformat(),
                                        "to": date_to.isoformat(), "rows": len(rows)})


def pdf_relpath(rendered: Rendered, at: datetime) -> str:
    folder = rendered.dossier_uuid or REGISTER_DIR
    tag = "-reprint" if rendered.reprint else ""
    return f"{PRINTED_DIR}/{folder}/{rendered.form}-{at:%Y%m%d-%H%M%S}-{uuid_mod.uuid4().hex[:8]}{tag}.pdf"


def save_pdf(data_dir: Path, rendered: Rendered, at: datetime) -> str:
    """Write the PDF under the data folder (temp file, fsync, rename); returns its relpath."""
    rel = pdf_relpath(rendered, at)
    path = data_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(rendered.pdf)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KnownError("pdf_not_saved", str(exc), path=str(path)) from exc
    return rel


def record_print(session: Session, clock: Clock, clerk_id: int, rendered: Rendered,
                 rel_path: str, printer: str) -> PrintedForm:
    """Log a form that left the desk (printer "" = saved as a PDF file only)."""
    row = PrintedForm(
        uuid=str(uuid_mod.uuid4()), dossier_id=rendered.dossier_id, form_code=rendered.form,
        layout=rendered.layout, copies=",".join(str(c) for c in rendered.copies),
        printed_at=clock.now(), clerk_id=clerk_id, reprint=rendered.reprint, printer=printer,
        paper=rendered.paper, pdf_path=rel_path, pdf_sha256=rendered.sha256,
        pdf_bytes=len(rendered.pdf), params=rendered.params,
    )
    session.add(row)
    session.flush()
    dossier = session.get(Dossier, rendered.dossier_id) if rendered.dossier_id else None
    audit.record(session, clerk_id, "print", row.printed_at, dossier=dossier,
                 change={"form": rendered.form, "reprint": rendered.reprint,
                         "printer": printer, "pdf_sha256": rendered.sha256})
    return row


def keep_and_send(data_dir: Path, clock: Clock, rendered: Rendered,
                  send: Callable[[Path], object]) -> str:
    """Keep the PDF and hand it to ``send`` (the printer); its relpath, to log with
    :func:`record_print`. ``send`` raises (a :class:`KnownError` for printer faults) when the
    print did not go out: then the kept file is removed, and nothing is to be logged."""
    rel = save_pdf(data_dir, rendered, clock.now())
    path = data_dir / rel
    try:
        send(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return rel


def deliver(store: Any, clock: Clock, clerk_id: int, data_dir: Path, rendered: Rendered,
            send: Callable[[Path], object], printer: str) -> PrintedForm:
    """:func:`keep_and_send`, then log it in its own write transaction."""
    rel = keep_and_send(data_dir, clock, rendered, send)
    with store.write() as session:
        row = record_print(session, clock, clerk_id, rendered, rel, printer)
        session.expunge(row)
    return row


def printed_history(session: Session, dossier_id: int) -> list[PrintedForm]:
    return list(session.scalars(
        select(PrintedForm).where(PrintedForm.dossier_id == dossier_id)
        .order_by(PrintedForm.id)
    ))


def verify_pdf(data_dir: Path, row: PrintedForm) -> bool:
    """True if the kept PDF is still the one that was printed."""
    path = data_dir / row.pdf_path
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == row.pdf_sha256
