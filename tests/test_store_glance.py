"""The login window's three facts read with bare sqlite3 before the store opens (issue 14):
an answer only when the ordinary start would also end at the login window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_app.paths import database_path
from desk_app.services import backups
from desk_app.store import recovery
from desk_app.store.engine import Store
from desk_app.store.glance import glance, head_revision


def test_a_set_up_desk_with_a_clerk_goes_to_the_login_window(data_dir: Path) -> None:
    seen = glance(data_dir)
    assert seen is not None and seen.desk_name == "Bộ phận tiếp nhận và trả kết quả"


def test_anything_else_takes_the_full_start(data_dir: Path, store: Store,
                                            tmp_path: Path) -> None:
    store.dispose()
    conn = sqlite3.connect(database_path(data_dir))
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    assert glance(data_dir) is None  # another schema: migrations or a refusal first
    conn.execute("UPDATE alembic_version SET version_num = ?", (head_revision(),))
    conn.commit()
    assert glance(data_dir) is not None
    for name in (backups.PENDING_NOTE, backups.PENDING_DB, recovery.CHECK_FAILED_NAME):
        (data_dir / name).write_text("{}")
        assert glance(data_dir) is None  # a restore to finish, a file to check first
        (data_dir / name).unlink()
    conn.execute("DELETE FROM clerks")
    conn.commit()
    assert glance(data_dir) is None  # no clerk yet: the first-run dialog
    conn.execute("DELETE FROM communes")
    conn.commit()
    conn.close()
    assert glance(data_dir) is None  # no commune: the set-up wizard
    empty = tmp_path / "empty"
    empty.mkdir()
    assert glance(empty) is None and not database_path(empty).exists()  # never created
    database_path(empty).write_bytes(b"")
    assert glance(empty) is None
