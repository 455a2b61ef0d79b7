"""The admin's calendar page driven with the keyboard (issue 12): a day off added by typing,
listed with its source; bad office hours shown at the field with what was typed kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.calendar_page import CalendarDialog
from desk_app.store.engine import Store
from tests.gui.conftest import focused, open_window, press, type_text, wait_writes


def _calendar(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> CalendarDialog:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    admin = window.open_admin()
    assert admin is not None
    qtbot.addWidget(admin)  # closed after the test: a dialog left open takes the next keys
    qtbot.waitUntil(admin.isVisible)
    dialog = admin.open_calendar()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and focused() is dialog.day)
    return dialog


def _rows(dialog: CalendarDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_admin_adds_a_day_off_with_the_keyboard(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    dialog = _calendar(qtbot, store, clock, data_dir)
    # the year's public holidays are listed, read-only, from the package
    assert ["24/11/2026", "Thứ Ba", "Ngày nghỉ"] == _rows(dialog)[-1][:3]
    type_text("02/12/2026")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)  # the kind stays "Ngày nghỉ"; on to the note
    type_text("Bầu cử bổ sung")
    press(Qt.Key.Key_Return)
    wait_writes(qtbot)
    assert ["02/12/2026", "Thứ Tư", "Ngày nghỉ", "Bầu cử bổ sung", "Xã"] in _rows(dialog)
    assert dialog.day.text() == "" and focused() is dialog.day
    # the same day again is refused at the field, in words, and the typing stays
    type_text("05/12/2026")
    press(Qt.Key.Key_Return)
    wait_writes(qtbot)
    assert dialog.day_msg.text() == "Ngày 05/12/2026 đã là ngày nghỉ."
    assert dialog.day.text() == "05/12/2026"


def test_bad_office_hours_are_shown_at_the_field_and_kept(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    dialog = _calendar(qtbot, store, clock, data_dir)
    end = dialog.hour_edits["hours.0.end"]
    assert end.text() == "11:30"  # the demo commune's hours
    end.setFocus()
    end.selectAll()
    type_text("25:00")
    press(Qt.Key.Key_Return)
    wait_writes(qtbot)
    assert dialog.hour_msgs["hours.0.end"].text() == "Giờ «25:00» không hợp lệ: nhập dạng 07:30."
    assert end.text() == "25:00" and focused() is end
    end.selectAll()
    type_text("11:00")
    press(Qt.Key.Key_Return)
    wait_writes(qtbot)
    assert dialog.hours_saved.text() == "Đã lưu."
    assert dialog.hour_msgs["hours.0.end"].text() == ""
