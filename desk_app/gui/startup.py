"""From QApplication to the main window: first-run or login dialog, then the window.

Non-blocking (dialogs are ``open()``-ed): :meth:`Launcher.start` returns at once and
:attr:`Launcher.windowReady` fires when the clerk has logged in and the main window is shown.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select

from desk_app.clock import Clock
from desk_app.gui.login import FirstRunDialog, LoginDialog
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import ClerkInfo
from desk_app.services.clerks import has_clerks
from desk_app.store.engine import Store
from desk_app.store.models import Commune

log = logging.getLogger(__name__)


class Launcher(QObject):
    windowReady = Signal(object)  # MainWindow

    def __init__(self, store: Store, clock: Clock, data_dir: Path, log_path: str = "") -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self.log_path = log_path
        self.dialog: LoginDialog | FirstRunDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> LoginDialog | FirstRunDialog:
        with self.store.read() as session:
            first_run = not has_clerks(session)
            commune = session.scalars(select(Commune).limit(1)).first()
        if first_run:
            self.dialog = FirstRunDialog(self.store, self.clock)
        else:
            self.dialog = LoginDialog(self.store, commune.desk_name if commune else "")
        self.dialog.loggedIn.connect(self._open_window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _open_window(self, clerk: ClerkInfo) -> None:
        log.info("clerk %s logged in", clerk.username)
        self.window = MainWindow(self.store, self.clock, clerk, self.data_dir, self.log_path)
        self.window.show()
        self.window.activateWindow()
        self.windowReady.emit(self.window)
