"""The admin's backup dialog on a real store: settings said at their fields, "Sao lưu ngay"
on the backup lane, the backups listed, and a restore that shows what the backup holds, asks,
and restarts the program (which finishes it before opening the store)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.gui import background
from desk_app.gui.backup_dialog import BackupDialog
from desk_app.services import backups
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier
from tests.gui.answers import answer_question
from tests.gui.conftest import open_window, wait_writes
from tests.helpers import complete_request

PASS = "mùa lúa chín 2026"


def _receive(store: Store, clock: FixedClock, n: int) -> None:
    with store.write() as s:
        clerk = s.scalar(select(Clerk.id).where(Clerk.username == "binh"))
        for _ in range(n):
            receive(s, clock, clerk, complete_request(s))  # type: ignore[arg-type]


def _open(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
          restarts: list[int]) -> BackupDialog:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    window.findChild(QPushButton, "adminButton").click()
    wait_writes()
    admin = window.admin_dialog
    qtbot.waitUntil(admin.isVisible)
    dialog = BackupDialog(admin.ops, admin, restart=lambda: restarts.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_admin_backs_up_and_restores_from_the_dialog(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, tmp_path: Path) -> None:
    _receive(store, clock, 12)
    restarts: list[int] = []
    dialog = _open(qtbot, store, clock, data_dir, restarts)
    assert dialog.status.text() == "Chưa có bản sao lưu nào."
    dialog.folder.setText(str(tmp_path / "usb"))
    dialog.passphrase.setText("ngan")
    dialog.passphrase2.setText("ngan")
    dialog.save_settings()
    wait_writes()
    assert dialog.msgs["passphrase"].text() == "Mật khẩu cần ít nhất 10 ký tự."
    dialog.passphrase.setText(PASS)
    dialog.passphrase2.setText(PASS)
    dialog.save_settings()
    wait_writes()
    assert dialog.msgs["passphrase"].text() == "" and "Đã lưu thiết lập" in dialog.status.text()
    dialog.back_up_now()
    qtbot.waitUntil(lambda: "Đã sao lưu và kiểm tra" in dialog.status.text(), timeout=20_000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "sao lưu ngay"
    _receive(store, clock, 3)  # after the backup
    asked = answer_question(yes=True)
    dialog.read_backup(dialog.files[0], PASS)
    qtbot.waitUntil(lambda: bool(restarts), timeout=20_000)
    assert "có 12 hồ sơ" in asked[0] and "000.00.12.H26-261123-1012" in asked[0]
    background.wait_all()
    dialog.close()
    store.dispose()
    # the restarted program: the backup in place, the 15-dossier store kept aside
    moved = backups.complete_pending_restore(data_dir, clock.now())
    assert moved
    again = open_store(data_dir, clock, check=False)
    try:
        with again.read() as s:
            assert s.scalar(select(func.count(Dossier.id))) == 12
            assert backups.restored_since(s) is not None
    finally:
        again.dispose()


def test_a_wrong_passphrase_is_said_and_nothing_is_staged(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, tmp_path: Path) -> None:
    restarts: list[int] = []
    dialog = _open(qtbot, store, clock, data_dir, restarts)
    with store.write() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        backups.save_backup_settings(s, clock, admin, str(tmp_path / "usb"), 5, PASS, PASS)  # type: ignore[arg-type]
    backups.run_backup(store, clock, "manual")
    dialog.reload()
    from tests.gui.conftest import take_message

    dialog.read_backup(dialog.files[0], "mùa lúa chín 2025")
    words = take_message(qtbot)
    assert "Mật khẩu sao lưu không đúng" in words
    assert not (data_dir / backups.PENDING_DB).exists() and not restarts
