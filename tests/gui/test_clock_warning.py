"""Issue 10 at the counter: the intake form warns before receiving when the PC's clock
disagrees with the province's or was set back; the receipt is still made, never stamped before
the last one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from desk_app.clock import FixedClock
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from desk_app.store.models_sync import SyncStatus
from desk_app.sync import state
from tests.gui.answers import answer_question
from tests.gui.conftest import open_window, press, wait_writes
from tests.gui.test_control_chars_gui import CTRL, _fill, _received
from tests.helpers import shot


def test_the_intake_form_warns_before_receiving_when_the_clock_is_off(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, tmp_path: Path
) -> None:
    with store.write() as s:  # the last sync measured the province 15 minutes ahead
        state.status_row(s)
        s.execute(update(SyncStatus).values(clock_offset_s=15 * 60))
    window = open_window(qtbot, store, clock, data_dir)
    banner = window.intake.clock_banner
    assert banner.isVisible()
    assert "chậm 15 phút so với tỉnh" in banner.text() and "Vẫn tiếp nhận được" in banner.text()
    _fill(window)
    press(Qt.Key.Key_Return, modifiers=CTRL)  # a warning, not a stop
    assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text()
    assert _received(store) == [clock.now()]
    shot(window, "intake-clock-warning.png", tmp_path)
    with store.write() as s:  # synced again: the clocks agree within a few minutes
        s.execute(update(SyncStatus).values(clock_offset_s=-4 * 60))
    window.intake.clock_banner.refresh()
    assert not banner.isVisible()
    # the clock is set back an hour: the desk knows without the province
    first = clock.now()
    clock.set(first - timedelta(hours=1))
    window.intake._tick.timeout.emit()  # the form's 30-second tick
    assert banner.isVisible() and "chỉnh lùi" in banner.text()
    assert "(09:00 ngày 23/11/2026)" in banner.text()  # the last receipt, not the clock
    _fill(window)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text()
    assert _received(store) == [first, first]  # never before the last receipt
    with store.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 2


def test_the_admin_says_the_clock_is_right_after_it_ran_a_month_ahead(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, tmp_path: Path
) -> None:
    real = clock.now()
    clock.set(real + timedelta(days=30))  # the PC's clock ran a month ahead for one receipt
    window = open_window(qtbot, store, clock, data_dir, username="binh")
    _fill(window)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert _received(store) == [real + timedelta(days=30)]
    clock.set(real)  # corrected
    window.intake._tick.timeout.emit()
    banner = window.intake.clock_banner
    assert banner.isVisible() and "chỉnh lùi" in banner.text()
    assert 'href="accept"' not in banner.text()  # a clerk is told to ask the admin
    window.close()
    window = open_window(qtbot, store, clock, data_dir, username="admin")
    banner = window.intake.clock_banner
    assert banner.isVisible() and 'href="accept"' in banner.text()
    shot(window, "intake-clock-accept.png", tmp_path)
    asked = answer_question(False)  # "no": nothing changes
    banner.linkActivated.emit("accept")
    wait_writes()
    assert asked and "là đúng" in asked[0] and banner.isVisible()
    asked = answer_question(True)
    banner.linkActivated.emit("accept")
    wait_writes()
    assert asked and not banner.isVisible()
    window.activateWindow()  # the question gave the keyboard back to the window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    _fill(window)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text()
    assert _received(store) == [real + timedelta(days=30), real]  # the real time again
