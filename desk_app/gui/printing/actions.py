"""Entry points the rest of the GUI calls: print a form of a dossier, offer the intake slip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desk_app.clock import Clock
from desk_app.gui.printing.dialog import PrintDialog
from desk_app.services.desk_info import dossier_status
from desk_app.store.engine import Store

# the intake outcome decides which slip the citizen takes away
INTAKE_FORM = {"received": "01", "supplement_requested": "02", "refused": "03"}


def print_form(parent: QWidget | None, store: Store, clock: Clock, clerk_id: int,
               dossier_id: int | None, form_code: str = "01", *,
               data_dir: Path | None = None) -> PrintDialog:
    """Open the print dialog (window-modal, non-blocking) on a form of a dossier."""
    dialog = PrintDialog(parent, store, clock, clerk_id, dossier_id, form_code,
                         data_dir=data_dir)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def offer_form01(parent: QWidget | None, store: Store, clock: Clock, clerk_id: int,
                 dossier_id: int, *, data_dir: Path | None = None) -> PrintDialog:
    """After intake: the slip for the outcome (01 received, 02 supplement, 03 refusal),
    ready to print with one Enter."""
    with store.read() as s:  # one row by its key
        status = dossier_status(s, dossier_id) or "received"
    dialog = print_form(parent, store, clock, clerk_id, dossier_id,
                        INTAKE_FORM.get(status, "01"), data_dir=data_dir)
    dialog.print_button.setFocus()
    return dialog


def print_register(parent: QWidget | None, store: Store, clock: Clock, clerk_id: int, *,
                   data_dir: Path | None = None) -> PrintDialog:
    return print_form(parent, store, clock, clerk_id, None, "07", data_dir=data_dir)
