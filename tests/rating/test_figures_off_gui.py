"""The leader's rating figures are read on the read lane: a busy store never freezes the dialog.

As in tests/gui/test_reads_off_gui.py, the wait has a real cause: another connection holds the
data file in SQLite's EXCLUSIVE locking mode, so every read waits until it lets go.
"""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.rating.figures_dialog import FiguresDialog
from desk_app.store.engine import Store
from tests.gui.test_reads_off_gui import QUICK_S, beats_while, file_held

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_figures_are_read_off_the_gui_thread_and_only_the_newest_is_shown(
        qtbot: QtBot, store: Store, clock: FixedClock) -> None:
    with file_held(store) as released:
        t0 = time.perf_counter()
        dialog = FiguresDialog(store, clock, clerk_id=2)  # asks for the figures per clerk
        qtbot.addWidget(dialog)
        assert time.perf_counter() - t0 < QUICK_S  # the dialog did not wait for the file
        firsts: list[str] = []  # the first column's title each time the headers are set

        def seen(*_args: object) -> None:
            item = dialog.table.horizontalHeaderItem(0)
            if item is not None and item.text():
                firsts.append(item.text())

        dialog.table.model().headerDataChanged.connect(seen)
        dialog.show()
        dialog.group.setCurrentIndex(1)  # per procedure, before the first answer came
        assert beats_while(qtbot, 600) >= 20  # the GUI thread was free meanwhile
        assert not released.is_set() and dialog.loading
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert firsts and set(firsts) == {"Thủ tục"}  # the per-clerk answer was dropped
    last = dialog.table.rowCount() - 1
    assert [dialog.table.item(last, c).text() for c in (0, 1)] == ["Tổng cộng", "0"]
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
