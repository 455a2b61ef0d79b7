"""Queue tickets at the counter (issue 17), plugged into the main window.

:func:`install` gives the window the clerk's queue panel (top row) and keys (F2 call the next
number, Shift+F2 call again, F4 absent, F6 transfer, F7 finish), a "Hàng đợi" menu that also
opens the ticket kiosk and the hall screen on a chosen monitor, and shows each call on the
citizen's rating screen (:mod:`.call_view`) with the chime and the voice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMenu, QWidget

from desk_app.announce.voice import Announcer
from desk_app.clock import Clock
from desk_app.core.permissions import Action, allowed
from desk_app.gui import queue_words
from desk_app.gui.queue import link_dialog, printer_dialog, remote
from desk_app.gui.queue.call_view import CallBanner
from desk_app.gui.queue.desk import KEYS, QueueDesk
from desk_app.gui.queue.hall import HallWindow
from desk_app.gui.queue.kiosk import KioskWindow
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.queue_lan import server as queue_server
from desk_app.services.queue import Ticket
from desk_app.store.engine import Store

__all__ = ["CallBanner", "HallWindow", "KioskWindow", "QueueDesk", "Screens", "install"]
log = logging.getLogger(__name__)

ACTION_NAMES = {
    "call_next": QT_TR_NOOP("Gọi số tiếp"), "recall": QT_TR_NOOP("Gọi lại số đang phục vụ"),
    "absent": QT_TR_NOOP("Công dân vắng mặt"), "ask_transfer": QT_TR_NOOP("Chuyển sang quầy khác…"),
    "finish": QT_TR_NOOP("Xong, không gọi tiếp"),
}


class Screens(QObject):
    """The citizens' windows of the queue: the call on the rating screen, the kiosk and the
    hall screen (made when first opened; they close with the clerk's window)."""

    def __init__(self, desk: QueueDesk, store: Store, clock: Clock, data_dir: Path) -> None:
        super().__init__(desk)
        self.desk, self.store, self.clock, self.data_dir = desk, store, clock, data_dir
        self.banner: CallBanner | None = None
        self.kiosk: KioskWindow | None = None
        self.hall: HallWindow | None = None
        desk.called.connect(self._called)

    def _called(self, ticket: Ticket) -> None:
        if self.banner is not None:
            self.banner.show_call(ticket.label, self.desk.counter or 0)
        if self.hall is not None:
            self.hall.refresh()

    def lock_changed(self, locked: bool) -> None:
        if locked and self.banner is not None:
            self.banner.hide_call()

    def open_kiosk(self, index: int | None = None) -> KioskWindow | None:
        if self.desk.locked():
            return None
        if self.kiosk is None:
            # on the clerk's PC: taps only, the keyboard (and a scanner) stay the clerk's
            self.kiosk = KioskWindow(self.store, self.clock, self.data_dir, scanner=False)
            self.kiosk.issued.connect(lambda _t: self.desk.refresh())
        show_on(self.kiosk, index)
        return self.kiosk

    def open_hall(self, index: int | None = None) -> HallWindow | None:
        if self.desk.locked():
            return None
        if self.hall is None:
            self.hall = HallWindow(self.store, self.clock, remote.board_source(self.store))
        show_on(self.hall, index)
        return self.hall

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.desk.panel.fit(watched.width())
        if event.type() == QEvent.Type.Close:  # the clerk's window: the queue's close too
            for window in (self.kiosk, self.hall):
                if window is not None:
                    window.close()
        return False


def _top_row(window: Any) -> QHBoxLayout | None:
    content = getattr(window, "content", None)
    layout = content.layout() if content is not None else None
    item = layout.itemAt(0) if layout is not None and layout.count() else None
    row = item.layout() if item is not None else None
    return row if isinstance(row, QHBoxLayout) else None


def show_on(widget: QWidget, index: int | None) -> None:
    """Full screen on monitor ``index``; a window on the clerk's screen when None or gone."""
    screens = QGuiApplication.screens()
    if index is not None and 0 <= index < len(screens):
        widget.setScreen(screens[index])
        widget.setGeometry(screens[index].geometry())
        widget.setWindowState(Qt.WindowState.WindowFullScreen)
        widget.show()
        return
    widget.showNormal()
    widget.raise_()


def install(window: Any, store: Store, clock: Clock, data_dir: Path, rating: Any = None,
            announcer: Announcer | None = None) -> QueueDesk:
    desk = QueueDesk(window, store, clock, announcer)
    row = _top_row(window)
    if row is not None:
        row.insertWidget(1, desk.panel)
    content = getattr(window, "content", window)
    for keys, name in KEYS:
        QShortcut(QKeySequence(keys), content, getattr(desk, name),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    lock_changed = getattr(window, "lockChanged", None)
    if lock_changed is not None:
        lock_changed.connect(desk.lock_changed)
    for part in ("intake", "dossier"):  # a dossier saved while a ticket is called: linked
        form = getattr(window, part, None)
        if form is not None:
            form.visit_source = desk.visit
    screens = Screens(desk, store, clock, data_dir)
    desk.screens = screens
    citizen = getattr(rating, "window", None)
    if isinstance(citizen, QWidget):
        screens.banner = CallBanner(citizen)
    if lock_changed is not None:
        lock_changed.connect(screens.lock_changed)
    window.installEventFilter(screens)
    if isinstance(window, QWidget):
        desk.panel.fit(window.width())
    if isinstance(window, QMainWindow):
        _menu(window, desk, screens)
    desk.refresh()
    desk.check_voice()
    if desk.link.mode == "host" and queue_server.serve_quietly(store, clock) is None:
        desk.panel.show_error(tr(queue_words.NOT_SERVING))  # the port taken: see the log
    return desk


def _menu(window: QMainWindow, desk: QueueDesk, screens: Screens) -> None:
    menu = window.menuBar().addMenu(tr("Hàng đợi"))
    menu.setObjectName("queueMenu")
    for keys, name in KEYS:
        action = QAction(tr(ACTION_NAMES[name]), window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the QShortcut acts
        action.triggered.connect(getattr(desk, name))
        menu.addAction(action)
    menu.addSeparator()
    for title, opener in ((QT_TR_NOOP("Mở máy lấy số (kiosk) trên"), screens.open_kiosk),
                          (QT_TR_NOOP("Mở màn hình gọi số (sảnh) trên"), screens.open_hall)):
        sub = QMenu(tr(title), menu)
        menu.addMenu(sub)

        def fill(sub: QMenu = sub, opener: Callable[[int | None], object] = opener) -> None:
            sub.clear()
            here = QAction(tr("cửa sổ trên màn hình này"), sub)
            here.triggered.connect(lambda: opener(None))
            sub.addAction(here)
            for i, screen in enumerate(QGuiApplication.screens()):
                act = QAction(tr("màn hình {n} ({name}), toàn màn hình").format(
                    n=i + 1, name=screen.name()), sub)
                act.triggered.connect(lambda _c=False, i=i: opener(i))
                sub.addAction(act)

        sub.aboutToShow.connect(fill)
    menu.addSeparator()
    printer = QAction(tr("Máy in vé số thứ tự…"), window)
    printer.setObjectName("ticketPrinterAction")
    printer.triggered.connect(lambda: None if desk.locked() else printer_dialog.open_dialog(
        window, desk.ops))
    menu.addAction(printer)
    lan = QAction(tr("Nối hàng đợi giữa các quầy…"), window)
    lan.setObjectName("queueLinkAction")
    lan.triggered.connect(lambda: None if desk.locked() else link_dialog.open_dialog(
        window, desk.ops, desk))
    menu.addAction(lan)
    clerk = getattr(window, "clerk", None)
    for action in (printer, lan):
        action.setEnabled(clerk is not None and allowed(clerk.role, Action.SETTINGS))
