"""Where the citizen's window goes: full screen on a second monitor, else a movable window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def citizen_screen(clerk_window: QWidget | None) -> QScreen | None:
    """A screen other than the clerk's (the citizen's monitor), or None when there is one."""
    screens = QGuiApplication.screens()
    clerk_screen = clerk_window.screen() if clerk_window is not None else None
    clerk_screen = clerk_screen or QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not clerk_screen]
    return others[0] if others else None


def place(window: QWidget, clerk_window: QWidget | None) -> bool:
    """Show ``window`` for the citizen; True when it went full screen on a second monitor.

    With a single monitor it is an ordinary window (about 3/4 of the screen) that the clerk
    turns towards the citizen, or drags to a tablet-like display; it never covers the clerk's
    work in full screen.
    """
    target = citizen_screen(clerk_window)
    if target is not None:
        window.setScreen(target)
        window.setGeometry(target.geometry())
        # showFullScreen() would also activate the window: the citizen's screen never takes
        # the clerk's keyboard (and Qt warns when asked to activate it)
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        window.show()
        return True
    screen = (clerk_window.screen() if clerk_window is not None else None) \
        or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(max(800, area.width() * 3 // 4), max(560, area.height() * 3 // 4))
    window.showNormal()
    window.raise_()  # in front of the clerk's window (raising never takes the keyboard)
    return False
