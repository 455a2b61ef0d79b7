"""The print dialog: preview (QtPdf) of exactly what will print, form, layout, copies, printer.

What the preview shows is the PDF that goes to the printer and is kept with the dossier. The
printer, layout and copies chosen for a form are remembered in the desk's settings.

Nothing slow runs on the GUI thread: the PDF is rendered on the "render" lane (the newest
choice wins: an older render still running is dropped), the register's date fields re-render
:data:`DEBOUNCE_MS` after the last key, and the print itself goes through :mod:`.job` on the
"spool" lane. "In" pressed while the preview is still being made prints it as soon as it is
ready; the list of printers is asked on the "printers" lane (the printer remembered for the
form is offered at once). After a print the clerk reads what became of it: sent (printer and
job id, in the main window's status bar; the dialog closes) or not (the reason, in the dialog
and a message; the dialog stays open to retry or pick another printer; the dossier, saved
before, is untouched). The clerk may close the dialog while a job waits on a hung spooler: the
outcome still reaches the main window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QTimer, Signal
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
from desk_app.gui import background, messages
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.printing import job
from desk_app.gui.printing.system import system_default_printer, system_printers, system_sender
from desk_app.gui.printing.texts import FORM_NAMES, LAYOUT_NAMES, print_error_text
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import load_dossier
from desk_app.printing.prefs import load_prefs
from desk_app.store.engine import Store
from desk_app.store.models_printing import PrintedForm

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300  # the register's date fields: render this long after the last key
Sender = job.Sender


class PrintDialog(QDialog):
    """Preview and print one form of a dossier (or the register, form 07)."""

    printed = Signal(object)  # the PrintedForm row of a print (or saved PDF) that went out
    previewed = Signal(object)  # the service.Rendered now shown in the preview
    outcome = Signal(object)  # job.Outcome of each print: sent or not, in words

    def __init__(self, parent: QWidget | None, store: Store, clock: Clock, clerk_id: int,
                 dossier_id: int | None, form: str = "01", *, data_dir: Path | None = None,
                 sender: Sender = system_sender,
                 printers: Callable[[], list[str]] = system_printers,
                 default_printer: Callable[[], str] = system_default_printer) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.store, self.clock, self.clerk_id = store, clock, clerk_id
        self.dossier_id = dossier_id
        self.data_dir = data_dir or store.path.parent
        self.sender = sender
        self.main_window = parent.window() if parent is not None else None
        self.rendered: service.Rendered | None = None  # the PDF of the current choices
        self.rendering = False
        self.sending = False
        self._sending_to = ""
        self._render_task: background.Task[service.Rendered] | None = None
        self._print_when_ready = ""  # "In" pressed while rendering: the printer to print on
        self.listing_printers = True
        self._print_when_listed = False  # "In" pressed before any printer was known
        self._default_printer = ""
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)

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
        self.printer_box = QComboBox(objectName="printerBox")  # filled by _printers_listed
        self.paper_label = QLabel(objectName="paperLabel")
        self.reprint_label = QLabel("<b style='color:#b00020'>BẢN IN LẠI</b>: phiếu này đã được "
                                    "in trước đây; bản in mới ghi rõ là bản in lại.",
                                    objectName="reprintLabel")
        self.error_label = QLabel(objectName="errorLabel", wordWrap=True)
        self.error_label.setStyleSheet("color:#b00020; font-weight:bold")
        self.error_label.hide()
        self.busy_label = QLabel(objectName="busyLabel", wordWrap=True)
        self.busy_label.setStyleSheet("color:#4a5d70")

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
        side.addWidget(self.busy_label)
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
        resize_within_screen(self, 1100, 760)

        self.form_box.setCurrentIndex(max(0, self.form_box.findData(form)))
        self._load_prefs()
        self.form_box.currentIndexChanged.connect(self._form_changed)
        self.layout_box.currentIndexChanged.connect(self.refresh)
        self.copy1.toggled.connect(self.refresh)
        self.copy2.toggled.connect(self.refresh)
        self.date_from.dateChanged.connect(self._debounce.start)
        self.date_to.dateChanged.connect(self._debounce.start)
        self.refresh()
        background.lane("printers").run(
            lambda: (printers(), default_printer()), self._printers_listed,
            failed=self._printers_failed, context=self, name="list printers")

    # -- state ------------------------------------------------------------------------------

    @property
    def form(self) -> str:
        return str(self.form_box.currentData())

    @property
    def idle(self) -> bool:
        """Nothing under way: no render waiting or running, no print being sent."""
        return not (self.rendering or self.sending or self._print_when_ready
                    or self._debounce.isActive() or self.listing_printers)

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
        for w, _b in zip((self.layout_box, self.copy1, self.copy2), blockers, strict=False):
            w.blockSignals(False)
        printer = prefs.printer or self._default_printer
        if printer and self.printer_box.findText(printer) < 0 and self.listing_printers:
            self.printer_box.addItem(printer)  # usable before the list comes
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
        """Render the current choices on the render lane; the preview follows when ready."""
        self._debounce.stop()
        if self._render_task is not None:
            self._render_task.cancel()  # a newer choice: its PDF would be stale
        self.error_label.hide()
        self.rendered = None
        self.rendering = True
        self._update_buttons()
        store, data_dir, now, form = self.store, self.data_dir, self.clock.now(), self.form
        if form == "07":
            first, last = self._date(self.date_from), self._date(self.date_to)

            def work() -> service.Rendered:
                with store.read() as s:
                    return service.render_register(s, first, last, now=now, data_dir=data_dir)
        else:
            dossier_id, layout, copies = self.dossier_id, str(self.layout_box.currentData()), \
                self.copies()
            assert dossier_id is not None

            def work() -> service.Rendered:
                with store.read() as s:
                    return service.render_form(s, dossier_id, form, now=now, layout=layout,
                                               copies=copies, data_dir=data_dir)
        self._render_task = background.lane("render").run(
            work, self._rendered, failed=self._render_failed, context=self,
            name=f"render form {form}")

    def _printers_listed(self, listed: tuple[list[str], str]) -> None:
        names, self._default_printer = listed
        chosen = self.printer_box.currentText()
        self.listing_printers = False
        self.printer_box.clear()
        self.printer_box.addItems(names)
        for printer in (chosen, self._default_printer):
            if printer and self.printer_box.findText(printer) >= 0:
                self.printer_box.setCurrentText(printer)
                break
        self._update_buttons()
        if self._print_when_listed:
            self._print_when_listed = False
            self.print_now()

    def _printers_failed(self, exc: KnownError) -> None:
        self.listing_printers = self._print_when_listed = False
        self.show_error(exc)  # the remembered printer, if any, stays to try
        self._update_buttons()

    def _rendered(self, rendered: service.Rendered) -> None:
        self.rendered, self.rendering = rendered, False
        self.reprint_label.setVisible(rendered.reprint)
        self.paper_label.setText(rendered.paper)
        self._show_pdf(rendered.pdf)
        self._update_buttons()
        self.previewed.emit(rendered)
        if self._print_when_ready:
            printer, self._print_when_ready = self._print_when_ready, ""
            self._send(printer)

    def _render_failed(self, exc: KnownError) -> None:
        self.rendered, self.rendering, self._print_when_ready = None, False, ""
        self.show_error(exc)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = bool(self.sending or self._print_when_ready or self._print_when_listed)
        # "In" stays pressable while the preview is made (Enter right after intake prints)
        self.print_button.setEnabled(not busy and (self.rendering or self.rendered is not None))
        self.save_button.setEnabled(not busy and self.rendered is not None)
        if self.sending or self._print_when_ready:
            self.busy_label.setText(f"Đang gửi lệnh in tới máy in \"{self._printer_text()}\"… "
                                    "Có thể đóng cửa sổ này: kết quả sẽ báo ở thanh trạng thái.")
        elif self._print_when_listed:
            self.busy_label.setText("Đang tìm máy in…")
        elif self.rendering:
            self.busy_label.setText("Đang tạo bản xem trước…")
        else:
            self.busy_label.setText("")

    def _printer_text(self) -> str:
        return self._print_when_ready or self._sending_to or self.printer_box.currentText()

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

    def print_now(self) -> None:
        """Send the previewed PDF to the chosen printer, off the GUI thread; :attr:`outcome`
        tells what became of it (the dialog closes once the spooler took the job)."""
        printer = self.printer_box.currentText()
        if not printer and self.listing_printers:
            self._print_when_listed = True
            self._update_buttons()
            return
        if not printer:
            self.show_error(KnownError("printer_not_chosen"))
            return
        if self.sending or self._print_when_ready or self._print_when_listed:
            return  # one print at a time: a second Enter must not print twice
        if self._debounce.isActive():
            self.refresh()  # dates typed a moment ago: print what they ask for
        if self.rendering:
            self._print_when_ready = printer
            self._update_buttons()
            return
        self._send(printer)

    def _send(self, printer: str) -> None:
        if self.rendered is None:
            return
        self.error_label.hide()
        self.sending, self._sending_to = True, printer
        self._update_buttons()
        job.send(self.store, self.clock, self.clerk_id, self.data_dir, self.rendered, printer,
                 self.sender, window=self.main_window, landed=self._landed, dialog=self)

    def _landed(self, outcome: job.Outcome) -> None:
        self.sending, self._sending_to = False, ""
        self._update_buttons()
        self.outcome.emit(outcome)
        if outcome.sent:
            self.printed.emit(outcome.row)
            self.accept()
        else:
            assert outcome.error is not None
            self.show_error(outcome.error)
            messages.warn(self, print_error_text(outcome.error), "Không in được")

    def save_pdf_to(self, target: Path) -> PrintedForm | None:
        """Keep and log the PDF, and copy it to ``target`` (a USB stick, e-mail folder...):
        a local copy, done here."""
        if self.rendered is None:
            return None
        rendered = self.rendered

        def copy(p: Path) -> None:
            try:
                target.write_bytes(p.read_bytes())
            except OSError as exc:
                raise KnownError("pdf_not_saved", str(exc), path=str(target)) from exc

        try:
            row = service.deliver(self.store, self.clock, self.clerk_id, self.data_dir,
                                  rendered, copy, "")
        except KnownError as exc:
            self.show_error(exc)
            messages.warn(self, print_error_text(exc), "Không lưu được")
            return None
        job.remember(self.store, rendered, "")
        log.info("form %s of %s saved as %s", rendered.form, rendered.code or "-", target)
        self.printed.emit(row)
        return row

    def ask_save_pdf(self) -> None:
        name = f"mau{self.form}-{self.rendered.code if self.rendered else ''}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu phiếu thành tệp PDF",
                                              str(Path.home() / name), "PDF (*.pdf)")
        if path and self.save_pdf_to(Path(path)) is not None:
            messages.inform(self, f"Đã lưu {path}.")
