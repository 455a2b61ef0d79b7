"""Logging: named loggers, a rotating file in the data folder, warnings to stderr.

A log file that cannot be written (a full or read-only disk) costs one line on stderr, not a
traceback per record: the program goes on and tells the clerk about the disk in words.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; a failing write is said once, then skipped quietly."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.failed:
            self.failed = True
            error = sys.exc_info()[1]
            print(f"desk_app: cannot write the log {self.baseFilename}: {error}", file=sys.stderr)


def setup_logging(log_folder: Path, level: int = logging.INFO) -> Path:
    log_folder.mkdir(parents=True, exist_ok=True)
    path = log_folder / "desk_app.log"
    handler = _QuietFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    return path
