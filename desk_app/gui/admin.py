"""The administrator's dialog: clerk accounts (create, lock/unlock) and the idle-lock time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desk_app.errors import ValidationError
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.ops import Ops
from desk_app.services import clerk_admin
from desk_app.services.clerks import ROLES
from desk_app.services.desk_settings import idle_lock_seconds
from desk_app.store.models import Clerk


class AdminDialog(QDialog):
    idleChanged = Signal(int)  # seconds

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Quản trị - tài khoản cán bộ và cài đặt")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("clerkTable")
        self.table.setHorizontalHeaderLabels(
            ["Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái"]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.toggle_button = QPushButton("Khoá / mở khoá tài khoản đang chọn")
        self.toggle_button.clicked.connect(self.toggle_selected)
        layout.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)

        new_box = QGroupBox("Tạo tài khoản cán bộ")
        form = QFormLayout(new_box)
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(messages.ROLE_LABELS[role], role)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.msgs: dict[str, FieldMessage] = {}
        self.widgets: dict[str, QWidget] = {
            "username": self.username, "full_name": self.full_name, "role": self.role,
            "password": self.password,
        }
        labels = {"username": "Tên đăng nhập", "full_name": "Họ và tên", "role": "Vai trò",
                  "password": "Mật khẩu (ít nhất 8 ký tự)"}
        for name, widget in self.widgets.items():
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            self.msgs[name] = FieldMessage()
            box.addWidget(self.msgs[name])
            form.addRow(labels[name], box)
        self.create_button = QPushButton("Tạo tài khoản")
        self.create_button.clicked.connect(self.create)
        form.addRow("", self.create_button)
        layout.addWidget(new_box)

        idle_box = QGroupBox("Khoá màn hình khi không thao tác")
        idle = QHBoxLayout(idle_box)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, 480)
        self.idle_minutes.setSuffix(" phút")
        self.idle_minutes.setSpecialValueText("không khoá")
        save_idle = QPushButton("Lưu")
        save_idle.clicked.connect(self.save_idle)
        idle.addWidget(self.idle_minutes)
        idle.addWidget(save_idle)
        idle.addStretch(1)
        layout.addWidget(idle_box)
        self.reload()

    def reload(self) -> None:
        with self.ops.read() as session:
            clerks = session.scalars(select(Clerk).order_by(Clerk.id)).all()
            rows = [(c.id, c.username, c.full_name, c.role, c.active) for c in clerks]
            seconds = idle_lock_seconds(session)
        self.table.setRowCount(len(rows))
        for r, (clerk_id, username, name, role, active) in enumerate(rows):
            values = (username, name, messages.ROLE_LABELS.get(role, role),
                      "đang dùng" if active else "đã khoá")
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, clerk_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, active)
                self.table.setItem(r, col, item)
        self.idle_minutes.setValue(seconds // 60)

    def create(self) -> bool:
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        try:
            result = self.ops.write(
                "clerk", clerk_admin.add_clerk, self.username.text(), self.full_name.text(),
                self.password.text(), self.role.currentData(), parent=self,
            )
        except ValidationError as exc:
            for err in exc.errors:
                if err.field in self.widgets:
                    mark(self.widgets[err.field], self.msgs[err.field],
                         messages.field_message(err))
            return False
        if result is None:
            return False
        for widget in (self.username, self.full_name, self.password):
            widget.clear()
        self.reload()
        return True

    def toggle_selected(self) -> bool:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return False
        clerk_id = int(item.data(Qt.ItemDataRole.UserRole))
        active = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        result = self.ops.write("clerk", clerk_admin.set_active, clerk_id, not active,
                                parent=self)
        self.reload()
        return result is not None

    def save_idle(self) -> bool:
        seconds = self.idle_minutes.value() * 60
        result = self.ops.write("settings", clerk_admin.set_idle_lock, seconds, parent=self)
        if result is None:
            return False
        self.idleChanged.emit(seconds)
        return True
