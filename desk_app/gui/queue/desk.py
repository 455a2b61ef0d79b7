"""The clerk's calls at this counter: F2 call the next ticket, Shift+F2 call again, F4 absent,
F6 transfer to another counter, F7 finish.

Every call is a service of :mod:`desk_app.services.queue` run through :meth:`Ops.write` (one
``BEGIN IMMEDIATE`` transaction on the database worker: two counters never call the same
ticket); a refusal is shown at the panel in words. A call (new or again) fires :attr:`called`:
the citizen's screen and the hall screen show it, the chime and the voice say it on the
"voice" lane (a few seconds of sound never hold the window). While the desk is locked nothing
is called and the panel shows nothing.

When this desk uses the queue of another desk of the office (the host, over the LAN), the same
keys call the host instead, on a worker lane (:mod:`.remote`); a host that does not answer is
said at the panel, and the clerk goes on working without tickets.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from desk_app.announce.voice import OK, Announcer, Spoken
from desk_app.clock import Clock
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, messages, queue_words
from desk_app.gui.queue import remote
from desk_app.gui.queue.panel import QueuePanel
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import queue
from desk_app.services.counter import COUNTERS, desk_counter
from desk_app.services.queue import Ticket, Visit
from desk_app.services.queue_host import QueueLink, link
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
VOICE_LANE = "voice"
REFRESH_MS = 10_000  # the waiting count follows the kiosk's tickets
NO_COUNTER = QT_TR_NOOP("Máy này chưa có số quầy: người quản trị đặt số quầy trước khi gọi số.")
NOBODY = QT_TR_NOOP("Không còn ai chờ.")
KEYS = (("F2", "call_next"), ("Shift+F2", "recall"), ("F4", "absent"), ("F6", "ask_transfer"),
        ("F7", "finish"))


class QueueDesk(QObject):
    called = Signal(object)  # Ticket: called (or called again) at this counter
    changed = Signal()  # this counter's queue changed

    def __init__(self, window: Any, store: Store, clock: Clock,
                 announcer: Announcer | None = None) -> None:
        super().__init__(window)
        self.window, self.store, self.clock = window, store, clock
        self.ops = window.ops
        with store.read() as session:
            self.counter: int | None = desk_counter(session)
            self.link: QueueLink = link(session)
        self.unreachable: KnownError | None = None  # the host's last fault (client mode)
        self._remote_task: background.Task[Any] | None = None
        self.announcer = announcer if announcer is not None else Announcer()
        self.panel = QueuePanel()
        self.panel.callRequested.connect(self.call_next)
        self.current: Ticket | None = None
        self.screens: Any = None  # desk_app.gui.queue.Screens, set by install()
        self.voice_status = ""
        self._voice_task: background.Task[Spoken] | None = None
        self._asked = 0
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    # -- state ---------------------------------------------------------------------------

    def locked(self) -> bool:
        return bool(getattr(self.window, "locked", False))

    def visit(self) -> Visit | None:
        """The visit to link a dossier saved now to: the ticket called at this counter."""
        t = self.current
        if t is None or t.status != "called" or t.counter != self.counter or self.locked():
            return None
        return queue.visit_of(t)

    def refresh(self) -> None:
        """Read this counter's ticket and the waiting count on the read lane."""
        if self.locked() or not shiboken6.isValid(self.panel):
            return
        self._asked += 1
        asked, store, clock = self._asked, self.store, self.clock

        def local(number: int | None) -> tuple[Ticket | None, int]:
            with store.read() as session:  # the admin may have changed the number
                current = queue.current(session, number) if number else None
                return current, queue.board(session, clock).waiting

        def done(result: remote.State) -> None:
            if asked != self._asked or self.locked():
                return
            number, self.link, current, waiting, fault = result
            was_unreachable = self.unreachable is not None
            self.counter, self.unreachable = number, fault
            if fault is not None:  # the host did not answer: its ticket is kept as it was
                self.panel.show_state(self.current, self.panel.waiting)
                self.panel.show_error(messages.known_message(fault))
                return
            self.current = current
            self.panel.show_state(current, waiting)
            if was_unreachable:
                self.panel.show_note(current.field_name if current else "")

        # a host that is off takes seconds to time out: never on the lane of the GUI's reads
        lane = remote.lane() if self.link.mode == "client" else background.lane(READ_LANE)
        lane.run(lambda: remote.read_state(store, local), done, failed=lambda exc: log.warning(
            "queue state not read: %s", exc), context=self.panel, name="queue state")

    def lock_changed(self, locked: bool) -> None:
        if locked:
            self._asked += 1  # a read under way lands on a blank panel: dropped
            self.panel.blank()
            self.panel.call_button.setEnabled(False)
        else:
            self.panel.call_button.setEnabled(True)
            self.refresh()

    # -- the clerk's keys ----------------------------------------------------------------

    def _write(self, kind: str, fn: Any, *args: Any, done: Any) -> bool:
        if self.locked():
            return False
        if self.counter is None:
            self.panel.show_error(tr(NO_COUNTER))
            return False
        if self.link.mode == "client":
            return self._remote(kind, fn.__name__, *args, done=done)
        handle = self.ops.write(kind, fn, self.counter, *args, parent=self.panel, done=done,
                                failed=self._failed, invalid=self._invalid)
        return handle is not None

    def _remote(self, kind: str, op: str, *args: Any, done: Any) -> bool:
        """The call at the host, on the LAN lane; one at a time (a second F2 meanwhile is
        refused, as a second write of the panel is)."""
        if self._remote_task is not None and not self._remote_task.finished:
            return False
        store, clerk_id, counter, here = self.store, self.ops.clerk.id, self.counter, self.link
        assert counter is not None

        def landed(result: Any) -> None:
            if not self.locked():
                self.unreachable = None
                done(result)

        def failed(exc: KnownError) -> None:
            self._failed(exc)
            self.refresh()  # a call whose answer was lost shows in the host's state

        self._remote_task = remote.lane().run(
            lambda: remote.call(store, clerk_id, counter, here, op, *args), landed,
            failed=failed, context=self.panel, name=kind)
        return True

    def call_next(self) -> bool:
        return self._write("queue_call", queue.call_next, done=self._called_or_none)

    def recall(self) -> bool:
        return self._write("queue_recall", queue.recall, done=self._called)

    def absent(self) -> bool:
        return self._write("queue_absent", queue.absent, done=self._closed)

    def finish(self) -> bool:
        return self._write("queue_finish", queue.finish, done=self._closed)

    def transfer(self, to_counter: int) -> bool:
        return self._write("queue_transfer", queue.transfer, to_counter, done=self._closed)

    def ask_transfer(self) -> QInputDialog | None:
        """F6: which counter takes the citizen (a small dialog, the keyboard's)."""
        if self.locked():
            return None
        dialog = QInputDialog(self.window if isinstance(self.window, QWidget) else None)
        dialog.setObjectName("queueTransfer")
        dialog.setWindowTitle(tr("Chuyển quầy"))
        dialog.setLabelText(tr("Chuyển công dân đang phục vụ sang quầy số:"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(COUNTERS[0], COUNTERS[-1])
        dialog.intValueSelected.connect(self.transfer)
        dialog.open()
        return dialog

    # -- outcomes ------------------------------------------------------------------------

    def _called_or_none(self, ticket: Ticket | None) -> None:
        if ticket is None:
            self.current = None
            self.panel.show_note(tr(NOBODY))
            self.refresh()
            self.changed.emit()
            return
        self._called(ticket)

    def _called(self, ticket: Ticket) -> None:
        self.current = ticket
        self.panel.show_note(ticket.field_name)
        self.panel.show_state(ticket, self.panel.waiting)
        log.info("ticket %s called at counter %s (call %s)", ticket.label, self.counter,
                 ticket.calls)
        self.called.emit(ticket)
        self.announce(ticket)
        self.refresh()
        self.changed.emit()

    def _closed(self, ticket: Ticket) -> None:
        self.current = None
        self.panel.show_note(tr("Số {label}: {what}").format(
            label=ticket.label, what=tr(STATUS_WORDS.get(ticket.status, ""))
            if ticket.status in STATUS_WORDS else tr("đã chuyển quầy {counter}").format(
                counter=ticket.counter)))
        self.refresh()
        self.changed.emit()

    def _failed(self, exc: KnownError) -> None:
        if self.locked():
            return
        if isinstance(exc, ValidationError):
            self._invalid(exc.errors)
            return
        if exc.code == "queue_unreachable":
            self.unreachable = exc
        self.panel.show_error(messages.known_message(exc))

    def _invalid(self, errors: list[FieldError]) -> None:
        self.panel.show_error(" ".join(messages.field_message(e) for e in errors))

    # -- sound ---------------------------------------------------------------------------

    def announce(self, ticket: Ticket) -> None:
        """The chime and the spoken call on the voice lane (best effort, never blocks)."""
        announcer, number, counter = self.announcer, ticket.number, self.counter or 0
        last = self._voice_task
        if last is not None and not last.started.is_set():
            last.cancel()  # F2 pressed again before it was said: only the latest call is said
        self._voice_task = background.lane(VOICE_LANE).run(
            lambda: announcer.announce(number, counter), self._spoken, context=self.panel,
            name="queue voice")

    def check_voice(self) -> None:
        """Whether this PC can speak Vietnamese, asked once at start (on the voice lane): the
        clerk knows before the first call."""
        announcer = self.announcer
        background.lane(VOICE_LANE).run(announcer.status, self._voice_known,
                                        context=self.panel, name="queue voice check")

    def _voice_known(self, status: str) -> None:
        self.voice_status = status
        if status != OK:
            self.panel.call_button.setToolTip(tr(queue_words.VOICE[status]))
            if not self.panel._error:  # a fault said first (a host off, a port taken) stays
                self.panel.show_note(tr(queue_words.VOICE[status]))

    def _spoken(self, spoken: Spoken) -> None:
        self.voice_status = spoken.status
        if spoken.status != OK:
            self.panel.call_button.setToolTip(tr(queue_words.VOICE[spoken.status]))
            if not self.panel._error:
                self.panel.show_note(tr(queue_words.VOICE[spoken.status]))


STATUS_WORDS = {"done": QT_TR_NOOP("đã xong"), "absent": QT_TR_NOOP("vắng mặt")}
