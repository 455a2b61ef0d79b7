"""Printing in the counter GUI: preview and print dialog, hooks into intake and the dossier page.

:func:`install` registers the printing entries in :mod:`desk_app.gui.hooks`: the slip offered
after each intake (form 01, or 02/03 by outcome), a "In phiếu" action on the dossier page, and
on a main window a menu entry for the register (form 07). Every print dialog and message is a
child of the main window (the idle lock hides them with it); what became of a print is shown in
the main window's status bar and logged (:mod:`.job`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from desk_app.clock import Clock
from desk_app.gui import hooks
from desk_app.gui.printing import actions
from desk_app.gui.tr import tr
from desk_app.store.engine import Store

log = logging.getLogger(__name__)


class PrintingHooks:
    """The callables registered in the hooks, bound to one window, store, clock and clerk."""

    def __init__(self, window: QWidget, store: Store, clock: Clock,
                 clerk_id: Callable[[], int], data_dir: Path | None,
                 offer_after_intake: bool = True) -> None:
        self.window, self.store, self.clock = window, store, clock
        self.clerk_id, self.data_dir = clerk_id, data_dir
        self.offer_after_intake = offer_after_intake
        self.action = hooks.DossierAction(tr("In phiếu… (Ctrl+P)"), self.run_action, "Ctrl+P")
        self.last_dialog: actions.PrintDialog | None = None
        self.pending_slip: int | None = None  # a save that landed while the desk was locked

    def after_intake(self, dossier_id: int) -> None:
        if not self.offer_after_intake:
            return
        if getattr(self.window, "locked", False):
            # the save ran on the worker and landed after the clerk locked the desk: a locked
            # desk opens nothing (not even a slip's title with its code); offered at unlock
            self.pending_slip = dossier_id
            return
        self.last_dialog = actions.offer_form01(self.window, self.store, self.clock,
                                                self.clerk_id(), dossier_id,
                                                data_dir=self.data_dir)

    def lock_changed(self, locked: bool) -> None:
        if not locked and self.pending_slip is not None:
            dossier_id, self.pending_slip = self.pending_slip, None
            self.after_intake(dossier_id)

    def run_action(self, parent: QWidget, dossier_id: int) -> None:
        if dossier_id:
            # a child of the main window: the idle lock hides it with the window's dialogs
            self.last_dialog = actions.print_form(parent.window(), self.store, self.clock,
                                                  self.clerk_id(), dossier_id, "01",
                                                  data_dir=self.data_dir)

    def print_register(self) -> None:
        self.last_dialog = actions.print_register(self.window, self.store, self.clock,
                                                  self.clerk_id(), data_dir=self.data_dir)


def _clerk_id_of(window: Any) -> int:
    clerk = getattr(window, "clerk", None) or getattr(getattr(window, "ops", None), "clerk", None)
    return int(clerk.id) if clerk is not None else 0


def install(main_window: QWidget, store: Store | None = None, clock: Clock | None = None, *,
            clerk_id: Callable[[], int] | None = None, data_dir: Path | None = None,
            offer_after_intake: bool = True) -> PrintingHooks:
    """Register printing in the GUI hooks; defaults come from the main window
    (``store``, ``ops.clock``, ``clerk``)."""
    store = store or getattr(main_window, "store", None)
    clock = clock or getattr(getattr(main_window, "ops", None), "clock", None)
    if store is None or clock is None:
        raise ValueError("printing.install needs a store and a clock")
    ctl = PrintingHooks(main_window, store, clock,
                        clerk_id or (lambda: _clerk_id_of(main_window)), data_dir,
                        offer_after_intake)
    hooks.after_intake.append(ctl.after_intake)
    lock_changed = getattr(main_window, "lockChanged", None)
    if lock_changed is not None:
        lock_changed.connect(ctl.lock_changed)
    hooks.dossier_menu_actions.append(ctl.action)
    if isinstance(main_window, QMainWindow):
        menu = main_window.menuBar().addMenu("&In")
        act = menu.addAction(tr("In sổ theo dõi hồ sơ (mẫu 07)…"))
        act.setShortcut(QKeySequence("Ctrl+Shift+P"))
        act.triggered.connect(ctl.print_register)
    return ctl


def uninstall(ctl: PrintingHooks) -> None:
    """Remove the hooks (tests, sign-out)."""
    while ctl.after_intake in hooks.after_intake:
        hooks.after_intake.remove(ctl.after_intake)
    while ctl.action in hooks.dossier_menu_actions:
        hooks.dossier_menu_actions.remove(ctl.action)
