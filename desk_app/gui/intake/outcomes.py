"""The two intake outcomes that need more than a click: form 02 data and form 03 reason.

Both dialogs are opened with ``open()`` and emit :attr:`submitted`; the intake form runs the
service and closes the dialog only when the save succeeded (errors come back to the dialog's
fields, typed text stays). Ctrl+Enter saves, as it receives on the intake form, wherever the
focus is in the dialog (a table cell being edited is kept first); Esc goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.intake import Missing

COLUMNS = (QT_TR_NOOP("Thành phần còn thiếu"), QT_TR_NOOP("Bản chính"), QT_TR_NOOP("Bản sao CT"), QT_TR_NOOP("Bản sao"), QT_TR_NOOP("Ghi chú / lý do"))
DEFAULT_SUPPLEMENT_REASON = QT_TR_NOOP("Hồ sơ chưa đầy đủ thành phần theo quy định của thủ tục.")


class _OutcomeDialog(QDialog):
    submitted = Signal()

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_msg = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Quay lại"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._submit)

    def _finish_layout(self, reason_label: str) -> None:
        self.layout_.addWidget(QLabel(reason_label))
        self.layout_.addWidget(self.reason)
        self.layout_.addWidget(self.reason_msg)
        self.layout_.addWidget(self.buttons)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_reason_error(self, text: str) -> None:
        mark(self.reason, self.reason_msg, text)
        if text:
            self.reason.setFocus()

    def _submit(self) -> None:
        self.show_reason_error("")
        if not self.reason_text():
            self.show_reason_error(tr("Cần ghi rõ lý do."))
            return
        self.submitted.emit()


class SupplementDialog(_OutcomeDialog):
    """Form 02: what is missing, in what form, why. Pre-filled from the checklist."""

    def __init__(self, missing: list[Missing], parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
            tr("Các thành phần còn thiếu (đã điền sẵn theo danh sách kiểm tra; có thể sửa, "
            "thêm, xoá dòng):"),
            parent,
        )
        resize_within_screen(self, 820, 460)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("missingTable")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        for item in missing:
            self.add_row(item)
        self.layout_.addWidget(self.table)
        row_buttons = QHBoxLayout()
        add = QPushButton(tr("Thêm dòng"))
        add.clicked.connect(lambda: self.add_row(Missing("")))
        remove = QPushButton(tr("Xoá dòng"))
        remove.clicked.connect(self.remove_row)
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        self.layout_.addLayout(row_buttons)
        self.table_msg = FieldMessage()
        self.layout_.addWidget(self.table_msg)
        self.reason.setPlainText(tr(DEFAULT_SUPPLEMENT_REASON))
        self._finish_layout(tr("Lý do yêu cầu bổ sung:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Lưu phiếu yêu cầu bổ sung (Ctrl+Enter)")
        )
        self.table.resizeRowsToContents()

    def add_row(self, item: Missing) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (item.name, item.originals, item.certified_copies, item.copies, item.reason)
        for col, value in enumerate(values):
            cell = QTableWidgetItem(str(value))
            if col in (1, 2, 3):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, col, cell)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _lines(self) -> list[tuple[int, list[str]]]:
        """(table row, cell texts) of the rows that name a component."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(len(COLUMNS))]
            text = [c.text().strip() if c is not None else "" for c in cells]
            if text[0]:
                out.append((row, text))
        return out

    def missing(self) -> list[Missing]:
        out = []
        for _row, text in self._lines():
            originals, certified, copies = (int(t) if t.isdigit() else 0 for t in text[1:4])
            out.append(Missing(text[0], originals, certified, copies, reason=text[4]))
        return out

    def show_line_error(self, index: int, part: str, text: str) -> None:
        """A message about line ``index`` of :meth:`missing` (its name or its reason)."""
        lines = self._lines()
        if not 0 <= index < len(lines):
            self.table_msg.show_text(text)
            return
        row = lines[index][0]
        self.table_msg.show_text(tr("Dòng {v0}, cột «{COLUMNS}»: {text}").format(v0=row + 1,
                                        COLUMNS=tr(COLUMNS[0 if part == 'name' else 4]), text=text))
        self.table.setCurrentCell(row, 0 if part == "name" else 4)
        self.table.setFocus()

    def _submit(self) -> None:
        editor = QApplication.focusWidget()
        if editor is not None and editor is not self.table and self.table.isAncestorOf(editor):
            self.table.commitData(editor)  # Ctrl+Enter while a cell is being typed in
        self.table_msg.show_text("")
        if not self.missing():
            self.table_msg.show_text(tr("Cần ít nhất một thành phần còn thiếu."))
            return
        super()._submit()


class RefusalDialog(_OutcomeDialog):
    """Form 03: the concrete reason the dossier cannot be accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Từ chối tiếp nhận hồ sơ (mẫu 03)"),
            tr("Hồ sơ không đủ điều kiện tiếp nhận. Ghi rõ lý do từ chối (in trên phiếu từ chối):"),
            parent,
        )
        self.resize(600, 260)
        self._finish_layout(tr("Lý do từ chối:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Lưu phiếu từ chối (Ctrl+Enter)"))
        self.reason.setFocus()
