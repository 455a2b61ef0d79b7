"""The dialog in which the admin enrols the desk with the province: the server's address, the
one-time code and this desk's counter number (checked at its field before anything is sent).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import ValidationError
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.tr import tr
from desk_app.services.counter import check_counter


class EnrolDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Đăng ký máy với máy chủ tỉnh"))
        form = QFormLayout(self)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://dongbo.tinh.gov.vn")
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        self.counter = QLineEdit()
        self.counter.setObjectName("enrolCounter")
        self.counter.setPlaceholderText("1-9")
        self.counter.setMaxLength(2)
        self.counter_msg = FieldMessage()
        counter_box = QVBoxLayout()
        counter_box.setSpacing(2)
        counter_box.addWidget(self.counter)
        counter_box.addWidget(self.counter_msg)
        form.addRow(tr("Địa chỉ máy chủ tỉnh:"), self.url)
        form.addRow(tr("Mã đăng ký một lần:"), self.code)
        form.addRow(tr("Số quầy của máy này:"), counter_box)
        note = QLabel(tr("Mã do Sở/Văn phòng UBND tỉnh cấp; dùng được một lần. Mỗi máy của xã "
                      "một số quầy khác nhau (1-9): tỉnh từ chối số đã có máy khác dùng."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Đăng ký"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """A counter number that cannot be one is said at its field; the dialog stays."""
        try:
            check_counter(self.counter.text())
        except ValidationError as exc:
            from desk_app.gui import messages

            mark(self.counter, self.counter_msg, messages.field_message(exc.errors[0]))
            self.counter.setFocus()
            return
        mark(self.counter, self.counter_msg, "")
        super().accept()
