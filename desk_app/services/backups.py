"""The admin's backups: where they go, the passphrase, how many are kept; making one (daily,
on exit, or now); and restoring one.

The passphrase is typed by the admin once and kept sealed with the desk's key (outside the data
folder, :mod:`desk_app.store.sealing`), so the daily and on-exit backups run unattended. On a
new PC (the old one died) the admin types it again to restore: the backup's key comes from the
passphrase alone.

A restore is staged, then finished at the next start, before the store is opened: the running
program cannot swap the file under its own connections. :func:`stage_restore` decrypts and
checks the backup into ``restore-pending.sqlite3`` in the data folder and says what it holds;
the program restarts; :func:`complete_pending_restore` moves the current store aside
(``aside/``, kept), puts the backup in its place and marks it ``sync.restored`` so the sync
reconciles with the province before sending anything. A start killed half-way finishes the
swap at the next start (the pending files stay until it is done).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.paths import database_path
from desk_app.scanning import backup_files
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.desk_settings import RESTORED, get_setting, set_setting
from desk_app.store import backup as bk
from desk_app.store import recovery, sealing
from desk_app.store.engine import Store
from desk_app.store.models import Commune

log = logging.getLogger(__name__)

SETTINGS = "backup.settings"  # {"folder", "keep", "passphrase" (sealed)}
LAST = "backup.last"  # {"at", "path", "error"}
PENDING_DB, PENDING_NOTE = recovery.PENDING_DB, recovery.PENDING_NOTE
PASSPHRASE_PURPOSE = "backup.passphrase"
DEFAULT_KEEP = 10
RESTART_EXIT = 75  # the program's exit code asking to be started again (a restore confirmed)
MAX_KEEP = 100


@dataclass(frozen=True)
class BackupSettings:
    folder: str = ""
    keep: int = DEFAULT_KEEP
    has_passphrase: bool = False
    last_at: str = ""
    last_path: str = ""
    last_error: str = ""


def backup_settings(session: Session) -> BackupSettings:
    value = get_setting(session, SETTINGS) or {}
    last = get_setting(session, LAST) or {}
    return BackupSettings(str(value.get("folder", "")), int(value.get("keep", DEFAULT_KEEP)),
                          bool(value.get("passphrase")), str(last.get("at", "")),
                          str(last.get("path", "")), str(last.get("error", "")))


def save_backup_settings(session: Session, clock: Clock, clerk_id: int, folder: str,
                         keep: int, passphrase: str, passphrase2: str) -> BackupSettings:
    """The folder, the generations kept and (when typed) a new passphrase; an empty
    passphrase keeps the one set before."""
    require(session, clerk_id, Action.SETTINGS)
    old = get_setting(session, SETTINGS) or {}
    errors: list[FieldError] = []
    folder = folder.strip()
    if not folder:
        errors.append(FieldError("folder", "required"))
    elif not Path(folder).is_absolute():
        errors.append(FieldError("folder", "folder_not_absolute"))
    if not 1 <= int(keep) <= MAX_KEEP:
        errors.append(FieldError("keep", "out_of_range"))
    sealed = old.get("passphrase")
    if passphrase or passphrase2 or not sealed:
        if len(passphrase) < bk.MIN_PASSPHRASE:
            errors.append(FieldError("passphrase", "too_short", {"min": bk.MIN_PASSPHRASE}))
        elif passphrase != passphrase2:
            errors.append(FieldError("passphrase2", "mismatch"))
        else:
            sealer = sealing.sealer_of(session.get_bind())  # type: ignore[arg-type]
            assert sealer is not None
            sealed = sealer.seal(passphrase, PASSPHRASE_PURPOSE)
    if errors:
        raise ValidationError(errors)
    set_setting(session, SETTINGS, {"folder": folder, "keep": int(keep), "passphrase": sealed})
    audit.record(session, clerk_id, "settings.backup", clock.now(),
                 change={"folder": folder, "keep": int(keep),
                         "new_passphrase": bool(passphrase)})  # never the passphrase
    log.info("backup settings: %s, keep %d, by clerk %s at %s", folder, keep, clerk_id,
             clock.now())
    return backup_settings(session)


def _plan(session: Session) -> dict[str, Any]:
    value = get_setting(session, SETTINGS) or {}
    sealer = sealing.sealer_of(session.get_bind())  # type: ignore[arg-type]
    passphrase = (sealer.open(value["passphrase"], PASSPHRASE_PURPOSE)
                  if sealer is not None and value.get("passphrase") else None)
    if not value.get("folder") or not passphrase:
        raise KnownError("backup_not_set", "no backup folder or passphrase")
    commune = session.scalars(select(Commune).limit(1)).one()
    return {"folder": Path(value["folder"]), "keep": int(value.get("keep", DEFAULT_KEEP)),
            "passphrase": passphrase, "agency": commune.agency_code, "commune": commune.name}


def backup_due(session: Session, now: datetime) -> bool:
    """Set up, and no backup made today yet (the daily one)."""
    value = get_setting(session, SETTINGS) or {}
    if not value.get("folder") or not value.get("passphrase"):
        return False
    last = (get_setting(session, LAST) or {}).get("ok_at")
    return not last or datetime.fromisoformat(last).date() < now.date()


def run_backup(store: Store, clock: Clock, reason: str,
               clerk_id: int | None = None) -> bk.BackupFile:
    """Make, verify and rotate one backup (``clerk_id`` None: the daily or on-exit one)."""
    with store.read() as session:
        if clerk_id is not None:
            require(session, clerk_id, Action.SETTINGS)
        plan = _plan(session)
    now = clock.now()
    try:
        made = bk.make_backup(store.path, plan["folder"], plan["passphrase"], now=now,
                              agency=plan["agency"], commune=plan["commune"], reason=reason,
                              keep=plan["keep"], data_dir=store.path.parent)
    except KnownError as exc:
        with store.write(gated=False) as session:
            last = dict(get_setting(session, LAST) or {})
            set_setting(session, LAST, {**last, "at": now.isoformat(), "error": exc.code})
        raise
    with store.write(gated=False) as session:
        set_setting(session, LAST, {"at": now.isoformat(), "ok_at": now.isoformat(),
                                    "path": str(made.path), "error": ""})
    return made


# -- restore -------------------------------------------------------------------------------------

def stage_restore(store: Store, clerk_id: int, backup: Path, passphrase: str) -> bk.BackupSummary:
    """Decrypt and check ``backup`` beside the store, to be put in place at the next start;
    returns what it holds. Nothing changes in the store."""
    with store.read() as session:
        require(session, clerk_id, Action.SETTINGS)
    data_dir = store.path.parent
    pending = data_dir / PENDING_DB
    pending.unlink(missing_ok=True)
    try:
        summary = bk.read_backup(backup, passphrase, pending)
        # the scanned documents it names, back into the data folder now: content-addressed
        # and never changed, they are only orphans until the restored store is in place
        put, missing = backup_files.restore_files(pending, data_dir, backup.parent, passphrase)
    except Exception:
        pending.unlink(missing_ok=True)
        raise
    if put or missing:
        log.warning("restore: %d scanned documents put back, %d not in the backup folder",
                    put, len(missing))
    return summary


def confirm_restore(store: Store, clerk_id: int, backup: Path, summary: bk.BackupSummary,
                    now: datetime) -> None:
    """The admin saw what the backup holds and chose to restore it: noted for the next start."""
    with store.read() as session:
        require(session, clerk_id, Action.SETTINGS)
    note = {"backup": str(backup), "backup_at": summary.made_at.isoformat(),
            "clerk": clerk_id, "at": now.isoformat()}
    recovery.write_json_durably(store.path.parent / PENDING_NOTE, note)


def cancel_restore(data_dir: Path) -> None:
    for name in (PENDING_DB, PENDING_NOTE):
        (data_dir / name).unlink(missing_ok=True)


def complete_pending_restore(data_dir: Path, now: datetime) -> list[Path]:
    """At start, before the store opens: put a confirmed staged backup in place (the current
    store moved aside); returns what was moved aside ([] when nothing was pending)."""
    note_path, pending = data_dir / PENDING_NOTE, data_dir / PENDING_DB
    if not note_path.exists():
        if pending.exists():  # staged, never confirmed (a read-only folder has neither)
            pending.unlink()
        return []
    note = json.loads(note_path.read_text(encoding="utf-8"))
    if not pending.exists():
        note_path.unlink()  # said once: the next start opens the store as it is
        if database_path(data_dir).exists() and _restored_mark(database_path(data_dir)):
            return []  # a start killed after the swap: done already
        raise KnownError("restore_lost", "the staged backup is gone", path=str(pending))
    conn = sqlite3.connect(pending)
    try:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                     (RESTORED, json.dumps({"at": now.isoformat(), "backup": note["backup"],
                                            "backup_at": note["backup_at"],
                                            "clerk": note.get("clerk")})))
        conn.commit()
    finally:
        conn.close()
    moved = recovery.restore(data_dir, pending)
    pending.unlink(missing_ok=True)
    note_path.unlink()
    log.warning("restored the backup %s (made %s); the store replaced is kept in %s",
                note["backup"], note["backup_at"], moved[0] if moved else "-")
    return moved


def _restored_mark(db: Path) -> bool:
    try:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("SELECT 1 FROM settings WHERE key = ?",
                                (RESTORED,)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def audit_restore(session: Session, now: datetime) -> bool:
    """The restore in the restored store's own audit log, once (at the first open after it:
    the backup may predate the audit log's table, made by the migration)."""
    mark = restored_since(session)
    if mark is None or mark.get("audited"):
        return False
    clerk = mark.get("clerk")
    audit.record(session, clerk if isinstance(clerk, int) else None, "backup.restore", now,
                 change={"backup": mark.get("backup"), "backup_at": mark.get("backup_at")})
    set_setting(session, RESTORED, {**mark, "audited": True})
    return True


def restored_since(session: Session) -> dict[str, Any] | None:
    """The mark of a restore not yet reconciled with the province (None when there is none)."""
    value = get_setting(session, RESTORED)
    return value if isinstance(value, dict) else None



def exit_backup(store: Store, clock: Clock) -> bk.BackupFile | None:
    """The backup made when the program closes (when backups are set up); a failure is logged
    and kept for the admin's dialog, never in the way of closing."""
    with store.read() as session:
        settings = backup_settings(session)
    if not settings.folder or not settings.has_passphrase:
        return None
    try:
        return run_backup(store, clock, "exit")
    except KnownError as exc:
        log.warning("the backup on exit failed: %s (%s)", exc.code, exc)
        return None
