"""Answering the program's blocking yes/no questions in tests (``messages.confirm``).

A module of its own, imported by absolute name, so there is one registry of pending answers:
pytest loads ``conftest.py`` as a module of its own besides ``tests.gui.conftest``, which the
test files import, and a list kept in the conftest would exist twice.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

_PENDING: list[list[int]] = []


def stop_all() -> None:
    for tries in _PENDING:
        tries[0] = 0
    _PENDING.clear()


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
            and w.button(QMessageBox.StandardButton.Yes) is not None]


def answer_question(yes: bool) -> list[str]:
    """Answer the next blocking yes/no question when it shows; the returned list receives its
    text (empty if no question was asked within about 5 s or before the test ended)."""
    asked: list[str] = []
    tries = [250]
    _PENDING.append(tries)

    def click() -> None:
        if tries[0] <= 0:
            return
        boxes = _boxes()
        if not boxes:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, click)
            return
        tries[0] = 0
        asked.append(boxes[0].text())
        button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        boxes[0].button(button).click()

    QTimer.singleShot(0, click)
    return asked
