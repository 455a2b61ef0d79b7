"""Start-up of the counter program, in order:

1. parse flags (``--data-dir``, ``--temp-data-dir`` for a throwaway folder, ``--smoke`` to start,
   show the first window once and quit);
2. logging to a rotating file in the data folder;
3. open the store (migrate, demo commune, bundled catalogue) - see :mod:`desk_app.bootstrap`;
4. QApplication with the bundled fonts, the Vietnamese locale and the Vietnamese translation
   of Qt's own words (standard buttons, file and print dialogs; before any window is built);
5. the login dialog (or, when there is no clerk yet, the first-run dialog creating the admin);
6. the main window, for the clerk who logged in (it restores an unsaved intake draft), with
   printing, the citizen's rating screen and the sync indicator plugged in
   (:func:`desk_app.gui.startup.install_extensions`).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from desk_app.bootstrap import open_store
from desk_app.clock import SystemClock
from desk_app.errors import KnownError
from desk_app.log import setup_logging
from desk_app.paths import default_data_dir, log_dir

log = logging.getLogger("desk_app")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desk-app", description="Bộ phận một cửa cấp xã")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per-user folder)")
    parser.add_argument(
        "--temp-data-dir", action="store_true", help="use a throwaway data folder"
    )
    parser.add_argument(
        "--smoke", action="store_true",
        help="start, show the first window, print 'ready' and quit (for checks)",
    )
    return parser.parse_args(argv)


def _install_crash_dialog(log_path: str) -> None:
    """A bug in a Qt slot: log it and show the crash dialog with the log's path, keep running."""
    from desk_app.gui import messages

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        log.error("unhandled error", exc_info=(kind, exc, tb))  # type: ignore[arg-type]
        messages.show_bug(None, exc, log_path)

    sys.excepthook = hook


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.temp_data_dir:
        data_dir = Path(tempfile.mkdtemp(prefix="desk_app-"))
    else:
        data_dir = args.data_dir or default_data_dir()
    log_path = setup_logging(log_dir(data_dir))
    log.info("starting; data folder %s", data_dir)
    clock = SystemClock()
    try:
        store = open_store(data_dir, clock)
    except KnownError as exc:
        failure: KnownError | None = exc
    else:
        failure = None

    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.fonts import install_fonts
    from desk_app.gui.startup import Launcher
    from desk_app.gui.translations import install_translations

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)
    install_translations(app)
    if failure is not None:  # e.g. a newer program's schema: say so in words, change nothing
        from desk_app.gui import messages

        box = messages.startup_failure(failure, str(log_path))
        print(box.text(), file=sys.stderr)
        if not args.smoke:
            box.exec()
        return 2
    _install_crash_dialog(str(log_path))
    launcher = Launcher(store, clock, data_dir, str(log_path), extensions=True)
    first = launcher.start()
    if args.smoke:
        def _ready() -> None:
            first.repaint()  # painted once: the window is usable
            print(f"ready: {type(first).__name__}", flush=True)
            app.quit()

        QTimer.singleShot(0, _ready)
    code = app.exec()
    store.dispose()
    log.info("stopped with %s", code)
    return code
