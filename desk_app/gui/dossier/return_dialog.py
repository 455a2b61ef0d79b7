"""F8: confirm the return of the result and say who collects it.

The applicant (prefilled from the dossier; the ID number can be typed if the dossier has none)
or someone collecting on their behalf (name and CCCD/CMND number). Enter or Ctrl+Enter
confirms, Esc goes back. Opened with ``open()`` (non-blocking) as a child of the main window;
the dossier page runs the service on :attr:`submitted` and closes the dialog only when the
return was recorded (field errors come back here, typed text stays). A CCCD card's QR code
scanned into the dialog fills the collector: the applicant's own card picks the applicant.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.cccd import CccdData
from desk_app.errors import FieldError
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.scanner import KeySniffer
from desk_app.gui.tr import tr
from desk_app.services.returns import Collector


class ReturnDialog(QDialog):
    submitted = Signal()

    def __init__(self, code: str, applicant: str, applicant_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(tr("Trả kết quả hồ sơ {code}").format(code=code))
        self.applicant_name = applicant
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Trả kết quả hồ sơ <b>{code}</b>. Ai nhận kết quả? (có thể quét mã QR "
                          "trên thẻ CCCD của người nhận)").format(code=code))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.applicant_radio = QRadioButton(tr("&Người nộp hồ sơ: {applicant}").format(applicant=applicant))
        self.applicant_radio.setObjectName("collector.applicant")
        self.applicant_radio.setChecked(True)
        layout.addWidget(self.applicant_radio)
        app_form = QFormLayout()
        self.applicant_id = self._line("collector.applicant_id", applicant_id)
        self.applicant_id_msg = FieldMessage()
        app_form.addRow(tr("Số CCCD/CMND:"), _stack(self.applicant_id, self.applicant_id_msg))
        layout.addLayout(app_form)

        self.rep_radio = QRadioButton(tr("Người &khác nhận thay (được ủy quyền)"))
        self.rep_radio.setObjectName("collector.representative")
        layout.addWidget(self.rep_radio)
        rep_form = QFormLayout()
        self.rep_name = self._line("collector.full_name", "", tr("Họ và tên người nhận"))
        self.rep_name_msg = FieldMessage()
        self.rep_id = self._line("collector.id_number", "", tr("12 chữ số (CMND cũ: 9)"))
        self.rep_id_msg = FieldMessage()
        rep_form.addRow(tr("Họ và tên:"), _stack(self.rep_name, self.rep_name_msg))
        rep_form.addRow(tr("Số CCCD/CMND:"), _stack(self.rep_id, self.rep_id_msg))
        layout.addLayout(rep_form)
        self.other_msg = FieldMessage()
        layout.addWidget(self.other_msg)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Xác nhận trả kết quả (Enter)"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Quay lại (Esc)"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._submit)

        self.rep_radio.toggled.connect(self._on_choice)
        self._on_choice(False)
        self.sniffer = KeySniffer(self, lambda _w: True)
        self.sniffer.cccdScanned.connect(self._card_scanned)
        self.finished.connect(lambda _r: self.sniffer.uninstall())
        self.resize(520, self.sizeHint().height())
        self.applicant_radio.setFocus()

    def _line(self, name: str, text: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        return edit

    def _on_choice(self, rep: bool) -> None:
        self.applicant_id.setEnabled(not rep)
        self.rep_name.setEnabled(rep)
        self.rep_id.setEnabled(rep)
        if rep and QApplication.focusWidget() in (self.applicant_radio, self.rep_radio):
            # arrow key (or click) onto "someone else": the name is typed next, once the
            # radio group has finished moving its own focus
            QTimer.singleShot(0, self.rep_name.setFocus)

    def _card_scanned(self, card: CccdData, _receiver: QWidget) -> None:
        if card.number == self.applicant_id.text().strip():
            self.applicant_radio.setChecked(True)
            return
        self.rep_radio.setChecked(True)
        self.rep_name.setText(card.full_name)
        self.rep_id.setText(card.number)
        self.rep_id.setFocus()  # Enter confirms from here

    # values and errors ------------------------------------------------------------------
    def collector(self) -> Collector:
        if self.rep_radio.isChecked():
            return Collector("representative", self.rep_name.text(), self.rep_id.text())
        return Collector("applicant", self.applicant_name, self.applicant_id.text())

    def clear_errors(self) -> None:
        for widget, msg in self._fields().values():
            mark(widget, msg, "")
        self.other_msg.show_text("")

    def _fields(self) -> dict[str, tuple[QLineEdit, FieldMessage]]:
        if self.rep_radio.isChecked():
            return {"collector.full_name": (self.rep_name, self.rep_name_msg),
                    "collector.id_number": (self.rep_id, self.rep_id_msg)}
        return {"collector.id_number": (self.applicant_id, self.applicant_id_msg)}

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field; the focus goes to the first wrong one."""
        fields = self._fields()
        first: QWidget | None = None
        other = []
        for err in errors:
            text = messages.field_message(err)
            if err.field in fields:
                widget, msg = fields[err.field]
                mark(widget, msg, text)
                first = first or widget
            else:  # the applicant's name as the dossier has it
                other.append(text)
        self.other_msg.show_text(" ".join(other))
        if first is not None:
            first.setFocus()

    def _submit(self) -> None:
        self.clear_errors()
        self.submitted.emit()


def _stack(widget: QWidget, message: FieldMessage) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(1)
    box.addWidget(widget)
    box.addWidget(message)
    return box
