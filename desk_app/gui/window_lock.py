"""The desk lock's two watchers over the whole application, used by the main window.

:class:`LockKey` lets Ctrl+L lock the desk from any of the main window's own dialogs;
:class:`LockSeal` hides, while the desk is locked, every window of the program that could show
dossier data, and puts them back where they were on unlock. The window's ``lock()`` and
``unlock()`` (in :mod:`desk_app.gui.main_window`) drive them.
"""

from __future__ import annotations

import logging
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

log = logging.getLogger(__name__)


class LockableWindow(Protocol):
    """What the watchers need of the main window."""

    @property
    def locked(self) -> bool: ...

    @property
    def lock_screen(self) -> QWidget: ...

    def lock(self) -> None: ...


def app() -> QCoreApplication:
    """The running application (the window exists, so there is one)."""
    instance = QCoreApplication.instance()
    assert instance is not None, "no QApplication"
    return instance


class LockKey(QObject):
    """Ctrl+L locks the desk from any of the window's own dialogs too (the return of a result,
    a refusal, the admin's dialog, a print preview): the window's shortcut only sees keys
    typed in the window itself, and a window-modal dialog blocks it."""

    LOCK = QKeySequence("Ctrl+L")

    def __init__(self, window: QMainWindow, lockable: LockableWindow) -> None:
        super().__init__(window)
        self.main = window
        self.lockable = lockable
        app().installEventFilter(self)

    def _ours(self, widget: QWidget) -> bool:
        top: QWidget | None = widget.window()
        if top is self.main:
            return False  # the window's own QShortcut handles it
        while top is not None:
            if top is self.main:
                return True
            top = top.parentWidget()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if QKeySequence(event.keyCombination()) != self.LOCK or self.lockable.locked \
                or not self._ours(obj):
            return False
        self.lockable.lock()
        return True


class LockSeal(QObject):
    """While the desk is locked, hides every window of the program that could show dossier
    data: the main window's dialogs and any other top-level window that appears (a print
    preview finishing, a message), except the lock screen's own popups, tool tips and the
    citizen's screen (which shows its idle page while locked)."""

    def __init__(self, window: QMainWindow, lockable: LockableWindow) -> None:
        super().__init__(window)
        self.main = window
        self.lockable = lockable
        self.hidden: list[QWidget] = []
        self.places: dict[int, QRect] = {}

    def must_hide(self, widget: QWidget) -> bool:
        if widget is self.main or not widget.isWindow():
            return False
        if widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen):
            return False
        if widget.property("citizenScreen"):
            return False
        parent = widget.parentWidget()
        while parent is not None:  # a popup of the lock screen (its line edit's menu)
            if parent is self.lockable.lock_screen:
                return False
            parent = parent.parentWidget()
        return True

    def hide(self, widget: QWidget) -> None:
        if widget not in self.hidden:
            self.hidden.append(widget)
            self.places[id(widget)] = widget.geometry()
            if isinstance(widget, QDialog):  # one that finishes while hidden (a save that
                widget.finished.connect(lambda _r, w=widget: self._forget(w))  # landed)
        widget.hide()                        # stays closed at unlock

    def _forget(self, widget: QWidget) -> None:
        if widget in self.hidden:
            self.hidden.remove(widget)
            self.places.pop(id(widget), None)

    def _hide_if_alive(self, widget: QWidget) -> None:
        if shiboken6.isValid(widget):
            self.hide(widget)

    def release(self) -> list[QWidget]:
        out = [w for w in self.hidden if shiboken6.isValid(w)]
        self.hidden = []
        return out

    def place_again(self, widget: QWidget) -> None:
        """Back where it was (a window manager may place a re-shown window elsewhere)."""
        place = self.places.pop(id(widget), None)
        if place is not None and place.isValid():
            widget.setGeometry(place)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) \
                and self.lockable.locked and self.must_hide(obj):
            log.warning("window %r opened while locked: hidden until unlock",
                        obj.objectName() or type(obj).__name__)
            # hide once the show has finished (hiding inside its own show event is undone)
            QTimer.singleShot(0, lambda w=obj: self._hide_if_alive(w))
            self.hide(obj)
        return False
