"""Migrations at start-up, the schema check, and the Qt-free core."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.errors import SchemaTooNewError
from desk_app.paths import database_path
from desk_app.store import migrate as migrate_mod
from desk_app.store.engine import Store
from desk_app.store.schema import metadata
from tests.helpers import upgrade_release

ROOT = Path(__file__).resolve().parent.parent


def _not_fts(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("dossier_fts"))


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _not_fts})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_newer_schema_is_refused(data_dir: Path, clock: FixedClock) -> None:
    db = sqlite3.connect(database_path(data_dir))
    db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.commit()
    db.close()
    with pytest.raises(SchemaTooNewError) as info:
        open_store(data_dir, clock)
    assert info.value.params["revision"] == "9999"


def test_upgrade_copies_the_file_aside_first(
    data_dir: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new release with one more migration: the old file is backed up, then upgraded."""
    head = upgrade_release(tmp_path, monkeypatch)
    store = open_store(data_dir, clock)
    store.dispose()
    backups = list((data_dir / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    assert old.execute("SELECT count(*) FROM procedures").fetchone()[0] >= 40
    old.close()
    new = sqlite3.connect(database_path(data_dir))
    assert new.execute("SELECT version_num FROM alembic_version").fetchone() == ("9000",)
    assert "note" in [r[1] for r in new.execute("PRAGMA table_info(settings)")]
    new.close()


def test_core_imports_without_pyside6() -> None:
    """The domain, store, services, printing and sync layers must not need Qt."""
    code = textwrap.dedent('''
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 is blocked in this test")
        sys.meta_path.insert(0, Block())
        import desk_app
        skip = ("desk_app.gui", "desk_app.app", "desk_app.__main__")
        names = []
        for mod in pkgutil.walk_packages(desk_app.__path__, "desk_app."):
            if not mod.name.startswith(skip):
                importlib.import_module(mod.name)
                names.append(mod.name)
        assert "PySide6" not in sys.modules
        print(len(names))
    ''')
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 20


def test_fast_head_matches_alembic() -> None:
    """The start-up shortcut reads revision ids from the files; it must agree with Alembic."""
    from alembic.script import ScriptDirectory

    alembic_head = ScriptDirectory.from_config(migrate_mod.alembic_config()).get_current_head()
    assert migrate_mod.head_revision() == alembic_head
