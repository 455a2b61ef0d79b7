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
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.core.permissions import Action, allowed
from desk_app.errors import KnownError, ValidationError
from desk_app.gui.fields import ElidedLabel, FieldMessage, mark
from desk_app.gui.session import ClerkInfo
from desk_app.gui.sync_held import HeldDialog
from desk_app.services import clock_check
from desk_app.services.counter import check_counter, desk_counter
from desk_app.store.engine import Store
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from desk_app.sync.worker import SyncWorker

log = logging.getLogger(__name__)

SKEW_WARN_S = clock_check.SKEW_WARN_S  # one threshold for the status bar and the intake form

ERROR_WORDS: dict[str, str] = {
    "unreachable": "Không kết nối được máy chủ tỉnh (mất mạng?)",
    "timeout": "Máy chủ tỉnh không trả lời kịp",
    "server_error": "Máy chủ tỉnh đang lỗi hoặc bảo trì",
    "bad_answer": "Nhận được trả lời lạ (mạng bị chặn hoặc cần đăng nhập mạng?)",
    "unauthorized": "Tỉnh không nhận mã của máy này: cần đăng ký lại",
    "credential_revoked": "Mã đăng ký của máy đã bị thu hồi: dữ liệu chưa gửi vẫn giữ "
                          "trên máy; quản trị xin tỉnh mã mới rồi bấm «Đăng ký lại…»",
    # a desk never sends an admin token; these mean the address is not the province's server
    "desk_only": "Máy chủ không nhận mã của máy này (sai địa chỉ máy chủ tỉnh?)",
    "admin_only": "Máy chủ từ chối: việc này chỉ quản trị của tỉnh được làm",
    "token_expired": "Mã truy cập đã hết hạn: cần đăng ký lại",
    "enrol_failed": "Chưa đăng ký được vì một lỗi của chương trình (đã ghi nhật ký); thử lại",
    "bad_url": "Địa chỉ máy chủ tỉnh không đúng dạng: chép lại đúng địa chỉ tỉnh cấp, đủ cả "
               "phần đầu",
    "protocol_unsupported": "Phiên bản phần mềm quá cũ so với máy chủ tỉnh: cần cập nhật",
    "batch_too_large": "Gói dữ liệu quá lớn so với giới hạn của tỉnh",
    "not_enrolled": "Máy chưa đăng ký với tỉnh",
    "bad_enrolment_code": "Mã đăng ký sai, đã dùng hoặc đã hết hạn",
    "wrong_commune": "Mã đăng ký này cấp cho xã khác",
    "counter_taken": "Số quầy của máy này đã thuộc một máy khác của xã: quản trị chọn số quầy "
                     "khác (hai máy cùng số sẽ cấp trùng mã hồ sơ)",
    "counter_not_set": "Máy chưa có số quầy: nhập số quầy (1-9) rồi đăng ký",
    "installation_taken": "Tỉnh đã có một máy đang hoạt động đăng ký với mã cài đặt này: nếu "
                          "đúng là máy này, báo tỉnh thu hồi mã cũ của máy rồi đăng ký lại",
    "db_locked": "Cơ sở dữ liệu của máy đang bận",
    "disk_full": "Ổ đĩa đầy: chưa ghi được kết quả đồng bộ",
    "db_error": "Lỗi cơ sở dữ liệu của máy: xem nhật ký",
    # the province's answers (province_hub: Fail / AuthError codes)
    "invalid_request": "Máy chủ tỉnh không nhận dữ liệu gửi lên (sai dạng): báo cho quản trị",
    "bad_batch": "Máy chủ tỉnh không đọc được gói dữ liệu gửi lên: báo cho quản trị",
    "bad_gzip": "Gói dữ liệu bị hỏng trên đường truyền: máy sẽ tự gửi lại",
    "not_found": "Máy chủ tỉnh không có dữ liệu được hỏi",
    "unknown_commune": "Máy chủ tỉnh không có xã này trong danh sách",
    "bad_catalogue": "Máy chủ tỉnh từ chối danh mục thủ tục",
    "bad_status": "Máy chủ tỉnh từ chối trạng thái hồ sơ",
    "hub_unavailable": "Máy chủ tỉnh tạm ngừng phục vụ (đang khởi động lại?): máy sẽ tự gửi "
                       "lại sau",
    "too_deep": "Một thay đổi có dữ liệu lồng nhau quá sâu: tỉnh không nhận, máy giữ lại thay "
                "đổi đó và gửi tiếp các thay đổi khác",
    "upload_cut": "Đường truyền bị ngắt khi đang gửi: máy sẽ tự gửi lại",
    "body_too_large": "Dữ liệu gửi lên quá lớn so với giới hạn của tỉnh",
    "duplicate_procedure": "Danh mục thủ tục có hai thủ tục trùng mã",
    "transition_final": "Hồ sơ đã kết thúc: không đổi trạng thái được nữa",
    "transition_not_allowed": "Trạng thái hiện tại của hồ sơ không cho phép bước chuyển này",
    # why the province refused one event (province_hub.rules), shown with the held event
    "foreign_commune": "Dữ liệu không thuộc xã của máy này: tỉnh không nhận",
    "foreign_desk": "Hồ sơ hoặc phiếu này đã do máy khác gửi lên tỉnh: báo cho quản trị",
    "unknown_entity": "Tỉnh chưa có hồ sơ này (phần tiếp nhận chưa gửi được): báo cho quản trị",
    "entity_exists": "Tỉnh đã có hồ sơ hoặc phiếu này: báo cho quản trị",
    "unknown_kind": "Tỉnh không nhận loại dữ liệu này (phần mềm cần cập nhật?)",
    "kind_mismatch": "Dữ liệu gửi lên sai loại: báo cho quản trị",
    "entity_mismatch": "Dữ liệu gửi lên không khớp với hồ sơ của nó: báo cho quản trị",
    "bad_seq": "Số thứ tự dữ liệu của máy không hợp lệ: báo cho quản trị",
    "seq_not_increasing": "Số thứ tự dữ liệu lùi so với lần gửi trước: báo cho quản trị",
    "duplicate_code": "Mã hồ sơ đã dùng cho một hồ sơ khác của xã: báo cho quản trị",
    "unknown_status": "Trạng thái hồ sơ lạ: tỉnh không nhận",
}

# an HTTP status without the hub's own code: a wrong address, a proxy, a captive portal
HTTP_WORDS: dict[int, str] = {
    401: "Máy chủ hoặc mạng đòi đăng nhập (mạng cơ quan cần đăng nhập?)",
    403: "Máy chủ hoặc mạng từ chối truy cập (tường lửa cơ quan?)",
    404: "Không thấy dịch vụ đồng bộ ở địa chỉ máy chủ đã nhập: kiểm tra lại địa chỉ",
    405: "Không thấy dịch vụ đồng bộ ở địa chỉ máy chủ đã nhập: kiểm tra lại địa chỉ",
    407: "Mạng cơ quan đòi đăng nhập máy chủ trung gian (proxy)",
    413: "Gói dữ liệu quá lớn so với giới hạn của tỉnh",
}
OTHER_REFUSAL = "Máy chủ tỉnh không nhận yêu cầu của máy này: báo cho quản trị (xem nhật ký)"
GENERIC_WORDS = "Chưa đồng bộ được: chi tiết đã ghi vào nhật ký"


# the credential no longer works: offer enrolment again (the outbox is kept, see enrolment.py)
REENROL_CODES = frozenset({"unauthorized", "credential_revoked"})


def error_words(code: str) -> str:
    """The error in words; never the code itself (an unknown one is logged)."""
    words = ERROR_WORDS.get(code)
    if words is not None:
        return words
    status = code.removeprefix("http_")
    if code.startswith("http_") and status.isdigit():
        return HTTP_WORDS.get(int(status), OTHER_REFUSAL)
    log.warning("no Vietnamese wording for sync error code %r", code)
    return GENERIC_WORDS


def _when(t: datetime | None) -> str:
    return t.strftime("%H:%M %d/%m") if t else "chưa có"


def skew_words(offset_s: int | None) -> str:
    """The clock warning, or '' when the clocks agree within :data:`SKEW_WARN_S`."""
    if offset_s is None or abs(offset_s) <= SKEW_WARN_S:
        return ""
    minutes = round(abs(offset_s) / 60)
    size = f"{minutes} phút" if minutes < 120 else f"{round(minutes / 60)} giờ"
    way = "chậm" if offset_s > 0 else "nhanh"
    return f"Giờ máy {way} {size} so với tỉnh: hãy chỉnh lại đồng hồ máy tính"


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
        self.now_button.setText("Đồng bộ ngay")
        self.now_button.setObjectName("syncNow")
        self.now_button.clicked.connect(self.sync_now)
        # the changes the province refused: "N bị từ chối…" opens the list (who, what, why)
        self.held_button = QToolButton()
        self.held_button.setObjectName("syncHeld")
        self.held_button.setStyleSheet("color: #b3261e;")
        self.held_button.setToolTip("Xem các thay đổi bị tỉnh từ chối: hồ sơ nào, ai làm, "
                                    "lúc nào, vì sao")
        self.held_button.clicked.connect(self.open_held)
        self.held_button.hide()
        self.held_dialog: HeldDialog | None = None
        self.enrol_button = QToolButton()
        self.enrol_button.setText("Đăng ký với tỉnh…")
        self.enrol_button.setObjectName("syncEnrol")
        self.enrol_button.clicked.connect(self.open_enrolment)
        for w in (self.dot, self.text, self.held_button, self.skew, self.now_button,
                  self.enrol_button):
            layout.addWidget(w)
        self.updated.connect(self.show_snapshot, Qt.ConnectionType.QueuedConnection)
        self.enrolled.connect(self._enrol_done, Qt.ConnectionType.QueuedConnection)
        self.snapshot: state.Snapshot | None = None
        # (address, code, counter number) of the last attempt that failed
        self._last_enrolment = ("", "", "")
        # new dossiers raise the pending count between cycles: re-read it now and then
        self.timer = QTimer(self)
        self.timer.setInterval(10_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        try:
            with self.store.read() as session:
                snap = state.snapshot(session)
        except KnownError:
            log.warning("sync indicator could not read the store")
            return
        self.show_snapshot(snap)

    def show_snapshot(self, snap: state.Snapshot) -> None:
        self.snapshot = snap
        failing = bool(snap.last_error_code) and snap.last_error_at is not None and (
            snap.last_success_at is None or snap.last_error_at > snap.last_success_at)
        if not snap.enrolled:
            parts, color = ["Tỉnh: máy chưa đăng ký"], "#777777"
            if snap.pending:
                parts.append(f"{snap.pending} chờ gửi")
        else:
            parts = [f"Tỉnh: {snap.pending} chờ gửi" if snap.pending else "Tỉnh: đã gửi hết",
                     f"gửi được lúc {_when(snap.last_success_at)}"]
            color = "#1b7f3b" if not failing and not snap.held else "#b36b00"
        tip = ["Đồng bộ với máy chủ tỉnh.",
               f"Thay đổi chờ gửi: {snap.pending}.",
               f"Lần cuối thành công: {_when(snap.last_success_at)}."]
        if failing:
            parts.append(f"lỗi {snap.last_error_at:%H:%M}: {error_words(snap.last_error_code)}")
            tip.append(f"Lỗi lúc {_when(snap.last_error_at)}: "
                       f"{error_words(snap.last_error_code)}. Máy sẽ tự thử lại.")
            color = "#b3261e"
        if snap.held:
            tip.append(f"{snap.held} thay đổi bị tỉnh từ chối hoặc trùng mã với nội dung khác: "
                       "vẫn giữ trên máy, không gửi lại, không làm chậm các thay đổi khác; "
                       "bấm «bị từ chối» để xem và báo cho quản trị.")
        self.held_button.setText(f"{snap.held} bị từ chối…")
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
        self.enrol_button.setText("Đăng ký lại…" if must_enrol else "Đăng ký với tỉnh…")
        self.enrol_button.setVisible((not snap.enrolled or must_enrol) and self.may_enrol)
        self.now_button.setVisible(snap.enrolled)  # until enrolled, "Đăng ký…" takes its place
        self.now_button.setEnabled(self.worker is not None)

    def sync_now(self) -> None:
        if self.worker is not None:
            self.worker.trigger()
            self.text.setText(self.text.text().split(" · ")[0] + " · đang đồng bộ…")

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
        self.text.setText("Đang đăng ký với tỉnh…")

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

            messages.warn(self, error_words(result.code), "Chưa đăng ký được với tỉnh")
            self.refresh()
            self.text.setText(f"Đăng ký chưa được: {error_words(result.code)}")
            return
        self._last_enrolment = ("", "", "")  # enrolled: the code is spent
        self.refresh()
        if self.worker is not None:
            self.worker.trigger()


class EnrolDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đăng ký máy với máy chủ tỉnh")
        form = QFormLayout(self)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://dongbo.tinh.gov.vn")
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        self.counter = QLineEdit()
        self.counter.setObjectName("enrolCounter")
        self.counter.setPlaceholderText("1-9")
        self.counter.setMaxLength(2)
        self.counter_msg = FieldMessage()
        counter_box = QVBoxLayout()
        counter_box.setSpacing(2)
        counter_box.addWidget(self.counter)
        counter_box.addWidget(self.counter_msg)
        form.addRow("Địa chỉ máy chủ tỉnh:", self.url)
        form.addRow("Mã đăng ký một lần:", self.code)
        form.addRow("Số quầy của máy này:", counter_box)
        note = QLabel("Mã do Sở/Văn phòng UBND tỉnh cấp; dùng được một lần. Mỗi máy của xã "
                      "một số quầy khác nhau (1-9): tỉnh từ chối số đã có máy khác dùng.")
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng ký")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """A counter number that cannot be one is said at its field; the dialog stays."""
        try:
            check_counter(self.counter.text())
        except ValidationError as exc:
            from desk_app.gui import messages

            mark(self.counter, self.counter_msg, messages.field_message(exc.errors[0]))
            self.counter.setFocus()
            return
        mark(self.counter, self.counter_msg, "")
        super().accept()


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
