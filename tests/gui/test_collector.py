"""Cycles are freed on the GUI thread only: a window freed by a worker's collection crashed
the suite ("Timers cannot be stopped from another thread", then a segmentation fault)."""

from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot


class _Sentinel:
    """Records the thread that frees it (a cycle is freed by whoever collects it)."""

    def __init__(self, freed_on: list[int]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def test_a_qt_object_in_a_cycle_is_freed_on_the_gui_thread_not_by_a_worker(
        qapp: Any, qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the program's collector replaced Python's automatic one
    freed_on: list[int] = []
    holder = QObject()
    holder.setObjectName("garbage window")
    holder.cycle = (holder, _Sentinel(freed_on))  # type: ignore[attr-defined]
    del holder

    def allocate() -> None:  # well past Python's threshold: it would collect right here
        junk = [[n] for n in range(20 * gc.get_threshold()[0])]
        del junk

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert freed_on == []  # the worker did not collect
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)  # the GUI thread's timer did
    assert freed_on == [threading.get_ident()]
