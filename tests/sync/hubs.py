"""The in-process hub on SQLite and on a fresh PostgreSQL database (``slow``): for tests whose
SQL differs between the two (JSON paths, locks). Import ``hub`` into a test module to run its
tests on both."""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.conftest import LocalHub, local_hub
from tests.sync.servers import new_database


@pytest.fixture(params=["sqlite", pytest.param(
    "postgresql", marks=[pytest.mark.slow, pytest.mark.requires_postgresql])])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalHub]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    else:
        pg = request.getfixturevalue("postgres")
        url = new_database(pg.url, f"hub_{uuid_mod.uuid4().hex[:10]}")
    yield from local_hub(url)
