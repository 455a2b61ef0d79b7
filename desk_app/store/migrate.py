"""Schema migrations at start-up (Alembic scripts in ``db/``).

Order: read the database's revision; refuse a revision this program does not know (a newer
desk_app wrote it); if an upgrade is due, copy the file aside with SQLite's online backup API;
then upgrade to head. A brand-new file is simply created at head.

Alembic (and the Mako/Pygments it pulls in) costs about a third of a second to import, so the
common case - the database already at head - is decided by reading the revision ids straight
from ``db/versions/*.py`` and Alembic is imported only when there is work to do.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desk_app.clock import file_stamp
from desk_app.errors import SchemaTooNewError
from desk_app.paths import migrations_dir
from desk_app.store import glance
from desk_app.store.engine import Store

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            if "no such table" not in str(exc):
                raise  # the file could not be read at all: the caller says why
            return None  # no table yet: a new, empty file


def head_revision() -> str:
    """The newest revision in the migrations folder (:func:`desk_app.store.glance.head_revision`)."""
    return glance.head_revision(migrations_dir())


def backup_file(store: Store, dest_dir: Path, label: str) -> Path:
    """A consistent copy of the live database (WAL included) in ``dest_dir``."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = file_stamp()
    dest = dest_dir / f"{store.path.stem}-{label}-{stamp}.sqlite3"
    src = sqlite3.connect(store.path)
    try:
        dst = sqlite3.connect(dest)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return dest


def migrate(store: Store, backups: Path) -> str | None:
    """Bring the store to the newest schema; returns the backup path made, if any."""
    current = current_revision(store)
    if current is not None and current == head_revision():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            "schema_too_new",
            f"database schema {current} is newer than this program knows (head {head})",
            revision=current,
            head=head,
        )
    if current == head:
        return None
    backup = None
    if current is not None:
        backup = str(backup_file(store, backups, f"before-{head}"))
        log.info("database copied to %s before migrating %s -> %s", backup, current, head)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
