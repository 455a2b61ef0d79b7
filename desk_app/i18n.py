"""Qt's own words in Vietnamese: where the translation lives and how it is compiled (Qt-free).

PySide6 ships qtbase translations for 33 languages, not Vietnamese, so the standard buttons
(Yes/No, Cancel...), the file, print and print-preview dialogs and the edit menus would stay in
English. ``resources/i18n/qtbase_vi.ts`` is written by hand; ``pyside6-lrelease`` compiles it to
``qtbase_vi.qm`` at build time (``./dev``, ``installer/desk_app.spec``). The ``.qm`` is a build
product and not kept in git: when a checkout is started without ``./dev`` (``python -m
desk_app``), :func:`ensure_compiled` compiles it on the spot if lrelease is at hand. The GUI
loads the result with a ``QTranslator`` (:mod:`desk_app.gui.translations`).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)

QTBASE_TS = "qtbase_vi.ts"
WORDING_TS = "desk_app_vi.ts"  # the program's own words (see desk_app.gui.tr)
LRELEASE = "pyside6-lrelease"
TIMEOUT_S = 60


class TranslationBuildError(Exception):
    """lrelease is missing or could not compile the .ts file."""


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def qm_for(ts: Path) -> Path:
    return ts.with_suffix(".qm")


def lrelease_command() -> list[str] | None:
    """``pyside6-lrelease`` beside the running Python (a venv used without activating it),
    else on PATH; None in a frozen build or where PySide6's tools are not installed."""
    if getattr(sys, "frozen", False):
        return None
    beside = shutil.which(LRELEASE, path=str(Path(sys.executable).parent))
    found = beside or shutil.which(LRELEASE)
    return [found] if found else None


def is_stale(ts: Path, qm: Path) -> bool:
    """The .qm is missing, or older than the .ts it is compiled from."""
    if not qm.exists():
        return True
    return ts.exists() and ts.stat().st_mtime > qm.stat().st_mtime


def compile_ts(ts: Path, qm: Path) -> Path:
    """Compile ``ts`` into ``qm`` with lrelease (written aside, then renamed: a reader never
    sees half a file). Raises :class:`TranslationBuildError`."""
    command = lrelease_command()
    if command is None:
        raise TranslationBuildError(f"{LRELEASE} not found")
    qm.parent.mkdir(parents=True, exist_ok=True)
    partial = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
    try:
        proc = subprocess.run([*command, "-silent", str(ts), "-qm", str(partial)],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if proc.returncode != 0 or not partial.exists():
            raise TranslationBuildError(
                f"{LRELEASE} {ts.name} failed ({proc.returncode}): "
                f"{(proc.stderr or proc.stdout).strip()[:500]}")
        os.replace(partial, qm)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TranslationBuildError(f"{LRELEASE} {ts.name}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    log.info("compiled %s into %s", ts, qm)
    return qm


def ensure_compiled(folder: Path | None = None, name: str = QTBASE_TS) -> Path | None:
    """The .qm to load: compiled now when it is missing or older than the .ts (and lrelease
    is available), into a temporary folder when the resources folder is read-only. None (with
    a warning in the log) when there is nothing to load: the program then runs in English."""
    ts = (folder or i18n_dir()) / name
    qm = qm_for(ts)
    if getattr(sys, "frozen", False) or not is_stale(ts, qm):
        if qm.exists():
            return qm
        _warn_missing(ts, qm, "not in this build")
        return None
    if not ts.exists():
        _warn_missing(ts, qm, "no .ts file")
        return None
    spare = Path(tempfile.gettempdir()) / "desk_app-i18n" / qm.name
    reason = ""
    for target in (qm, spare):
        if target is spare and not is_stale(ts, spare):
            return spare  # compiled there by an earlier start
        try:
            return compile_ts(ts, target)
        except TranslationBuildError as exc:
            reason = str(exc)
            if lrelease_command() is None:
                break
    if qm.exists():
        log.warning("%s is older than %s and could not be rebuilt (%s): using it anyway",
                    qm.name, ts.name, reason)
        return qm
    _warn_missing(ts, qm, reason)
    return None


def _warn_missing(ts: Path, qm: Path, reason: str) -> None:
    what = ("Qt's dialogs stay in English" if ts.name == QTBASE_TS
            else "the program's words stay as written in its source")
    log.warning("%s: %s is missing (%s); run ./dev or '%s %s -qm %s'",
                what, qm, reason, LRELEASE, ts, qm)
