"""A data folder written by a newer program: the start says so in Vietnamese and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk_app import app
from desk_app.paths import database_path

pytestmark = pytest.mark.gui


def test_newer_schema_is_refused_with_a_message(
    qapp: object, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite3.connect(database_path(data_dir))
    db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.commit()
    db.close()
    before = database_path(data_dir).read_bytes()
    assert app.main(["--data-dir", str(data_dir), "--smoke"]) == 2
    err = capsys.readouterr().err
    assert "phiên bản mới hơn" in err and "9999" in err
    assert database_path(data_dir).read_bytes() == before
    assert not (data_dir / "backups").exists()
