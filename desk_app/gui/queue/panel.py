"""The clerk's small queue panel, in the main window's top row: the number served at this
counter, how many wait, the call button (F2), and the last fault in words.

It takes plain data (:class:`desk_app.services.queue.Ticket` values), never reads the store.
About 420 pixels wide at most: the top row keeps the search box whole at 1366x768.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from desk_app.gui.fields import ElidedLabel
from desk_app.gui.tr import tr
from desk_app.services.queue import Ticket

WIDTH = 420
WIDE = 1200  # window width from which the call button has its words


class QueuePanel(QFrame):
    callRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("queuePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(WIDTH)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 1, 4, 1)
        row.setSpacing(4)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        # plain text that gives way with "…" on a narrow window (1024 pixels)
        self.state = ElidedLabel()
        self.state.setObjectName("queueState")
        bold = self.state.font()
        bold.setBold(True)
        self.state.setFont(bold)  # a font, not a style sheet: the width hint measures it
        self.note = ElidedLabel()
        self.note.setObjectName("queueNote")
        texts.addWidget(self.state)
        texts.addWidget(self.note)
        row.addLayout(texts, 1)
        # its words when the window is wide enough (see fit); "F2" alone on a 1024-pixel screen
        self.call_button = QPushButton(tr("Gọi số (F2)"))
        self.call_button.setObjectName("queueCall")
        self.call_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never takes the typing
        self.call_button.setToolTip(tr("Gọi số tiếp (F2) · Shift+F2 gọi lại · F4 vắng mặt · "
                                       "F6 chuyển quầy · F7 xong"))
        self.call_button.setStyleSheet("padding: 2px 6px;")
        self.call_button.clicked.connect(self.callRequested)
        row.addWidget(self.call_button)
        self.current: Ticket | None = None
        self.waiting = 0
        self._error = False
        self.show_state(None, 0)

    def fit(self, window_width: int) -> None:
        """The call button's words on a window of ``window_width`` pixels: in full from
        :data:`WIDE`, else just the key (the tooltip has the words)."""
        self.call_button.setText(tr("Gọi số (F2)") if window_width >= WIDE else tr("F2"))

    def show_state(self, current: Ticket | None, waiting: int) -> None:
        self.current, self.waiting = current, waiting
        if current is not None and current.status == "called":
            served = tr("Đang phục vụ: {label}").format(label=current.label)
        else:
            served = tr("Chưa gọi số")
        text = f"{served} · " + tr("Chờ: {count}").format(count=waiting)
        self.state.setText(text)
        self.state.setToolTip(text)
        if current is not None and current.status == "called" and not self._error:
            self._set_note(current.field_name, error=False)

    def show_error(self, text: str) -> None:
        """A fault in words, in red, until the next success."""
        self._error = True
        self._set_note(text, error=True)

    def show_note(self, text: str) -> None:
        self._error = False
        self._set_note(text, error=False)

    def _set_note(self, text: str, *, error: bool) -> None:
        self.note.setStyleSheet("color: #b3261e; font-weight: bold;" if error else
                                "color: #4a5d70;")
        self.note.setText(text)
        self.note.setToolTip(text)

    def blank(self) -> None:
        """The desk locked: show nothing at all."""
        self.current, self.waiting, self._error = None, 0, False
        self.state.setText("")
        self.state.setToolTip("")
        self.note.setText("")
        self.note.setToolTip("")
