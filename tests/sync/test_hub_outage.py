"""The hub when its database goes away and when a client goes away mid-request.

The hub (a uvicorn process, one worker, so the same connection pool serves every call) on its
own PostgreSQL cluster, which the tests stop and start:

* after a database restart the next call is served (the pool's connections died with the old
  server; each is checked when taken), never a 500;
* while the database is down, a call that needs it is answered 503 ``hub_unavailable`` with
  ``Retry-After`` (the desk's client then retries later), and ``/healthz`` still answers;
* a client that drops its upload halfway is no error of the hub's: nothing at ERROR level and
  no traceback in the hub's log.
"""

from __future__ import annotations

import json
import socket
import time
import uuid as uuid_mod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from desk_app.sync import protocol as p
from desk_app.sync.client import SyncClient, Unreachable
from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.sync.servers import Cluster, running_cluster, start_hub, stop
from tests.sync.test_hub_edge import intake

pytestmark = pytest.mark.slow


@dataclass
class Outage:
    cluster: Cluster
    url: str
    port: int
    credential: str
    agency: str
    log: Path

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, timeout=20,
                         headers={"Authorization": f"Bearer {self.credential}"})

    def push(self, n: int = 1) -> httpx.Response:
        return httpx.post(self.url + p.API + "/push", timeout=20,
                          json={"protocol": 1, "events": [intake(self.agency)
                                                          for _ in range(n)]},
                          headers={"Authorization": f"Bearer {self.credential}"})

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def outage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outage]:
    with running_cluster() as cluster:
        url = cluster.create("outage")
        upgrade(url)
        engine = make_engine(url)
        agency = "000.00.77.H77"
        with write(engine) as s:
            code = auth.issue_code(s, agency, "Xã mất điện", Clock().utc())
        with write(engine) as s:
            credential = auth.enrol(s, code, agency, str(uuid_mod.uuid4()), "Máy 1",
                                    Clock().utc())[2]
        engine.dispose()
        log = tmp_path_factory.mktemp("outage") / "hub.log"
        proc, port = start_hub(url, workers=1, log=log)
        try:
            yield Outage(cluster, f"http://127.0.0.1:{port}", port, credential, agency, log)
        finally:
            stop(proc)


def test_after_a_database_restart_the_next_call_is_served(outage: Outage) -> None:
    assert outage.get(p.API + "/desk").status_code == 200  # the pool holds a connection now
    assert outage.push(3).json()["stored"] == 3
    outage.cluster.stop("fast")
    outage.cluster.start()
    r = outage.get(p.API + "/desk")
    assert r.status_code == 200, f"{r.status_code} {r.text[:300]}"
    r = outage.push(2)
    assert r.status_code == 200 and r.json()["stored"] == 2, r.text[:300]


def test_while_the_database_is_down_the_hub_answers_503_and_the_desk_waits(
    outage: Outage
) -> None:
    assert outage.get(p.API + "/desk").status_code == 200
    outage.cluster.stop("immediate")
    try:
        for call in (lambda: outage.get(p.API + "/desk"), lambda: outage.get(p.API + "/pull"),
                     lambda: outage.push(2)):
            r = call()
            assert r.status_code == 503, f"{r.status_code} {r.text[:300]}"
            assert r.json()["error"] == "hub_unavailable"
            assert r.headers["retry-after"].isdigit()
            assert r.headers[p.HEADER_HUB_PROTOCOL] == str(p.PROTOCOL_VERSION)
        assert httpx.get(outage.url + "/healthz", timeout=10).status_code == 200
        # the desk's client reads it as "the province cannot serve now": retried later
        with SyncClient(outage.url, outage.credential) as client:
            with pytest.raises(Unreachable) as info:
                client.push([intake(outage.agency)])
        assert info.value.code == "hub_unavailable"
    finally:
        outage.cluster.start()
    r = outage.push(1)
    assert r.status_code == 200 and r.json()["stored"] == 1, r.text[:300]
    assert "Traceback" not in outage.log_text()


def _cut_upload(port: int, credential: str) -> None:
    """Announce a 200 KB push, send 2 KB of it, and hang up."""
    body = json.dumps({"protocol": 1, "events": []}).encode() + b" " * 2000
    head = (f"POST {p.API}/push HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {credential}\r\nContent-Type: application/json\r\n"
            f"Content-Length: 200000\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head + body)
        time.sleep(0.2)  # the hub is reading the body when the client goes


def test_a_client_that_drops_its_upload_is_no_error_of_the_hubs(outage: Outage) -> None:
    before = len(outage.log_text())
    for _ in range(5):
        _cut_upload(outage.port, outage.credential)
    time.sleep(1.0)
    assert httpx.get(outage.url + "/healthz", timeout=10).status_code == 200
    assert outage.push(1).json()["stored"] == 1
    added = outage.log_text()[before:]
    assert "Traceback" not in added and "ERROR" not in added, added[:2000]
