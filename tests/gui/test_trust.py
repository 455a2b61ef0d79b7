"""Trust at the counter (issue 9): a sealed lock, accounts, roles on screen, nothing typed lost.

Each test drives the real main window (offscreen) with its real extensions where they matter:
printing (the register's Ctrl+Shift+P), the citizen's rating screen and the sync indicator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui import hooks
from desk_app.gui.admin import AdminDialog
from desk_app.gui.login import ChangePasswordDialog, LoginDialog
from desk_app.gui.main_window import MainWindow
from desk_app.gui.rating.citizen_window import IDLE, RATING
from desk_app.gui.startup import Launcher, install_extensions
from desk_app.services import intake, lifecycle
from desk_app.services.drafts import draft_path
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier, DossierEvent, OutboxEvent
from desk_app.store.models_printing import PrintedForm
from desk_app.store.models_rating import Rating
from tests.gui.conftest import (
    answer_question,
    focused,
    message_boxes,
    open_window,
    press,
    scan,
    type_text,
)
from tests.helpers import complete_request

CTRL = Qt.KeyboardModifier.ControlModifier
PASSWORD = "mat-khau-123"


def _visible_windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() != Qt.WindowType.ToolTip}


def _footprint(store: Store, data_dir: Path) -> tuple[object, ...]:
    with store.read() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in (
            Dossier, DossierEvent, OutboxEvent, PrintedForm, Rating))
    files = tuple(sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*")
                         if p.is_file() and p.suffix not in (".log", ".ini")
                         and "drafts" not in p.parts and "sqlite3" not in p.name))
    return counts, files


def _with_extensions(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
                     username: str = "binh") -> tuple[MainWindow, dict[str, object]]:
    window = open_window(qtbot, store, clock, data_dir, username)
    installed = install_extensions(window, store, clock, data_dir)
    assert set(installed) == {"printing", "rating", "sync", "backup", "reports", "queue"}
    qtbot.addWidget(installed["rating"].window)  # type: ignore[attr-defined]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, installed


def _returned(store: Store, clock: FixedClock) -> int:
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RESULT_READY)
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RETURNED)
    return dossier_id


def _admin_dialog_on(qtbot: QtBot, window: MainWindow, username: str) -> AdminDialog:
    """The admin dialog open, with ``username``'s row selected."""
    dialog = window.open_admin()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 0).text() == username)
    dialog.table.setCurrentCell(row, 0)
    return dialog


# -- a locked desk shows nothing ---------------------------------------------------------------

def test_a_locked_desk_opens_prints_and_writes_nothing(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    dossier_id = _returned(store, clock)
    window, installed = _with_extensions(qtbot, store, clock, data_dir, "admin")
    rating = installed["rating"]
    rating.offer(dossier_id, "return")  # type: ignore[attr-defined]
    assert rating.window.page() == RATING  # type: ignore[attr-defined]
    window.open_dossier(dossier_id)
    press(Qt.Key.Key_L, modifiers=CTRL)
    assert window.locked
    assert rating.window.page() == IDLE  # type: ignore[attr-defined]
    before_windows = _visible_windows()
    before = _footprint(store, data_dir)

    actions = window.findChildren(QAction)
    shortcuts = window.findChildren(QShortcut)
    assert len(actions) >= 5 and len(shortcuts) >= 8  # the menus and the keys are all here
    keys: list[QKeySequence] = [k for a in actions for k in a.shortcuts()]
    keys += [k for sc in shortcuts for k in sc.keys()]
    assert QKeySequence("Ctrl+Shift+P") in keys
    for action in actions:
        action.trigger()
        QApplication.processEvents()
    for key in keys:
        QTest.keySequence(focused(), key)
        QApplication.processEvents()
    qtbot.wait(200)  # anything started (a render, a job) has had time to show itself

    assert window.locked
    assert _visible_windows() == before_windows, [
        w.windowTitle() for w in _visible_windows() - before_windows]
    assert not message_boxes()
    assert _footprint(store, data_dir) == before
    assert rating.window.page() == IDLE  # type: ignore[attr-defined]
    assert not window.content.isVisible() and not window.menuBar().isEnabled()

    # a window that opens by itself while locked (a late print preview) is hidden at once
    printing = installed["printing"]
    printing.print_register()  # type: ignore[attr-defined]
    qtbot.wait(50)
    assert _visible_windows() == before_windows
    window.lock_screen.password.clear()
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return, window.lock_screen.password)
    assert not window.locked, window.lock_screen.message.text()
    # after the password, it is back where it was
    assert printing.last_dialog is not None  # type: ignore[attr-defined]
    qtbot.waitUntil(printing.last_dialog.isVisible)  # type: ignore[attr-defined]
    printing.last_dialog.reject()  # type: ignore[attr-defined]
    assert all(a.isEnabled() for a in window.menuBar().actions())


def test_wrong_passwords_lock_the_account_for_five_minutes(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    launcher = Launcher(store, clock, data_dir)
    dialog = launcher.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.username, "binh")
    for left in (4, 3, 2, 1):
        QTest.keyClicks(dialog.password, "sai-mat-khau")
        press(Qt.Key.Key_Return, dialog.password)
        assert f"Còn {left} lần thử" in dialog.password_msg.text()
    QTest.keyClicks(dialog.password, "sai-mat-khau")
    press(Qt.Key.Key_Return, dialog.password)
    locked = dialog.password_msg.text()
    assert "tạm khoá" in locked and "09:05" in locked  # 09:00 + 5 minutes
    # while locked even the right password is refused, and says why
    QTest.keyClicks(dialog.password, PASSWORD)
    press(Qt.Key.Key_Return, dialog.password)
    assert launcher.window is None and "tạm khoá" in dialog.password_msg.text()
    clock.advance(minutes=5)
    QTest.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, dialog.password)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    with store.read() as s:
        binh = s.scalars(select(Clerk).where(Clerk.username == "binh")).one()
        assert binh.failed_logins == 0 and binh.locked_until is None


def test_the_lock_screen_counts_wrong_passwords_too(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir)
    window.lock()
    for _ in range(5):
        QTest.keyClicks(window.lock_screen.password, "doan-mo")
        press(Qt.Key.Key_Return)
    assert "tạm khoá" in window.lock_screen.message.text()
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return)
    assert window.locked  # five minutes, even with the right password


def test_logout_switches_clerk_and_keeps_the_typed_form(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    launcher = Launcher(store, clock, data_dir, extensions=True)
    hooks_before = hooks.snapshot()

    def log_in(username: str) -> MainWindow:
        dialog = launcher.dialog
        assert isinstance(dialog, LoginDialog)
        qtbot.waitUntil(dialog.isVisible)
        QTest.keyClicks(dialog.username, username)
        QTest.keyClicks(dialog.password, PASSWORD)
        with qtbot.waitSignal(launcher.windowReady):
            press(Qt.Key.Key_Return, dialog.password)
        window = launcher.window
        assert window is not None  # deleted when its clerk logs out: not given to qtbot
        return window

    qtbot.addWidget(launcher.start())
    first = log_in("binh")
    registered = hooks.snapshot()
    first.intake.applicant.line("full_name").setFocus()
    type_text("Hà Thị Xuân")
    first.logout_action.trigger()
    assert not first.isVisible() and launcher.window is None
    assert draft_path(data_dir).exists()
    assert hooks.snapshot() == hooks_before  # the first clerk's printing, rating are gone
    qtbot.addWidget(launcher.dialog)  # type: ignore[arg-type]
    second = log_in("lan")
    assert second is not first and second.clerk.username == "lan"
    assert {k: len(v) for k, v in hooks.snapshot().items()} == \
        {k: len(v) for k, v in registered.items()}  # registered once, not twice
    assert second.intake.applicant.line("full_name").text() == "Hà Thị Xuân"
    assert "Nguyễn Văn Bình" in second.intake.banner.text()  # who typed it
    # the lock screen's own button logs out as well
    second.lock()
    with qtbot.waitSignal(second.loggedOut):
        second.lock_screen.findChild(QPushButton, "lockLogout").click()
    assert isinstance(launcher.dialog, LoginDialog) and launcher.window is None
    qtbot.addWidget(launcher.dialog)
    qtbot.waitUntil(lambda: not second.isVisible())


def test_admin_resets_a_password_and_the_clerk_changes_it(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    admin = open_window(qtbot, store, clock, data_dir, "admin")
    dialog = _admin_dialog_on(qtbot, admin, "binh")
    reset = dialog.start_reset()
    assert reset is not None
    qtbot.waitUntil(reset.isVisible)
    QTest.keyClicks(reset.password, "ngan")
    press(Qt.Key.Key_Return, reset.password)
    assert "ít nhất 8" in reset.message.text() and reset.isVisible()
    reset.password.clear()
    QTest.keyClicks(reset.password, "tam-thoi-2026")
    press(Qt.Key.Key_Return, reset.password)
    assert not reset.isVisible()
    qtbot.waitUntil(lambda: bool(message_boxes()))
    message_boxes()[0].close()
    admin.close()

    launcher = Launcher(store, clock, data_dir)
    login = launcher.start()
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    QTest.keyClicks(login.username, "binh")
    QTest.keyClicks(login.password, PASSWORD)  # the old password is gone
    press(Qt.Key.Key_Return, login.password)
    assert "Sai" in login.password_msg.text()
    QTest.keyClicks(login.password, "tam-thoi-2026")
    press(Qt.Key.Key_Return, login.password)
    change = login.change_dialog
    assert isinstance(change, ChangePasswordDialog) and launcher.window is None
    qtbot.waitUntil(change.isVisible)
    QTest.keyClicks(change.password, "tam-thoi-2026")
    QTest.keyClicks(change.password2, "tam-thoi-2026")
    press(Qt.Key.Key_Return, change.password2)
    assert "khác mật khẩu tạm" in change.msgs["password"].text()
    change.password.clear()
    change.password2.clear()
    QTest.keyClicks(change.password, "mat-khau-rieng-1")
    QTest.keyClicks(change.password2, "mat-khau-rieng-2")
    press(Qt.Key.Key_Return, change.password2)
    assert "không khớp" in change.msgs["password2"].text()
    change.password2.clear()
    QTest.keyClicks(change.password2, "mat-khau-rieng-1")
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, change.password2)
    assert launcher.window is not None and launcher.window.clerk.username == "binh"
    qtbot.addWidget(launcher.window)
    with store.read() as s:
        binh = s.scalars(select(Clerk).where(Clerk.username == "binh")).one()
        assert not binh.must_change_password


# -- roles on screen ----------------------------------------------------------------------------

@pytest.mark.parametrize("username, enrol, admin_button, extend, stop", [
    ("binh", False, False, False, False),
    ("lan", False, False, True, True),
    ("admin", True, True, True, True),
])
def test_each_role_sees_only_what_it_may_do(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, username: str,
        enrol: bool, admin_button: bool, extend: bool, stop: bool) -> None:
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    window, _ = _with_extensions(qtbot, store, clock, data_dir, username)
    indicator = window.findChild(QWidget, "syncIndicator")
    assert indicator is not None
    qtbot.waitUntil(lambda: not indicator.reading)  # type: ignore[attr-defined]
    assert indicator.enrol_button.isVisible() is enrol  # type: ignore[attr-defined]
    assert (window.findChild(QPushButton, "adminButton") is not None) is admin_button
    assert window.open_dossier(dossier_id)
    page = window.dossier
    assert page.extend_box.isVisible() is extend
    assert page.buttons[Status.STOPPED].isEnabled() is stop
    assert page.buttons[Status.IN_PROCESSING].isEnabled()
    report = window.findChild(QAction, "openReport")  # the leader's reports (issue 15)
    assert report is not None and report.isEnabled() is extend
    if not stop:
        assert "lãnh đạo" in page.buttons[Status.STOPPED].toolTip()


# -- nothing typed is lost ------------------------------------------------------------------------

def test_ctrl_n_asks_whenever_the_form_has_content(
        qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    form = window.intake
    asked = answer_question(yes=True)
    press(Qt.Key.Key_N, modifiers=CTRL)  # empty: nothing to ask
    qtbot.wait(100)
    assert asked == []
    form.note.setFocus()
    type_text("Hẹn mang bản chính")
    qtbot.waitUntil(lambda: draft_path(data_dir).exists(), timeout=3000)
    qtbot.wait(1200)  # long after the last key and after the autosave
    asked = answer_question(yes=False)
    press(Qt.Key.Key_N, modifiers=CTRL)
    assert asked and "Bỏ hồ sơ đang nhập dở" in asked[0]
    assert form.note.text() == "Hẹn mang bản chính" and draft_path(data_dir).exists()
    window.activateWindow()  # a window manager gives the focus back; offscreen needs asking
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    asked = answer_question(yes=True)
    press(Qt.Key.Key_N, modifiers=CTRL)
    assert asked and form.is_empty()
    qtbot.waitUntil(lambda: not draft_path(data_dir).exists())  # cleared on the draft lane


def test_enter_in_the_account_dialog_creates_the_typed_account(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    dialog = _admin_dialog_on(qtbot, window, "binh")  # a selected account must not be touched
    press(Qt.Key.Key_Return, dialog.table)
    dialog.username.setFocus()
    QTest.keyClicks(dialog.username, "hoa")
    dialog.full_name.setFocus()
    type_text("Lý Thị Hoa")
    dialog.password.setFocus()
    QTest.keyClicks(dialog.password, "mat-khau-cua-hoa")
    asked = answer_question(yes=True)
    press(Qt.Key.Key_Return, dialog.password)
    qtbot.wait(100)
    assert asked == [] and dialog.isVisible()
    with store.read() as s:
        rows = {c.username: c for c in s.scalars(select(Clerk))}
        assert rows["binh"].active
        assert rows["hoa"].full_name == "Lý Thị Hoa" and rows["hoa"].role == "clerk"


def test_the_citizen_screen_never_takes_the_keyboard(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    dossier_id = _returned(store, clock)
    window, installed = _with_extensions(qtbot, store, clock, data_dir)
    citizen = installed["rating"].window  # type: ignore[attr-defined]
    assert citizen.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert citizen.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    installed["rating"].offer(dossier_id, "return")  # type: ignore[attr-defined]
    window.intake.applicant.line("email").setFocus()
    for button in (citizen.overall.buttons["very_satisfied"], citizen.comment.buttons[0]):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert QApplication.activeWindow() is window
    assert not any(w.hasFocus() for w in citizen.findChildren(QWidget))
    assert all(w.focusPolicy() == Qt.FocusPolicy.NoFocus
               for w in citizen.findChildren(QWidget) if w.isVisible())
    # the next citizen's card, scanned at once, reaches the clerk's form
    scan("001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|Hà Nội|12082021")
    assert window.intake.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"


def test_a_card_mismatch_stays_until_fixed_or_confirmed(
        qtbot: QtBot, store: Store, window: MainWindow) -> None:
    form = window.intake
    form.picker.select(next(c.version_id for c in form.picker.choices
                            if c.code == "1.004873"))
    form.checklist.receive_all()
    # gender digit 0 says male, the card says Nữ; 90 says 1990, born 1992
    scan("001090012345||Lê Thị Mai|05061992|Nữ|Thôn Phù Dực, Phù Đổng, Hà Nội|01012022")
    ack = form.applicant.findChild(QCheckBox, "applicant.id_mismatch_ack")
    assert ack is not None and ack.isVisible() and not ack.isChecked()
    form.applicant.line("phone").setFocus()
    type_text("0912 345 678")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    text = form.applicant.msgs["id_number"].text()
    assert "đối chiếu" in text and "giới tính" in text  # refused, said at the field
    with store.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 0
    assert ack.isVisible()  # the warning did not vanish with the failed save
    ack.setChecked(True)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    with store.read() as s:
        event = s.scalars(select(DossierEvent)).one()
        assert event.data["id_mismatch_acknowledged"] == ["gender", "birth_year"]
        payload = s.scalars(select(OutboxEvent.payload).where(
            OutboxEvent.kind == "dossier.intake")).one()
        assert payload["intake"]["id_mismatch_acknowledged"] == ["gender", "birth_year"]
        dossier_id = event.dossier_id
    assert not ack.isVisible()  # the next dossier starts clean
    window.open_dossier(dossier_id)  # and the dossier page says it was checked, by whom
    header = window.dossier.header.text()
    assert "đã đối chiếu thẻ gốc" in header and "giới tính" in header
    assert "Nguyễn Văn Bình" in header


def test_fixing_the_data_clears_the_warning_and_needs_no_confirmation(
        qtbot: QtBot, store: Store, window: MainWindow) -> None:
    form = window.intake
    scan("001090012345||Lê Văn Mai|05061992|Nam|Hà Nội|01012022")  # only the year is off
    ack = form.applicant.ack
    assert ack.isVisible() and "năm sinh" in form.applicant.msgs["id_number"].text()
    birth = form.applicant.line("birth_date")
    birth.setFocus()
    birth.selectAll()
    type_text("05/06/1990")
    press(Qt.Key.Key_Tab)
    assert not ack.isVisible() and form.applicant.acknowledged() == []
    assert form.applicant.msgs["id_number"].text() == ""



def test_a_question_ended_by_the_lock_leaves_the_keyboard_in_the_form(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """Ctrl+N's yes/no question is open when the idle lock comes: the lock ends the question
    (as "No": nothing is wiped) and after the password the keyboard is back in the field the
    clerk was typing in, so Ctrl+Enter and typing work at once."""
    from PySide6.QtCore import QTimer

    window = open_window(qtbot, store, clock, data_dir)
    note = window.intake.note
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    note.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note)
    type_text("Mang bản chính lần sau", note)
    QTimer.singleShot(300, window.lock)  # the idle lock, while the question waits
    press(Qt.Key.Key_N, modifiers=CTRL)  # blocks in the question until the lock ends it
    assert window.locked and note.text() == "Mang bản chính lần sau"
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return, window.lock_screen.password)
    assert not window.locked
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note)
    type_text(" nhé")
    assert note.text() == "Mang bản chính lần sau nhé"
    assert not message_boxes()


def test_a_save_that_lands_after_the_lock_offers_its_slip_only_after_unlock(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    """Saves run on the database worker: the clerk may lock the desk before one lands. Its
    slip must not open over the locked desk (on a real display the hidden dialog's frame, with
    the dossier code in its title, stayed); it is offered once the password is given."""
    window, installed = _with_extensions(qtbot, store, clock, data_dir, "admin")
    printing = installed["printing"]
    with store.write() as s:
        received = intake.receive(s, clock, 3, complete_request(s))
    dossier_id = received.dossier_id
    press(Qt.Key.Key_L, modifiers=CTRL)
    assert window.locked
    before_windows = _visible_windows()
    for hook in list(hooks.after_intake):  # what the form runs when its save lands
        hook(dossier_id)
    qtbot.wait(100)
    assert _visible_windows() == before_windows
    assert printing.last_dialog is None  # type: ignore[attr-defined]
    QTest.keyClicks(window.lock_screen.password, PASSWORD)
    press(Qt.Key.Key_Return, window.lock_screen.password)
    assert not window.locked
    dialog = printing.last_dialog  # type: ignore[attr-defined]
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert received.code in dialog.windowTitle()
    dialog.reject()
