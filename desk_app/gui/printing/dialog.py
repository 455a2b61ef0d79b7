"""The print dialog: preview (QtPdf) of exactly what will print, form, layout, copies, printer.

What the preview shows is the PDF that goes to the printer and is kept with the dossier. The
printer, layout and copies chosen for a form are remembered in the desk's settings. A printer
fault is shown in the dialog in Vietnamese; the dialog stays open to retry or pick another
printer, and the dossier, saved before, is untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.gui import messages
from desk_app.gui.printing import qt_spool
from desk_app.gui.printing.texts import FORM_NAMES, LAYOUT_NAMES, print_error_text
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import load_dossier
from desk_app.printing.prefs import FormPrefs, load_prefs, save_prefs
from desk_app.printing.spool import CupsSpooler
from desk_app.store.engine import Store
from desk_app.store.models_printing import PrintedForm

log = logging.getLogger(__name__)

Sender = Callable[[Path, str, service.Rendered], object]


def system_sender(pdf: Path, printer: str, rendered: service.Rendered) -> object:
    """CUPS's ``lp`` where there is one (vector output), else QPrinter (Windows)."""
    if CupsSpooler.available():
        return CupsSpooler().submit(pdf, printer, paper=rendered.paper, title=rendered.title)
    return qt_spool.print_pdf(pdf, printer, title=rendered.title)


class PrintDialog(QDialog):
    """Preview and print one form of a dossier (or the register, form 07)."""

    printed = Signal(object)  # the PrintedForm row

    def __init__(self, parent: QWidget | None, store: Store, clock: Clock, clerk_id: int,
                 dossier_id: int | None, form: str = "01", *, data_dir: Path | None = None,
                 sender: Sender = system_sender,
                 printers: Callable[[], list[str]] = qt_spool.printer_names) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.store, self.clock, self.clerk_id = store, clock, clerk_id
        self.dossier_id = dossier_id
        self.data_dir = data_dir or store.path.parent
        self.sender = sender
        self.rendered: service.Rendered | None = None
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None

        if dossier_id is None:
            forms, code = ["07"], ""
        else:
            with store.read() as s:
                view = load_dossier(s, dossier_id)
            forms, code = service.applicable_forms(view), view.code
        if form not in forms and forms:
            form = forms[0]
        self.setWindowTitle(f"In phiếu - {code}" if code else "In sổ theo dõi hồ sơ")

        self.form_box = QComboBox(objectName="formBox")
        for f in forms:
            self.form_box.addItem(FORM_NAMES[f], f)
        self.layout_box = QComboBox(objectName="layoutBox")
        self.copy1 = QCheckBox("Liên 1: Lưu", objectName="copy1")
        self.copy2 = QCheckBox("Liên 2: Giao người nộp", objectName="copy2")
        self.date_from = QDateEdit(objectName="dateFrom", calendarPopup=True)
        self.date_to = QDateEdit(objectName="dateTo", calendarPopup=True)
        today = clock.now().date()
        for edit, day in ((self.date_from, today.replace(day=1)), (self.date_to, today)):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.printer_box = QComboBox(objectName="printerBox")
        self.printer_box.addItems(printers())
        self.paper_label = QLabel(objectName="paperLabel")
        self.reprint_label = QLabel("<b style='color:#b00020'>BẢN IN LẠI</b>: phiếu này đã được "
                                    "in trước đây; bản in mới ghi rõ là bản in lại.",
                                    objectName="reprintLabel")
        self.error_label = QLabel(objectName="errorLabel", wordWrap=True)
        self.error_label.setStyleSheet("color:#b00020; font-weight:bold")
        self.error_label.hide()

        form_layout = self.form_layout = QFormLayout()
        form_layout.addRow("Mẫu phiếu", self.form_box)
        form_layout.addRow("Cách in", self.layout_box)
        copies = QHBoxLayout()
        copies.addWidget(self.copy1)
        copies.addWidget(self.copy2)
        self.copies_row = QWidget()
        self.copies_row.setLayout(copies)
        form_layout.addRow("Số liên", self.copies_row)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.date_to)
        self.dates_row = QWidget()
        self.dates_row.setLayout(dates)
        form_layout.addRow("Từ ngày", self.dates_row)
        form_layout.addRow("Máy in", self.printer_box)
        form_layout.addRow("Khổ giấy", self.paper_label)

        self.print_button = QPushButton("In", objectName="printButton", default=True)
        self.save_button = QPushButton("Lưu PDF…", objectName="saveButton")
        self.close_button = QPushButton("Đóng", objectName="closeButton")
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self.ask_save_pdf)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)

        side = QVBoxLayout()
        side.addLayout(form_layout)
        side.addWidget(self.reprint_label)
        side.addWidget(self.error_label)
        side.addStretch(1)
        side.addLayout(buttons)
        self.doc = QPdfDocument(self)
        self.view = QPdfView(self, objectName="preview")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        main = QHBoxLayout(self)
        main.addWidget(self.view, 3)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(360)
        main.addWidget(side_widget, 2)
        self.resize(1100, 760)

        self.form_box.setCurrentIndex(max(0, self.form_box.findData(form)))
        self._load_prefs()
        self.form_box.currentIndexChanged.connect(self._form_changed)
        self.layout_box.currentIndexChanged.connect(self.refresh)
        self.copy1.toggled.connect(self.refresh)
        self.copy2.toggled.connect(self.refresh)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.refresh()

    # -- state ------------------------------------------------------------------------------

    @property
    def form(self) -> str:
        return str(self.form_box.currentData())

    def _form_changed(self) -> None:
        self._load_prefs()
        self.refresh()

    def _load_prefs(self) -> None:
        form = self.form
        with self.store.read() as s:
            prefs = load_prefs(s, form)
        blockers = [w.blockSignals(True) for w in (self.layout_box, self.copy1, self.copy2)]
        self.layout_box.clear()
        for layout in r.LAYOUTS_OF[form]:
            self.layout_box.addItem(LAYOUT_NAMES[layout], layout)
        index = self.layout_box.findData(prefs.layout) if prefs.layout else -1
        if index < 0 and form == "01":  # the template's default layout
            from desk_app.printing.templates import load_templates

            index = self.layout_box.findData(r.default_layout("01", load_templates()))
        self.layout_box.setCurrentIndex(max(0, index))
        self.copy1.setChecked(1 in prefs.copies)
        self.copy2.setChecked(2 in prefs.copies)
        for w, _b in zip((self.layout_box, self.copy1, self.copy2), blockers):
            w.blockSignals(False)
        printer = prefs.printer or qt_spool.default_printer()
        if printer and self.printer_box.findText(printer) >= 0:
            self.printer_box.setCurrentText(printer)
        self.form_layout.setRowVisible(self.copies_row, form == "01")
        self.form_layout.setRowVisible(self.dates_row, form == "07")

    def copies(self) -> tuple[int, ...]:
        chosen = tuple(i for i, box in ((1, self.copy1), (2, self.copy2)) if box.isChecked())
        return chosen or (1, 2)

    def _date(self, edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        """Render the form with the current choices and show it."""
        self.error_label.hide()
        try:
            with self.store.read() as s:
                if self.form == "07":
                    self.rendered = service.render_register(
                        s, self._date(self.date_from), self._date(self.date_to),
                        now=self.clock.now(), data_dir=self.data_dir)
                else:
                    assert self.dossier_id is not None
                    self.rendered = service.render_form(
                        s, self.dossier_id, self.form, now=self.clock.now(),
                        layout=str(self.layout_box.currentData()), copies=self.copies(),
                        data_dir=self.data_dir)
        except KnownError as exc:
            self.rendered = None
            self.show_error(exc)
            self.print_button.setEnabled(False)
            return
        self.print_button.setEnabled(True)
        self.reprint_label.setVisible(self.rendered.reprint)
        self.paper_label.setText(self.rendered.paper)
        self._show_pdf(self.rendered.pdf)

    def _show_pdf(self, pdf: bytes) -> None:
        self.doc.close()
        old = self._buffer
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()

    def show_error(self, exc: KnownError) -> None:
        text = print_error_text(exc)
        self.error_label.setText(text)
        self.error_label.show()
        log.warning("print: %s %s", exc.code, exc)

    # -- actions ----------------------------------------------------------------------------

    def _deliver(self, printer: str, send: Callable[[Path], object]) -> PrintedForm | None:
        if self.rendered is None:
            return None
        rendered = self.rendered
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            row = service.deliver(self.store, self.clock, self.clerk_id, self.data_dir,
                                  rendered, send, printer)
        except KnownError as exc:
            self.show_error(exc)
            messages.warn(self, print_error_text(exc), "Không in được")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        with self.store.write() as s:
            save_prefs(s, self.form, FormPrefs(
                printer=printer or self._saved_printer(), layout=rendered.layout,
                copies=list(rendered.copies or (1, 2))))
        self.printed.emit(row)
        return row

    def _saved_printer(self) -> str:
        with self.store.read() as s:
            return load_prefs(s, self.form).printer

    def print_now(self) -> PrintedForm | None:
        """Send the previewed PDF to the chosen printer; close on success."""
        printer = self.printer_box.currentText()
        if not printer:
            self.show_error(KnownError("printer_not_chosen"))
            return None
        rendered = self.rendered
        row = self._deliver(printer, lambda p: self.sender(p, printer, rendered))  # type: ignore[arg-type]
        if row is not None:
            self.accept()
        return row

    def save_pdf_to(self, target: Path) -> PrintedForm | None:
        """Keep and log the PDF, and copy it to ``target`` (a USB stick, e-mail folder...)."""
        def copy(p: Path) -> None:
            try:
                target.write_bytes(p.read_bytes())
            except OSError as exc:
                raise KnownError("pdf_not_saved", str(exc), path=str(target)) from exc

        return self._deliver("", copy)

    def ask_save_pdf(self) -> None:
        name = f"mau{self.form}-{self.rendered.code if self.rendered else ''}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu phiếu thành tệp PDF",
                                              str(Path.home() / name), "PDF (*.pdf)")
        if path and self.save_pdf_to(Path(path)) is not None:
            messages.inform(self, f"Đã lưu {path}.")
