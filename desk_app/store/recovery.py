"""A missing, empty or damaged data file: the evidence that a store existed, and the restore.

Qt-free. A data folder that once held the desk's store says so in several ways: the marker
file written when the store was first created (:data:`MARKER_NAME`), copies in ``backups/``
(made before every migration, or put there by an administrator), PDFs in ``printed/`` and an
intake draft in ``drafts/``. When the database file is then missing or zero-length, the start
refuses to create a new demo desk over it (:func:`check_not_gone`).

:func:`restore` replaces the data file with the newest backup that passes ``quick_check``:
the backup is copied to a staging file, the copy is checked again, the current file (and its
``-wal``/``-shm``) is moved to ``aside/`` - never deleted - and only then is the copy renamed
into place. :func:`start_new` moves the current file aside too, for an explicit fresh start.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk_app.clock import VN_TZ, file_stamp
from desk_app.errors import StoreProblemError
from desk_app.paths import backups_dir, database_path
from desk_app.store.health import diagnose, quick_check

log = logging.getLogger(__name__)

MARKER_NAME = "desk-store.json"
ASIDE_DIR = "aside"
CHECK_FAILED_NAME = "desk-store-check-failed.json"
# a backup staged for a restore, and the note confirming it (services.backups)
PENDING_DB = "restore-pending.sqlite3"
PENDING_NOTE = "restore-pending.json"
_SIDE_FILES = ("-wal", "-shm")


def marker_path(data_dir: Path) -> Path:
    return data_dir / MARKER_NAME


def check_failed_path(data_dir: Path) -> Path:
    return data_dir / CHECK_FAILED_NAME


def aside_dir(data_dir: Path) -> Path:
    return data_dir / ASIDE_DIR


def write_json_durably(path: Path, data: dict[str, object]) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder (and needs not)
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_marker(data_dir: Path, now: datetime) -> None:
    """Record that this folder holds a store (once; an existing marker is kept)."""
    path = marker_path(data_dir)
    if path.exists():
        return
    write_json_durably(path, {
        "format": 1,
        "created_at": now.isoformat(timespec="seconds"),
        "database": database_path(data_dir).name,
        "note": "Thư mục này chứa dữ liệu của bộ phận một cửa. Nếu tệp dữ liệu mất, chương "
                "trình sẽ không tự tạo dữ liệu mới mà đề nghị khôi phục từ bản sao lưu.",
    })


def read_marker(data_dir: Path) -> dict[str, object] | None:
    try:
        data = json.loads(marker_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # present but unreadable: still evidence
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    size: int


@dataclass
class Evidence:
    """What in the folder shows that a store existed."""

    marker_created: str | None = None  # None: no marker; "" : marker without a date
    backups: list[Backup] = field(default_factory=list)
    printed: int = 0
    draft: bool = False
    wal: bool = False

    def any(self) -> bool:
        return (self.marker_created is not None or bool(self.backups) or self.printed > 0
                or self.draft or self.wal)


def find_backups(data_dir: Path) -> list[Backup]:
    """Copies in ``backups/``, newest first (by the time the file was written)."""
    found = []
    for path in backups_dir(data_dir).glob("*.sqlite3"):
        try:
            st = path.stat()
        except OSError:
            continue
        if st.st_size > 0:
            # Vietnam time, as every time the desk shows (the marker's too), whatever the
            # PC's own time zone
            taken = datetime.fromtimestamp(st.st_mtime, VN_TZ).replace(tzinfo=None)
            found.append(Backup(path, taken, st.st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def gather_evidence(data_dir: Path) -> Evidence:
    marker = read_marker(data_dir)
    created = None if marker is None else str(marker.get("created_at") or "")
    printed = sum(1 for _ in (data_dir / "printed").rglob("*.pdf")) \
        if (data_dir / "printed").is_dir() else 0
    draft = (data_dir / "drafts" / "intake-draft.json").exists()
    wal = database_path(data_dir).with_name(database_path(data_dir).name + "-wal")
    wal_used = wal.exists() and wal.stat().st_size > 0
    return Evidence(created, find_backups(data_dir), printed, draft, wal_used)


def backup_is_sound(path: Path) -> bool:
    """The copy passes ``quick_check`` and is a desk store (it has a schema revision)."""
    if quick_check(path, immutable=True):
        return False
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def newest_sound_backup(backups: list[Backup]) -> tuple[Backup | None, list[Backup]]:
    """The newest backup that passes the check, and the newer ones that did not."""
    damaged: list[Backup] = []
    for backup in backups:
        if backup_is_sound(backup.path):
            return backup, damaged
        log.warning("backup %s fails quick_check: not offered", backup.path)
        damaged.append(backup)
    return None, damaged


def problem_params(data_dir: Path, evidence: Evidence) -> dict[str, object]:
    """What the start-up dialog says and offers (plain data; the GUI words it)."""
    good, damaged = newest_sound_backup(evidence.backups)
    return {
        "folder": str(data_dir),
        "file": database_path(data_dir).name,
        "marker_created": evidence.marker_created,
        "backups": len(evidence.backups),
        "printed": evidence.printed,
        "draft": evidence.draft,
        "backup": str(good.path) if good else "",
        "backup_at": good.taken_at.isoformat(timespec="minutes") if good else "",
        "damaged_backups": [b.path.name for b in damaged],
    }


def check_not_gone(data_dir: Path) -> None:
    """Refuse to start a new store where one existed: raise ``store_missing`` or
    ``store_empty`` when the data file is absent or zero-length and the folder shows a store."""
    db = database_path(data_dir)
    try:
        size = db.stat().st_size
    except FileNotFoundError:
        size = None
    if size:  # a file with content: its soundness is the check's business
        return
    evidence = gather_evidence(data_dir)
    if not evidence.any():
        return  # a new folder (or a first start that died at once): nothing to lose
    params = problem_params(data_dir, evidence)
    if size is None:
        raise StoreProblemError("store_missing", f"{db} is missing", **params)
    raise StoreProblemError("store_empty", f"{db} is empty (0 bytes)", **params)


def _stamp() -> str:
    return file_stamp(micro=True)


def keep_aside(data_dir: Path, label: str) -> list[Path]:
    """Move the data file and its ``-wal``/``-shm`` to ``aside/`` (kept, never deleted)."""
    db = database_path(data_dir)
    moved = []
    stamp = _stamp()
    for suffix in ("", *_SIDE_FILES):
        src = db.with_name(db.name + suffix)
        if not src.exists():
            continue
        dest = aside_dir(data_dir) / f"{db.stem}-{label}-{stamp}{db.suffix}{suffix}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
        moved.append(dest)
    if moved:
        fsync_dir(data_dir)
        fsync_dir(aside_dir(data_dir))
        log.warning("data file moved aside: %s", ", ".join(str(p) for p in moved))
    return moved


def restore(data_dir: Path, backup: Path) -> list[Path]:
    """Put a checked copy of ``backup`` in place of the data file; returns what was moved
    aside. Raises ``backup_damaged`` (nothing changed) when the copy fails the check."""
    db = database_path(data_dir)
    staging = db.with_name(db.name + ".restoring")
    try:
        shutil.copyfile(backup, staging)
        with open(staging, "rb+") as fh:
            os.fsync(fh.fileno())
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise diagnose(exc, data_dir) from exc
    problems = quick_check(staging)
    for suffix in ("-wal", "-shm"):  # left by the check's read-only connection: empty, ours
        staging.with_name(staging.name + suffix).unlink(missing_ok=True)
    if problems:
        staging.unlink()  # our own copy of a bad backup; the backup itself stays
        raise StoreProblemError("backup_damaged", "; ".join(problems[:3]),
                                backup=str(backup), folder=str(data_dir))
    moved = keep_aside(data_dir, "before-restore")
    os.replace(staging, db)
    fsync_dir(data_dir)
    check_failed_path(data_dir).unlink(missing_ok=True)
    log.warning("data file restored from %s", backup)
    return moved


def start_new(data_dir: Path) -> list[Path]:
    """An explicit new, empty store: the old file (if any) goes aside, a new marker follows."""
    moved = keep_aside(data_dir, "before-new")
    for path in (marker_path(data_dir), check_failed_path(data_dir)):
        if path.exists():
            aside_dir(data_dir).mkdir(exist_ok=True)
            os.replace(path, aside_dir(data_dir) / f"{path.stem}-before-new-{_stamp()}.json")
    return moved


def note_check_failed(data_dir: Path, problems: list[str], now: datetime) -> None:
    """Remember a failed check: the next start checks before opening, and says so."""
    try:
        write_json_durably(check_failed_path(data_dir), {
            "at": now.isoformat(timespec="seconds"), "problems": problems[:20]})
    except OSError:
        log.exception("could not record the failed store check")


def check_failed_before(data_dir: Path) -> bool:
    return check_failed_path(data_dir).exists()

