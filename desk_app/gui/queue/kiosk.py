"""The ticket kiosk: a full-screen touch window where a citizen takes a number.

One big button per field (:func:`desk_app.services.queue.fields`, with how many wait); on a PC
of its own (``--kiosk``) a CCCD scan line (a USB QR scanner types like a keyboard, then Enter: the payload is read by
:func:`desk_app.core.cccd.parse_qr`, and the next tap takes a number linked to the card).
Tap -> :func:`desk_app.services.queue.issue` on the database worker (no clerk: the kiosk is the
citizens') -> "Số của bạn: 012" with the people ahead -> the ticket printed on the "spool" lane
(:func:`desk_app.printing.ticket_out.print_ticket`) -> back to the fields after a few seconds.
A printer fault still shows the number, and asks the citizen to tell the counter.
On a desk that uses the queue of another desk of the office (the host, over the LAN) the
fields and the numbers come from the host, on the LAN lane (:mod:`.remote`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.core.cccd import CccdParseError, is_valid_number, parse_qr
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, messages, ops
from desk_app.gui.queue import remote
from desk_app.gui.queue.ticket_print import PrintTicket, print_issued
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.tr import tr
from desk_app.services import queue
from desk_app.services.desk_settings import desk_names
from desk_app.services.queue import FieldChoice, Ticket
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
FIELDS, DONE = 0, 1
BACK_MS = 10_000  # the number stays this long, then the fields again
SCAN_FORGET_MS = 30_000  # a card read and no field tapped: forgotten
REFRESH_MS = 5_000  # the waiting counts follow the counters' calls (seen stale on a display)


class KioskWindow(QWidget):
    issued = Signal(object)  # Ticket
    printed = Signal(bool)  # whether the ticket went to the printer

    def __init__(self, store: Store, clock: Clock, data_dir: Path | None = None, *,
                 print_ticket: PrintTicket | None = None, back_ms: int = BACK_MS,
                 printer: Callable[[], str] | None = None, scanner: bool = True) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.scanner = scanner
        if not scanner:
            # beside the clerk's window on the same PC: a tap must never take the clerk's
            # keyboard (a scanner there types into the clerk's window, so no card scan here)
            self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(tr("Lấy số thứ tự"))
        self.setProperty("citizenScreen", True)  # a locked desk leaves it up: no personal data
        self.store, self.clock, self.data_dir = store, clock, data_dir
        self.print_ticket = print_ticket or print_issued
        self.printer = printer
        self.cccd: str | None = None
        self.ticket: Ticket | None = None
        self.choices: list[FieldChoice] = []
        self.host = remote.kiosk_client(store)  # None: this store holds the queue
        self._taking: background.Task[Ticket] | None = None
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._fields_page())
        self.stack.addWidget(self._done_page())
        self.back = QTimer(self, singleShot=True, interval=back_ms)
        self.back.timeout.connect(self.to_fields)
        self.forget = QTimer(self, singleShot=True, interval=SCAN_FORGET_MS)
        self.forget.timeout.connect(self._forget_card)
        self.refresh = QTimer(self, interval=REFRESH_MS)
        self.refresh.timeout.connect(self._tick)
        self.refresh.start()
        self._reading = False
        self.resize(1366, 768)
        self._restyle()
        self.reload()

    # -- pages ----------------------------------------------------------------------------

    def _fields_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(40, 24, 40, 24)
        self.commune = QLabel()
        self.commune.setObjectName("small")
        title = QLabel(tr("LẤY SỐ THỨ TỰ"))
        title.setObjectName("title")
        self.prompt = QLabel(tr("Xin mời chạm vào lĩnh vực Ông/Bà cần giải quyết"))
        self.prompt.setObjectName("subtitle")
        for w in (self.commune, title, self.prompt):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
            box.addWidget(w)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        box.addSpacing(12)
        box.addLayout(self.grid, 1)
        self.scan_note = QLabel(tr("Có thẻ CCCD gắn chip? Đưa mã QR trên thẻ vào máy quét."))
        self.scan_note.setObjectName("small")
        self.scan_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scan_note.setWordWrap(True)
        box.addWidget(self.scan_note)
        self.scan_note.setVisible(self.scanner)
        # the scanner's keys land here (it is the only field taking the keyboard)
        self.scan = QLineEdit()
        self.scan.setObjectName("kioskScan")
        self.scan.setEchoMode(QLineEdit.EchoMode.Password)  # the card's data is not shown
        self.scan.setFixedHeight(2)
        self.scan.returnPressed.connect(self._scanned)
        self.scan.setVisible(self.scanner)
        box.addWidget(self.scan)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(40, 24, 40, 24)
        self.yours = QLabel(tr("Số của bạn"))
        self.yours.setObjectName("subtitle")
        self.number = QLabel()
        self.number.setObjectName("number")
        self.field = QLabel()
        self.field.setObjectName("subtitle")
        self.ahead = QLabel()
        self.ahead.setObjectName("welcome")
        self.print_note = QLabel()
        self.print_note.setObjectName("small")
        box.addStretch(1)
        for w in (self.yours, self.number, self.field, self.ahead, self.print_note):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setWordWrap(True)
            box.addWidget(w)
        box.addStretch(1)
        self.ok = QPushButton(tr("Xong"))
        self.ok.setObjectName("send")
        self.ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok.clicked.connect(self.to_fields)
        box.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignCenter)
        return page

    def page(self) -> int:
        return self.stack.currentIndex()

    # -- fields ---------------------------------------------------------------------------

    def _tick(self) -> None:
        if self.page() == 0 and not self._reading:
            self.reload()

    def reload(self) -> None:
        store, clock, host = self.store, self.clock, self.host
        self._reading = True

        def work() -> tuple[list[FieldChoice], str]:
            with store.read() as session:
                commune = desk_names(session).commune_name
                if host is None:
                    return queue.fields(session, clock), commune
            with host() as client:
                return client.fields(), commune

        lane = background.lane(READ_LANE) if host is None else remote.lane()
        lane.run(work, self._loaded, failed=self._read_failed, context=self,
                 name="kiosk fields")

    def _read_failed(self, exc: KnownError) -> None:
        self._reading = False  # the next tick reads again (a host back on the LAN)
        self._refused(exc)

    def _loaded(self, result: tuple[list[FieldChoice], str]) -> None:
        self._reading = False
        self.choices, commune = result
        self.commune.setText(commune.upper())
        shown = self.buttons()
        if [b.property("fieldCode") for b in shown] == [c.code for c in self.choices]:
            for button, choice in zip(shown, self.choices, strict=True):  # same fields: only
                button.setText(self._label(choice))  # the counts change, no button is remade
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        cols = 2 if len(self.choices) <= 6 else 3 if len(self.choices) <= 12 else 4
        for i, choice in enumerate(self.choices):
            button = QPushButton(self._label(choice))
            button.setObjectName("big")
            button.setProperty("fieldCode", choice.code)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, code=choice.code: self.take(code))
            self.grid.addWidget(button, i // cols, i % cols)
        if self.scanner:
            self.scan.setFocus()

    @staticmethod
    def _label(choice: FieldChoice) -> str:
        return f"{choice.name}\n" + tr("Đang chờ: {count}").format(count=choice.waiting)

    def buttons(self) -> list[QPushButton]:
        found = (self.grid.itemAt(i) for i in range(self.grid.count()))  # in their order
        return [w for item in found if item is not None
                and isinstance(w := item.widget(), QPushButton) and w.property("fieldCode")]

    # -- a number ---------------------------------------------------------------------------

    def _scanned(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        try:
            number = text if is_valid_number(text) else parse_qr(text).number
        except CccdParseError as exc:
            self._say(tr(messages.CCCD_MESSAGES.get(exc.code, "")) or
                      tr("Không đọc được mã vừa quét: xin quét lại."), error=True)
            return
        self.cccd = number
        self.forget.start()
        self._say(tr("Đã đọc thẻ CCCD số …{tail}. Xin mời chạm vào lĩnh vực cần giải quyết.")
                  .format(tail=number[-4:]))

    def _forget_card(self) -> None:
        self.cccd = None
        self._say(tr("Xin mời chạm vào lĩnh vực Ông/Bà cần giải quyết"))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.prompt.setText(text)
        self.prompt.setStyleSheet("color: #b3261e;" if error else "")

    def take(self, field_code: str) -> bool:
        """A tap on a field: issue the next number (with the card read, if any)."""
        if self.page() != FIELDS:
            return False
        store, clock, cccd, host = self.store, self.clock, self.cccd, self.host
        if host is not None:  # at the host, over the LAN: one tap at a time
            if self._taking is not None and not self._taking.finished:
                return False
            def work() -> Ticket:
                with host() as client:
                    return client.issue(field_code, cccd)

            self._taking = remote.lane().run(work, self._issued, failed=self._refused,
                                             context=self, name="queue_issue")
            return True
        handle = ops.submit(store, "queue_issue",
                            lambda session: queue.issue(session, clock, field_code, cccd),
                            parent=self, done=self._issued, failed=self._refused,
                            invalid=self._invalid)
        return handle is not None

    def _issued(self, ticket: Ticket) -> None:
        self.forget.stop()
        self.cccd = None
        self.ticket = ticket
        self.number.setText(ticket.label)
        self.field.setText(tr("Lĩnh vực: {name}").format(name=ticket.field_name))
        self.ahead.setText(tr("Số người đang chờ trước bạn: {count}").format(
            count=ticket.ahead))
        self.print_note.setStyleSheet("")
        self.print_note.setText(tr("Đang in số thứ tự…"))
        self.stack.setCurrentIndex(DONE)
        self._say(tr("Xin mời chạm vào lĩnh vực Ông/Bà cần giải quyết"))
        self.back.start()
        log.info("kiosk issued ticket %s (%s)", ticket.label, ticket.field_code)
        self.issued.emit(ticket)
        self.print_ticket(self.store, self.data_dir, ticket, self._printed,
                          self._not_printed, self, self.printer)

    def _printed(self, printer: str) -> None:
        self.print_note.setText(tr("Xin mời nhận vé số thứ tự và ngồi chờ gọi số."))
        log.info("ticket printed on %s", printer)
        self.printed.emit(True)

    def _not_printed(self, exc: KnownError) -> None:
        log.warning("ticket not printed: %s %s", exc.code, exc)
        u = max(12, self.height() // 54)  # as big as the field's line: the citizen must see it
        self.print_note.setStyleSheet(f"color: #b3261e; font-weight: bold; font-size: "
                                      f"{int(u * 1.7)}px; padding-top: {u // 3}px;")
        self.print_note.setText(tr("Máy in vé đang gặp sự cố. Xin Ông/Bà ghi nhớ số trên màn "
                                   "hình và báo cán bộ tại quầy."))
        self.printed.emit(False)

    def _refused(self, exc: KnownError) -> None:
        if isinstance(exc, ValidationError):
            self._invalid(exc.errors)
            return
        self._say(messages.known_message(exc), error=True)

    def _invalid(self, errors: list[FieldError]) -> None:
        self.cccd = None
        self._say(" ".join(messages.field_message(e) for e in errors), error=True)

    def to_fields(self) -> None:
        self.back.stop()
        self.stack.setCurrentIndex(FIELDS)
        self.reload()

    # -- looks ----------------------------------------------------------------------------

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._restyle()

    def _restyle(self) -> None:
        """Type sizes from the window's height: readable at 1366x768 and 1920x1080."""
        u = max(12, self.height() // 54)
        self.setStyleSheet(f"""
            QWidget#kiosk {{ background: #f6f8fb; }}
            QLabel {{ color: #17324d; font-size: {u + 2}px; padding-top: {u // 3}px; }}
            QLabel#small {{ color: #4a5d70; font-size: {int(u * 1.2)}px; }}
            QLabel#title {{ font-size: {int(u * 2.6)}px; font-weight: bold; color: #a11d1d; }}
            QLabel#subtitle {{ font-size: {int(u * 1.7)}px; }}
            QLabel#welcome {{ font-size: {int(u * 2.0)}px; font-weight: bold; }}
            QLabel#number {{ font-size: {int(u * 11)}px; font-weight: bold; color: #a11d1d; }}
            QPushButton#big {{ background: white; border: 2px solid #b8c4d0;
                               border-radius: 14px; font-size: {int(u * 1.6)}px;
                               font-weight: bold; color: #17324d; min-height: {u * 5}px;
                               padding: {u // 2}px; }}
            QPushButton#big:pressed {{ background: #17538f; color: white; }}
            QPushButton#send {{ font-size: {int(u * 1.7)}px; font-weight: bold; color: white;
                                background: #17538f; border: none; border-radius: 12px;
                                min-height: {u * 4}px; padding: 0 {u * 4}px; }}
        """)
