"""Quản trị → "Sao lưu, khôi phục…": where backups go, their passphrase, how many are kept;
"Sao lưu ngay"; the backups found in the folder; and a restore that shows what a backup holds
before anything is replaced (:mod:`desk_app.services.backups`).

Backups and the reading of a backup run on the "backup" lane (a big store takes seconds): the
window keeps answering. A confirmed restore restarts the program, which puts the backup in place
before it opens the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import FieldError, KnownError
from desk_app.gui import background, messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.ops import Ops
from desk_app.gui.tr import tr
from desk_app.services import backups
from desk_app.store import backup as bk

log = logging.getLogger(__name__)

def request_restart() -> None:
    """Quit with the code that makes :func:`desk_app.app.main` start the program again."""
    QCoreApplication.exit(backups.RESTART_EXIT)


class BackupDialog(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None = None,
                 restart: Callable[[], None] = request_restart) -> None:
        super().__init__(parent)
        self.ops, self.restart = ops, restart
        self.setWindowTitle(tr("Sao lưu, khôi phục - Một cửa"))
        layout = QVBoxLayout(self)
        box = QGroupBox(tr("Sao lưu tự động (mỗi ngày và khi thoát chương trình)"))
        form = QFormLayout(box)
        self.folder = QLineEdit()
        self.folder.setObjectName("backupFolder")
        choose = QPushButton(tr("&Chọn…"))
        choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.keep = QSpinBox()
        self.keep.setRange(1, backups.MAX_KEEP)
        self.keep.setSuffix(tr(" bản gần nhất"))
        self.passphrase, self.passphrase2 = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.passphrase2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.widgets = {"folder": self.folder, "keep": self.keep,
                        "passphrase": self.passphrase, "passphrase2": self.passphrase2}
        self.msgs = {name: FieldMessage() for name in self.widgets}
        for text, name, field in ((tr("&Thư mục sao lưu:"), "folder", row),
                                  (tr("&Giữ lại:"), "keep", self.keep),
                                  (tr("&Mật khẩu sao lưu:"), "passphrase", self.passphrase),
                                  (tr("&Nhập lại mật khẩu:"), "passphrase2", self.passphrase2)):
            cell = QVBoxLayout()
            cell.setSpacing(2)
            if isinstance(field, QHBoxLayout):
                cell.addLayout(field)
            else:
                cell.addWidget(field)
            cell.addWidget(self.msgs[name])
            label = QLabel(text)
            label.setBuddy(self.widgets[name])
            form.addRow(label, cell)
        note = QLabel(tr("Bản sao lưu được mã hoá bằng mật khẩu này. Hãy ghi mật khẩu ra giấy, cất "
                         "nơi an toàn: mất mật khẩu thì không khôi phục được. Để trống hai ô mật "
                         "khẩu nếu giữ mật khẩu cũ."))
        note.setWordWrap(True)
        form.addRow(note)
        save = QPushButton(tr("&Lưu thiết lập"))
        save.setObjectName("saveBackupSettings")
        save.clicked.connect(self.save_settings)
        form.addRow(save)
        layout.addWidget(box)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Thời điểm sao lưu"), tr("Lý do"),
                                              tr("Dung lượng")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.now_button = QPushButton(tr("&Sao lưu ngay"))
        self.now_button.setObjectName("backupNow")
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(tr("&Khôi phục bản đã chọn…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.start_restore)
        close = QPushButton(tr("Đóng"))
        close.clicked.connect(self.reject)
        for b in (self.now_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.files: list[bk.BackupFile] = []
        self.reload()
        resize_within_screen(self, 760, 620, near=parent)

    # -- settings ------------------------------------------------------------------------------

    def reload(self) -> None:
        with self.ops.read() as session:
            settings = backups.backup_settings(session)
        if not self.folder.text():
            self.folder.setText(settings.folder)
        self.keep.setValue(settings.keep)
        self.passphrase.setPlaceholderText(tr("(đã đặt: để trống nếu giữ nguyên)")
                                           if settings.has_passphrase else "")
        if settings.last_error:
            self.status.setText(tr("Lần sao lưu gần nhất ({at}) KHÔNG thành công: {why}").format(
                at=settings.last_at[:16].replace("T", " "),
                why=messages.known_message(KnownError(settings.last_error,
                                                      path=settings.folder, backup=""))))
        elif settings.last_at:
            self.status.setText(tr("Lần sao lưu gần nhất: {at}, đã kiểm tra đọc lại được.")
                                .format(at=settings.last_at[:16].replace("T", " ")))
        else:
            self.status.setText(tr("Chưa có bản sao lưu nào."))
        self.files = bk.list_backups(Path(settings.folder)) if settings.folder else []
        self.table.setRowCount(len(self.files))
        for r, f in enumerate(self.files):
            size = (tr("{mb:.1f} MB").format(mb=f.size / 1e6) if f.size >= 1e6
                    else tr("{kb} kB").format(kb=max(1, round(f.size / 1e3))))
            cells = (f"{f.made_at:%H:%M:%S %d/%m/%Y}", _reason(f.reason), size)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.files:
            self.table.selectRow(0)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục sao lưu"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def save_settings(self) -> None:
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        self.ops.write("backup_settings", backups.save_backup_settings, self.folder.text(),
                       self.keep.value(), self.passphrase.text(), self.passphrase2.text(),
                       parent=self, done=self._saved, invalid=self._invalid)

    def _saved(self, _settings: object) -> None:
        self.passphrase.clear()
        self.passphrase2.clear()
        self.reload()
        self.status.setText(tr("Đã lưu thiết lập sao lưu.") + " " + self.status.text())

    def _invalid(self, errors: list[FieldError]) -> None:
        for err in errors:
            if err.field in self.widgets:
                mark(self.widgets[err.field], self.msgs[err.field],
                     messages.field_message(err))
        first = next((e.field for e in errors if e.field in self.widgets), None)
        if first is not None:
            self.widgets[first].setFocus()

    # -- backing up ----------------------------------------------------------------------------

    def back_up_now(self) -> None:
        store, clock, clerk_id = self.ops.store, self.ops.clock, self.ops.clerk.id
        self.now_button.setEnabled(False)
        self.status.setText(tr("Đang sao lưu và kiểm tra bản sao lưu…"))
        background.lane("backup").run(
            lambda: backups.run_backup(store, clock, "manual", clerk_id),
            self._backed_up, failed=self._backup_failed, context=self)

    def _backed_up(self, made: bk.BackupFile) -> None:
        self.now_button.setEnabled(True)
        self.reload()
        self.status.setText(tr("Đã sao lưu và kiểm tra: {name}").format(name=made.path.name))

    def _backup_failed(self, exc: KnownError) -> None:
        self.now_button.setEnabled(True)
        self.reload()
        messages.show_known_error(self, exc)

    # -- restoring -----------------------------------------------------------------------------

    def start_restore(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.files):
            messages.inform(self, tr("Chọn một bản sao lưu trong danh sách trước."))
            return
        chosen = self.files[row]
        passphrase, ok = QInputDialog.getText(
            self, tr("Mật khẩu sao lưu"),
            tr("Mật khẩu của bản sao lưu {at}:").format(at=f"{chosen.made_at:%H:%M %d/%m/%Y}"),
            QLineEdit.EchoMode.Password)
        if ok and passphrase:
            self.read_backup(chosen, passphrase)

    def read_backup(self, chosen: bk.BackupFile, passphrase: str) -> None:
        """Decrypt and check it on the lane, then say what it holds and ask."""
        store, clerk_id = self.ops.store, self.ops.clerk.id
        self.restore_button.setEnabled(False)
        self.status.setText(tr("Đang đọc và kiểm tra bản sao lưu…"))
        background.lane("backup").run(
            lambda: backups.stage_restore(store, clerk_id, chosen.path, passphrase),
            lambda summary: self._ask_restore(chosen, summary),
            failed=self._read_failed, context=self)

    def _read_failed(self, exc: KnownError) -> None:
        self.restore_button.setEnabled(True)
        self.status.setText("")
        messages.show_known_error(self, exc)

    def _ask_restore(self, chosen: bk.BackupFile, summary: bk.BackupSummary) -> None:
        self.restore_button.setEnabled(True)
        self.status.setText("")
        codes = "\n".join(f"  {day[8:10]}/{day[5:7]}/{day[:4]}: {code}"
                          for day, code in summary.last_codes) or tr("  (chưa có hồ sơ)")
        text = tr("Bản sao lưu lúc {at} của {commune} có {n} hồ sơ. Mã cuối cùng mỗi ngày:\n"
                  "{codes}\n\nKhôi phục sẽ thay dữ liệu hiện tại bằng bản này; dữ liệu hiện tại "
                  "được cất riêng (thư mục aside), không xoá. Chương trình sẽ khởi động lại, rồi "
                  "đối chiếu với máy chủ tỉnh để lấy lại những gì đã gửi sau lúc sao lưu.\n\n"
                  "Khôi phục bản này?").format(
            at=f"{summary.made_at:%H:%M %d/%m/%Y}", commune=summary.commune,
            n=summary.dossiers, codes=codes)
        if not messages.confirm(self, text, tr("Khôi phục dữ liệu")):
            backups.cancel_restore(self.ops.store.path.parent)
            return
        try:
            backups.confirm_restore(self.ops.store, self.ops.clerk.id, chosen.path, summary,
                                    self.ops.clock.now())
        except KnownError as exc:
            messages.show_known_error(self, exc)
            return
        log.warning("restore of %s confirmed by %s: restarting", chosen.path,
                    self.ops.clerk.username)
        self.restart()


def _reason(code: str) -> str:
    return {"daily": tr("hằng ngày"), "exit": tr("khi thoát"),
            "manual": tr("sao lưu ngay")}.get(code, code)

