"""The sync indicator in the status bar, and the wiring of the background sync worker.

Shows, in words: how many changes wait for the province, when the last sync succeeded, the last
error (only if it came after that success), changes the province refused (a button that opens
their list, :mod:`desk_app.gui.sync_held`), and a warning when this PC's clock differs from the
province server's by more than :data:`SKEW_WARN_S` (deadlines and dossier codes depend on the
date; the intake form warns too, :mod:`desk_app.gui.intake.clock_banner`). "Đồng bộ ngay" runs
a cycle at once; "Đăng ký…" enrols the desk with a one-time code from the province. The worker
runs in its own thread; its reports reach this widget through a queued Qt signal, so the window
never waits for the network.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolButton,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.core.permissions import Action, allowed
from desk_app.errors import KnownError
from desk_app.gui import background
from desk_app.gui.fields import ElidedLabel
from desk_app.gui.session import ClerkInfo
from desk_app.gui.sync_enrol import EnrolDialog
from desk_app.gui.sync_held import HeldDialog
from desk_app.gui.sync_words import (
    ERROR_WORDS,
    GENERIC_WORDS,
    HTTP_WORDS,
    OTHER_REFUSAL,
    REENROL_CODES,
    SKEW_WARN_S,
    error_words,
    skew_words,
    when,
)
from desk_app.gui.tr import tr
from desk_app.services.counter import desk_counter
from desk_app.store.engine import Store
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from desk_app.sync.worker import SyncWorker

log = logging.getLogger(__name__)

# the words and the enrolment dialog live in their own modules; their names stay importable here
__all__ = ["ERROR_WORDS", "GENERIC_WORDS", "HTTP_WORDS", "OTHER_REFUSAL", "REENROL_CODES",
           "SKEW_WARN_S", "EnrolDialog", "SyncIndicator", "error_words", "install",
           "make_indicator", "register", "skew_words"]

class SyncIndicator(QWidget):
    """Status-bar widget; feed it snapshots with :meth:`show_snapshot` (any thread: ``updated``)."""

    updated = Signal(object)  # state.Snapshot, emitted from the worker thread
    enrolled = Signal(object)  # Enrolment or KnownError, from the enrolment thread

    def __init__(self, store: Store, clock: Clock, worker: SyncWorker | None = None,
                 parent: QWidget | None = None, *, clerk: ClerkInfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.store, self.clock, self.worker = store, clock, worker
        # only an admin enrols the desk; with no clerk given (tests of the widget) anyone may
        self.clerk = clerk
        self.may_enrol = clerk is None or allowed(clerk.role, Action.ENROL)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.dot = QLabel("●")
        self.text = ElidedLabel()  # gives way to the dossier counts on a narrow screen
        self.text.setObjectName("syncText")
        self.skew = QLabel()
        self.skew.setObjectName("syncSkew")
        self.skew.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.skew.hide()
        self.now_button = QToolButton()
        self.now_button.setText(tr("Đồng bộ ngay"))
        self.now_button.setObjectName("syncNow")
        self.now_button.clicked.connect(self.sync_now)
        # the changes the province refused: "N bị từ chối…" opens the list (who, what, why)
        self.held_button = QToolButton()
        self.held_button.setObjectName("syncHeld")
        self.held_button.setStyleSheet("color: #b3261e;")
        self.held_button.setToolTip(tr("Xem các thay đổi bị tỉnh từ chối: hồ sơ nào, ai làm, "
                                    "lúc nào, vì sao"))
        self.held_button.clicked.connect(self.open_held)
        self.held_button.hide()
        self.held_dialog: HeldDialog | None = None
        self.enrol_button = QToolButton()
        self.enrol_button.setText(tr("Đăng ký với tỉnh…"))
        self.enrol_button.setObjectName("syncEnrol")
        self.enrol_button.clicked.connect(self.open_enrolment)
        # until the first snapshot is read (on a worker) no button is offered: a clerk must
        # not see "Đăng ký…" even for a moment
        self.enrol_button.hide()
        self.now_button.hide()
        for w in (self.dot, self.text, self.held_button, self.skew, self.now_button,
                  self.enrol_button):
            layout.addWidget(w)
        self.updated.connect(self.show_snapshot, Qt.ConnectionType.QueuedConnection)
        self.enrolled.connect(self._enrol_done, Qt.ConnectionType.QueuedConnection)
        self.snapshot: state.Snapshot | None = None
        self._reading: background.Task[state.Snapshot] | None = None
        self._shown = 0  # snapshots shown so far: a read older than the last one is dropped
        self._again = False  # refresh() was called while a read was under way
        # (address, code, counter number) of the last attempt that failed
        self._last_enrolment = ("", "", "")
        # new dossiers raise the pending count between cycles: re-read it now and then
        self.timer = QTimer(self)
        self.timer.setInterval(10_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the outbox's state on the read lane; the snapshot is shown when it lands
        (unless the worker reported a newer one meanwhile)."""
        if self._reading is not None:
            self._again = True  # one read at a time; another once this one has landed
            return
        store, asked = self.store, self._shown

        def work() -> state.Snapshot:
            with store.read() as session:
                return state.snapshot(session)

        def done(snap: state.Snapshot) -> None:
            self._reading = None
            if asked == self._shown:  # nothing newer came from the worker meanwhile
                self.show_snapshot(snap)
            if self._again:
                self._again = False
                self.refresh()

        def failed(_exc: KnownError) -> None:
            self._reading, self._again = None, False
            log.warning("sync indicator could not read the store")

        self._reading = background.lane("read").run(  # the GUI's reads' lane
            work, done, failed=failed, context=self, name="sync indicator")

    @property
    def reading(self) -> bool:
        """A read of the outbox's state is under way (or one more is due after it)."""
        return self._reading is not None

    def show_snapshot(self, snap: state.Snapshot) -> None:
        self._shown += 1
        self.snapshot = snap
        failing = bool(snap.last_error_code) and snap.last_error_at is not None and (
            snap.last_success_at is None or snap.last_error_at > snap.last_success_at)
        if not snap.enrolled:
            parts, color = [tr("Tỉnh: máy chưa đăng ký")], "#777777"
            if snap.pending:
                parts.append(tr("{pending} chờ gửi").format(pending=snap.pending))
            if snap.files:
                parts.append(tr("{files} tệp số hóa chờ gửi").format(files=snap.files))
        else:
            waiting = [tr("{pending} chờ gửi").format(pending=snap.pending)] if snap.pending else []
            if snap.files:  # scans go after the records, a budget at a time
                waiting.append(tr("{files} tệp số hóa chờ gửi").format(files=snap.files))
            parts = [tr("Tỉnh: ") + " · ".join(waiting) if waiting else tr("Tỉnh: đã gửi hết"),
                     tr("gửi được lúc {when}").format(when=when(snap.last_success_at))]
            color = "#1b7f3b" if not failing and not snap.held else "#b36b00"
        tip = [tr("Đồng bộ với máy chủ tỉnh."),
               tr("Thay đổi chờ gửi: {pending}.").format(pending=snap.pending),
               tr("Tệp số hóa chờ gửi: {files}.").format(files=snap.files),
               tr("Lần cuối thành công: {when}.").format(when=when(snap.last_success_at))]
        if failing:
            parts.append(tr("lỗi {last_error_at:%H:%M}: {error_words}").format(last_error_at=snap.last_error_at,
                                error_words=error_words(snap.last_error_code)))
            tip.append(tr("Lỗi lúc {when}: {error_words}. Máy sẽ tự thử lại.").format(when=when(snap.last_error_at),
                              error_words=error_words(snap.last_error_code)))
            color = "#b3261e"
        if snap.held:
            tip.append(tr("{held} thay đổi bị tỉnh từ chối hoặc trùng mã với nội dung khác: vẫn "
                          "giữ trên máy, không gửi lại, không làm chậm các thay đổi khác; bấm "
                          "«bị từ chối» để xem và báo cho quản trị.").format(held=snap.held))
        self.held_button.setText(tr("{held} bị từ chối…").format(held=snap.held))
        self.held_button.setVisible(bool(snap.held))
        self.text.setText(" · ".join(parts))
        self.dot.setStyleSheet(f"color: {color};")
        warning = skew_words(snap.clock_offset_s)
        self.skew.setText("⚠ " + warning.split(":")[0] if warning else "")
        self.skew.setToolTip(warning)
        self.skew.setVisible(bool(warning))
        if warning:
            tip.append(warning + ".")
        self.setToolTip("\n".join(tip))
        must_enrol = failing and snap.last_error_code in REENROL_CODES
        self.enrol_button.setText(tr("Đăng ký lại…") if must_enrol else tr("Đăng ký với tỉnh…"))
        self.enrol_button.setVisible((not snap.enrolled or must_enrol) and self.may_enrol)
        self.now_button.setVisible(snap.enrolled)  # until enrolled, "Đăng ký…" takes its place
        self.now_button.setEnabled(self.worker is not None)

    def sync_now(self) -> None:
        if self.worker is not None:
            self.worker.trigger()
            self.text.setText(self.text.text().split(" · ")[0] + tr(" · đang đồng bộ…"))

    def open_held(self) -> HeldDialog:
        """The list of refused changes (read now; any clerk may see it)."""
        if self.held_dialog is not None:
            self.held_dialog.close()
        dialog = HeldDialog(self.store, self.window())
        self.held_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "held_dialog", None))
        dialog.open()
        return dialog

    # -- enrolment ----------------------------------------------------------------------------

    def open_enrolment(self) -> EnrolDialog | None:
        if not self.may_enrol:
            return None
        dialog = EnrolDialog(self)
        # after a refusal the address and code come back as typed: fix one, not retype both;
        # the counter number is the desk's own until another is typed
        try:
            with self.store.read() as session:
                number = desk_counter(session)
        except KnownError:
            number = None
        dialog.url.setText(self._last_enrolment[0])
        dialog.code.setText(self._last_enrolment[1])
        dialog.counter.setText(self._last_enrolment[2] or ("" if number is None else str(number)))
        dialog.accepted.connect(lambda: self.enrol(dialog.url.text(), dialog.code.text(),
                                                   dialog.counter.text()))
        dialog.open()
        return dialog

    def enrol(self, url: str, code: str, counter: str = "") -> None:
        """Enrol in a thread (the network may be slow); the result comes back as a signal."""
        self._last_enrolment = (url, code, counter)
        self.enrol_button.setEnabled(False)
        self.text.setText(tr("Đang đăng ký với tỉnh…"))

        def work() -> None:
            try:
                self.enrolled.emit(enrol_desk(
                    self.store, self.clock, url.strip(), code, counter=counter or None,
                    clerk_id=self.clerk.id if self.clerk is not None else None))
            except KnownError as exc:
                self.enrolled.emit(exc)
            except Exception as exc:  # a bug: logged; the clerk can try again
                log.exception("enrolment failed unexpectedly")
                self.enrolled.emit(KnownError("enrol_failed", str(exc)))

        threading.Thread(target=work, name="sync-enrol", daemon=True).start()

    def _enrol_done(self, result: Any) -> None:
        self.enrol_button.setEnabled(True)
        if isinstance(result, KnownError):
            from desk_app.gui import messages

            messages.warn(self, error_words(result.code), tr("Chưa đăng ký được với tỉnh"))
            self.text.setText(tr("Đăng ký chưa được: {error_words}").format(error_words=error_words(result.code)))
            return
        self._last_enrolment = ("", "", "")  # enrolled: the code is spent
        self.refresh()
        if self.worker is not None:
            self.worker.trigger()


def _watch_network(worker: SyncWorker, parent: QObject) -> None:
    """Sync as soon as the OS says the line is back (where Qt has a network backend)."""
    try:
        from PySide6.QtNetwork import QNetworkInformation
    except ImportError:
        return
    if not QNetworkInformation.loadBackendByFeatures(
            QNetworkInformation.Feature.Reachability):
        return
    info = QNetworkInformation.instance()
    if info is None:
        return

    def changed(reach: Any) -> None:
        if reach == QNetworkInformation.Reachability.Online:
            worker.trigger()

    info.reachabilityChanged.connect(changed)
    parent.setProperty("_sync_network_watch", True)


def make_indicator(store: Store, clock: Clock, data_dir: Path, *,
                   clerk: ClerkInfo | None = None, **worker_options: Any) -> SyncIndicator:
    """The indicator with its worker started; the worker stops when the application quits
    (whatever it had not sent stays in the outbox)."""
    indicator = SyncIndicator(store, clock, clerk=clerk)
    worker = SyncWorker(store, clock, on_change=indicator.updated.emit, **worker_options)
    indicator.worker = worker
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: worker.stop(timeout=2.0))
    indicator.destroyed.connect(lambda *_: worker.stop(timeout=2.0))
    _watch_network(worker, indicator)
    worker.start()
    log.info("sync worker started for %s", data_dir)
    indicator.refresh()
    return indicator


def install(main_window: QMainWindow, store: Store, clock: Clock, data_dir: Path,
            **worker_options: Any) -> SyncIndicator:
    """Start the background sync worker and put its indicator in the window's status bar."""
    clerk = getattr(main_window, "clerk", None)
    indicator = make_indicator(store, clock, data_dir,
                               clerk=clerk if isinstance(clerk, ClerkInfo) else None,
                               **worker_options)
    main_window.statusBar().addPermanentWidget(indicator)
    return indicator


def register(store: Store, clock: Clock, data_dir: Path) -> None:
    """The same through ``desk_app.gui.hooks.status_bar_widgets`` (call before the main window
    is built; the window calls the factory once)."""
    from desk_app.gui import hooks

    hooks.status_bar_widgets.append(lambda: make_indicator(store, clock, data_dir))
