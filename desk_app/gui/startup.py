"""From QApplication to the main window: first-run or login dialog, then the window.

Non-blocking (dialogs are shown, not ``exec()``-ed): :meth:`Launcher.start` returns at once and
:attr:`Launcher.windowReady` fires when the clerk has logged in and the main window is shown.

The login dialog is the first usable window, so it is shown before the heavier modules are
imported; while the clerk types the password, :meth:`Launcher.warm_up` imports the main
window and the register and loads this year's public holidays, in small steps between which
key strokes are handled, so the main window then opens at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.clock import Clock
from desk_app.gui import hooks, warm
from desk_app.gui.login import FirstRunDialog, LoginDialog
from desk_app.gui.ops import submit
from desk_app.gui.session import ClerkInfo
from desk_app.gui.store_recovery import StoreWatch
from desk_app.gui.tr import tr
from desk_app.services.clerks import has_clerks
from desk_app.services.commune_setup import take_pending_enrolment
from desk_app.services.desk_info import commune_names
from desk_app.store.engine import Store

if TYPE_CHECKING:
    from desk_app.gui.main_window import MainWindow
    from desk_app.gui.setup_wizard import SetupWizard  # imported when a desk is set up

log = logging.getLogger(__name__)


class Launcher(QObject):
    windowReady = Signal(object)  # MainWindow

    def __init__(self, store: Store, clock: Clock, data_dir: Path, log_path: str = "",
                 *, extensions: bool = False) -> None:
        super().__init__()
        self.extensions = extensions
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self.log_path = log_path
        self.dialog: LoginDialog | FirstRunDialog | SetupWizard | None = None
        self.window: MainWindow | None = None
        self.installed: dict[str, object] = {}
        self._hooks_before = hooks.snapshot()
        # the data file's background check: a failure is told over whatever window is up
        self.watch = StoreWatch(store, lambda: self.window or self.dialog,
                                on_failed=self._mark_read_only)

    def start(self, early: QWidget | None = None) -> LoginDialog | FirstRunDialog | SetupWizard:
        """The first window; ``early`` is a login window shown before the store was open
        (:mod:`desk_app.app`): kept when the store says a login comes now, else closed."""
        with self.store.read() as session:
            first_run = not has_clerks(session)
            commune = commune_names(session)
        desk_name = commune.desk_name if commune else ""
        if isinstance(early, LoginDialog) and early.store is None and commune is not None \
                and not first_run and early.desk_name == desk_name:
            early.store, early.clock = self.store, self.clock
            self.dialog = early
        else:
            if early is not None:
                early.close()
            if commune is None:  # a real commune's first start: set the desk up first
                return self._set_up()
            if first_run:
                self.dialog = FirstRunDialog(self.store, self.clock)
            else:
                self.dialog = LoginDialog(self.store, desk_name, clock=self.clock)
        self.dialog.loggedIn.connect(self._open_window)
        self.dialog.show()
        self.dialog.activateWindow()
        warm.warm_up()  # the fonts' character maps, off the GUI thread
        QTimer.singleShot(30, self.warm_up)
        return self.dialog

    def _set_up(self) -> SetupWizard:
        """The set-up wizard; when it is written, the administrator's account comes next.
        Closed without finishing, the program stops (nothing is set up, nothing is lost)."""
        from desk_app.gui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.store, self.clock)
        self.dialog = wizard
        wizard.setUp.connect(self.start)
        wizard.rejected.connect(self._quit_unless_set_up)
        wizard.show()
        wizard.activateWindow()
        return wizard

    def _quit_unless_set_up(self) -> None:
        with self.store.read() as session:
            if commune_names(session) is None:
                log.info("set-up wizard closed before finishing: stopping")
                QCoreApplication.quit()

    def warm_steps(self) -> list[Callable[[], object]]:
        today = self.clock.now().date()

        def holidays() -> object:
            from desk_app.core.calendar import WorkCalendar

            return WorkCalendar().is_working_day(today)

        def rich_text() -> object:
            # PySide builds its Python enums lazily: the first rich-text layout pays ~0.2 s
            from PySide6.QtWidgets import QLabel

            return QLabel(tr("<b>Sổ</b> · <i>hồ sơ</i>")).sizeHint()

        def optional(name: str) -> Callable[[], object]:
            return lambda: importlib.util.find_spec(name) and importlib.import_module(name)

        steps: list[Callable[[], object]] = [
            lambda: importlib.import_module("desk_app.gui.main_window"),
            rich_text,
            holidays,
            optional("desk_app.gui.register"),
        ]
        if self.extensions:
            steps += [optional(f"desk_app.gui.{name}")
                      for name in ("printing", "rating", "sync_indicator", "reports")]
        return steps

    def warm_up(self, steps: list[Callable[[], object]] | None = None) -> None:
        """Run one warm-up step, then schedule the next (the dialog stays responsive)."""
        steps = self.warm_steps() if steps is None else steps
        if not steps or self.window is not None:
            return
        try:
            steps[0]()
        except Exception:  # warming is an optimisation; the real import will report it
            log.exception("warm-up step failed")
        QTimer.singleShot(0, lambda: self.warm_up(steps[1:]))

    def _open_window(self, clerk: ClerkInfo) -> None:
        from desk_app.gui.main_window import MainWindow

        log.info("clerk %s logged in", clerk.username)
        self._hooks_before = hooks.snapshot()
        self.window = MainWindow(self.store, self.clock, clerk, self.data_dir, self.log_path)
        self.window.loggedOut.connect(self._logged_out)
        if self.extensions:
            self.installed = install_extensions(self.window, self.store, self.clock,
                                                self.data_dir)
        if self.store.guard.state == "failed":
            self._mark_read_only()
        if clerk.role == "admin" and "sync" in self.installed:
            self._enrol_as_set_up(self.installed["sync"])
        self.window.show()
        self.window.activateWindow()
        self.windowReady.emit(self.window)

    def _enrol_as_set_up(self, indicator: object) -> None:
        """The server and code typed in the wizard: enrolled at the admin's first login."""
        def enrol(pending: dict[str, str] | None) -> None:
            if pending and hasattr(indicator, "enrol"):
                log.info("enrolling with %s as set up in the wizard", pending.get("hub_url"))
                indicator.enrol(pending.get("hub_url", ""), pending.get("code", ""))

        submit(self.store, "take_enrolment", take_pending_enrolment, parent=None, done=enrol)

    def _mark_read_only(self) -> None:
        """A lasting word in the status bar: the file is damaged, nothing is written."""
        if self.window is None or self.window.findChild(QLabel, "storeReadOnly") is not None:
            return
        label = QLabel(tr("Dữ liệu bị hỏng: chỉ xem, không ghi được"))
        label.setObjectName("storeReadOnly")
        label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.window.statusBar().addPermanentWidget(label)

    def _logged_out(self) -> None:
        """Back to the login window; the next clerk gets a fresh main window and extensions
        (the citizen's screen, printing and sync start again for them)."""
        window, self.window = self.window, None
        rating = getattr(self, "installed", {}).get("rating")
        if rating is not None:
            from desk_app.gui.rating import uninstall

            uninstall(rating)
        hooks.restore(self._hooks_before)
        self.installed = {}
        self.start()  # shown before the old window closes: the program does not quit
        if window is not None:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def install_extensions(
    window: MainWindow, store: Store, clock: Clock, data_dir: Path
) -> dict[str, object]:
    """Plug printing, the citizen's rating screen and the sync indicator into the window.

    Each part registers itself into :mod:`desk_app.gui.hooks` (or the window's menus and
    status bar). A part that is missing or fails to start is logged and left out: the counter
    keeps working without it. Returns what each installed part's ``install`` returned.
    """
    parts: list[tuple[str, Callable[[], object]]] = [
        ("printing", lambda: importlib.import_module("desk_app.gui.printing").install(window)),
        ("rating", lambda: importlib.import_module("desk_app.gui.rating").install(
            window, store, clock)),
        ("sync", lambda: importlib.import_module("desk_app.gui.sync_indicator").install(
            window, store, clock, data_dir)),
        ("backup", lambda: importlib.import_module("desk_app.gui.backup_timer").install(
            window, store, clock)),
        ("reports", lambda: importlib.import_module("desk_app.gui.reports").install(
            window, store, clock)),
        # after the rating: the calls show on its citizen's screen
        ("queue", lambda: importlib.import_module("desk_app.gui.queue").install(
            window, store, clock, data_dir, done.get("rating"))),
    ]
    done: dict[str, object] = {}
    for name, install in parts:
        try:
            done[name] = install()
        except Exception:  # an optional part must never keep the desk from working
            log.exception("could not install %s", name)
    log.info("extensions installed: %s", ", ".join(done) or "none")
    return done
