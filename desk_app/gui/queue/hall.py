"""The hall screen (optional): the latest calls of every counter, for a TV in the waiting room.

It reads :func:`desk_app.services.queue.board` on the read lane, at each call of this desk and
every few seconds (the other counters' calls reach it through the shared store or the sync);
on a counter that uses the queue of another desk (the host, over the office LAN) it reads the
host's board (``source``) on the LAN lane, and keeps the last one while the host is silent.
Numbers and counters only: it stays up while the desk is locked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk_app.clock import Clock
from desk_app.gui import background
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.tr import tr
from desk_app.services import queue
from desk_app.services.queue import Board
from desk_app.store.engine import Store

REFRESH_MS = 5_000


class HallWindow(QWidget):
    def __init__(self, store: Store, clock: Clock,
                 source: Callable[[], Board] | None = None) -> None:
        super().__init__()
        self.setObjectName("hall")
        self.setWindowTitle(tr("Màn hình gọi số"))
        self.setProperty("citizenScreen", True)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.store, self.clock, self.source = store, clock, source
        box = QVBoxLayout(self)
        box.setContentsMargins(40, 24, 40, 24)
        self.head = QLabel(tr("MỜI CÔNG DÂN CÓ SỐ THỨ TỰ"))
        self.head.setObjectName("head")
        self.latest = QLabel("")
        self.latest.setObjectName("latest")
        for w in (self.head, self.latest):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(w)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(80)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(self.rows)
        centred.addStretch(1)
        box.addLayout(centred)
        box.addStretch(1)
        self.waiting = QLabel()
        self.waiting.setObjectName("waiting")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.waiting)
        self.board: Board | None = None
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.resize(1366, 768)
        self._restyle()
        self.refresh()

    def refresh(self) -> None:
        store, clock = self.store, self.clock

        def work() -> Board:
            with store.read() as session:
                return queue.board(session, clock)

        if self.source is not None:
            background.lane("queue-lan").run(self.source, self.show_board, context=self,
                                             failed=lambda exc: None, name="hall board")
            return
        background.lane(READ_LANE).run(work, self.show_board, context=self, name="hall board")

    def show_board(self, board: Board) -> None:
        self.board = board
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        latest = board.called[0] if board.called else None
        self.latest.setText(tr("{label} → Quầy {counter}").format(
            label=latest.label, counter=latest.counter) if latest else "—")
        for i, t in enumerate(board.called[1:]):
            number, counter = QLabel(t.label), QLabel(tr("Quầy {counter}").format(
                counter=t.counter))
            for j, w in enumerate((number, counter)):
                w.setObjectName("row")
                self.rows.addWidget(w, i, j, Qt.AlignmentFlag.AlignLeft)
        self.waiting.setText(tr("Đang chờ: {count} người").format(count=board.waiting))

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._restyle()

    def _restyle(self) -> None:
        u = max(12, self.height() // 54)
        self.setStyleSheet(f"""
            QWidget#hall {{ background: #0f3d6b; }}
            QLabel {{ color: white; padding-top: {u // 2}px; }}
            QLabel#head {{ font-size: {int(u * 2.4)}px; color: #dce8f5; }}
            QLabel#latest {{ font-size: {int(u * 8)}px; font-weight: bold; color: #ffd54f; }}
            QLabel#row {{ font-size: {int(u * 2.6)}px; font-weight: bold; }}
            QLabel#waiting {{ font-size: {int(u * 1.8)}px; color: #dce8f5; }}
        """)
