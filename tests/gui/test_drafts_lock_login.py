"""A half-typed intake survives a crash; the idle lock; first run; the draft file itself."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from desk_app.clock import FixedClock
from desk_app.gui.login import FirstRunDialog
from desk_app.gui.startup import Launcher
from desk_app.services import drafts
from desk_app.services.desk_settings import IDLE_LOCK_SECONDS, set_setting
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier
from tests.gui.conftest import answer_question, open_window, press, type_text, wait_writes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.requires_posix
@pytest.mark.slow
def test_half_typed_intake_survives_a_crash(qtbot: QtBot, store: Store, clock: FixedClock,
                                            data_dir: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-m", "tests.gui.crash_child", str(data_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "draft saved" in child.stdout
    window = open_window(qtbot, store, clock, data_dir)
    form = window.intake
    assert "Đã khôi phục hồ sơ đang nhập dở" in form.banner.text()
    assert form.picker.current is not None and form.picker.current.code == "1.000894"
    assert form.applicant.line("full_name").text() == "Ngô Thị Thu Trang"
    assert form.applicant.line("phone").text() == "0987 654 321"
    assert form.checklist.rows[0].check.isChecked()
    form.checklist.receive_all()
    form.applicant.line("phone").setFocus()
    press(Qt.Key.Key_Return, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text()
    qtbot.waitUntil(lambda: not drafts.draft_path(data_dir).exists())
    with store.read() as s:
        assert s.scalars(select(Dossier.applicant_name)).one() == "Ngô Thị Thu Trang"


def test_draft_autosaves_and_clears(qtbot: QtBot, window: object, data_dir: Path) -> None:
    form = window.intake  # type: ignore[attr-defined]
    path = drafts.draft_path(data_dir)
    form.applicant.line("address").setFocus()
    type_text("Xóm Đình, Phù Đổng")
    qtbot.waitUntil(path.exists, timeout=3000)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["form"]["applicant"]["address"] == "Xóm Đình, Phù Đổng"
    assert saved["form"]["clerk"] == "Nguyễn Văn Bình"
    form.discard_restored()
    assert form.is_empty()
    qtbot.waitUntil(lambda: not path.exists())  # cleared on the draft lane


def test_unreadable_draft_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / drafts.DRAFT_NAME
    drafts.save_draft(path, {"note": "x"})
    assert drafts.load_draft(path) == {"note": "x"}
    path.write_text('{"format": 1, "form": {"note": "tor', encoding="utf-8")
    assert drafts.load_draft(path) is None
    assert path.with_suffix(".unreadable").exists() and not path.exists()


def test_idle_lock_keeps_what_was_typed(qtbot: QtBot, store: Store, clock: FixedClock,
                                        data_dir: Path) -> None:
    with store.write() as s:
        set_setting(s, IDLE_LOCK_SECONDS, 2)  # margin for a slow machine before the typing
    window = open_window(qtbot, store, clock, data_dir)
    name = window.intake.applicant.line("full_name")
    name.setFocus()
    type_text("Đinh Công Tráng", name)
    window.intake.picker.select(window.intake.picker.choices[0].version_id)
    press(Qt.Key.Key_R, name, Qt.KeyboardModifier.ControlModifier)
    dialog = window.intake.dialog
    assert dialog is not None and dialog.isVisible()
    type_text("Hồ sơ giả mạo", dialog.reason)
    qtbot.waitUntil(lambda: window.locked, timeout=6000)
    assert not window.content.isVisible() and not dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lock_screen.password)
    QTest.keyClicks(window.lock_screen.password, "sai-mat-khau")
    press(Qt.Key.Key_Return)
    assert window.locked and "Sai" in window.lock_screen.message.text()
    QTest.keyClicks(window.lock_screen.password, "mat-khau-123")
    press(Qt.Key.Key_Return)
    assert not window.locked
    assert dialog.isVisible() and dialog.reason.toPlainText() == "Hồ sơ giả mạo"
    dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    name.setFocus()
    assert name.text() == "Đinh Công Tráng"
    press(Qt.Key.Key_L, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert window.locked


def test_first_run_creates_the_admin(qtbot: QtBot, store: Store, clock: FixedClock,
                                     data_dir: Path) -> None:
    with store.write() as s:
        s.execute(text("DELETE FROM clerks"))
    launcher = Launcher(store, clock, data_dir)
    dialog = launcher.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FirstRunDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.full_name.setFocus()
    type_text("Phan Thanh Hà")
    QTest.keyClicks(dialog.password, "mat-khau-moi-1")
    QTest.keyClicks(dialog.password2, "mat-khau-moi-2")
    press(Qt.Key.Key_Return, dialog.password2)
    assert dialog.msgs["password2"].text() == "Hai lần nhập mật khẩu không khớp."
    dialog.password.clear()
    dialog.password2.clear()
    QTest.keyClicks(dialog.password, "ngan")
    QTest.keyClicks(dialog.password2, "ngan")
    press(Qt.Key.Key_Return, dialog.password2)
    assert dialog.msgs["password"].text() == "Mật khẩu cần ít nhất 8 ký tự."
    dialog.password.clear()
    dialog.password2.clear()
    QTest.keyClicks(dialog.password, "mat-khau-moi-1")
    QTest.keyClicks(dialog.password2, "mat-khau-moi-1")
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, dialog.password2)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    assert launcher.window.clerk.role == "admin"
    with store.read() as s:
        admin = s.scalars(select(Clerk)).one()
        assert (admin.username, admin.full_name, admin.role) == ("admin", "Phan Thanh Hà",
                                                                 "admin")
        assert admin.password_hash.startswith("$argon2id$")


def test_admin_creates_a_clerk_and_sets_the_idle_lock(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    from desk_app.services.desk_settings import idle_lock_seconds

    clerk_window = open_window(qtbot, store, clock, data_dir, "binh")
    assert clerk_window.findChild(QPushButton, "adminButton") is None
    clerk_window.close()
    window = open_window(qtbot, store, clock, data_dir, "admin")
    window.findChild(QPushButton, "adminButton").click()
    wait_writes()
    dialog = window.admin_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.rowCount() == 3
    dialog.username.setText("thu")
    dialog.full_name.setText("")
    type_text("Đoàn Thị Thu", dialog.full_name)
    dialog.password.setText("ngan")
    assert dialog.create_account()
    wait_writes(qtbot)
    assert dialog.msgs["password"].text() == "Mật khẩu cần ít nhất 8 ký tự."
    assert dialog.full_name.text() == "Đoàn Thị Thu"
    dialog.password.setText("mat-khau-cua-thu")
    assert dialog.create_account()
    wait_writes(qtbot)
    assert dialog.table.rowCount() == 4
    dialog.table.setCurrentCell(3, 0)
    asked = answer_question(yes=True)
    assert dialog.toggle_selected()
    wait_writes()
    assert asked == ["Khoá tài khoản thu (Đoàn Thị Thu)?"]
    with store.read() as s:
        thu = s.scalars(select(Clerk).where(Clerk.username == "thu")).one()
        assert thu.full_name == "Đoàn Thị Thu" and thu.role == "clerk" and not thu.active
    dialog.idle_minutes.setValue(2)
    assert dialog.save_idle()
    wait_writes()
    assert window.idle.seconds == 120
    with store.read() as s:
        assert idle_lock_seconds(s) == 120
