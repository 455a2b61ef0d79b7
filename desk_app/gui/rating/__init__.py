"""Satisfaction rating at the counter (issue 6): the citizen's screen and the leader's figures.

:func:`install` wires it into the counter program: the slip is offered through the
``after_return`` and ``after_intake`` hooks (which of the two, from the slip's ``offer_after``
setting), the citizen's window is placed on a second monitor when there is one, and the main
window gets a "Đánh giá" menu (figures for desk leaders) and a status-bar note that says only
whether a rating is under way - never what the citizen chose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from desk_app.clock import Clock
from desk_app.core.permissions import Action, allowed
from desk_app.gui import hooks, messages
from desk_app.gui.fields import ElidedLabel
from desk_app.gui.rating.controller import RatingController
from desk_app.gui.rating.figures_dialog import FiguresDialog
from desk_app.gui.rating.placement import citizen_screen, place
from desk_app.gui.session import ClerkInfo
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.store.engine import Store

__all__ = ["FiguresDialog", "RatingController", "install", "uninstall"]

STATE_TEXT = {
    "idle": QT_TR_NOOP("Đánh giá: chờ"),
    "rating": QT_TR_NOOP("Đánh giá: đang đánh giá…"),
    "thanks": QT_TR_NOOP("Đánh giá: đã ghi nhận"),
    "error": QT_TR_NOOP("Đánh giá: chưa lưu được, người dân có thể gửi lại"),
}


def _clerk_of(main_window: QWidget) -> ClerkInfo | None:
    """The clerk on duty as the main window knows it (``.clerk`` or ``.ops.clerk``)."""
    for holder in (main_window, getattr(main_window, "ops", None)):
        clerk = getattr(holder, "clerk", None)
        if isinstance(clerk, ClerkInfo):
            return clerk
    return None


class _CloseWith(QObject):
    """Closes the citizen's window when the clerk's main window closes."""

    def __init__(self, target: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.target = target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.target.close()
        return False


class _Placer(QObject):
    """Keeps the citizen's window where it belongs; a child of the controller, so its
    connections to the application's screen signals end with it."""

    def __init__(self, controller: RatingController, main_window: QWidget) -> None:
        super().__init__(controller)
        self.window = controller.window
        self.main_window = main_window
        self.state = "idle"

    def place(self) -> None:
        place(self.window, self.main_window)

    def on_screens(self, _screen: object) -> None:
        if self.window.isVisible():
            self.place()

    def on_state(self, state: str) -> None:
        # a slip offered while the clerk had closed the citizen's window brings it back. On
        # one monitor the window comes in front of the clerk's for the rating (else the
        # citizen never sees it) and goes back behind when it is over, so the clerk sees
        # the form the keyboard types into
        one_screen = citizen_screen(self.main_window) is None
        self.state = state
        if state == "rating":
            if not self.window.isVisible():
                self.place()
            elif one_screen:
                self.window.raise_()
            modal = QApplication.activeModalWidget()
            if one_screen and isinstance(modal, QDialog):
                # the form 01 print dialog of the same intake: when it closes, the window
                # manager puts the clerk's window back on top; the rating comes back after it
                modal.finished.connect(self._dialog_closed)
        elif state == "idle" and one_screen and self.window.isVisible():
            self.window.lower()

    def _dialog_closed(self, _result: int) -> None:
        QTimer.singleShot(300, self._raise_again)

    def _raise_again(self) -> None:
        if self.state == "rating" and self.window.isVisible():
            self.window.raise_()


def install(
    main_window: QWidget, store: Store, clock: Clock, *,
    clerk: Callable[[], ClerkInfo | None] | None = None, show: bool = True, **options: Any,
) -> RatingController:
    """Create the rating controller and its citizen window and register the hooks.

    ``clerk``: who is on duty (default: the main window's ``clerk`` or ``ops.clerk``);
    ``show``: place and show the citizen's window now; ``options`` go to
    :class:`RatingController` (``timeout_ms``, ``thanks_ms`` for tests).
    """
    clerk_fn = clerk or (lambda: _clerk_of(main_window))
    controller = RatingController(store, clock, clerk_fn, parent=main_window, **options)
    hooks.after_return.append(controller.after_return)
    hooks.after_intake.append(controller.after_intake)
    main_window.installEventFilter(_CloseWith(controller.window, controller))
    lock_changed = getattr(main_window, "lockChanged", None)
    if lock_changed is not None:  # the desk's lock: the citizen's screen goes idle
        lock_changed.connect(controller.set_locked)
    if isinstance(main_window, QMainWindow):
        _add_menu(main_window, controller, store, clock, clerk_fn)
        note = ElidedLabel()
        note.setObjectName("ratingState")
        controller.stateChanged.connect(lambda state: note.setText(tr(STATE_TEXT.get(state, ""))))
        note.setText(tr(STATE_TEXT["idle"]))
        main_window.statusBar().addPermanentWidget(note)
    if show:
        placer = _Placer(controller, main_window)
        placer.place()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # a monitor plugged in or out: place again
            app.screenAdded.connect(placer.on_screens)
            app.screenRemoved.connect(placer.on_screens)
        controller.stateChanged.connect(placer.on_state)
    return controller


def uninstall(controller: RatingController) -> None:
    """Remove the controller's hooks and close its window (tests, sign-out). A level the
    citizen chose but did not send still counts, flagged unconfirmed, as when the desk locks."""
    controller._close_pending()
    for hook_list, fn in ((hooks.after_return, controller.after_return),
                          (hooks.after_intake, controller.after_intake)):
        while fn in hook_list:
            hook_list.remove(fn)
    controller.timer.stop()
    controller.idle_timer.stop()
    controller.window.close()


def _add_menu(
    main_window: QMainWindow, controller: RatingController, store: Store, clock: Clock,
    clerk_fn: Callable[[], ClerkInfo | None],
) -> None:
    menu = main_window.menuBar().addMenu(tr("Đánh giá"))
    figures = QAction(tr("Số liệu mức độ hài lòng…"), main_window)
    screen = QAction(tr("Hiện màn hình đánh giá cho người dân"), main_window)
    menu.addAction(figures)
    menu.addAction(screen)

    def open_figures() -> None:
        who = clerk_fn()
        if who is None or not allowed(who.role, Action.RATING_FIGURES):
            messages.warn(main_window, tr("Chỉ lãnh đạo bộ phận xem được số liệu đánh giá."))
            return
        dialog = FiguresDialog(store, clock, main_window, clerk_id=who.id)
        dialog.open()

    figures.triggered.connect(open_figures)

    def offer_figures() -> None:
        # a clerk is not offered what only a leader may open (the check above stays too)
        who = clerk_fn()
        figures.setEnabled(who is not None and allowed(who.role, Action.RATING_FIGURES))

    offer_figures()
    menu.aboutToShow.connect(offer_figures)
    screen.triggered.connect(lambda: place(controller.window, main_window))
    controller.figures_action = figures  # type: ignore[attr-defined]
