"""The desk's own store at start-up and at a save (issue 10): missing, empty, damaged,
read-only, full - each told in Vietnamese naming the folder, nothing typed lost.

Start-ups run the real program in a child process (``python -m desk_app --smoke``); the
recovery dialog and the saves run in-process on real files, real mounts and a real full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.errors import StoreProblemError
from desk_app.gui.main_window import MainWindow
from desk_app.gui.startup import Launcher
from desk_app.gui.store_recovery import StoreRecoveryDialog, StoreWatch, recover
from desk_app.paths import database_path
from desk_app.services.drafts import draft_path
from desk_app.store import recovery
from desk_app.store.engine import Store
from desk_app.store.health import quick_check
from desk_app.store.models import Dossier
from tests.fs_faults import (
    corrupt_index_entry,
    corrupt_table_page,
    file_size_limit,
    fill,
    read_only,
    small_disk,
)
from tests.gui.conftest import open_window, press, scan, take_message, type_text
from tests.gui.test_intake_flow import PAYLOAD, pick_procedure
from tests.test_store_health import add_dossiers, dossier_count, make_backup

ROOT = Path(__file__).resolve().parents[2]
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def start(data_dir: Path, preexec: object = None) -> subprocess.CompletedProcess[str]:
    """The real program, started once (``--smoke``), as a clerk would start it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desk_app", "--data-dir", str(data_dir), "--smoke"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        preexec_fn=preexec,  # type: ignore[arg-type]
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- start-up: missing, empty, damaged ---------------------------------------------------------

@pytest.mark.parametrize("how", ["deleted", "zero-length"])
def test_start_refuses_a_new_desk_where_one_existed(
    data_dir: Path, store: Store, clock: FixedClock, how: str
) -> None:
    add_dossiers(store, clock, 2)
    backup = make_backup(store, data_dir, "before-0006", 90)
    store.dispose()
    db = database_path(data_dir)
    if how == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")
    run = start(data_dir)
    assert run.returncode == 2, run.stdout + run.stderr
    err = one_line(run.stderr)
    assert "ready" not in run.stdout and "Traceback" not in run.stderr
    assert str(data_dir) in err and str(backup) in err
    assert ("Không thấy tệp dữ liệu" if how == "deleted" else "rỗng (0 byte)") in err
    assert "không tự tạo dữ liệu mới" in err and "Khôi phục từ bản sao lưu" in err
    assert (not db.exists()) if how == "deleted" else db.stat().st_size == 0


def test_start_with_a_damaged_page_says_so_and_writes_nothing(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 300)
    backup = make_backup(store, data_dir, "before-0006", 45)
    store.dispose()
    db = database_path(data_dir)
    corrupt_table_page(db)
    before = db.read_bytes()
    run = start(data_dir)
    assert run.returncode == 2, run.stdout + run.stderr
    err = one_line(run.stderr)
    assert "bị hỏng" in err and str(data_dir) in err and str(backup) in err
    assert "Traceback" not in run.stderr
    assert db.read_bytes() == before


# -- the recovery dialog -----------------------------------------------------------------------

def click_through(qtbot: QtBot, button: str, typed: str = "") -> object:
    """An ``ask`` for :func:`recover` that clicks the real dialog's ``button``."""
    def ask(exc: StoreProblemError) -> str:
        dialog = StoreRecoveryDialog(exc)
        qtbot.addWidget(dialog)
        dialog.show()
        if typed:
            qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
            assert not dialog.confirm_button.isEnabled()
            type_text(typed, dialog.confirm_edit)
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        return dialog.choice
    return ask


def test_restore_from_the_dialog(
    qtbot: QtBot, data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 5)
    backup = make_backup(store, data_dir, "before-0006", 90)
    store.dispose()
    database_path(data_dir).write_bytes(b"")
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    restored = recover(caught.value, None, data_dir,
                       lambda fresh: open_store(data_dir, clock, allow_fresh=fresh),
                       ask=click_through(qtbot, "restore_button"))
    assert restored is not None
    try:
        assert dossier_count(restored) == 5 and restored.guard.state in ("checking", "ok")
    finally:
        restored.dispose()
    aside = sorted(recovery.aside_dir(data_dir).iterdir())
    assert [p.stat().st_size for p in aside if p.suffix == ".sqlite3"] == [0]  # kept
    assert backup.exists()


def test_a_new_empty_desk_only_after_the_typed_words(
    qtbot: QtBot, data_dir: Path, clock: FixedClock
) -> None:
    database_path(data_dir).unlink()
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    dialog = StoreRecoveryDialog(caught.value)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert not dialog.restore_button.isEnabled()  # no backup in this folder
    assert not dialog.confirm_box.isVisible()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box.isVisible() and not dialog.confirm_button.isEnabled()
    qtbot.waitUntil(dialog.confirm_edit.hasFocus)
    type_text("tao")
    assert not dialog.confirm_button.isEnabled()
    dialog.confirm_edit.clear()
    type_text("Tạo mới")  # as a clerk with a Vietnamese keyboard types it
    assert dialog.confirm_button.isEnabled()
    dialog.close()
    fresh = recover(caught.value, None, data_dir,
                    lambda allow: open_store(data_dir, clock, allow_fresh=allow),
                    ask=click_through(qtbot, "confirm_button", typed="TAO MOI"))
    assert fresh is not None
    try:
        assert dossier_count(fresh) == 0
    finally:
        fresh.dispose()


def test_a_damaged_file_opens_for_reading_only(
    qtbot: QtBot, data_dir: Path, store: Store, clock: FixedClock
) -> None:
    """«Chỉ xem»: the clerk logs in and reads; a save is refused in words, the form kept."""
    add_dossiers(store, clock, 300)
    store.dispose()
    corrupt_table_page(database_path(data_dir))
    opened = open_store(data_dir, clock)
    assert opened.guard.wait(30) and opened.guard.state == "failed"
    from desk_app.gui.store_recovery import verdict

    failure = verdict(opened, data_dir, wait=0)
    assert failure is not None and failure.code == "store_corrupt"
    kept = recover(failure, opened, data_dir, lambda fresh: open_store(data_dir, clock),
                   ask=click_through(qtbot, "read_button"))
    assert kept is opened
    try:
        launcher = Launcher(opened, clock, data_dir)
        dialog = launcher.start()
        qtbot.addWidget(dialog)
        qtbot.waitExposed(dialog)
        QTest.keyClicks(dialog.username, "binh")
        QTest.keyClicks(dialog.password, "mat-khau-123")
        with qtbot.waitSignal(launcher.windowReady, timeout=5000):
            press(Qt.Key.Key_Return, dialog.password)
        window = launcher.window
        assert window is not None
        qtbot.addWidget(window)
        label = window.findChild(QLabel, "storeReadOnly")
        assert label is not None and "chỉ xem" in label.text()
        fill_intake(window)
        press(Qt.Key.Key_Return, modifiers=CTRL)
        text = one_line(take_message(qtbot))
        assert "bị hỏng" in text and str(data_dir) in text and "Khôi phục" in text
        assert window.intake.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
    finally:
        opened.dispose()


def test_a_file_too_damaged_to_open_offers_no_reading(
    qtbot: QtBot, data_dir: Path, store: Store, clock: FixedClock
) -> None:
    """The migration's own table damaged: the file cannot be opened even to read, so «Chỉ
    xem» is not offered (it used to be, and closed the program without a word)."""
    store.dispose()
    corrupt_table_page(database_path(data_dir), "alembic_version")
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    assert caught.value.code == "store_corrupt"
    shown: list[tuple[bool, str]] = []

    def ask(exc: StoreProblemError) -> str:
        dialog = StoreRecoveryDialog(exc)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append((dialog.read_button.isVisible(), one_line(dialog.text.text())))
        return "read_only" if len(shown) == 1 else "quit"  # a stray choice is asked again

    assert recover(caught.value, None, data_dir, lambda fresh: open_store(data_dir, clock),
                   ask=ask) is None
    assert [visible for visible, _ in shown] == [False, False]
    assert "«Chỉ xem»" not in shown[0][1] and "không mở được, kể cả để chỉ xem" in shown[0][1]
    run = start(data_dir)  # the real program says the same
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "«Chỉ xem»" not in run.stderr and "kể cả để chỉ xem" in one_line(run.stderr)


def test_a_check_failing_after_login_is_told_at_once(
    qtbot: QtBot, data_dir: Path, store: Store, clock: FixedClock
) -> None:
    """The full check finds a damaged index behind the clerk's back (quick_check passed and
    the window is open): the clerk is told at once and the next save is refused."""
    add_dossiers(store, clock, 300)
    store.dispose()
    corrupt_index_entry(database_path(data_dir), "ix_dossiers_applicant_phone",
                        b"0912345678", b"0912345679")
    opened = open_store(data_dir, clock, check=False)
    try:
        window = open_window(qtbot, opened, clock, data_dir)
        watch = StoreWatch(opened, lambda: window)
        opened.guard.start()
        text = one_line(take_message(qtbot))
        assert "bị hỏng" in text and str(data_dir) in text and watch.told
        assert opened.guard.full == "failed"
        fill_intake(window)
        press(Qt.Key.Key_Return, modifiers=CTRL)
        assert "bị hỏng" in take_message(qtbot)
        assert window.intake.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
        window.close()
    finally:
        opened.dispose()


# -- read-only folder and full disk -----------------------------------------------------------

def fill_intake(window: MainWindow) -> None:
    pick_procedure(window, "1.004873")
    press(Qt.Key.Key_N, modifiers=ALT)
    scan(PAYLOAD)
    type_text("0912 345 678")


def assert_nothing_typed_lost(window: MainWindow, data_dir: Path) -> None:
    form = window.intake
    assert form.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
    assert form.applicant.line("phone").text() == "0912 345 678"
    assert "Trần Thị Hồng Nhung" in draft_path(data_dir).read_text(encoding="utf-8")


@pytest.mark.requires_posix
def test_start_on_a_read_only_folder(data_dir: Path) -> None:
    with read_only(data_dir) as how:
        run = start(data_dir)
    assert run.returncode == 2, (how, run.stdout, run.stderr)
    err = one_line(run.stderr)
    assert "Traceback" not in run.stderr and "sqlalchemy" not in err.lower()
    assert f"Không ghi được vào thư mục dữ liệu {data_dir}" in err and "chỉ đọc" in err, err


@pytest.mark.requires_posix
def test_save_on_a_folder_turned_read_only(
    qtbot: QtBot, window: MainWindow, store: Store, data_dir: Path
) -> None:
    fill_intake(window)
    window.intake.flush_draft()
    store.engine.dispose()  # the next write opens the file again, on the read-only folder
    with read_only(data_dir):
        press(Qt.Key.Key_Return, modifiers=CTRL)
        text = one_line(take_message(qtbot))
        assert f"Không ghi được vào thư mục dữ liệu {data_dir}" in text, text
        assert_nothing_typed_lost(window, data_dir)
    with store.read() as session:
        assert session.scalar(select(func.count(Dossier.id))) == 0
    press(Qt.Key.Key_Return, window.intake.applicant.line("phone"), CTRL)  # writable again
    assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text()


@pytest.mark.requires_posix
@pytest.mark.parametrize("how", ["full tmpfs", "file-size limit"])
def test_start_on_a_full_disk(template_dir: Path, tmp_path: Path, how: str) -> None:
    if how == "full tmpfs":
        with small_disk(tmp_path / "disk", "2m") as disk:
            data_dir = disk / "data"
            data_dir.mkdir()
            for name in ("desk.sqlite3", recovery.MARKER_NAME):
                (data_dir / name).write_bytes((template_dir / name).read_bytes())
            fill(disk)
            run = start(data_dir)
    else:  # a first start whose files cannot grow past 64 KB: EFBIG
        data_dir = tmp_path / "data"
        run = start(data_dir, preexec=file_size_limit(64 * 1024))
    assert run.returncode == 2, (run.stdout, run.stderr)
    err = one_line(run.stderr)
    assert "Traceback" not in run.stderr and "sqlalchemy" not in err.lower()
    assert f"Ổ đĩa chứa thư mục dữ liệu {data_dir} đã đầy" in err, err


@pytest.mark.requires_posix
def test_save_on_a_full_disk_keeps_what_was_typed(
    qtbot: QtBot, template_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    with small_disk(tmp_path / "disk", "6m") as disk:
        data_dir = disk / "data"
        data_dir.mkdir()
        for name in ("desk.sqlite3", recovery.MARKER_NAME):
            (data_dir / name).write_bytes((template_dir / name).read_bytes())
        store = Store(database_path(data_dir))
        try:
            window = open_window(qtbot, store, clock, data_dir)
            fill_intake(window)
            window.intake.flush_draft()
            filler = fill(disk)
            press(Qt.Key.Key_Return, modifiers=CTRL)
            text = one_line(take_message(qtbot))
            assert f"Ổ đĩa chứa thư mục dữ liệu {data_dir} đã đầy" in text, text
            assert_nothing_typed_lost(window, data_dir)
            assert quick_check(database_path(data_dir)) == []
            filler.unlink()  # space freed: the same form saves
            press(Qt.Key.Key_Return, window.intake.applicant.line("phone"), CTRL)
            assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text()
            assert dossier_count(store) == 1
            window.close()
        finally:
            store.dispose()
