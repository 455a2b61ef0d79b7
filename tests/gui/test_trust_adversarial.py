"""Found by trying to break issue 9 as a clerk, a leader and a curious visitor would.

Each test is one defect seen on a real X display (openbox, xdotool), replayed offscreen: Enter
on an empty lock screen burning the clerk's five tries, Ctrl+L ignored while a dialog has the
keyboard, the idle-lock minutes not saved by Enter, the satisfaction figures offered to a clerk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui.login import LoginDialog
from desk_app.gui.startup import Launcher, install_extensions
from desk_app.services import intake, lifecycle
from desk_app.services.desk_settings import idle_lock_seconds
from desk_app.services.ratings import UNCONFIRMED
from desk_app.store.engine import Store
from desk_app.store.models import Clerk
from desk_app.store.models_rating import Rating
from tests.gui.conftest import focused, open_window, press, scan, type_text, wait_writes
from tests.helpers import complete_request

CTRL = Qt.KeyboardModifier.ControlModifier
PASSWORD = "mat-khau-123"


def _failed_logins(store: Store, username: str) -> int:
    """Wrong passwords counted so far; a lockout counts as five (its counter starts again)."""
    with store.read() as s:
        clerk = s.scalars(select(Clerk).where(Clerk.username == username)).one()
        return 5 if clerk.locked_until is not None else int(clerk.failed_logins or 0)


# -- an empty password is not a wrong password ---------------------------------------------

def test_enter_on_an_empty_lock_screen_costs_no_try(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """A visitor pressing Enter on the locked desk (or the clerk's Ctrl+Enter habit) must not
    lock the clerk's account out for five minutes."""
    window = open_window(qtbot, store, clock, data_dir)
    window.lock()
    field = window.lock_screen.password
    for _ in range(6):
        press(Qt.Key.Key_Return, field)
        press(Qt.Key.Key_Return, field, CTRL)
    assert _failed_logins(store, "binh") == 0
    assert "tạm khoá" not in window.lock_screen.message.text()
    assert window.lock_screen.message.text()  # it says what to do
    QTest.keyClicks(field, PASSWORD)
    press(Qt.Key.Key_Return, field)
    assert not window.locked


def test_enter_on_an_empty_login_password_costs_no_try(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    launcher = Launcher(store, clock, data_dir)
    dialog = launcher.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.username, "binh")
    for _ in range(6):
        press(Qt.Key.Key_Return, dialog.password)
    assert _failed_logins(store, "binh") == 0
    assert dialog.password_msg.text() and "tạm khoá" not in dialog.password_msg.text()
    QTest.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, dialog.password)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)


# -- Ctrl+L locks from any of the window's dialogs ------------------------------------------

def _result_ready(store: Store, clock: FixedClock) -> int:
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RESULT_READY)
    return dossier_id


def test_ctrl_l_in_the_return_dialog_locks_the_desk(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """F8's dialog shows the collector's name and CCCD: the clerk leaving the counter presses
    Ctrl+L there, and the desk must lock (today nothing happens until the idle lock)."""
    dossier_id = _result_ready(store, clock)
    window = open_window(qtbot, store, clock, data_dir)
    assert window.open_dossier(dossier_id)
    press(Qt.Key.Key_F8)
    dialog = window.dossier.return_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.rep_radio.setChecked(True)
    dialog.rep_name.setFocus()
    type_text("Nguyễn Thị Bé")
    press(Qt.Key.Key_L, dialog.rep_name, CTRL)
    assert window.locked
    assert not dialog.isVisible()
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return, window.lock_screen.password)
    assert not window.locked
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.rep_name.text() == "Nguyễn Thị Bé"  # nothing typed is lost


def test_ctrl_l_in_the_admin_dialog_locks_the_desk(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    dialog = window.open_admin()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.username.setFocus()
    press(Qt.Key.Key_L, dialog.username, CTRL)
    assert window.locked and not dialog.isVisible()


def test_ctrl_l_elsewhere_in_the_program_does_nothing_to_this_desk(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """Only the window's own dialogs: another top-level widget (a login dialog of the next
    clerk, a test's stray widget) keeps its Ctrl+L."""
    window = open_window(qtbot, store, clock, data_dir)
    stranger = QWidget()
    qtbot.addWidget(stranger)
    stranger.show()
    stranger.activateWindow()
    qtbot.waitUntil(stranger.isActiveWindow)
    press(Qt.Key.Key_L, stranger, CTRL)
    assert not window.locked


# -- the idle-lock minutes are saved by Enter -------------------------------------------------

def test_enter_in_the_idle_minutes_saves_them(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    dialog = window.open_admin()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    spin = dialog.idle_minutes
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "3")
    press(Qt.Key.Key_Return, spin)
    with store.read() as s:
        assert idle_lock_seconds(s) == 180
    assert window.idle.seconds == 180
    assert dialog.isVisible()


# -- roles: what a clerk may not do is not offered ------------------------------------------

@pytest.mark.parametrize("username, may", [("binh", False), ("lan", True), ("admin", True)])
def test_the_rating_figures_are_offered_to_leaders_only(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, username: str,
        may: bool) -> None:
    window = open_window(qtbot, store, clock, data_dir, username)
    installed = install_extensions(window, store, clock, data_dir)
    qtbot.addWidget(installed["rating"].window)  # type: ignore[attr-defined]
    figures = installed["rating"].figures_action  # type: ignore[attr-defined]
    assert figures.isEnabled() is may
    window.lock()
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return, window.lock_screen.password)
    assert not window.locked and figures.isEnabled() is may  # the lock gives back no more


def test_the_lock_screen_shows_its_whole_message(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """Seen at 1366x768: after a wrong password the two-line message pushed the intro line
    under the password field (half of it hidden) and cut its own last line."""
    window = open_window(qtbot, store, clock, data_dir)
    window.resize(1264, 700)
    window.lock()
    for _ in range(5):
        QTest.keyClicks(window.lock_screen.password, "doan-mo")
        press(Qt.Key.Key_Return, window.lock_screen.password)
    QApplication.processEvents()
    message = window.lock_screen.message
    assert "tạm khoá" in message.text()
    for label in (message, window.lock_screen.intro):
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed, (label.text(), label.height(), needed)


# -- a rating under way when the clerk logs out ---------------------------------------------

def test_logging_out_during_a_rating_keeps_the_chosen_level(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """The citizen tapped a level, the clerk logged out before "Gửi đánh giá": as when the
    desk locks or the screen times out, the level counts, flagged unconfirmed (it was lost)."""
    dossier_id = _result_ready(store, clock)
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RETURNED)
    launcher = Launcher(store, clock, data_dir, extensions=True)
    dialog = launcher.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.username, "binh")
    QTest.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, dialog.password)
    window = launcher.window
    assert window is not None
    rating = launcher.installed["rating"]
    assert rating.offer(dossier_id, "return")  # type: ignore[attr-defined]
    citizen = rating.window  # type: ignore[attr-defined]
    qtbot.mouseClick(citizen.overall.buttons["very_satisfied"], Qt.MouseButton.LeftButton)
    window.logout_action.trigger()
    qtbot.addWidget(launcher.dialog)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not window.isVisible())
    wait_writes(qtbot)
    with store.read() as s:
        rows = s.scalars(select(Rating)).all()
        assert [(r.dossier_id, r.overall, list(r.flags)) for r in rows] == [
            (dossier_id, "very_satisfied", [UNCONFIRMED])]


# -- the citizen comes back with the missing papers -----------------------------------------

def test_enter_on_the_focused_resume_button_takes_the_dossier_up(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """The slip of form 02 scanned where the cursor was (the applicant's name) opens the
    dossier with "Tiếp tục hồ sơ" focused; the clerk presses Enter, as everywhere else, and
    nothing happened (only Space pressed a button outside a dialog)."""
    from tests.gui.test_return_resume import supplement

    first_id, first_code = supplement(store, clock)
    window = open_window(qtbot, store, clock, data_dir)
    window.intake.applicant.line("full_name").setFocus()
    scan(first_code)
    qtbot.waitUntil(lambda: not window.searching)  # the code is looked up on a worker
    page = window.dossier
    assert window.tabs.currentWidget() is page and page.view is not None
    assert page.view.id == first_id
    assert focused() is page.resume_button
    press(Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.intake
    assert f"Tiếp tục hồ sơ {first_code}" in window.intake.resume_bar.text()
