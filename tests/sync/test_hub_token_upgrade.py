"""Admin tokens made before tokens expired (hub revision 0001) keep working for 30 days after
the upgrade that gave them a lifetime, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import uuid as uuid_mod
import warnings
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from province_hub import auth
from province_hub.app import create_app
from province_hub.clock import Clock
from province_hub.db import make_engine
from province_hub.migrate import config, upgrade
from province_hub.models import AdminToken
from tests.sync.servers import new_database

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx still works here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def test_tokens_made_before_expiry_existed_keep_30_days_after_the_upgrade(
    postgres_or_sqlite_url: str
) -> None:
    from alembic import command
    from sqlalchemy import text

    url = postgres_or_sqlite_url
    command.upgrade(config(url), "0001")
    engine = make_engine(url)
    made = Clock().utc() - timedelta(days=400)
    with engine.begin() as c:  # as the hub of revision 0001 made it
        c.execute(text("INSERT INTO admin_tokens (name, token_hash, created_at, revoked) "
                       "VALUES ('cũ', :h, :t, false)"), {"h": auth.digest("s3cret"), "t": made})
    before = Clock().utc()
    upgrade(url)
    after = Clock().utc()
    with engine.connect() as c:
        token_id, expires = c.execute(select(AdminToken.id, AdminToken.expires_at)).one()
    engine.dispose()
    assert before + timedelta(days=30) <= expires <= after + timedelta(days=30)
    with TestClient(create_app(url)) as client:
        r = client.get("/api/v1/admin/summary",
                       headers={"Authorization": f"Bearer adm.{token_id}.s3cret"})
        assert r.status_code == 200, r.text
        client.app.state.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param(
    "postgresql", marks=[pytest.mark.slow, pytest.mark.requires_postgresql])])
def postgres_or_sqlite_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite3'}"
    pg = request.getfixturevalue("postgres")
    return new_database(pg.url, f"old_{uuid_mod.uuid4().hex[:10]}")
