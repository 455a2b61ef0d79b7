"""The sync of scanned files through faults, end to end: real desks, the real hub process on
PostgreSQL, the fault-injecting proxy between them. Every file arrives once, byte-identical
(the SHA-256 of the hub's copy is the desk's), whatever the line or the hub does; and a large
file never holds back the events written behind it."""

from __future__ import annotations

import time
import uuid as uuid_mod
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.clock import FixedClock
from desk_app.services import scans
from desk_app.sync import files as desk_files
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from desk_app.sync.worker import SyncWorker
from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.scanning.conftest import clerk_id, received
from tests.sync.conftest import HubServer, Postgres
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers_sync import activity, assert_hub_holds_desk
from tests.sync.scan_docs import big_document, desk_hashes, files_of, hub_file, hub_holds, scanned
from tests.sync.servers import new_database, start_hub, stop

pytestmark = pytest.mark.slow
FILES = "/api/v1/files/"


def sync_all(desk, clock: FixedClock, *, budget: int = desk_files.BUDGET_BYTES,  # type: ignore[no-untyped-def]
             limit: int = 80) -> SyncWorker:
    """Run the worker until no event and no file is left and the last cycle succeeded."""
    worker = SyncWorker(desk.store, clock, timeout=2.0, base_backoff=0.01, max_backoff=0.05,
                        file_budget=budget)
    for _ in range(limit):
        worker.run_once()
        with desk.store.read() as s:
            if (worker.last_error is None and state.pending_count(s) == 0
                    and desk_files.pending_files(s) == 0):
                return worker
    raise AssertionError(f"sync did not finish: {worker.last_error}")


def three_files(desk, clock: FixedClock) -> set[str]:  # type: ignore[no-untyped-def]
    """A scanned component, its re-use for the citizen's next dossier, a 1.5 MB file."""
    _, _, card = scanned(desk.store, clock)
    again, comps = received(desk.store, clock)
    with desk.store.write() as s:
        scans.reuse(s, clock, clerk_id(desk.store), files_of(desk.store), again, comps[0],
                    card.id)
    big_document(desk.store, clock, 1_500_000)
    return desk_hashes(desk.store)


def test_cut_chunks_and_lost_acknowledgements_deliver_every_file_once(
        hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock) -> None:
    desk = make_desk()
    enrol_desk(desk.store, clock, proxy.url, hub_server.issue_code(desk.agency_code))
    shas = three_files(desk, clock)
    assert len(shas) == 2
    proxy.add(FILES, "pass", "cut_request", "pass", "drop_answer", "pass", "pass",
              "cut_request", "drop_answer", "status:503", "drop_answer", "stall:3",
              "cut_request")
    sync_all(desk, clock)
    assert proxy.pending_faults() == 0
    assert_hub_holds_desk(hub_server.engine, desk.store)
    hub_holds(hub_server.files, shas)
    assert proxy.count(FILES, "cut_request") == 3 and proxy.count(FILES, "drop_answer") == 3


@pytest.fixture
def restartable(postgres: Postgres, tmp_path: Path) -> Iterator[tuple[HubServer, list]]:
    """A hub process of its own (a database of its own), which the test may kill and start
    again on the same port; the list holds its current process."""
    url = new_database(postgres.url, f"files_{uuid_mod.uuid4().hex[:10]}")
    upgrade(url)
    engine = make_engine(url)
    with write(engine) as s:
        token = auth.make_admin_token(s, "tests", Clock().utc())
    files = tmp_path / "hub-files"
    proc, port = start_hub(url, workers=1, files=files)
    procs = [proc]
    try:
        yield HubServer(f"http://127.0.0.1:{port}", port, engine, token, files), procs
    finally:
        stop(procs[-1])
        engine.dispose()


@pytest.mark.requires_posix  # SIGKILL
def test_a_hub_killed_mid_file_comes_back_and_the_file_resumes(
        restartable, make_desk, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    hub, procs = restartable
    proxy = FaultProxy(hub.port)
    try:
        desk = make_desk()
        enrol_desk(desk.store, clock, proxy.url, hub.issue_code(desk.agency_code))
        shas = three_files(desk, clock)
        worker = SyncWorker(desk.store, clock, timeout=2.0, file_budget=600_000)
        assert worker.run_once() == 0.0  # files left over the budget: next cycle at once
        partial = list(hub.files.glob("c*/partial/*.part"))
        assert partial and partial[0].stat().st_size > 0
        procs[0].kill()  # SIGKILL: no goodbye
        procs[0].wait()
        worker.run_once()
        assert worker.last_error is not None and worker.last_error.code == "unreachable"
        proc, _ = start_hub(str(hub.engine.url.render_as_string(hide_password=False)),
                            workers=1, files=hub.files, port=hub.port)
        procs.append(proc)
        sync_all(desk, clock)
        hub_holds(hub.files, shas)
        assert_hub_holds_desk(hub.engine, desk.store)
    finally:
        proxy.close()


def test_events_behind_a_large_file_are_not_held_back(
        hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock) -> None:
    desk = make_desk()
    enrol_desk(desk.store, clock, proxy.url, hub_server.issue_code(desk.agency_code))
    big = big_document(desk.store, clock, 8_000_000)
    worker = SyncWorker(desk.store, clock, timeout=5.0, file_budget=1_000_000)
    assert worker.run_once() == 0.0  # the document's event went; the file has begun
    assert hub_file(hub_server.files, big) is None
    activity(desk.store, clock, 6)  # the counter goes on while the file travels
    worker.run_once()
    with desk.store.read() as s:
        assert state.pending_count(s) == 0  # the new events went in the next cycle ...
    assert hub_file(hub_server.files, big) is None  # ... while the file is still on its way
    assert_hub_holds_desk(hub_server.engine, desk.store)
    sync_all(desk, clock)
    hub_holds(hub_server.files, {big})


class _Cut(Exception):
    pass


def test_a_request_cut_half_way_keeps_the_whole_chunks_before_the_cut(
        hub_server: HubServer, make_desk, clock: FixedClock) -> None:
    """Several chunks go in one request (desk_files.Pace); the hub keeps each one as it
    arrives, so a line cut in the third chunk of a request costs that chunk only."""
    import hashlib

    from desk_app.sync.client import SyncClient
    from tests.sync.scan_docs import big_document

    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    sha = big_document(desk.store, clock, 1_000_000)
    SyncWorker(desk.store, clock, timeout=5.0, file_budget=1).run_once()  # event, one chunk
    with desk.store.read() as s:
        credential = state.active_enrolment(s).credential
    data = files_of(desk.store).read(sha)
    k = desk_files.CHUNK
    pieces = [data[k * i:k * (i + 1)] for i in (1, 2, 3)]

    def body() -> Iterator[bytes]:
        yield pieces[0]
        yield pieces[1]
        yield pieces[2][: k // 2]
        # bytes take time on a real line: the hub has read what came when the line goes (a
        # body still in uvicorn's buffer at the cut is dropped with the connection)
        time.sleep(1.0)
        raise _Cut  # the line goes: the client never sends the rest

    with SyncClient(hub_server.url, credential, timeout=5.0) as client:
        assert client.file_status(sha)["received"] == k
        with pytest.raises(Exception):  # noqa: B017 - whatever httpx makes of the cut
            client._http.put(f"/api/v1/files/{sha}", params={"offset": k}, content=body(),
                             headers={"Authorization": f"Bearer {credential}",
                                      "X-Chunk-Sha256": ",".join(
                                          hashlib.sha256(p).hexdigest() for p in pieces),
                                      "X-Chunk-Size": str(k)})
        assert client.file_status(sha)["received"] == 3 * k  # two whole chunks kept
    sync_all(desk, clock)
    hub_holds(hub_server.files, {sha})
