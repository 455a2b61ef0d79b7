"""The GUI's reads run on a worker: while the store makes them wait, the window keeps beating.

The wait has a real cause: another connection holds the data file with SQLite's EXCLUSIVE
locking mode (as a long write from another program would), so every read waits on the busy
timeout until it lets go. Each test asks for a read, checks that the call came back at once
and that a 10 ms timer on the GUI thread keeps firing while the read waits, and then that the
result landed (and that a result overtaken by a newer question was not applied).
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui import background
from desk_app.gui.main_window import MainWindow
from desk_app.gui.register import RegisterView
from desk_app.gui.sync_indicator import SyncIndicator
from desk_app.services import intake
from desk_app.store.engine import Store
from tests.gui.conftest import press, type_text
from tests.helpers import complete_request
from tests.register_data import fill_small, make

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

HOLD_S = 1.5
QUICK_S = 0.25  # a call that returns within this did not wait for the lock


@contextmanager
def file_held(store: Store, seconds: float = HOLD_S) -> Iterator[threading.Event]:
    """Another connection holds the whole file for ``seconds`` (readers wait meanwhile)."""
    taken, released = threading.Event(), threading.Event()
    # SQLite's exclusive mode needs every other connection closed: a read still running (the
    # counts after the first paint) ends first, the pool's idle connections go, and so do those
    # only garbage holds (the program collects cycles once a second)
    assert background.wait_all(10_000)
    gc.collect()
    store.engine.dispose()

    def hold() -> None:
        con = sqlite3.connect(store.path, isolation_level=None, timeout=10)
        try:
            con.execute("PRAGMA locking_mode=EXCLUSIVE")
            con.execute("BEGIN EXCLUSIVE")
            con.execute("INSERT INTO settings (key, value) VALUES ('test.lock', '1')")
            taken.set()
            time.sleep(seconds)
            con.execute("ROLLBACK")
            con.execute("PRAGMA locking_mode=NORMAL")
            con.execute("SELECT count(*) FROM settings").fetchall()  # lets the lock go
        finally:
            con.close()
            released.set()

    thread = threading.Thread(target=hold, name="file-holder")
    thread.start()
    assert taken.wait(5)
    try:
        yield released
    finally:
        thread.join()


def beats_while(qtbot: QtBot, ms: int) -> int:
    """How often a 10 ms timer on the GUI thread fired during ``ms``."""
    count = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start()
    qtbot.wait(ms)
    timer.stop()
    return count[0]


def test_a_register_refresh_waits_on_a_worker_and_keeps_rows_and_selection(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    made = fill_small(store)
    view = RegisterView(store, clock)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and bool(view.model.counts))
    target = made["Trần Văn An"].id
    assert view.select_dossier(target)
    make(store, datetime(2026, 11, 23, 8, 30), "Mai Văn Mới", Status.RECEIVED)
    with file_held(store) as released:
        t0 = time.perf_counter()
        view.refresh()
        assert time.perf_counter() - t0 < QUICK_S  # the call did not wait for the file
        assert beats_while(qtbot, 600) >= 20  # the GUI thread was free meanwhile
        assert not released.is_set() and view.model.loading
        # meanwhile the table shows what it had: no empty flash, the selection kept
        assert view.model.rowCount() == 8 and view.current_dossier_id() == target
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    assert view.model.rowCount() == 9 and view.model.counts["total"] == 9
    assert view.current_dossier_id() == target


def test_a_filter_overtaken_by_another_is_never_applied(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    fill_small(store)
    view = RegisterView(store, clock)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.model.loading)
    resets, applied = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.reloaded.connect(lambda: applied.append(view.model.rowCount()))
    f = view.filters
    with file_held(store, 0.8):
        f.status.setCurrentIndex(f.status.findData("received"))  # 2 dossiers...
        f.status.setCurrentIndex(0)  # ...no: all of them, asked before the first came back
    qtbot.waitUntil(lambda: not view.model.loading, timeout=10_000)
    assert applied == [8]  # only the newest question's rows were applied
    assert resets == []  # the same 8 rows as before: no reset at all


def receive(store: Store, clock: FixedClock, **applicant: object) -> int:
    with store.write() as s:
        return intake.receive(s, clock, 3, complete_request(s, "1.004873", **applicant)).dossier_id


def test_a_search_waits_on_a_worker_and_only_the_newest_is_shown(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    duc = receive(store, clock)  # Đặng Văn Đức
    receive(store, clock, full_name="Nguyễn Thị Hằng", id_number="001190054321", gender="Nữ")
    opened: list[int] = []
    real_open = window.open_dossier
    window.open_dossier = lambda i: opened.append(i) or real_open(i)  # type: ignore[method-assign]
    window.search.setFocus()
    with file_held(store):
        type_text("nguyen thi hang")
        t0 = time.perf_counter()
        press(Qt.Key.Key_Return)
        assert time.perf_counter() - t0 < QUICK_S
        assert window.searching and beats_while(qtbot, 300) >= 10
        window.search.selectAll()
        type_text("dang van duc")  # the clerk changed their mind before the answer
        press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.searching, timeout=10_000)
    assert window.last_search_ids == [duc] and opened == [duc]  # Hằng's answer was dropped
    assert window.dossier.view is not None and window.dossier.view.id == duc


def test_the_sync_indicator_reads_its_state_on_a_worker(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    with file_held(store):
        t0 = time.perf_counter()
        indicator = SyncIndicator(store, clock)
        qtbot.addWidget(indicator)
        assert time.perf_counter() - t0 < QUICK_S
        assert beats_while(qtbot, 300) >= 10 and indicator.snapshot is None
    qtbot.waitUntil(lambda: indicator.snapshot is not None, timeout=10_000)
    assert "chưa đăng ký" in indicator.text.text()
