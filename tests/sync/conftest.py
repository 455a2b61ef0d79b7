"""Fixtures of the sync tests.

* ``hub``: the hub in-process on a SQLite file, reached through its ASGI transport (fast);
* ``postgres``: a real PostgreSQL cluster (:mod:`tests.sync.pgcluster`), started once per
  session and stopped at the end;
* ``hub_server``: the real hub as a uvicorn process (2 workers) on loopback against it;
* ``make_desk``: a real desk data folder (a copy of the seeded template) for a new commune.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, update

from desk_app.paths import database_path
from desk_app.store.engine import Store
from desk_app.store.models import Commune
from province_hub import auth
from province_hub.app import create_app
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.sync.faultproxy import FaultProxy
from tests.sync.servers import cluster, pg_bin, start_hub, stop

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx still works here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from tests.sync.agency import new_agency_code


@dataclass
class Desk:
    data_dir: Path
    store: Store
    agency_code: str


@pytest.fixture
def make_desk(template_dir: Path, tmp_path: Path) -> Iterator[Callable[[], Desk]]:
    made: list[Desk] = []

    def _make() -> Desk:
        folder = tmp_path / f"desk{len(made)}"
        shutil.copytree(template_dir, folder)
        store = Store(database_path(folder))
        code = new_agency_code()
        with store.write() as s:
            s.execute(update(Commune).values(agency_code=code, name=f"Xã thử {code}"))
        desk = Desk(folder, store, code)
        made.append(desk)
        return desk

    yield _make
    for d in made:
        d.store.dispose()


# -- the hub in-process (SQLite) -------------------------------------------------------------

@dataclass
class LocalHub:
    engine: Engine
    client: TestClient
    admin: str
    files: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hub-files-")))

    @property
    def transport(self) -> httpx.BaseTransport:
        return self.client._transport

    def issue_code(self, agency_code: str) -> str:
        with write(self.engine) as s:
            return auth.issue_code(s, agency_code, f"Xã {agency_code}", Clock().utc())


def local_hub(url: str, files: Path | None = None) -> Iterator[LocalHub]:
    """The hub's app in-process on a migrated database at ``url``, with an admin token, its
    scanned files in ``files`` (else a fresh temporary folder)."""
    upgrade(url)
    engine = make_engine(url)
    with write(engine) as s:
        token = auth.make_admin_token(s, "test", Clock().utc())
    files = files or Path(tempfile.mkdtemp(prefix="hub-files-"))
    with TestClient(create_app(engine=engine, files_dir=files),
                    base_url="http://testserver") as client:
        yield LocalHub(engine, client, token, files)
    engine.dispose()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LocalHub]:
    yield from local_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")


# -- PostgreSQL and the hub as a process ------------------------------------------------------

@dataclass
class Postgres:
    url: str


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if pg_bin() is None:
        pytest.fail("PostgreSQL is missing: ./dev test installs tools/apt/test-sync.txt")
    with cluster() as url:
        yield Postgres(url)


@dataclass
class HubServer:
    url: str
    port: int
    engine: Engine
    admin: str
    files: Path

    def post(self, path: str, **kw: object) -> httpx.Response:
        return httpx.post(self.url + path, headers={"Authorization": f"Bearer {self.admin}"},
                          timeout=10, **kw)

    def issue_code(self, agency_code: str) -> str:
        r = self.post("/api/v1/admin/codes", json={"agency_code": agency_code,
                                                   "name": f"Xã {agency_code}"})
        r.raise_for_status()
        return r.json()["code"]


@pytest.fixture(scope="session")
def hub_server(postgres: Postgres) -> Iterator[HubServer]:
    upgrade(postgres.url)
    engine = make_engine(postgres.url)
    with write(engine) as s:
        token = auth.make_admin_token(s, "tests", Clock().utc())
    files = Path(tempfile.mkdtemp(prefix="hub-files-"))
    proc, port = start_hub(postgres.url, files=files)
    try:
        yield HubServer(f"http://127.0.0.1:{port}", port, engine, token, files)
    finally:
        stop(proc)
        engine.dispose()


@pytest.fixture
def proxy(hub_server: HubServer) -> Iterator[FaultProxy]:
    fp = FaultProxy(hub_server.port)
    yield fp
    fp.close()
