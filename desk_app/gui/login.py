"""Login at start, and the first-run step that creates the admin when there are no clerks.

Passwords are checked by :func:`desk_app.services.clerks.authenticate` (argon2id). The dialogs
are opened with ``open()`` (non-blocking) and report the clerk through :attr:`loggedIn`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.errors import FieldError, ValidationError
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.ops import wait_cursor
from desk_app.gui.session import ClerkInfo
from desk_app.services.clerks import authenticate, create_clerk
from desk_app.store.engine import Store

WRONG_LOGIN = "Sai tên đăng nhập hoặc mật khẩu."


class _Dialog(QDialog):
    loggedIn = Signal(object)  # ClerkInfo

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        layout.addWidget(self.buttons)
        self.clerk: ClerkInfo | None = None

    def add_field(self, label: str, widget: QLineEdit) -> FieldMessage:
        message = FieldMessage()
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(message)
        self.form.addRow(label, box)
        return message

    def submit(self) -> None:
        raise NotImplementedError

    def _done(self, clerk: ClerkInfo) -> None:
        self.clerk = clerk
        self.accept()
        self.loggedIn.emit(clerk)


class LoginDialog(_Dialog):
    def __init__(self, store: Store, desk_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            "Đăng nhập - Một cửa",
            f"<h3>{desk_name or 'Bộ phận tiếp nhận và trả kết quả'}</h3>"
            "<p>Đăng nhập bằng tài khoản cán bộ tiếp nhận.</p>",
            parent,
        )
        self.store = store
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_msg = self.add_field("Tên đăng nhập", self.username)
        self.password_msg = self.add_field("Mật khẩu", self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        self.username.setFocus()

    def submit(self) -> None:
        mark(self.username, self.username_msg, "")
        mark(self.password, self.password_msg, "")
        if not self.username.text().strip():
            mark(self.username, self.username_msg, messages.FIELD_MESSAGES["required"])
            self.username.setFocus()
            return
        with wait_cursor(), self.store.read() as session:
            clerk = authenticate(session, self.username.text(), self.password.text())
            info = ClerkInfo.of(clerk) if clerk is not None else None
        if info is None:
            mark(self.password, self.password_msg, WRONG_LOGIN)
            self.password.clear()
            self.password.setFocus()
            return
        self._done(info)


class FirstRunDialog(_Dialog):
    """No clerk yet: create the administrator account (who then creates the others)."""

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(
            "Thiết lập lần đầu - Một cửa",
            "<h3>Chào mừng!</h3><p>Chưa có tài khoản nào. Hãy tạo tài khoản <b>quản trị</b> "
            "cho bộ phận một cửa; tài khoản này sẽ tạo tài khoản cho các cán bộ khác.</p>",
            parent,
        )
        self.store = store
        self.clock = clock
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.msgs = {
            "username": self.add_field("Tên đăng nhập", self.username),
            "full_name": self.add_field("Họ và tên", self.full_name),
            "password": self.add_field("Mật khẩu (ít nhất 8 ký tự)", self.password),
            "password2": self.add_field("Nhập lại mật khẩu", self.password2),
        }
        self.widgets = {
            "username": self.username, "full_name": self.full_name,
            "password": self.password, "password2": self.password2,
        }
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tạo tài khoản")
        self.full_name.setFocus()

    def submit(self) -> None:
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        errors: list[FieldError] = []
        if self.password.text() != self.password2.text():
            errors.append(FieldError("password2", "mismatch"))
        info = None
        if not errors:
            try:
                # The one write outside Ops: there is no clerk yet to run it as.
                with wait_cursor(), self.store.write() as session:
                    clerk = create_clerk(
                        session, self.clock, self.username.text(), self.full_name.text(),
                        self.password.text(), "admin",
                    )
                    info = ClerkInfo.of(clerk)
            except ValidationError as exc:
                errors = exc.errors
        if errors:
            for err in errors:
                if err.field in self.widgets:
                    mark(self.widgets[err.field], self.msgs[err.field], messages.field_message(err))
            first = next(e.field for e in errors if e.field in self.widgets)
            self.widgets[first].setFocus()
            return
        assert info is not None
        self._done(info)
