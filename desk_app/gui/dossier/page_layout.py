"""The dossier page's widgets and where they sit: header, components, the life-cycle buttons,
the extension box (form 04) and the history table.

:class:`DossierLayout` only builds and places them (and shows an action's result); what they do
is :mod:`desk_app.gui.dossier.page`, which connects them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.lifecycle import Status
from desk_app.gui import messages
from desk_app.gui.dossier.scan_rows import ScanRows
from desk_app.gui.fields import DateTimeField, FieldMessage
from desk_app.gui.tr import tr

ACTION_ORDER = (
    Status.IN_PROCESSING, Status.WAITING_SUPPLEMENT, Status.RESULT_READY, Status.RETURNED,
    Status.REFUSED, Status.WITHDRAWN, Status.STOPPED,
)
RESULT_OK = "background: #e7f4ea; border: 1px solid #8cc59a; padding: 6px;"
RESULT_BAD = "background: #fdecea; border: 1px solid #e09a94; padding: 6px;"


class DossierLayout(QWidget):
    """The widgets of the dossier page, placed; no behaviour (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierPage")
        # one scrollable column: a long dossier never makes the window taller than a
        # 1366x768 or 1280x720 screen (the window grows to its content's minimum otherwise)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("dossierScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        scroll.setWidget(body)
        page.addWidget(scroll)
        outer = QVBoxLayout(body)
        self.header = QLabel(tr("Chưa mở hồ sơ nào. Quét mã vạch trên giấy hẹn hoặc tìm hồ sơ "
                             "(Ctrl+F)."))
        self.header.setObjectName("dossierHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.header)
        self.components = QLabel()
        self.components.setObjectName("dossierComponents")
        self.components.setWordWrap(True)
        outer.addWidget(self.components)
        self.result = QLabel()
        self.result.setObjectName("dossierResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        outer.addWidget(self.result)

        self.actions_box = QGroupBox(tr("Xử lý hồ sơ"))
        actions = QVBoxLayout(self.actions_box)
        reason_row = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("transitionReason")
        self.reason.setPlaceholderText(tr("bắt buộc khi chờ bổ sung, từ chối, rút hoặc dừng"))
        self.reason_msg = FieldMessage()
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.reason_msg)
        reason_row.addRow(tr("Lý do / ghi chú:"), reason_box)
        actions.addLayout(reason_row)
        grid = QGridLayout()
        self.buttons: dict[Status, QPushButton] = {}
        for i, target in enumerate(ACTION_ORDER):
            button = QPushButton(tr(messages.ACTION_LABELS[target.value]))
            button.setObjectName(f"action.{target.value}")
            grid.addWidget(button, i // 4, i % 4)
            self.buttons[target] = button
        self.buttons[Status.RETURNED].setStyleSheet("font-weight: bold;")
        actions.addLayout(grid)
        self.extra_row = QHBoxLayout()
        self.scan_rows = ScanRows(self.actions_box)  # into extra_row by the page, after hooks
        self.scan_rows.setVisible(False)
        actions.addLayout(self.extra_row)
        outer.addWidget(self.actions_box)
        self._build_resume(outer)

        self.extend_box = QGroupBox(tr("Gia hạn, xin lỗi (mẫu 04) - lãnh đạo bộ phận"))
        ext = QFormLayout(self.extend_box)
        self.new_due = DateTimeField()
        self.new_due.setObjectName("newDue")
        self.new_due_msg = FieldMessage()
        due_box = QVBoxLayout()
        due_box.addWidget(self.new_due)
        due_box.addWidget(self.new_due_msg)
        self.extend_reason = QLineEdit()
        self.extend_reason.setObjectName("extendReason")
        self.extend_reason_msg = FieldMessage()
        er_box = QVBoxLayout()
        er_box.addWidget(self.extend_reason)
        er_box.addWidget(self.extend_reason_msg)
        self.extend_button = QPushButton(tr("Gia hạn và lập văn bản xin lỗi"))
        self.extend_button.setObjectName("extendButton")
        ext.addRow(tr("Hẹn trả mới:"), due_box)
        ext.addRow(tr("Lý do chậm:"), er_box)
        ext.addRow("", self.extend_button)
        outer.addWidget(self.extend_box)

        outer.addWidget(QLabel(tr("<b>Quá trình giải quyết</b>")))
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels(
            [tr("Thời gian"), tr("Cán bộ"), tr("Việc"), tr("Trạng thái"), tr("Lý do / ghi chú")]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(False)  # one line per event; the full reason is a tooltip
        header = self.history.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setMinimumHeight(140)
        outer.addWidget(self.history, 1)
        self._set_enabled(False)


    def _build_resume(self, outer: QVBoxLayout) -> None:
        self.links = QLabel()
        self.links.setObjectName("dossierLinks")
        self.links.setWordWrap(True)
        self.links.setVisible(False)
        outer.insertWidget(outer.indexOf(self.components), self.links)
        self.resume_button = QPushButton(tr("Tiếp tục hồ sơ (công dân đã bổ sung)"))
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setStyleSheet("font-weight: bold;")
        # it has the focus when a form 02 slip is scanned: Enter presses it, as in a dialog
        # (outside dialogs Qt's buttons answer only Space); the scan's own Enter is swallowed
        self.resume_button.setAutoDefault(True)
        self.resume_button.setVisible(False)
        outer.insertWidget(outer.indexOf(self.actions_box), self.resume_button)


    def _set_enabled(self, on: bool) -> None:
        self.actions_box.setEnabled(on)
        if not on:
            self.extend_box.setVisible(False)

    # actions ----------------------------------------------------------------------------
    def show_result(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet(RESULT_OK if ok else RESULT_BAD)
        self.result.setText(text)
        self.result.setVisible(True)

