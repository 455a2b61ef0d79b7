"""The set-up wizard: at the first start of a real commune's desk (not in demo mode), and later
from Quản trị → "Thông tin đơn vị…" for an admin.

Pages: the unit (province, commune, agency code), the desk (name, phone, address, office
hours), the printers of the forms, and at first start the provincial server (optional). Each
page checks its own fields before "Tiếp" (the same rules as the service,
:func:`desk_app.services.commune_setup.check_setup`); "Hoàn tất" writes everything in one
transaction on the database worker; a problem the write finds is shown on its page.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard

from desk_app.clock import Clock
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, ops
from desk_app.gui.setup_pages import DeskPage, HubPage, Page, PrinterPage, UnitPage
from desk_app.gui.tr import tr
from desk_app.services.commune_setup import SetupValues, check_setup, save_setup
from desk_app.store.engine import Store

log = logging.getLogger(__name__)


class SetupWizard(QWizard):
    """``admin_ops``: the logged-in admin's write path (a later change); None at first start,
    before any account exists."""

    setUp = Signal()  # the set-up is written

    def __init__(self, store: Store, clock: Clock, values: SetupValues | None = None, *,
                 admin_ops: ops.Ops | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.clock, self.admin_ops = store, clock, admin_ops
        self.setObjectName("setupWizard")
        self.setWindowTitle(tr("Thiết lập đơn vị - Một cửa") if admin_ops is None
                            else tr("Thông tin đơn vị - Một cửa"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in ((QWizard.WizardButton.BackButton, tr("< &Quay lại")),
                             (QWizard.WizardButton.NextButton, tr("&Tiếp >")),
                             (QWizard.WizardButton.FinishButton, tr("&Hoàn tất")),
                             (QWizard.WizardButton.CancelButton, tr("Hủy"))):
            self.setButtonText(button, text)
        self.unit_page, self.desk_page = UnitPage(), DeskPage()
        self.printer_page = PrinterPage()
        self.pages: list[Page] = [self.unit_page, self.desk_page, self.printer_page]
        if admin_ops is None:  # later, the desk enrols from the status bar's "Đăng ký…"
            self.hub_page = HubPage()
            self.pages.append(self.hub_page)
        for page in self.pages:
            self.addPage(page)
        start = values or SetupValues()
        for page in self.pages:
            page.fill(start)
        self.saving = self.saved = False
        self.resize(self.sizeHint())
        background.lane("printers").run(self._printers, self.printer_page.set_printers,
                                        failed=self._no_printers, context=self)

    def sizeHint(self) -> QSize:
        return QSize(860, 600)  # fits 1366x768 with the taskbar

    @staticmethod
    def _printers() -> list[str]:
        from desk_app.gui.printing.system import system_printers

        return system_printers()

    def _no_printers(self, exc: KnownError) -> None:
        log.warning("printers not listed: %s", exc)
        self.printer_page.set_printers([], tr("Không lấy được danh sách máy in; chọn sau."))

    def values(self) -> SetupValues:
        values = SetupValues()
        for page in self.pages:
            page.read(values)
        return values

    def _errors(self, values: SetupValues) -> list[FieldError]:
        try:
            check_setup(values)
        except ValidationError as exc:
            return exc.errors
        return []

    def validateCurrentPage(self) -> bool:
        if self.saved:  # QWizard.done() asks again once the write landed
            return True
        page = self.currentPage()
        values = self.values()
        if isinstance(page, Page) and page.show_errors(self._errors(values)):
            return False
        if page is not self.pages[-1]:
            return True
        self._save(values)
        return False  # the wizard closes when the write has landed

    def _save(self, values: SetupValues) -> None:
        if self.saving:
            return
        self.saving = True
        if self.admin_ops is not None:
            self.admin_ops.write("setup", save_setup, values, parent=self, done=self._saved,
                                 invalid=self._invalid, failed=self._failed)
        else:
            clock = self.clock
            ops.submit(self.store, "setup", lambda s: save_setup(s, clock, None, values),
                       parent=self, done=self._saved, invalid=self._invalid,
                       failed=self._failed)

    def _saved(self, _commune_id: int) -> None:
        self.saving, self.saved = False, True
        self.accept()
        self.setUp.emit()

    def _failed(self, exc: KnownError) -> None:
        self.saving = False
        from desk_app.gui import messages

        messages.show_known_error(self, exc)

    def _invalid(self, errors: list[FieldError]) -> None:
        """A problem only the write could see (the agency code of an enrolled desk): back to
        the first page that has one, shown at its field."""
        self.saving = False
        for page in self.pages:
            if page.show_errors(errors):
                while self.currentPage() is not page and self.currentId() > 0:
                    self.back()
                page.show_errors(errors)
                return
        from desk_app.gui import messages

        messages.warn(self, "\n".join(messages.field_message(e) for e in errors))
