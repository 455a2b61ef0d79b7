"""The data file is missing, empty or damaged: say so at start-up and offer a way out.

:class:`StoreRecoveryDialog` explains in Vietnamese what was found (naming the data folder,
the evidence that a store existed and the newest backup that passes the check) and offers:
restore from that backup; open the damaged file for reading only; a new, empty store - only
after the clerk types the confirmation words; or quit. :func:`recover` carries the choice out
(Qt-free work in :mod:`desk_app.store.recovery`) and opens the store again.

:class:`StoreWatch` follows the background check once the program runs: when it fails, the
clerk is told at once (writes are already refused by the store).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.text import fold
from desk_app.errors import KnownError, StoreProblemError
from desk_app.gui import messages
from desk_app.gui.tr import tr
from desk_app.store import recovery
from desk_app.store.engine import Store
from desk_app.store.health import diagnose

log = logging.getLogger(__name__)

CONFIRM_WORDS = "TAO MOI"  # typed to confirm a new, empty store (accents optional)
STORE_CODES = ("store_missing", "store_empty", "store_corrupt")
# until when (seconds after the check began, which overlaps Qt's start) the start-up waits for
# the background check before the login window: a commune's file (tens of MB) is checked well
# within it; 1M dossiers (2.3 GB) take 6-14 s, so that check finishes behind the login window
START_WAIT = 0.5
START_WAIT_BYTES = 128 * 1024 * 1024  # quick_check reads 150-350 MB/s here: not waited beyond


def _when(iso: str) -> str:
    try:
        return f"{datetime.fromisoformat(iso):%H:%M %d/%m/%Y}"
    except ValueError:
        return iso


def problem_text(exc: StoreProblemError) -> str:
    """The whole explanation shown at start-up (plain text, several paragraphs)."""
    p = exc.params
    folder, file = str(p.get("folder", "")), str(p.get("file", "desk.sqlite3"))
    if exc.code == "store_corrupt":
        first = (tr("Tệp dữ liệu {file} trong thư mục {folder} bị hỏng: kiểm tra toàn vẹn không "
                    "đạt. Chương trình không ghi gì vào tệp hỏng.").format(file=file,
                        folder=folder))
    else:
        first = messages.known_message(exc)
    parts = [first]
    signs = []
    if p.get("marker_created") is not None:
        created = str(p.get("marker_created") or "")
        signs.append(tr("tệp đánh dấu dữ liệu") + (tr(" (tạo lúc {when})").format(when=_when(created)) if created else ""))
    if p.get("backups"):
        signs.append(tr("{p} bản sao lưu trong thư mục backups").format(p=p['backups']))
    if p.get("printed"):
        signs.append(tr("{p} phiếu đã in (PDF) trong thư mục printed").format(p=p['printed']))
    if p.get("draft"):
        signs.append(tr("một hồ sơ đang nhập dở (bản nháp)"))
    if signs and exc.code != "store_corrupt":
        parts.append(tr("Trong thư mục có: ") + "; ".join(signs) + tr(". Chương trình không tự tạo "
                     "dữ liệu mới (trống) để không che mất các hồ sơ cũ."))
    backup = str(p.get("backup") or "")
    if backup:
        parts.append(tr("Bản sao lưu mới nhất còn tốt: {backup} (lúc {when}). Hồ sơ tiếp nhận "
                        "sau thời điểm đó không có trong bản sao lưu: đối chiếu các phiếu đã in "
                        "(thư mục printed) để nhập lại.").format(backup=backup,
                            when=_when(str(p.get('backup_at', '')))))
    else:
        parts.append(tr("Không có bản sao lưu nào dùng được. Hãy nhờ cán bộ tin học tìm lại tệp "
                        "{file} (thùng rác, ổ USB, bản sao trên máy khác) và chép vào thư mục "
                        "{folder}, hoặc chép một bản sao lưu vào thư mục backups, rồi mở lại "
                        "chương trình.").format(file=file, folder=folder))
    damaged = p.get("damaged_backups") or []
    if damaged:
        parts.append(tr("Bỏ qua các bản sao lưu không đạt kiểm tra: ") + ", ".join(damaged) + ".")
    todo = tr("Việc nên làm: ") + (tr("chọn «Khôi phục từ bản sao lưu», rồi ") if backup else "")
    todo += (tr("báo cán bộ tin học của xã (hoặc bộ phận hỗ trợ phần mềm của tỉnh). Chỉ tạo dữ "
             "liệu mới khi chắc chắn không cần các hồ sơ cũ; tệp cũ vẫn được giữ trong thư "
             "mục aside."))
    if exc.code == "store_corrupt" and p.get("readable", True):
        todo += tr(" «Chỉ xem» mở dữ liệu hiện có để tra cứu, không tiếp nhận hay cập nhật được.")
    elif exc.code == "store_corrupt":
        todo += tr(" Tệp hỏng đến mức không mở được, kể cả để chỉ xem.")
    parts.append(todo)
    return "\n\n".join(parts)


class StoreRecoveryDialog(QDialog):
    """Ask what to do; :attr:`choice` is ``restore``, ``read_only``, ``new`` or ``quit``."""

    def __init__(self, exc: StoreProblemError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeRecovery")
        self.setWindowTitle(tr("Dữ liệu của bộ phận một cửa"))
        self.exc = exc
        self.choice = "quit"
        layout = QVBoxLayout(self)
        self.text = QLabel(problem_text(exc))
        self.text.setObjectName("storeProblemText")
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(560)
        layout.addWidget(self.text)
        self.restore_button = QPushButton(tr("Khôi phục từ bản sao lưu"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(bool(exc.params.get("backup")))
        self.read_button = QPushButton(tr("Chỉ xem (không ghi)"))
        self.read_button.setObjectName("readOnlyButton")
        # only when the damaged file could be opened at all (kept open for reading)
        self.read_button.setVisible(exc.code == "store_corrupt"
                                    and bool(exc.params.get("readable", True)))
        self.new_button = QPushButton(tr("Tạo dữ liệu mới, trống..."))
        self.new_button.setObjectName("newButton")
        self.quit_button = QPushButton(tr("Thoát"))
        self.quit_button.setObjectName("quitButton")
        row = QHBoxLayout()
        for button in (self.restore_button, self.read_button, self.new_button,
                       self.quit_button):
            row.addWidget(button)
        layout.addLayout(row)
        # the typed confirmation of a new, empty store (hidden until asked for)
        self.confirm_box = QWidget()
        confirm = QVBoxLayout(self.confirm_box)
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(QLabel(
            tr("Dữ liệu mới sẽ không có hồ sơ, tài khoản hay cài đặt nào của dữ liệu cũ (tệp cũ "
               "được giữ trong thư mục aside). Để xác nhận, gõ <b>{CONFIRM_WORDS}</b> vào ô "
               "dưới:").format(CONFIRM_WORDS=CONFIRM_WORDS)))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("confirmNew")
        self.confirm_button = QPushButton(tr("Xác nhận tạo dữ liệu mới"))
        self.confirm_button.setObjectName("confirmNewButton")
        self.confirm_button.setEnabled(False)
        confirm.addWidget(self.confirm_edit)
        confirm.addWidget(self.confirm_button)
        self.confirm_box.setVisible(False)
        layout.addWidget(self.confirm_box)

        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.read_button.clicked.connect(lambda: self._choose("read_only"))
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        self.new_button.clicked.connect(self._ask_new)
        self.confirm_edit.textChanged.connect(self._confirm_typed)
        self.confirm_button.clicked.connect(self._confirm_new)
        (self.restore_button if self.restore_button.isEnabled() else self.quit_button).setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        log.warning("store recovery: the clerk chose %s", choice)
        self.accept() if choice != "quit" else self.reject()

    def _ask_new(self) -> None:
        self.confirm_box.setVisible(True)
        self.confirm_edit.setFocus()

    def confirmed(self) -> bool:
        return fold(self.confirm_edit.text()).split() == fold(CONFIRM_WORDS).split()

    def _confirm_typed(self) -> None:
        self.confirm_button.setEnabled(self.confirmed())

    def _confirm_new(self) -> None:
        if self.confirmed():
            self._choose("new")


Ask = Callable[[StoreProblemError], str]
Opener = Callable[[bool], Store]  # allow_fresh -> store (raises KnownError)


def ask_with_dialog(exc: StoreProblemError) -> str:
    dialog = StoreRecoveryDialog(exc)
    dialog.exec()
    return dialog.choice


def note_readable(exc: StoreProblemError, store: Store | None) -> None:
    """A damaged file that could not be opened at all (``store`` None) offers no «Chỉ xem»."""
    if exc.code == "store_corrupt":
        exc.params["readable"] = store is not None


def recover(exc: StoreProblemError, store: Store | None, data_dir: Path, open_store: Opener,
            ask: Ask = ask_with_dialog) -> Store | None:
    """Ask until the store opens (restored, new, or read-only) or the clerk quits (None).

    ``store`` is the open, damaged store for ``store_corrupt`` (kept for read-only use)."""
    while True:
        note_readable(exc, store)
        choice = ask(exc)
        if choice == "read_only":
            if store is not None:
                return store
            continue  # nothing to read: ask again, never end in silence
        if choice not in ("restore", "new"):
            if store is not None:
                store.dispose()
            return None
        if store is not None:
            store.dispose()
            store = None
        try:
            if choice == "restore":
                recovery.restore(data_dir, Path(str(exc.params["backup"])))
            else:
                recovery.start_new(data_dir)
            store = open_store(choice == "new")
        except StoreProblemError as again:
            if again.code == "backup_damaged":
                messages.startup_failure(again, "").exec()
            exc = again if again.code in STORE_CODES else _refresh(exc, data_dir)
            continue
        except (KnownError, OSError) as other:  # the folder itself: read-only, full
            known = other if isinstance(other, KnownError) else diagnose(other, data_dir)
            messages.startup_failure(known, "").exec()
            return None
        failure = verdict(store, data_dir, wait=START_WAIT)
        if failure is None:
            return store
        exc = failure


def _refresh(exc: StoreProblemError, data_dir: Path) -> StoreProblemError:
    """The same problem, with what the folder offers now (a backup may have been used up)."""
    exc.params.update(recovery.problem_params(data_dir, recovery.gather_evidence(data_dir)))
    return exc


def verdict(store: Store, data_dir: Path, wait: float) -> StoreProblemError | None:
    """Give the store's check until ``wait`` seconds after it began; the error to show at
    start-up if it failed, with what the folder offers for a restore."""
    try:
        if store.path.stat().st_size > START_WAIT_BYTES:
            wait = 0.0  # cannot be checked in time: its verdict comes behind the login window
    except OSError:
        pass
    if not store.guard.wait_since_start(wait) or store.guard.state != "failed":
        return None
    evidence = recovery.gather_evidence(data_dir)
    return StoreProblemError("store_corrupt", "; ".join(store.guard.problems[:3]),
                             problems=list(store.guard.problems[:5]),
                             **recovery.problem_params(data_dir, evidence))


class StoreWatch(QObject):
    """Polls the background checks (quick, then full); when one fails, tells the clerk once
    (writes are refused by the store itself). ``parent_of`` gives the window to show the
    message over."""

    def __init__(self, store: Store, parent_of: Callable[[], QWidget | None],
                 on_failed: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.store = store
        self.parent_of = parent_of
        self.on_failed = on_failed
        # a file already found damaged was told at start-up (the recovery dialog)
        self.told = store.guard.state == "failed"
        self.timer = QTimer(self)
        self.timer.setInterval(400)
        self.timer.timeout.connect(self.poll)
        if not self.told:
            self.timer.start()

    def poll(self) -> None:
        state = self.store.guard.state
        if state != "failed":
            if not self.store.guard.busy():
                self.timer.stop()
            return
        self.timer.stop()
        if not self.told:
            self.told = True
            messages.warn(self.parent_of(), messages.known_message(self.store.guard.error()),
                          tr("Dữ liệu bị hỏng: ngừng ghi"))
            if self.on_failed is not None:
                self.on_failed()

