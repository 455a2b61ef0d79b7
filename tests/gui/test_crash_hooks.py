"""An exception nobody caught in a worker thread reaches the log file and the crash dialog."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app.gui import crash
from desk_app.log import setup_logging
from tests.gui.conftest import message_boxes


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    """The program's hooks and log file, as desk_app.app installs them; undone afterwards."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    saved = sys.excepthook, threading.excepthook
    path = setup_logging(tmp_path / "logs")
    crash.install(str(path))
    yield path
    sys.excepthook, threading.excepthook = saved
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()


def test_a_thread_that_dies_is_logged_and_shown(qtbot: QtBot, installed: Path) -> None:
    def sync_cycle() -> None:
        raise ZeroDivisionError("a bug in a worker")

    worker = threading.Thread(target=sync_cycle, name="sync-worker")
    worker.start()
    worker.join(5)
    text = installed.read_text(encoding="utf-8")  # logged at once, by the dying thread
    assert "unhandled error in thread sync-worker" in text
    assert "ZeroDivisionError: a bug in a worker" in text
    qtbot.waitUntil(lambda: bool(message_boxes()))  # then the crash dialog, on the GUI thread
    box = message_boxes()[0]
    assert box.windowTitle() == "Lỗi chương trình" and str(installed) in box.text()
    assert "ZeroDivisionError" in box.detailedText()
    box.close()


def test_a_known_error_in_a_thread_is_told_in_words(qtbot: QtBot, installed: Path) -> None:
    from desk_app.errors import KnownError

    def check() -> None:
        raise KnownError("disk_full", "database or disk is full")

    worker = threading.Thread(target=check, name="store-check")
    worker.start()
    worker.join(5)
    assert "unhandled error in thread store-check" in installed.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: bool(message_boxes()))
    box = message_boxes()[0]
    assert box.windowTitle() == "Không thực hiện được"
    box.close()
