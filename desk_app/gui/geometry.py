"""The main window's size and place, remembered per data folder, and always on a screen.

First start (or a remembered place that no longer fits, e.g. a smaller monitor now): the window
takes the screen's available area up to :data:`PREFERRED`, centred, so a 1366x768 or 1280x720
commune screen shows every button and the status bar without maximising. Later starts restore
where the clerk left it, if that still lies on a screen.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
PREFERRED = QSize(1280, 820)
FRAME_ALLOWANCE = QSize(16, 40)
KEY = "main_window/geometry"


def settings_path(data_dir: Path) -> Path:
    return data_dir / "gui.ini"


def _screen_for(rect: QRect) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if screen.availableGeometry().contains(rect):
            return screen
    return None


def fit_rect(area: QRect, preferred: QSize = PREFERRED) -> QRect:
    """The frame rectangle for a first start on a screen whose available area is ``area``."""
    width = min(preferred.width(), area.width())
    height = min(preferred.height(), area.height())
    x = area.x() + (area.width() - width) // 2
    y = area.y() + (area.height() - height) // 2
    return QRect(x, y, width, height)


class WindowGeometry:
    def __init__(self, data_dir: Path) -> None:
        self.settings = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)

    def restore(self, window: QWidget) -> None:
        saved = self.settings.value(KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
            if window.isMaximized() or _screen_for(window.frameGeometry()) is not None:
                return
            log.info("remembered window place is off the screens now: placing it afresh")
        self.place_first(window)

    @staticmethod
    def place_first(window: QWidget) -> None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            window.resize(PREFERRED)
            return
        frame = fit_rect(screen.availableGeometry())
        # the title bar and borders are outside the widget: leave room for them
        margins = window.frameGeometry().size() - window.geometry().size()
        if margins.width() <= 0 and margins.height() <= 0:
            # not framed yet: room for the largest usual frame (Windows 10: 8 px borders
            # each side, a 31 px title bar)
            margins = FRAME_ALLOWANCE
        window.resize(frame.width() - margins.width(), frame.height() - margins.height())
        window.move(frame.topLeft())

    def save(self, window: QWidget) -> None:
        self.settings.setValue(KEY, window.saveGeometry())
        self.settings.sync()


def resize_within_screen(widget: QWidget, width: int, height: int,
                         near: QWidget | None = None) -> None:
    """Size a dialog to ``width`` x ``height``, or less where the screen it opens on (that of
    ``near``, its parent by default) is smaller: its buttons stay on a 1366x768 screen."""
    anchor = near or widget.parentWidget()
    screen = (anchor.screen() if anchor is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    area = screen.availableGeometry()
    widget.resize(min(width, area.width() - FRAME_ALLOWANCE.width()),
                  min(height, area.height() - FRAME_ALLOWANCE.height()))


def grow_to_fit(widget: QWidget) -> None:
    """Make a window tall enough for what its layout now holds (messages shown under fields,
    word-wrapped at the window's width), within its screen; it never shrinks."""
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    width = widget.width()
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > widget.height():
        resize_within_screen(widget, width, needed, near=widget)
