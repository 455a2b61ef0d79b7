"""The leader's report window shows the queue's waiting times (issue 17)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.reports.report_dialog import ReportDialog
from desk_app.gui.reports.waits_table import duration
from desk_app.store.engine import Store
from tests.gui.conftest import open_window
from tests.tickets.test_queue_report import _served


def test_duration_words() -> None:
    assert duration(45) == "45 giây"
    assert duration(396) == "6 phút 36 giây"
    assert duration(3780) == "1 giờ 3 phút"


def test_the_report_window_shows_the_waits(qtbot: QtBot, store: Store, clock: FixedClock,
                                           data_dir: Path) -> None:
    at8 = datetime(2026, 11, 23, 8, 10)
    for n, (code, wait) in enumerate([("ho-tich", 60), ("ho-tich", 120), ("dat-dai", 30)],
                                     start=1):
        _served(store, clock, f"00000000-0000-0000-0000-{n:012d}", n, code, at8, wait)
    window = open_window(qtbot, store, clock, data_dir, "lan")
    dialog = ReportDialog(store, clock, window, clerk_id=window.clerk.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None)
    table = dialog.waits
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        ["Theo lĩnh vực", "", "", ""],
        ["Đất đai", "1", "30 giây", "30 giây"],
        ["Hộ tịch", "2", "1 phút 30 giây", "2 phút 0 giây"],  # 60, 120: mean 90, p90 rank 2
        ["Theo giờ lấy số", "", "", ""],
        ["08:00-09:00", "3", "1 phút 10 giây", "2 phút 0 giây"],  # 210 / 3; rank 3 of 3
        ["Tổng cộng", "3", "1 phút 10 giây", "2 phút 0 giây"],
    ]
