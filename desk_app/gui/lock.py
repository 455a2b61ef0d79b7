"""Locking the window after a time without input; the clerk's password unlocks it.

:class:`IdleWatcher` restarts a timer on every key press or mouse action anywhere in the
program; when it runs out the main window shows :class:`LockScreen` instead of its content.
The content is only hidden (never reset), so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock, SystemClock
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.login import EMPTY_PASSWORD, check_password, login_message
from desk_app.gui.session import ClerkInfo
from desk_app.gui.tr import tr
from desk_app.services.clerks import LoginResult
from desk_app.store.engine import Store

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.idle)
        self.set_seconds(seconds)
        app = QApplication.instance()
        assert app is not None, "the idle lock watches a running QApplication"
        app.installEventFilter(self)

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        if seconds > 0:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.seconds > 0:
            self.timer.start(self.seconds * 1000)
        return False

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockScreen(QWidget):
    unlocked = Signal()
    logoutRequested = Signal()

    def __init__(self, store: Store, clerk: ClerkInfo, parent: QWidget | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.store = store
        self.clock = clock or SystemClock()
        self.clerk = clerk
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        box = QWidget()
        box.setFixedWidth(480)  # wide enough for the two lines; word wrap needs a width
        inner = QVBoxLayout(box)
        title = QLabel(tr("<h2>Màn hình đã khoá</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(
            tr("Cán bộ <b>{full_name}</b> ({username}) đang làm việc.<br>Các thông tin đang nhập "
               "được giữ nguyên. Nhập mật khẩu để mở khoá.").format(full_name=clerk.full_name,
                   username=clerk.username)
        )
        who.setWordWrap(True)
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = who
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("Mật khẩu"))
        self.password.returnPressed.connect(self.try_unlock)
        self.message = FieldMessage()
        button = QPushButton(tr("Mở khoá"))
        button.clicked.connect(self.try_unlock)
        switch = QPushButton(tr("Đăng xuất, đổi cán bộ khác"))
        switch.setObjectName("lockLogout")
        switch.setToolTip(tr("Hồ sơ đang nhập dở được lưu nháp và khôi phục khi đăng nhập lại."))
        switch.clicked.connect(self.logoutRequested)
        for widget in (title, who, self.password, self.message, button, switch):
            inner.addWidget(widget)
        # centred by stretches, not by an alignment flag: an aligned item is given its size
        # hint's height, so the wrapped lines of a message would be cut
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def try_unlock(self) -> bool:
        if not self.password.text():  # Enter on an empty field (a visitor, a habit): no try
            mark(self.password, self.message, tr(EMPTY_PASSWORD))
            return False
        check_password(self.store, self.clock, self.clerk.username, self.password.text(),
                       parent=self, done=self._checked,
                       failed=lambda exc: mark(self.password, self.message,
                                               messages.known_message(exc)))
        return True

    def _checked(self, result: LoginResult, _clerk: ClerkInfo | None) -> None:
        self.password.clear()
        if result.outcome != "ok":
            mark(self.password, self.message, login_message(result))
            return
        mark(self.password, self.message, "")
        self.unlocked.emit()
