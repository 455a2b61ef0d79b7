"""The call on the citizen's screen: "Mời số 012 — Quầy 2", big, over the rating window.

A child laid over :class:`desk_app.gui.rating.citizen_window.CitizenWindow`, never a page of
its stack: the rating's pages stay as they are. Between citizens (the idle or thanks page) the
call covers the whole window; while a citizen is rating, it is a strip along the top that lets
every tap through (``WA_TransparentForMouseEvents``), so a rating under way is neither hidden
nor lost. It goes after :data:`SHOW_MS`, at the next call, or when the desk locks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.gui.tr import tr

SHOW_MS = 12_000
STRIP_SHARE = 0.12  # of the window's height, while a rating is under way
STRIP_MS = 6_000  # over a slip: shorter, the question under it is back soon


class CallBanner(QWidget):
    def __init__(self, host: QWidget, rating_page: int = 1, show_ms: int = SHOW_MS) -> None:
        super().__init__(host)
        self.setObjectName("callBanner")
        self.host = host
        self.rating_page = rating_page
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 12, 24, 12)
        self.invite = QLabel()
        self.invite.setObjectName("callInvite")
        self.text = QLabel()
        self.text.setObjectName("callText")
        for w in (self.invite, self.text):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
        box.addStretch(1)
        box.addWidget(self.invite)
        box.addWidget(self.text)
        box.addStretch(1)
        self.show_ms = show_ms
        self.timer = QTimer(self, singleShot=True, interval=show_ms)
        self.timer.timeout.connect(self.hide)
        self._resizes = _Follow(self)
        host.installEventFilter(self._resizes)
        stack = getattr(host, "stack", None)
        if stack is not None:  # a rating starts under a full-window call: it becomes a strip
            stack.currentChanged.connect(self._page_changed)
        self.hide()

    def _page_changed(self, _index: int) -> None:
        if self.isVisible():
            self.place()
            self.raise_()

    def strip(self) -> bool:
        """True while a citizen is rating (the host's stack shows the slip)."""
        stack = getattr(self.host, "stack", None)
        return stack is not None and stack.currentIndex() == self.rating_page

    def show_call(self, label: str, counter: int) -> None:
        self.text.setText(tr("Mời số {label} — Quầy {counter}").format(label=label,
                                                                       counter=counter))
        self.invite.setText(tr("Đang gọi số thứ tự"))
        self.place()
        self.show()
        self.raise_()
        self.timer.start(min(self.show_ms, STRIP_MS) if self.strip() else self.show_ms)

    def place(self) -> None:
        h = self.host.height()
        strip = self.strip()
        self.invite.setVisible(not strip)
        self.setGeometry(0, 0, self.host.width(), int(h * STRIP_SHARE) if strip else h)
        u = max(12, h // 54)  # the citizen window's own unit (14 px at 768, 20 at 1080)
        big = int(u * (2.6 if strip else 6.5))
        self.setStyleSheet(
            f"QWidget#callBanner {{ background: {'#17538f' if strip else '#0f3d6b'}; }}"
            f"QLabel#callText {{ color: white; font-weight: bold; font-size: {big}px;"
            f" padding-top: {u // 2}px; }}"
            f"QLabel#callInvite {{ color: #dce8f5; font-size: {int(u * 2.4)}px; }}")

    def hide_call(self) -> None:
        self.timer.stop()
        self.hide()


class _Follow(QObject):
    """Lays the banner out again when its window is resized or its page changes."""

    def __init__(self, banner: CallBanner) -> None:
        super().__init__(banner)
        self.banner = banner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.banner.isVisible():
            self.banner.place()
        return False
