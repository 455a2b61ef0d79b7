"""The in-process hub on SQLite and on a fresh PostgreSQL database (``slow``): for tests whose
SQL differs between the two (JSON paths, locks). Import ``hub`` into a test module to run its
tests on both."""

from __future__ import annotations

import uuid as uuid_mod
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from province_hub import auth
from province_hub.app import create_app, utcnow
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.sync.conftest import LocalHub
from tests.sync.servers import new_database

with warnings.catch_warnings():  # as in conftest: starlette nudges towards httpx2
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalHub]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    else:
        pg = request.getfixturevalue("postgres")
        url = new_database(pg.url, f"hub_{uuid_mod.uuid4().hex[:10]}")
    upgrade(url)
    engine = make_engine(url)
    with write(engine) as s:
        token = auth.make_admin_token(s, "test", utcnow())
    with TestClient(create_app(engine=engine), base_url="http://testserver") as client:
        yield LocalHub(engine, client, token)
    engine.dispose()
