"""Start-up of the counter program, in order:

1. parse flags (``--data-dir``, ``--temp-data-dir`` for a throwaway folder, ``--smoke`` to start,
   show the first window once and quit);
2. logging to a rotating file in the data folder;
3. take the data folder (one program per folder: :mod:`desk_app.store.instance`; a second
   start says the program is already open);
4. QApplication with the bundled fonts, the Vietnamese locale and the Vietnamese translation
   of Qt's own words (standard buttons, file and print dialogs; before any window is built);
   when three sqlite3 reads show that the start can only end at the login window (not with
   ``--kiosk``)
   (:func:`desk_app.store.glance.glance`), the login window is shown and painted now, before
   SQLAlchemy, the models and the services are imported (about half a second);
5. a restore confirmed before is put in place, then the store is opened (migrate, demo
   commune, bundled catalogue; its ``quick_check`` starts in the background) - see
   :mod:`desk_app.bootstrap`; a data file missing or empty where a store existed, or failing
   the check (waited for up to a second), opens the recovery dialog
   (:mod:`desk_app.gui.store_recovery`: restore a backup, read only, or a typed-confirmed new
   store) in place of the login window; a read-only folder or a full disk is told in words,
   naming the folder;
6. the set-up wizard when the store has no commune yet (not with ``--demo``), then the login
   dialog (or, when there is no clerk yet, the first-run dialog creating the admin); the
   login window of step 4 is the one kept;
7. with ``--kiosk``, only the queue's ticket kiosk, full screen (``--screen N``), no login;
   else the main window, for the clerk who logged in (it restores an unsaved intake draft), with
   printing, the citizen's rating screen and the sync indicator plugged in
   (:func:`desk_app.gui.startup.install_extensions`). From step 6 on, an error nobody caught,
   in any thread, is logged and shown in the crash dialog (:mod:`desk_app.gui.crash`).

With ``--smoke`` the program prints ``painted: <window>`` when a login window of step 4 is
painted, and ``ready: <window>`` once the first window is usable, then quits.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.clock import SystemClock

# before Qt (about 12 ms): imported after QApplication, multiprocessing's exit handlers run in
# another order and the address child's queues are reported as leaked semaphores at every exit
from desk_app.core import addresses
from desk_app.errors import KnownError, StoreProblemError
from desk_app.log import setup_logging
from desk_app.paths import default_data_dir, log_dir, resources_dir
from desk_app.store.glance import Glance, glance
from desk_app.store.instance import InstanceLock

if TYPE_CHECKING:  # SQLAlchemy and the models come after the login window (see the module)
    from PySide6.QtWidgets import QApplication, QWidget

    from desk_app.store.engine import Store

log = logging.getLogger("desk_app")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desk-app", description="Bộ phận một cửa cấp xã")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per-user folder)")
    parser.add_argument(
        "--temp-data-dir", action="store_true", help="use a throwaway data folder"
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="a new data folder becomes the demo commune (xã Phù Đổng) instead of asking "
             "for the commune in the set-up wizard",
    )
    parser.add_argument(
        "--kiosk", action="store_true",
        help="only the queue's ticket kiosk, full screen, no login (a touch screen PC)",
    )
    parser.add_argument("--screen", type=int, default=0,
                        help="with --kiosk: the monitor (1, 2 ...) to fill; default the main one")
    parser.add_argument(
        "--smoke", action="store_true",
        help="start, show the first window, print 'ready' and quit (for checks)",
    )
    return parser.parse_args(argv)


def _logging(data_dir: Path) -> Path:
    """The log in the data folder; in the temporary folder when that cannot be written
    (a read-only or full disk must still be told in words, and logged somewhere)."""
    try:
        return setup_logging(log_dir(data_dir))
    except OSError as exc:
        fallback = Path(tempfile.gettempdir()) / "desk_app-logs"
        path = setup_logging(fallback)
        log.warning("cannot write the log in %s (%s); logging to %s", data_dir, exc, path)
        return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.temp_data_dir:
        data_dir = Path(tempfile.mkdtemp(prefix="desk_app-"))
    else:
        data_dir = args.data_dir or default_data_dir()
    instance = InstanceLock(data_dir)  # one program per data folder, held until the end
    try:
        code = _run(args, data_dir, instance)
    finally:
        instance.release()
    from desk_app.services import backups

    if code == backups.RESTART_EXIT:  # a restore was confirmed: it is finished at the start
        _start_again(argv)
    return code


def _start_again(argv: list[str] | None) -> None:
    """Replace this process with a new start of the program, with the same flags."""
    args = sys.argv[1:] if argv is None else argv
    if getattr(sys, "frozen", False):
        command = [sys.executable, *args]
    else:
        command = [sys.executable, "-m", "desk_app", *args]
    log.warning("starting again: %s", " ".join(command))
    logging.shutdown()
    os.execv(sys.executable, command)


def _run(args: argparse.Namespace, data_dir: Path, instance: InstanceLock) -> int:
    log_path = _logging(data_dir)
    log.info("starting; data folder %s", data_dir)
    clock = SystemClock()
    store: Store | None = None
    failure: KnownError | None = None
    sight: Glance | None = None
    try:
        instance.acquire()
        sight = glance(data_dir)  # three sqlite3 reads: may the login window come first?
    except KnownError as exc:
        failure = exc

    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desk_app.gui import collector
    from desk_app.gui.fields import quiet_disabled_placeholders
    from desk_app.gui.fonts import install_fonts
    from desk_app.gui.translations import install_translations

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    collector.install(app)  # cycles are freed on this thread only, never on a worker
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "desk_app.png")))
    install_fonts(app)
    quiet_disabled_placeholders(app)
    install_translations(app)
    early = None if sight is None or args.kiosk else _early_login(app, sight, args.smoke)
    if failure is None:
        try:  # what the full start does before any window: now behind the login window
            from desk_app.bootstrap import open_store
            from desk_app.services import backups

            backups.complete_pending_restore(data_dir, clock.now())  # a restore confirmed
            store = open_store(data_dir, clock, demo=args.demo)
        except KnownError as exc:
            failure = exc

    from desk_app.gui import crash, messages, store_recovery

    if store is not None:  # the background check: a small file has its verdict by now
        failure = store_recovery.verdict(store, data_dir, wait=store_recovery.START_WAIT)
    if failure is not None and early is not None:
        early.close()  # the problem is told instead
        early = None
    if isinstance(failure, StoreProblemError) and failure.code in store_recovery.STORE_CODES:
        store_recovery.note_readable(failure, store)
        print(store_recovery.problem_text(failure), file=sys.stderr)
        if args.smoke:
            if store is not None:
                store.dispose()
            return 2
        from desk_app.bootstrap import open_store

        store = store_recovery.recover(
            failure, store, data_dir,
            lambda fresh: open_store(data_dir, clock, allow_fresh=fresh, demo=args.demo))
        if store is None:
            return 2
    elif failure is not None:  # already open, a newer schema, a read-only folder, a full disk
        box = messages.startup_failure(failure, str(log_path))
        print(box.text(), file=sys.stderr)
        if not args.smoke:
            box.exec()
        return 2
    assert store is not None
    crash.install(str(log_path))  # sys.excepthook and threading.excepthook
    from desk_app.queue_lan import server as queue_server

    queue_server.serve_quietly(store, clock)  # when this desk hosts the office's queue
    if args.kiosk:  # the citizens' touch screen: no clerk logs in on it
        from desk_app.gui.queue import KioskWindow, show_on

        first: QWidget = KioskWindow(store, clock, data_dir)
        show_on(first, args.screen - 1 if args.screen else 0)
    else:
        from desk_app.gui.startup import Launcher

        launcher = Launcher(store, clock, data_dir, str(log_path), extensions=True)
        first = launcher.start(early)
    if args.smoke:
        def _ready() -> None:
            first.repaint()  # painted once: the window is usable
            print(f"ready: {type(first).__name__}", flush=True)
            app.quit()

        QTimer.singleShot(0, _ready)
    code = app.exec()
    from desk_app.services import backups

    addresses.close()  # the address tables' child: stopped, never waited for
    queue_server.stop_all()
    backups.exit_backup(store, clock)  # when set up: the day's work is copied off the PC
    store.dispose()
    log.info("stopped with %s", code)
    return code


def _early_login(app: QApplication, sight: Glance, smoke: bool) -> QWidget:
    """The login window, shown and painted before the store is opened (its store is set by
    :meth:`desk_app.gui.startup.Launcher.start`). Only the paint is let through: no key or
    click reaches it before the store is there."""
    from PySide6.QtCore import QEventLoop

    from desk_app.gui.login import LoginDialog

    dialog = LoginDialog(None, sight.desk_name)
    dialog.show()
    dialog.activateWindow()
    # a window manager maps the window a moment later: painted before, it shows black until
    # the store is open (seen on Xvfb + openbox), so wait for it to be exposed (<= 0.5 s)
    handle, deadline = dialog.windowHandle(), time.monotonic() + 0.5
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 5)
        time.sleep(0.002)
    dialog.repaint()
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if smoke:
        print(f"painted: {type(dialog).__name__}", flush=True)
    return dialog
