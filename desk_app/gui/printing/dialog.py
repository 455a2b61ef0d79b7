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
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.printing import job
from desk_app.gui.printing.choices import PrintChoices
from desk_app.gui.printing.system import system_default_printer, system_printers, system_sender
from desk_app.gui.printing.texts import LAYOUT_NAMES, print_error_text
from desk_app.gui.tr import tr
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import load_dossier
from desk_app.printing.prefs import load_prefs
from desk_app.store.engine import Store

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
        self.send_pdf = sender  # hands the kept PDF to the spooler (on the spool lane)
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
        self.setWindowTitle(tr("In phiếu - {code}").format(code=code) if code else tr("In sổ theo dõi hồ sơ"))

        side = self.choices = PrintChoices(forms, clock.now().date())
        # the panel's widgets, named here as the dialog's own (its code and tests use them)
        self.form_box, self.layout_box = side.form_box, side.layout_box
        self.copy1, self.copy2 = side.copy1, side.copy2
        self.date_from, self.date_to = side.date_from, side.date_to
        self.printer_box, self.paper_label = side.printer_box, side.paper_label
        self.reprint_label, self.error_label = side.reprint_label, side.error_label
        self.busy_label, self.form_layout = side.busy_label, side.form_layout
        self.copies_row, self.dates_row = side.copies_row, side.dates_row
        self.print_button, self.save_button = side.print_button, side.save_button
        self.close_button, self.xlsx_button = side.close_button, side.xlsx_button
        self.xlsx_button.clicked.connect(self.ask_save_xlsx)
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self.ask_save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.doc = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("preview")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        main = QHBoxLayout(self)
        main.addWidget(self.view, 3)
        main.addWidget(side, 2)
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
            self.layout_box.addItem(tr(LAYOUT_NAMES[layout]), layout)
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
        self.xlsx_button.setVisible(form == "07")

    def copies(self) -> tuple[int, ...]:
        chosen = tuple(i for i, box in ((1, self.copy1), (2, self.copy2)) if box.isChecked())
        return chosen or (1, 2)

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
            first, last = PrintChoices.day(self.date_from), PrintChoices.day(self.date_to)

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
            self.busy_label.setText(tr('Đang gửi lệnh in tới máy in "{printer_text}"… Có thể '
                                       "đóng cửa sổ này: kết quả sẽ báo ở thanh trạng thái.").format(printer_text=self._printer_text()))
        elif self._print_when_listed:
            self.busy_label.setText(tr("Đang tìm máy in…"))
        elif self.rendering:
            self.busy_label.setText(tr("Đang tạo bản xem trước…"))
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
                 self.send_pdf, window=self.main_window, landed=self._landed, dialog=self)

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
            messages.warn(self, print_error_text(outcome.error), tr("Không in được"))

    def save_pdf_to(self, target: Path) -> service.PrintedRow | None:
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
            messages.warn(self, print_error_text(exc), tr("Không lưu được"))
            return None
        job.remember(self.store, rendered, "")
        log.info("form %s of %s saved as %s", rendered.form, rendered.code or "-", target)
        self.printed.emit(row)
        return row

    def ask_save_pdf(self) -> None:
        name = f"mau{self.form}-{self.rendered.code if self.rendered else ''}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu phiếu thành tệp PDF"),
                                              str(Path.home() / name), "PDF (*.pdf)")
        if path and self.save_pdf_to(Path(path)) is not None:
            messages.inform(self, tr("Đã lưu {path}.").format(path=path))

    def ask_save_xlsx(self) -> None:
        first, last = PrintChoices.day(self.date_from), PrintChoices.day(self.date_to)
        name = f"so-theo-doi-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("Xuất sổ theo dõi hồ sơ ra Excel"),
                                              str(Path.home() / name), "Excel (*.xlsx)")
        if path:
            self.save_xlsx_to(Path(path))

    def save_xlsx_to(self, target: Path) -> None:
        """The register (form 07) of the chosen days as an Excel file, written off the GUI
        thread; a file that cannot be written is a message naming it."""
        from desk_app.printing.report_export import register_xlsx

        first, last = PrintChoices.day(self.date_from), PrintChoices.day(self.date_to)
        store, clock, data_dir = self.store, self.clock, self.data_dir

        def work() -> int:
            try:
                with store.read() as s:
                    return register_xlsx(s, clock, target, first, last, data_dir=data_dir)
            except OSError as exc:
                raise KnownError("report_not_saved", str(exc), path=str(target)) from exc

        def done(rows: int) -> None:
            messages.inform(self, tr("Đã xuất {n} hồ sơ ra {path}.").format(n=rows, path=target))

        def failed(exc: KnownError) -> None:
            messages.show_known_error(self, exc)

        background.lane("report export").run(work, done, failed=failed, context=self,
                                             name="register xlsx")
