"""What the login window needs, read with bare sqlite3 before SQLAlchemy is imported.

Importing SQLAlchemy, the models and the services costs about half a second, and the login
window needs three facts only: the schema is the one this program knows, a clerk exists, and
the desk's name. :func:`glance` reads them from the data file without writing anything, so the
login window can be painted first and the store opened (migrations checked, the catalogue, the
background check) right after it (:mod:`desk_app.app`).

It answers only when the ordinary start would also end at the login window: a file that is
missing, empty, unreadable, at another schema, with a restore pending, with a check that failed
before, or without a commune or a clerk gets None, and the start goes the full way first.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desk_app.paths import database_path, migrations_dir
from desk_app.store import recovery

_REV = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.M)


@dataclass(frozen=True)
class Glance:
    desk_name: str


def head_revision(scripts: Path | None = None) -> str:
    """The newest revision in ``db/versions`` (the one nothing revises), read without Alembic;
    ``scripts``: another ``db/`` folder."""
    revs, downs = set(), set()
    for script in (scripts or migrations_dir()).glob("versions/*.py"):
        found = dict((k, v) for k, v in _REV.findall(script.read_text(encoding="utf-8")))
        if "revision" in found:
            revs.add(found["revision"])
        if "down_revision" in found:
            downs.add(found["down_revision"])
    heads = revs - downs
    assert len(heads) == 1, f"db/versions must have exactly one head, has {sorted(heads)}"
    return heads.pop()


def glance(data_dir: Path) -> Glance | None:
    """The login window's facts when nothing but the login window can come first, else None."""
    path = database_path(data_dir)
    try:
        if path.stat().st_size == 0:
            return None
        if any((data_dir / name).exists()
               for name in (recovery.PENDING_DB, recovery.PENDING_NOTE)):
            return None
        if recovery.check_failed_before(data_dir):
            return None
        # mode=rw: never creates a missing file; reading takes no write lock
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout={2000}")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        commune = conn.execute("SELECT name, desk_name FROM communes LIMIT 1").fetchone()
        clerk = conn.execute("SELECT 1 FROM clerks LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if revision is None or revision[0] != head_revision() or commune is None or clerk is None:
        return None
    return Glance(desk_name=commune[1] or "")
