"""Schema migrations at start-up (Alembic scripts in ``db/``).

Order: read the database's revision; refuse a revision this program does not know (a newer
desk_app wrote it); if an upgrade is due, copy the file aside with SQLite's online backup API;
then upgrade to head. A brand-new file is simply created at head.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from desk_app.errors import SchemaTooNewError
from desk_app.paths import migrations_dir
from desk_app.store.engine import Store

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "db/versions has no migration"
    return head


def backup_file(store: Store, dest_dir: Path, label: str) -> Path:
    """A consistent copy of the live database (WAL included) in ``dest_dir``."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
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
    cfg = alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    current = current_revision(store)
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
