"""The proof that the GUI thread never waits for SQLite's write lock.

Another process holds the store's write lock (``BEGIN IMMEDIATE``) for 5 s while the real main
window receives a dossier. During those 5 s the GUI thread keeps running (a timer on it ticks
with no gap over 200 ms, the window repaints, typing into a field works), a second Ctrl+Enter
and a click on the button receive nothing more; once the lock is released the dossier is stored
exactly once and the slip flow (``hooks.after_intake``) runs as before.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.gui import hooks, ops
from desk_app.gui.intake.saving import SAVING
from desk_app.paths import database_path
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import open_window, type_text, wait_writes

HOLD_S = 5.0
CTRL = Qt.KeyboardModifier.ControlModifier


class _Paints(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _dossiers(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count(Dossier.id))) or 0)


def test_a_save_waiting_for_the_write_lock_never_blocks_the_window(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    slips: list[int] = []
    hooks.after_intake.append(slips.append)
    window = open_window(qtbot, store, clock, data_dir)
    form = window.intake
    form.picker.edit.setFocus()
    type_text("xac nhan tinh trang hon")
    QTest.keyClick(form.picker.edit, Qt.Key.Key_Return)
    form.checklist.receive_all()
    form.applicant.widgets["full_name"].setFocus()
    type_text("Trần Thị Hồng Nhung")
    form.applicant.widgets["id_number"].setFocus()
    type_text("001192004567")
    form.applicant.widgets["birth_date"].setFocus()
    type_text("05061992")
    form.applicant.line("phone").setFocus()
    type_text("0912345678")

    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("lock_holder.py")),
         str(database_path(data_dir)), str(HOLD_S)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        held_since = time.monotonic()
        # the GUI thread's pulse: a 20 ms timer; the longest gap between two ticks is measured
        gaps: list[int] = []
        pulse, elapsed = QTimer(interval=20), QElapsedTimer()
        elapsed.start()

        def tick() -> None:
            gaps.append(elapsed.restart())

        pulse.timeout.connect(tick)
        pulse.start()
        paints = _Paints()
        window.search.installEventFilter(paints)

        QTest.keyClick(form.applicant.line("phone"), Qt.Key.Key_Return, CTRL)  # receive
        handle = form.saving
        assert handle is not None and handle.running
        QTest.keyClick(form, Qt.Key.Key_Return, CTRL)  # a second Ctrl+Enter: ignored
        form.receive_button.click()  # disabled: nothing
        form.receive()  # even called directly: refused while the first save runs
        assert not form.receive_button.isEnabled() and not form.body.isEnabled()
        # the field that had the keyboard is disabled: the keyboard stays in the window, so
        # its keys still work (Ctrl+F reaches the search box; seen lost on a real display)
        focus = QApplication.focusWidget()
        assert focus is not None and window.isAncestorOf(focus), focus
        QTest.keyClick(focus, Qt.Key.Key_F, CTRL)
        assert QApplication.focusWidget() is window.search

        typed_at: list[float] = []
        while time.monotonic() - held_since < HOLD_S - 0.8:
            window.search.setFocus()
            type_text("a", window.search)  # the clerk types meanwhile: the field takes it
            typed_at.append(time.monotonic() - held_since)
            window.search.update()
            QTest.qWait(100)
        assert handle.running, "the save finished while the lock was still held"
        assert ops.in_flight() == 1
        assert window.search.text() == "a" * len(typed_at) and len(typed_at) >= 20
        assert paints.count >= 20, "the window did not repaint while the lock was held"
        assert form.banner.text() == SAVING  # progress: said in the banner, no modal
        assert max(gaps) < 200, f"the GUI thread stalled {max(gaps)} ms"
        assert _dossiers(store) == 0

        qtbot.waitUntil(lambda: not handle.running, timeout=15_000)
        assert holder.wait(10) == 0
        pulse.stop()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    wait_writes(qtbot)
    assert max(gaps) < 200, f"the GUI thread stalled {max(gaps)} ms"
    assert _dossiers(store) == 1  # exactly once
    with store.read() as s:
        dossier = s.scalars(select(Dossier)).one()
    assert dossier.applicant_name == "Trần Thị Hồng Nhung"
    assert "Đã tiếp nhận hồ sơ" in form.banner.text() and dossier.code in form.banner.text()
    assert slips == [dossier.id]  # the slip flow goes on as before
    # the next form: empty, enabled, and it takes typing
    assert form.receive_button.isEnabled() and form.body.isEnabled() and form.is_empty()
    form.applicant.widgets["full_name"].setFocus()
    type_text("Lê Văn Tám")
    assert form.applicant.line("full_name").text() == "Lê Văn Tám"


def test_a_disabled_field_s_hint_is_lighter_than_its_text(qapp: QApplication) -> None:
    """While a save runs the form is disabled: its hints must not read as typed data."""
    from PySide6.QtGui import QPalette

    from desk_app.gui.fields import quiet_disabled_placeholders

    saved = qapp.palette()
    try:
        quiet_disabled_placeholders(qapp)
        palette, disabled = qapp.palette(), QPalette.ColorGroup.Disabled
        hint = palette.color(disabled, QPalette.ColorRole.PlaceholderText)
        text = palette.color(disabled, QPalette.ColorRole.Text)
        base = palette.color(disabled, QPalette.ColorRole.Base)
        # the hint as drawn (its alpha over the field's background) is lighter than the text
        drawn = hint.alphaF() * hint.lightnessF() + (1 - hint.alphaF()) * base.lightnessF()
        assert drawn > text.lightnessF()
    finally:
        qapp.setPalette(saved)


def test_a_save_that_lands_on_a_locked_desk_leaves_the_keyboard_on_the_lock_screen(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    """The clerk locks the desk while a save waits for the write lock: when it lands, what is
    typed (the password) stays on the lock screen and never reaches the hidden form."""
    window = open_window(qtbot, store, clock, data_dir)
    form = window.intake
    form.picker.edit.setFocus()
    type_text("xac nhan tinh trang hon")
    QTest.keyClick(form.picker.edit, Qt.Key.Key_Return)
    form.checklist.receive_all()
    form.applicant.widgets["full_name"].setFocus()
    type_text("Trần Thị Hồng Nhung")
    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("lock_holder.py")),
         str(database_path(data_dir)), "1.5"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        QTest.keyClick(form.applicant.line("full_name"), Qt.Key.Key_Return, CTRL)
        assert form.saving is not None and form.saving.running
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, CTRL)
        assert window.locked
        qtbot.waitUntil(lambda: form.saving is None, timeout=15_000)
        assert holder.wait(10) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    wait_writes(qtbot)
    assert _dossiers(store) == 1
    assert window.locked
    assert QApplication.focusWidget() is window.lock_screen.password
    type_text("mat-khau", window.lock_screen.password)
    assert window.lock_screen.password.text() == "mat-khau"
    assert form.picker.edit.text() != "mat-khau" and "mat" not in form.applicant.line(
        "full_name").text()
