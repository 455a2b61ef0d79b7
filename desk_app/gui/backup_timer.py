"""The daily backup, made in the background while the program runs.

A minute after the main window opens, then every ten minutes, the timer asks whether today's
backup is still to be made (:func:`desk_app.services.backups.backup_due`: set up, and none made
today); if so it is made on the "backup" lane. A failure (the USB stick not plugged in, the
share unreachable) is shown in the status bar until a backup succeeds, so the clerk sees it the
same day; the backup on exit is made by :mod:`desk_app.app`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.tr import tr
from desk_app.services import backups
from desk_app.store import backup as bk
from desk_app.store.engine import Store

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000
CHECK_EVERY_MS = 10 * 60_000


class BackupTimer(QObject):
    def __init__(self, window: QMainWindow, store: Store, clock: Clock) -> None:
        super().__init__(window)
        self.store, self.clock = store, clock
        self.running = False
        self.label = QLabel()
        self.label.setObjectName("backupWarning")
        self.label.setStyleSheet("color: #b00020;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def check(self) -> None:
        if self.running:
            return
        store, clock = self.store, self.clock

        def due() -> bool:
            with store.read() as session:
                return backups.backup_due(session, clock.now())

        background.lane("read").run(due, self._due, context=self,
                                    failed=lambda exc: log.warning("backup check: %s", exc))

    def _due(self, due: bool) -> None:
        if not due or self.running:
            return
        self.running = True
        store, clock = self.store, self.clock
        background.lane("backup").run(lambda: backups.run_backup(store, clock, "daily"),
                                      self._made, failed=self._failed, context=self)

    def _made(self, made: bk.BackupFile) -> None:
        self.running = False
        self.label.hide()
        log.info("daily backup made: %s", made.path)

    def _failed(self, exc: KnownError) -> None:
        self.running = False
        log.warning("daily backup failed: %s (%s)", exc.code, exc)
        self.label.setText(tr("Sao lưu hằng ngày chưa được"))
        self.label.setToolTip(messages.known_message(exc))
        self.label.show()


def install(window: QMainWindow, store: Store, clock: Clock) -> BackupTimer:
    return BackupTimer(window, store, clock)
