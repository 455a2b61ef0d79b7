"""Where things live: the user's data folder, the log folder, and the bundled ``resources/``.

``resources/`` sits beside the package in a checkout and beside the executable in a frozen
(PyInstaller) build; :func:`resources_dir` finds it in both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "desk_app"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (fonts, catalogue, templates)."""
    override = os.environ.get("DESK_APP_RESOURCES")
    if override:
        return Path(override)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def migrations_dir() -> Path:
    """The Alembic script folder ``db/`` (beside ``resources/``)."""
    return resources_dir().parent / "db"


def default_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA%\\desk_app on Windows, XDG data home elsewhere."""
    override = os.environ.get("DESK_APP_DATA")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def database_path(data_dir: Path) -> Path:
    return data_dir / "desk.sqlite3"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"
