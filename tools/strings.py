"""Refresh resources/i18n/desk_app_vi.ts, the catalogue of the program's words.

    .venv/bin/python tools/strings.py

Runs ``pyside6-lupdate`` over desk_app/gui and the vocabulary (desk_app/core/words.py) (every ``tr("...")`` and ``QT_TR_NOOP("...")``,
see :mod:`desk_app.gui.tr`), keeping the translations a reviewer already wrote and dropping
texts the source no longer has. Locations are left out so that moving code does not change
the file. ``tests/test_wording.py`` fails when the catalogue is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "i18n" / "desk_app_vi.ts"
SOURCES = (ROOT / "desk_app" / "gui", ROOT / "desk_app" / "core" / "words.py")


def lupdate_command() -> list[str]:
    found = (shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
             or shutil.which("pyside6-lupdate"))
    if found is None:
        raise SystemExit("pyside6-lupdate not found (it comes with PySide6)")
    return [found]


def update(catalogue: Path = CATALOGUE, sources: tuple[Path, ...] = SOURCES) -> str:
    """Bring ``catalogue`` up to date with ``sources``; returns lupdate's summary."""
    proc = subprocess.run(
        [*lupdate_command(), "-extensions", "py", "-locations", "none", "-no-obsolete",
         "-source-language", "vi_VN", "-target-language", "vi_VN", *map(str, sources),
         "-ts", str(catalogue)],
        capture_output=True, text=True, timeout=300, check=True)
    return proc.stdout.strip()


if __name__ == "__main__":
    print(update())
