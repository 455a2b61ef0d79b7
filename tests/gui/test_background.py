"""The worker-thread helper: results and errors come back on the GUI thread, bugs are not lost."""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desk_app.errors import KnownError
from desk_app.gui import background


def test_the_result_lands_on_the_gui_thread(qtbot: QtBot) -> None:
    lane = background.Lane("test")
    ran_on: list[threading.Thread] = []
    landed: list[tuple[object, threading.Thread]] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    lane.run(work, lambda r: landed.append((r, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(landed))
    assert ran_on[0] is not threading.main_thread()
    assert landed == [(42, threading.main_thread())]


def test_one_thread_lane_runs_in_order_and_a_cancelled_task_is_dropped(qtbot: QtBot) -> None:
    lane = background.Lane("ordered")
    order: list[str] = []
    landed: list[str] = []

    def step(name: str, pause: float) -> str:
        time.sleep(pause)
        order.append(name)
        return name

    lane.run(lambda: step("a", 0.2), landed.append)
    stale = lane.run(lambda: step("b", 0.0), landed.append)
    lane.run(lambda: step("c", 0.0), landed.append)
    stale.cancel()  # queued behind "a": never runs
    assert lane.wait(5000)
    qtbot.waitUntil(lambda: landed == ["a", "c"])
    assert order == ["a", "c"]


def test_known_errors_go_to_failed_or_a_message(qtbot: QtBot) -> None:
    lane = background.Lane("errors")
    failed: list[KnownError] = []

    def fault() -> None:
        raise KnownError("printer_stopped", "paused", printer="Quầy 1")

    lane.run(fault, lambda _r: None, failed=failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    assert failed[0].code == "printer_stopped"

    def busy() -> None:
        raise KnownError("db_locked", "database is locked")

    parent = QWidget()
    qtbot.addWidget(parent)
    lane.run(busy, lambda _r: None, context=parent)  # no ``failed``: a message over parent
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox)))
    box = parent.findChildren(QMessageBox)[0]
    assert box.text().startswith("Cơ sở dữ liệu đang bận")
    box.close()


def test_a_bug_reaches_the_crash_hook_and_a_deleted_context_drops_the_result(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    bugs: list[BaseException] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        bugs.append(exc)

    monkeypatch.setattr(sys, "excepthook", hook)
    lane = background.Lane("bugs")
    landed: list[object] = []
    lane.run(lambda: 1 / 0, landed.append)
    qtbot.waitUntil(lambda: bool(bugs))
    assert isinstance(bugs[0], ZeroDivisionError) and not landed

    gone = QWidget()
    lane.run(lambda: time.sleep(0.2) or "late", landed.append, context=gone)
    gone.deleteLater()
    qtbot.wait(50)
    assert lane.wait(5000)
    qtbot.wait(50)
    assert landed == []
