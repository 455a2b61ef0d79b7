"""Login at start, and the first-run step that creates the admin when there are no clerks.

Passwords are checked by :func:`desk_app.services.clerks.login` (argon2id), which counts wrong
passwords and locks the account for a few minutes after too many; a password reset by an admin
is changed in :class:`ChangePasswordDialog` before the main window opens. The dialogs are opened
with ``open()`` (non-blocking) and report the clerk through :attr:`loggedIn`.

Every write here (counting a wrong password, the first-run admin, a new password) runs on the
database worker through :func:`desk_app.gui.ops.submit`, as the clerk's writes do later: a store
busy for seconds never freezes the window, and a second Enter while one check runs is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock, SystemClock
from desk_app.errors import FieldError, KnownError, StoreProblemError
from desk_app.gui import messages, ops
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.geometry import grow_to_fit
from desk_app.gui.session import ClerkInfo
from desk_app.gui.tr import QT_TR_NOOP, tr

# The login window is painted before SQLAlchemy, the models and argon2 are imported
# (desk_app.app): the services it calls are imported when they are called.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk_app.services.clerks import LoginResult
    from desk_app.store.engine import Store

WRONG_LOGIN = QT_TR_NOOP("Sai tên đăng nhập hoặc mật khẩu.")
# An empty password is not checked, so it never counts towards the lockout.
EMPTY_PASSWORD = QT_TR_NOOP("Nhập mật khẩu rồi nhấn Enter.")


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

    def show_field_errors(self, errors: list[FieldError], widgets: dict[str, QLineEdit],
                          msgs: dict[str, FieldMessage]) -> None:
        """Each error at its field, the focus on the first one."""
        for err in errors:
            if err.field in widgets:
                mark(widgets[err.field], msgs[err.field], messages.field_message(err))
        first = next((e.field for e in errors if e.field in widgets), None)
        if first is not None:
            widgets[first].setFocus()
        QTimer.singleShot(0, self, lambda: grow_to_fit(self))  # every message whole, none cut

    def _done(self, clerk: ClerkInfo) -> None:
        self.clerk = clerk
        self.accept()
        self.loggedIn.emit(clerk)


def login_message(result: LoginResult) -> str:
    """What the clerk reads after a refused password (login window and lock screen)."""
    from desk_app.services.clerks import LOCKOUT, LOGIN_ATTEMPTS

    if result.outcome == "locked" and result.until is not None:
        return (tr("Tài khoản tạm khoá do nhập sai mật khẩu {LOGIN_ATTEMPTS} lần liên tiếp. Thử "
                   "lại sau {until:%H:%M} (khoảng {v2} phút), hoặc nhờ quản trị đặt lại mật "
                   "khẩu.").format(LOGIN_ATTEMPTS=LOGIN_ATTEMPTS,
                       until=result.until, v2=LOCKOUT.seconds // 60))
    if result.attempts_left < LOGIN_ATTEMPTS:
        return (tr("{WRONG_LOGIN} Còn {attempts_left} lần thử trước khi tài khoản bị tạm khoá "
                   "{v2} phút.").format(WRONG_LOGIN=tr(WRONG_LOGIN),
                       attempts_left=result.attempts_left, v2=LOCKOUT.seconds // 60))
    return tr(WRONG_LOGIN)


if TYPE_CHECKING:
    Checked = tuple[LoginResult, ClerkInfo | None]


def _checked(session: Session, clock: Clock, username: str, password: str) -> Checked:
    from desk_app.services.clerks import clerk_row, login

    result = login(session, clock, username, password)
    if result.outcome != "ok" or result.clerk_id is None:
        return result, None
    return result, ClerkInfo.of(clerk_row(session, result.clerk_id))


def check_password(store: Store, clock: Clock, username: str, password: str, *,
                   parent: QWidget, done: Callable[[LoginResult, ClerkInfo | None], None],
                   failed: Callable[[KnownError], None]) -> ops.Write[Checked] | None:
    """:func:`desk_app.services.clerks.login` in its own write transaction on the database
    worker (it counts wrong passwords); ``done(result, clerk)`` on the GUI thread, the clerk
    only when the password was right. A busy database goes to ``failed``: a refusal the clerk
    can retry. None: a check from ``parent`` is still running (a second Enter).

    It does not wait for the start-up check of a big file. On a file found damaged (writes
    refused) the password is checked in a read transaction, so the dossiers can still be
    looked at; wrong passwords are then not counted."""

    def refused(exc: KnownError) -> None:
        if isinstance(exc, StoreProblemError) and store.guard.state == "failed":
            with store.read() as session:  # not committed
                done(*_checked(session, clock, username, password))
            return
        failed(exc)

    return ops.submit(store, "login", lambda s: _checked(s, clock, username, password),
                      parent=parent, done=lambda checked: done(*checked), failed=refused,
                      gated=False)


class LoginDialog(_Dialog):
    """``store`` None: shown before the store is open; the launcher sets it before the event
    loop runs, so no password is ever checked without it."""

    def __init__(self, store: Store | None, desk_name: str = "", parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(
            tr("Đăng nhập - Một cửa"),
            tr("<h3>{desk_name}</h3><p>Đăng nhập bằng tài khoản cán bộ tiếp nhận.</p>").format(desk_name=desk_name or tr('Bộ phận tiếp nhận và trả kết quả')),
            parent,
        )
        self.store = store
        self.desk_name = desk_name
        self.clock = clock or SystemClock()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_msg = self.add_field(tr("Tên đăng nhập"), self.username)
        self.password_msg = self.add_field(tr("Mật khẩu"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Đăng nhập"))
        self.username.setFocus()
        self.change_dialog: ChangePasswordDialog | None = None

    def submit(self) -> None:
        mark(self.username, self.username_msg, "")
        mark(self.password, self.password_msg, "")
        if not self.username.text().strip():
            mark(self.username, self.username_msg, tr(messages.FIELD_MESSAGES["required"]))
            self.username.setFocus()
            return
        if not self.password.text():
            mark(self.password, self.password_msg, tr(EMPTY_PASSWORD))
            self.password.setFocus()
            return
        if self.store is None:  # not open yet (never seen: it is set before the event loop)
            return
        check_password(self.store, self.clock, self.username.text(), self.password.text(),
                       parent=self, done=self._checked, failed=self._refused)

    def _refused(self, exc: KnownError) -> None:  # database busy: nothing counted, try again
        mark(self.password, self.password_msg, messages.known_message(exc))

    def _checked(self, result: LoginResult, info: ClerkInfo | None) -> None:
        if result.outcome != "ok" or info is None:
            mark(self.password, self.password_msg, login_message(result))
            self.password.clear()
            self.password.setFocus()
            return
        if result.must_change_password:
            self.password.clear()
            assert self.store is not None  # a password was checked in it
            self.change_dialog = ChangePasswordDialog(self.store, self.clock, info, self)
            self.change_dialog.loggedIn.connect(self._done)
            self.change_dialog.open()
            return
        self._done(info)


class ChangePasswordDialog(_Dialog):
    """After an admin's reset: the clerk chooses a new password before working."""

    def __init__(self, store: Store, clock: Clock, clerk: ClerkInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Đổi mật khẩu - Một cửa"),
            tr("<h3>Đổi mật khẩu</h3><p>Quản trị đã đặt lại mật khẩu cho tài khoản "
               "<b>{username}</b> ({full_name}). Hãy đặt mật khẩu mới của riêng mình (ít nhất 8 "
               "ký tự) trước khi làm việc.</p>").format(username=clerk.username,
                   full_name=clerk.full_name),
            parent,
        )
        self.store, self.clock, self.info = store, clock, clerk
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("newPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.widgets = {"password": self.password, "password2": self.password2}
        self.msgs = {"password": self.add_field(tr("Mật khẩu mới"), self.password),
                     "password2": self.add_field(tr("Nhập lại mật khẩu mới"), self.password2)}
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Đổi mật khẩu"))
        self.password.setFocus()

    def submit(self) -> None:
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        from desk_app.services.clerks import change_own_password

        clock, info = self.clock, self.info
        password, password2 = self.password.text(), self.password2.text()
        ops.submit(self.store, "password",
                   lambda s: change_own_password(s, clock, info.id, password, password2),
                   parent=self, done=lambda _clerk: self._done(info),
                   invalid=lambda errors: self.show_field_errors(errors, self.widgets,
                                                                 self.msgs),
                   failed=lambda exc: mark(self.password, self.msgs["password"],
                                           messages.known_message(exc)))


class FirstRunDialog(_Dialog):
    """No clerk yet: create the administrator account (who then creates the others)."""

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Thiết lập lần đầu - Một cửa"),
            tr("<h3>Chào mừng!</h3><p>Chưa có tài khoản nào. Hãy tạo tài khoản <b>quản trị</b> "
            "cho bộ phận một cửa; tài khoản này sẽ tạo tài khoản cho các cán bộ khác.</p>"),
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
        # the counter number makes this desk's dossier codes its own (services/counter.py);
        # an upgraded store that has one shows it
        from desk_app.services.counter import desk_counter

        with store.read() as session:
            known = desk_counter(session)
        self.counter = QLineEdit("" if known is None else str(known))
        self.counter.setObjectName("counter")
        self.counter.setMaxLength(2)
        self.counter.setPlaceholderText("1-9")
        self.msgs = {
            "username": self.add_field(tr("Tên đăng nhập"), self.username),
            "full_name": self.add_field(tr("Họ và tên"), self.full_name),
            "password": self.add_field(tr("Mật khẩu (ít nhất 8 ký tự)"), self.password),
            "password2": self.add_field(tr("Nhập lại mật khẩu"), self.password2),
            "counter": self.add_field(tr("Số quầy của máy này"), self.counter),
        }
        note = QLabel(tr("Mỗi máy tiếp nhận của xã một số quầy khác nhau (1-9): số quầy là chữ số "
                      "đầu của số thứ tự trong mã hồ sơ, nên hai máy không bao giờ cấp trùng mã."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.widgets = {
            "username": self.username, "full_name": self.full_name,
            "password": self.password, "password2": self.password2, "counter": self.counter,
        }
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Tạo tài khoản"))
        self.full_name.setFocus()

    def submit(self) -> None:
        from desk_app.services.setup import create_first_admin

        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        clock = self.clock
        values = (self.username.text(), self.full_name.text(), self.password.text(),
                  self.password2.text(), self.counter.text())
        # no clerk yet to run it as: the account and the counter number are written together
        # or not at all, on the same worker as every other write
        ops.submit(self.store, "first_admin",
                   lambda s: ClerkInfo.of(create_first_admin(s, clock, *values)),
                   parent=self, done=self._done,
                   invalid=lambda errors: self.show_field_errors(errors, self.widgets,
                                                                 self.msgs))
