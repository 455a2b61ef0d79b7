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


def _user_dir(override: str, windows: tuple[str, str], posix: tuple[str, str]) -> Path:
    """``$override``, else the per-user folder: ``%<windows[0]>%`` (or ~/AppData/<windows[1]>)
    on Windows, ``$<posix[0]>`` (or ~/<posix[1]>) elsewhere, with ``desk_app`` under it."""
    if os.environ.get(override):
        return Path(os.environ[override])
    env, fallback = windows if sys.platform == "win32" else posix
    home_part = Path("AppData", fallback) if sys.platform == "win32" else Path(fallback)
    return Path(os.environ.get(env) or Path.home() / home_part) / APP_DIR_NAME


def default_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA%\\desk_app on Windows, XDG data home elsewhere."""
    return _user_dir("DESK_APP_DATA", ("LOCALAPPDATA", "Local"), ("XDG_DATA_HOME", ".local/share"))


def key_dir() -> Path:
    """Where the keys sealing the desk's secrets live, outside the data folder:
    %APPDATA%\\desk_app\\keys on Windows, XDG config home elsewhere (``DESK_APP_KEYS``)."""
    if os.environ.get("DESK_APP_KEYS"):
        return Path(os.environ["DESK_APP_KEYS"])
    return _user_dir("", ("APPDATA", "Roaming"), ("XDG_CONFIG_HOME", ".config")) / "keys"


def database_path(data_dir: Path) -> Path:
    return data_dir / "desk.sqlite3"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"
