"""The desk's counter number on screen: asked at first start, set by the admin, and an intake
refused in words (the form kept) while the desk has none (issue 10)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select, text

from desk_app.clock import FixedClock
from desk_app.gui.login import FirstRunDialog
from desk_app.gui.startup import Launcher
from desk_app.services.counter import COUNTER, desk_counter
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier, Setting
from tests.gui.conftest import (
    focused,
    open_window,
    press,
    scan,
    take_message,
    type_text,
    wait_writes,
)
from tests.gui.test_intake_flow import CTRL, PAYLOAD, pick_procedure


def _forget_counter(store: Store) -> None:
    with store.write() as s:
        s.execute(delete(Setting).where(Setting.key == COUNTER))


def _first_start(qtbot: QtBot, store: Store, clock: FixedClock,
                 data_dir: Path) -> tuple[Launcher, FirstRunDialog]:
    """A store with no account and no counter number: the program opens the first-run dialog."""
    with store.write() as s:
        s.execute(text("DELETE FROM clerks"))
    _forget_counter(store)
    launcher = Launcher(store, clock, data_dir)
    dialog = launcher.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FirstRunDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return launcher, dialog


def test_first_start_asks_for_the_counter_number(qtbot: QtBot, store: Store, clock: FixedClock,
                                                data_dir: Path) -> None:
    launcher, dialog = _first_start(qtbot, store, clock, data_dir)
    assert dialog.counter.text() == ""  # never guessed: two PCs would guess the same
    dialog.full_name.setFocus()
    type_text("Phan Thanh Hà")
    QTest.keyClicks(dialog.password, "mat-khau-moi-1")
    QTest.keyClicks(dialog.password2, "mat-khau-moi-1")
    press(Qt.Key.Key_Return, dialog.password2)
    assert dialog.msgs["counter"].text() == (
        "Số quầy là một chữ số từ 1 đến 9; mỗi máy của xã một số khác nhau.")
    assert focused() is dialog.counter
    with store.read() as s:  # neither the account nor a number was written
        assert s.scalar(select(func.count(Clerk.id))) == 0
        assert desk_counter(s) is None
    QTest.keyClicks(dialog.counter, "2")
    with qtbot.waitSignal(launcher.windowReady):
        press(Qt.Key.Key_Return, dialog.counter)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    with store.read() as s:
        assert desk_counter(s) == 2
        assert s.scalars(select(Clerk.full_name)).one() == "Phan Thanh Hà"


def test_the_admin_sets_the_counter_number(qtbot: QtBot, store: Store, clock: FixedClock,
                                          data_dir: Path) -> None:
    _forget_counter(store)
    window = open_window(qtbot, store, clock, data_dir, "admin")
    assert "Máy này chưa có số quầy" in window.intake.banner.text()
    window.findChild(QPushButton, "adminButton").click()
    wait_writes()
    dialog = window.admin_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.counter.text() == "chưa đặt"
    assert dialog.save_counter()  # "not set" is not a number: refused when the save lands
    wait_writes()
    assert "từ 1 đến 9" in dialog.counter_msg.text()
    dialog.counter.setValue(3)
    assert dialog.save_counter()
    wait_writes()
    assert dialog.counter_msg.text() == ""
    assert "quầy số 3" in dialog.counter_saved.text()
    with store.read() as s:
        assert desk_counter(s) == 3
    assert not window.intake.banner.isVisibleTo(window.intake)  # the warning went
    dialog.close()


def test_an_intake_without_a_counter_number_is_refused_in_words_and_the_form_kept(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    _forget_counter(store)
    window = open_window(qtbot, store, clock, data_dir)
    qtbot.waitUntil(window.isActiveWindow)
    form = window.intake
    assert "Máy này chưa có số quầy" in form.banner.text()  # said before anything is typed
    pick_procedure(window, "1.004873")
    press(Qt.Key.Key_N, modifiers=Qt.KeyboardModifier.AltModifier)
    scan(PAYLOAD)
    type_text("0912 345 678")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    words = take_message(qtbot)
    assert "chưa có số quầy" in words and "«Quản trị»" in words
    assert form.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"  # nothing lost
    assert form.applicant.line("phone").text() == "0912 345 678"
    with store.read() as s:
        assert s.scalars(select(Dossier)).first() is None


def test_the_first_run_dialog_grows_to_show_every_message_whole(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    """Two long messages at once (a pasted control character, a wrong counter number): the
    dialog grows so that no line of them, nor of the note under the counter, is cut."""
    _launcher, dialog = _first_start(qtbot, store, clock, data_dir)
    dialog.full_name.setText("Nguy\x01n\x00X")  # what a paste from a web page left in it
    QTest.keyClicks(dialog.password, "mat-khau-moi-1")
    QTest.keyClicks(dialog.password2, "mat-khau-moi-1")
    QTest.keyClicks(dialog.counter, "0")
    press(Qt.Key.Key_Return, dialog.counter)
    shown = [m for m in dialog.msgs.values() if m.isVisible()]
    assert len(shown) == 2

    def whole() -> bool:
        labels = [*shown, *(w for w in dialog.findChildren(QLabel) if w.wordWrap()
                            and w.isVisible())]
        return all(w.height() >= w.heightForWidth(w.width()) for w in labels)
    qtbot.waitUntil(whole, timeout=2000)
    assert dialog.geometry().bottom() <= dialog.screen().availableGeometry().bottom()
