"""Logging: named loggers, a rotating file in the data folder, warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(log_folder: Path, level: int = logging.INFO) -> Path:
    log_folder.mkdir(parents=True, exist_ok=True)
    path = log_folder / "desk_app.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
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
