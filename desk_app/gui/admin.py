"""The administrator's dialog: clerk accounts (create, lock/unlock, reset a password), the
idle-lock time and the desk's counter number.

Enter does what the focused field suggests: in the new-account fields it creates the account
being typed; it never presses another button (no button is a default button), and locking an
account or resetting its password asks first, naming the account.

Each change runs through :meth:`desk_app.gui.ops.Ops.write` (off the GUI thread); what follows
it (the list reloaded, a field cleared, a message at the field) happens when it lands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.codes import COUNTERS
from desk_app.errors import FieldError, KnownError
from desk_app.gui import messages
from desk_app.gui.backup_dialog import BackupDialog
from desk_app.gui.calendar_page import CalendarDialog
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.ops import Ops
from desk_app.gui.setup_wizard import SetupWizard
from desk_app.gui.tr import tr
from desk_app.services import clerk_admin
from desk_app.services.clerks import ROLES, clerk_rows
from desk_app.services.commune_setup import current_setup
from desk_app.services.counter import change_counter, desk_counter
from desk_app.services.desk_settings import idle_lock_seconds


class AdminDialog(QDialog):
    idleChanged = Signal(int)  # seconds
    counterChanged = Signal(int)  # the desk's new counter number

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(tr("Quản trị - tài khoản cán bộ và cài đặt"))
        resize_within_screen(self, 760, 560)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("clerkTable")
        self.table.setHorizontalHeaderLabels(
            [tr("Tên đăng nhập"), tr("Họ và tên"), tr("Vai trò"), tr("Trạng thái")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.toggle_button = QPushButton(tr("Khoá / mở khoá tài khoản đang chọn…"))
        self.toggle_button.setObjectName("toggleClerk")
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button = QPushButton(tr("Đặt lại mật khẩu…"))
        self.reset_button.setObjectName("resetPassword")
        self.reset_button.clicked.connect(self.start_reset)
        row.addWidget(self.toggle_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reset_dialog: ResetPasswordDialog | None = None

        new_box = QGroupBox(tr("Tạo tài khoản cán bộ"))
        form = QFormLayout(new_box)
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(tr(messages.ROLE_LABELS[role]), role)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.msgs: dict[str, FieldMessage] = {}
        self.widgets: dict[str, QWidget] = {
            "username": self.username, "full_name": self.full_name, "role": self.role,
            "password": self.password,
        }
        labels = {"username": tr("Tên đăng nhập"), "full_name": tr("Họ và tên"), "role": tr("Vai trò"),
                  "password": tr("Mật khẩu (ít nhất 8 ký tự)")}
        for name, widget in self.widgets.items():
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            self.msgs[name] = FieldMessage()
            box.addWidget(self.msgs[name])
            form.addRow(labels[name], box)
        self.create_button = QPushButton(tr("Tạo tài khoản"))
        self.create_button.clicked.connect(self.create_account)
        form.addRow("", self.create_button)
        layout.addWidget(new_box)

        idle_box = QGroupBox(tr("Khoá màn hình khi không thao tác"))
        idle = QHBoxLayout(idle_box)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(0, 480)
        self.idle_minutes.setSuffix(tr(" phút"))
        self.idle_minutes.setSpecialValueText(tr("không khoá"))
        save_idle = QPushButton(tr("Lưu"))
        save_idle.clicked.connect(self.save_idle)
        # Enter in the minutes saves them, as the button does (the dialog has no default)
        self.idle_minutes.lineEdit().returnPressed.connect(self.save_idle)
        self.idle_saved = QLabel()
        self.idle_saved.setObjectName("idleSaved")
        idle.addWidget(self.idle_minutes)
        idle.addWidget(save_idle)
        idle.addWidget(self.idle_saved)
        idle.addStretch(1)
        layout.addWidget(idle_box)

        counter_box = QGroupBox(tr("Số quầy của máy này (chữ số đầu của số thứ tự trong mã hồ sơ)"))
        counter_row = QHBoxLayout(counter_box)
        self.counter = QSpinBox()
        self.counter.setObjectName("counterNumber")
        self.counter.setRange(0, COUNTERS[-1])
        self.counter.setSpecialValueText(tr("chưa đặt"))
        save_counter = QPushButton(tr("Lưu"))
        save_counter.clicked.connect(self.save_counter)
        self.counter.lineEdit().returnPressed.connect(self.save_counter)
        self.counter_msg = FieldMessage()
        self.counter_saved = QLabel()
        self.counter_saved.setObjectName("counterSaved")
        self.counter_saved.setWordWrap(True)
        counter_row.addWidget(self.counter)
        counter_row.addWidget(save_counter)
        counter_row.addWidget(self.counter_msg)
        counter_row.addWidget(self.counter_saved, 1)
        layout.addWidget(counter_box)
        # the desk's other settings, each in a window of its own, on one row
        pages = QHBoxLayout()
        self.calendar_button = QPushButton(tr("Lịch làm việc…"))
        self.calendar_button.setObjectName("openCalendar")
        self.calendar_button.setToolTip(tr("Ngày nghỉ, ngày làm bù, giờ làm việc"))
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar_dialog: CalendarDialog | None = None
        self.setup_button = QPushButton(tr("Thông tin đơn vị…"))
        self.setup_button.setObjectName("openSetup")
        self.setup_button.setToolTip(tr("Xã, mã định danh, tên bộ phận, điện thoại, máy in"))
        self.setup_button.clicked.connect(self.open_setup)
        self.setup_wizard: SetupWizard | None = None
        self.backup_button = QPushButton(tr("Sao lưu, khôi phục…"))
        self.backup_button.setObjectName("openBackup")
        self.backup_button.clicked.connect(self.open_backup)
        self.backup_dialog: BackupDialog | None = None
        for button in (self.calendar_button, self.setup_button, self.backup_button):
            pages.addWidget(button)
        layout.addLayout(pages)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter never presses a button by accident
            button.setDefault(False)
        for line in (self.username, self.full_name, self.password):
            line.returnPressed.connect(self.create_account)
        self.reload()

    def open_calendar(self) -> CalendarDialog:
        """The commune's calendar and office hours (admin only, like this dialog)."""
        self.calendar_dialog = CalendarDialog(self.ops, self.ops.clock.now().date(), self)
        self.calendar_dialog.open()  # over the admin dialog, which waits for it
        self.calendar_dialog.activateWindow()
        return self.calendar_dialog

    def open_setup(self) -> SetupWizard:
        """The set-up wizard's pages, filled with what is stored, saved as this admin."""
        with self.ops.read() as session:
            values = current_setup(session)
        self.setup_wizard = SetupWizard(self.ops.store, self.ops.clock, values,
                                        admin_ops=self.ops, parent=self)
        self.setup_wizard.open()
        self.setup_wizard.activateWindow()
        return self.setup_wizard

    def open_backup(self) -> BackupDialog:
        self.backup_dialog = BackupDialog(self.ops, self)
        self.backup_dialog.open()
        self.backup_dialog.activateWindow()
        return self.backup_dialog

    def reload(self) -> None:
        with self.ops.read() as session:
            rows = [(c.id, c.username, c.full_name, c.role, c.active)
                    for c in clerk_rows(session)]
            seconds = idle_lock_seconds(session)
            counter = desk_counter(session)
        self.table.setRowCount(len(rows))
        for r, (clerk_id, username, name, role, active) in enumerate(rows):
            values = (username, name, messages.table_words(messages.ROLE_LABELS, role),
                      tr("đang dùng") if active else tr("đã khoá"))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, clerk_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, active)
                self.table.setItem(r, col, item)
        self.idle_minutes.setValue(seconds // 60)
        self.counter.setValue(counter or 0)

    def create_account(self) -> bool:
        """Start creating the account typed; False when it cannot start (one is running)."""
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        return self.ops.write(
            "clerk", clerk_admin.add_clerk, self.username.text(), self.full_name.text(),
            self.password.text(), self.role.currentData(), parent=self,
            done=self._created, invalid=self._create_errors,
        ) is not None

    def _create_errors(self, errors: list[FieldError]) -> None:
        for err in errors:
            if err.field in self.widgets:
                mark(self.widgets[err.field], self.msgs[err.field], messages.field_message(err))
        first = next((e.field for e in errors if e.field in self.widgets), None)
        if first is not None:
            self.widgets[first].setFocus()

    def _created(self, _clerk: object) -> None:
        for widget in (self.username, self.full_name, self.password):
            widget.clear()
        self.role.setCurrentIndex(0)  # the next account starts as a plain clerk again
        self.reload()
        self.username.setFocus()

    def reject(self) -> None:
        """Esc or closing: an account half typed is dropped only when the admin says so."""
        typed = any(w.text() for w in (self.username, self.full_name, self.password))
        if typed and not messages.confirm(self, tr("Bỏ tài khoản đang nhập dở?")):
            return
        super().reject()

    def _selected(self) -> tuple[int, str, str, bool] | None:
        """(id, username, full name, active) of the account selected in the list."""
        row = self.table.currentRow()
        item, name = self.table.item(row, 0), self.table.item(row, 1)
        if item is None or name is None:
            messages.inform(self, tr("Chọn một tài khoản trong danh sách trước."))
            return None
        return (int(item.data(Qt.ItemDataRole.UserRole)), item.text(),
                name.text(), bool(item.data(Qt.ItemDataRole.UserRole + 1)))

    def toggle_selected(self) -> bool:
        chosen = self._selected()
        if chosen is None:
            return False
        clerk_id, username, name, active = chosen
        verb = tr("Khoá") if active else tr("Mở khoá")
        if not messages.confirm(self, tr("{verb} tài khoản {username} ({name})?").format(verb=verb,
                                             username=username, name=name)):
            return False
        return self.ops.write("clerk", clerk_admin.set_active, clerk_id, not active,
                              parent=self, done=lambda _c: self.reload(),
                              failed=self._refused) is not None

    def _refused(self, exc: KnownError) -> None:
        self.reload()
        messages.show_known_error(self, exc)

    def start_reset(self) -> ResetPasswordDialog | None:
        chosen = self._selected()
        if chosen is None:
            return None
        clerk_id, username, name, _active = chosen
        self.reset_dialog = ResetPasswordDialog(self.ops, clerk_id, username, name, self)
        self.reset_dialog.open()
        return self.reset_dialog

    def save_idle(self) -> bool:
        seconds = self.idle_minutes.value() * 60
        return self.ops.write("settings", clerk_admin.set_idle_lock, seconds, parent=self,
                              done=lambda _r: self._idle_saved(seconds)) is not None

    def _idle_saved(self, seconds: int) -> None:
        self.idleChanged.emit(seconds)
        self.idle_saved.setText(tr("Đã lưu: khoá sau {v0} phút không thao tác.").format(v0=seconds // 60)
                                if seconds else tr("Đã lưu: không tự khoá."))

    def save_counter(self) -> bool:
        """Each PC of the commune has its own number; the province is told at the next sync
        (and says so if another desk of the commune has it)."""
        mark(self.counter, self.counter_msg, "")
        return self.ops.write("settings", change_counter, self.counter.value(), parent=self,
                              done=self._counter_saved,
                              invalid=self._counter_errors) is not None

    def _counter_errors(self, errors: list[FieldError]) -> None:
        mark(self.counter, self.counter_msg, messages.field_message(errors[0]))
        self.counter.setFocus()

    def _counter_saved(self, result: int) -> None:
        self.counter_saved.setText(tr("Đã lưu: quầy số {result}; mã hồ sơ mới của máy này có số "
                                      "thứ tự {result}001, {result}002…").format(result=result))
        self.counterChanged.emit(result)


class ResetPasswordDialog(QDialog):
    """The admin types a temporary password; the clerk must change it at the next login."""

    def __init__(self, ops: Ops, clerk_id: int, username: str, full_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.clerk_id, self.username = ops, clerk_id, username
        self.setWindowTitle(tr("Đặt lại mật khẩu"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Đặt mật khẩu tạm cho <b>{username}</b> ({full_name}). Cán bộ sẽ phải "
                          "đổi mật khẩu khi đăng nhập lần sau; tài khoản đang bị tạm khoá vì "
                          "nhập sai mật khẩu cũng được mở.").format(username=username,
                              full_name=full_name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.password = QLineEdit()
        self.password.setObjectName("resetPasswordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("Mật khẩu tạm (ít nhất 8 ký tự)"))
        self.password.returnPressed.connect(self.submit)
        self.message = FieldMessage()
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(tr("Đặt lại"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> bool:
        mark(self.password, self.message, "")
        return self.ops.write(
            "clerk", clerk_admin.reset_password, self.clerk_id, self.password.text(),
            parent=self, done=self._reset,
            invalid=lambda errors: mark(self.password, self.message, " ".join(
                messages.field_message(e) for e in errors)),
        ) is not None

    def _reset(self, _clerk: object) -> None:
        self.accept()
        messages.inform(self.parentWidget(), tr("Đã đặt lại mật khẩu cho {username}. Cán bộ sẽ "
                                                "đổi mật khẩu khi đăng nhập lần sau.").format(username=self.username))
