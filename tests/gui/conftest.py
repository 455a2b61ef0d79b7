"""Fixtures for driving the real counter window offscreen, and keyboard/scanner helpers.

Typing goes through real key events: ASCII with QTest, everything else (Vietnamese letters,
the scanner's payload) as ``QKeyEvent(KeyPress, Key_unknown, NoModifier, ch)`` per character,
because QTest's key clicks abort on non-ASCII text.

Writes run on the database worker (:mod:`desk_app.gui.ops`): a save started by a click or a
method call lands later, on the GUI thread. :func:`wait_writes` is the one way tests wait for
it (events are processed meanwhile; never a sleep); :func:`press` and :func:`scan` wait for the
writes their key started, as a clerk waits for the banner before the next key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDeadlineTimer, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui import hooks, ops
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import ClerkInfo
from desk_app.store.engine import Store
from desk_app.store.models import Clerk
from tests.gui import answers

# The offscreen platform says so when a window is shown; harmless.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if str(item.fspath).startswith(str(Path(__file__).parent)):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def clean_hooks() -> Iterator[None]:
    saved = {name: list(getattr(hooks, name)) for name in (
        "after_intake", "after_return", "dossier_menu_actions", "status_bar_widgets")}
    yield
    for name, value in saved.items():
        getattr(hooks, name)[:] = value


def wait_writes(qtbot: QtBot | None = None, timeout_ms: int = 20_000) -> None:
    """Wait until every write submitted through :mod:`desk_app.gui.ops` has landed: its
    callbacks ran and ``changesApplied`` fired. Events are processed while waiting."""
    if qtbot is not None:
        qtbot.waitUntil(lambda: ops.in_flight() == 0, timeout=timeout_ms)
        return
    deadline = QDeadlineTimer(timeout_ms)
    while ops.in_flight() and not deadline.hasExpired():
        QTest.qWait(5)
    assert ops.in_flight() == 0, f"writes still running after {timeout_ms} ms"


@pytest.fixture(autouse=True)
def writes_land() -> Iterator[None]:
    """No write of one test may land in the next (or on a store already closed)."""
    yield
    wait_writes()


def clerk_info(store: Store, username: str) -> ClerkInfo:
    with store.read() as session:
        clerk = session.query(Clerk).filter_by(username=username).one()
        return ClerkInfo.of(clerk)


def open_window(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
                username: str = "binh") -> MainWindow:
    window = MainWindow(store, clock, clerk_info(store, username), data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


@pytest.fixture
def window(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> MainWindow:
    return open_window(qtbot, store, clock, data_dir)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type ``text`` into the focused widget (or ``widget``), any alphabet."""
    for ch in text:
        target = widget or focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
    QApplication.processEvents()


def press(key: Qt.Key, widget: QWidget | None = None,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press + release as a keyboard sends it (shortcuts included)."""
    QTest.keyClick(widget or focused(), key, modifiers)
    QApplication.processEvents()  # as between two real key strokes
    wait_writes()


def scan(text: str) -> None:
    """What a USB scanner does: type ``text`` into whatever has focus, then Enter."""
    type_text(text)
    target = focused()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )
    QApplication.processEvents()
    wait_writes()


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def take_message(qtbot: QtBot) -> str:
    """The text of the message box now showing; closes it."""
    qtbot.waitUntil(lambda: bool(message_boxes()))
    box = message_boxes()[0]
    text = box.text()
    owner = box.parentWidget().window() if box.parentWidget() else None
    box.close()
    if owner is not None:  # a window manager gives the focus back; offscreen needs asking
        owner.activateWindow()
        qtbot.waitUntil(owner.isActiveWindow)
    return text


@pytest.fixture(autouse=True)
def stop_answering() -> Iterator[None]:
    """An answer a test prepared but did not use must not answer the next test's question."""
    yield
    answers.stop_all()


answer_question = answers.answer_question
