"""The hub's files API against a desk that does not play by the rules, or a line that
mangles requests: the real hub process (2 workers) on PostgreSQL, raw HTTP. Whatever is
sent, the hub keeps only whole chunks that match their hash at the length it holds, serves
no bytes to a desk, and the file it names is the desk's, byte for byte."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import httpx
import pytest

from desk_app.clock import FixedClock
from desk_app.sync import files as desk_files
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from desk_app.sync.worker import SyncWorker
from tests.sync.conftest import HubServer
from tests.sync.scan_docs import big_document, files_of, hub_holds

pytestmark = pytest.mark.slow
K = desk_files.CHUNK


def _h(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


@pytest.fixture
def opened() -> Iterator[list[httpx.Client]]:
    """The test's HTTP clients, closed at its end."""
    clients: list[httpx.Client] = []
    yield clients
    for c in clients:
        c.close()


def _desk(hub: HubServer, make_desk, clock: FixedClock, nbytes: int,  # type: ignore[no-untyped-def]
          opened: list[httpx.Client]):
    """A desk enrolled at the hub whose document (``nbytes``) was declared, no byte sent."""
    desk = make_desk()
    enrol_desk(desk.store, clock, hub.url, hub.issue_code(desk.agency_code))
    sha = big_document(desk.store, clock, nbytes)
    SyncWorker(desk.store, clock, timeout=5.0, file_budget=0).run_once()
    with desk.store.read() as s:
        credential = state.active_enrolment(s).credential
    http = httpx.Client(base_url=hub.url, timeout=10.0,
                        headers={"Authorization": f"Bearer {credential}"})
    opened.append(http)
    return desk, sha, files_of(desk.store).read(sha), http


def _put(http: httpx.Client, sha: str, offset: int, body: bytes, hashes: list[str],
         size: int | None = None) -> httpx.Response:
    headers = {"X-Chunk-Sha256": ",".join(hashes)}
    if size is not None:
        headers["X-Chunk-Size"] = str(size)
    return http.put(f"/api/v1/files/{sha}", params={"offset": offset}, content=body,
                    headers=headers)


def _held(http: httpx.Client, sha: str) -> int:
    r = http.get(f"/api/v1/files/{sha}")
    assert r.status_code == 200, r.text
    return int(r.json()["received"])


def test_another_communes_desk_learns_nothing_and_sends_nothing(
        hub_server: HubServer, make_desk, clock: FixedClock,  # type: ignore[no-untyped-def]
        opened: list[httpx.Client]) -> None:
    _, sha, data, _http = _desk(hub_server, make_desk, clock, 300_000, opened)
    _, _, _, other = _desk(hub_server, make_desk, clock, 1000, opened)
    assert other.get(f"/api/v1/files/{sha}").json()["error"] == "unknown_file"
    assert other.post("/api/v1/files/status", json={"files": [sha]}).json()["files"] == []
    r = _put(other, sha, 0, data[:K], [_h(data[:K])])
    assert (r.status_code, r.json()["error"]) == (404, "unknown_file")
    assert not list(hub_server.files.glob(f"c*/partial/{sha}.part"))


def test_chunks_that_are_not_what_the_headers_say(
        hub_server: HubServer, make_desk, clock: FixedClock,  # type: ignore[no-untyped-def]
        opened: list[httpx.Client]) -> None:
    desk, sha, data, http = _desk(hub_server, make_desk, clock, 3 * K + 1000, opened)
    one, two, three = data[:K], data[K:2 * K], data[2 * K:3 * K]
    # X-Chunk-Size says 100 bytes: the first "chunk" is not its hash; nothing kept
    r = _put(http, sha, 0, one + two, [_h(one), _h(two)], size=100)
    assert (r.status_code, r.json()["error"]) == (400, "chunk_hash_mismatch")
    assert _held(http, sha) == 0
    # more hashes than the body carries: the whole chunks that came are kept, then refused
    r = _put(http, sha, 0, one + two, [_h(one), _h(two), _h(three)], size=K)
    assert (r.status_code, r.json()["error"]) == (400, "bad_chunk")
    assert _held(http, sha) == 2 * K
    # a body longer than its chunks: the chunks before are kept, the extra refused
    r = _put(http, sha, 2 * K, three + b"extra", [_h(three)])
    assert r.status_code == 400
    assert _held(http, sha) == 2 * K
    # an offset past the end, before what is held, negative
    for offset in (10 * K, K, -1):
        r = _put(http, sha, offset, three, [_h(three)])
        assert r.status_code in (409, 422), (offset, r.text)
    assert _held(http, sha) == 2 * K
    # bytes past the declared size
    tail = data[2 * K:] + b"more"
    r = _put(http, sha, 2 * K, tail, [_h(tail)])
    assert (r.status_code, r.json()["error"]) == (400, "beyond_size")
    # no bytes: refused
    r = _put(http, sha, 2 * K, b"", [_h(b"")])
    assert r.status_code == 400
    # the rest, right: the file is the desk's, byte for byte
    r = _put(http, sha, 2 * K, data[2 * K:], [_h(data[2 * K:])])
    assert r.status_code == 200 and r.json()["complete"] is True
    hub_holds(hub_server.files, {sha})
    # once held, the same offset again is answered complete (a lost answer), nothing changes
    r = _put(http, sha, 0, b"x" * 10, [_h(b"x" * 10)])
    assert r.status_code == 200 and r.json()["complete"] is True
    hub_holds(hub_server.files, {sha})
    assert desk is not None


@pytest.mark.parametrize("name", ["..%2F..%2Fetc%2Fpasswd", "a" * 64 + "%0A", "A" * 64,
                                  "a" * 63, "a" * 64 + ".pdf", "%2E%2E", "a" * 65])
def test_a_name_that_is_not_a_sha256(hub_server: HubServer, make_desk,  # type: ignore[no-untyped-def]
                                     clock: FixedClock, opened: list[httpx.Client],
                                     name: str) -> None:
    _, _, _, http = _desk(hub_server, make_desk, clock, 1000, opened)
    for method in ("GET", "PUT"):
        r = http.request(method, f"/api/v1/files/{name}", content=b"x",
                         headers={"X-Chunk-Sha256": _h(b"x")})
        assert r.status_code in (404, 405, 422), (method, name, r.status_code)
    assert not [p for p in hub_server.files.rglob("*") if p.is_file()
                and not p.name.endswith((".pdf", ".part", ".lock"))]


def test_two_connections_sending_the_same_file_at_once(
        hub_server: HubServer, make_desk, clock: FixedClock,  # type: ignore[no-untyped-def]
        opened: list[httpx.Client]) -> None:
    """Two workers of the hub, two connections putting the same chunks at the same offsets:
    one is taken at each length, the other refused, and the file is whole and right."""
    _, sha, data, http = _desk(hub_server, make_desk, clock, 16 * K, opened)
    http2 = httpx.Client(base_url=hub_server.url, timeout=10.0, headers=dict(http.headers))
    opened.append(http2)
    answers: list[int] = []

    def send(client: httpx.Client) -> None:
        at = 0
        for _ in range(40):
            if at >= len(data):
                return
            span = data[at:at + 4 * K]
            pieces = [span[i:i + K] for i in range(0, len(span), K)]
            r = _put(client, sha, at, span, [_h(p) for p in pieces], size=K)
            answers.append(r.status_code)
            at = _held(client, sha) if r.status_code != 200 else int(r.json()["received"])
            if r.status_code == 200 and r.json()["complete"]:
                return

    threads = [threading.Thread(target=send, args=(c,)) for c in (http, http2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert set(answers) <= {200, 409, 400}, answers
    hub_holds(hub_server.files, {sha})


def test_a_document_page_asked_for_with_a_name_that_is_not_a_uuid(
        hub_server: HubServer, make_desk, clock: FixedClock,  # type: ignore[no-untyped-def]
        opened: list[httpx.Client]) -> None:
    """Provincial staff (logged in) asking /tinh/tai-lieu/ for something that is not a
    document's uuid: "not found", never a server error (PostgreSQL refuses a NUL in a
    string) nor the document whose uuid only begins the name."""
    import re
    import uuid as uuid_mod

    from tests.sync.test_hub_staff import PASSWORD, make_staff

    desk, sha, data, http = _desk(hub_server, make_desk, clock, 1000, opened)
    r = _put(http, sha, 0, data, [_h(data)])
    assert r.json()["complete"] is True
    from sqlalchemy import select

    from province_hub.models import Document
    with hub_server.engine.connect() as c:
        uuid = c.scalar(select(Document.uuid).where(Document.sha256 == sha))
    username = "st" + uuid_mod.uuid4().hex[:8]
    make_staff(hub_server, username)  # type: ignore[arg-type]
    site = httpx.Client(base_url=hub_server.url, timeout=10.0, follow_redirects=False)
    opened.append(site)
    token = re.search(r'name="csrf" value="([^"]+)"', site.get("/tinh/dang-nhap").text)
    assert token is not None
    r = site.post("/tinh/dang-nhap", data={"csrf": token[1], "username": username,
                                           "password": PASSWORD})
    assert r.status_code == 303
    r = site.get(f"/tinh/tai-lieu/{uuid}")
    assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == sha
    for name in ("%00", f"{uuid}%00", f"{uuid}xyz", "%FF%FE", "x" * 300):
        r = site.get(f"/tinh/tai-lieu/{name}")
        assert r.status_code == 404, (name, r.status_code)
        assert b"%PDF" not in r.content
    assert desk is not None


def test_a_proxy_before_the_hub_that_takes_smaller_bodies(
        hub_server: HubServer, proxy, make_desk, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    """A province's reverse proxy refusing large bodies (nginx's client_max_body_size, 1 MB
    by default) answers 413 once the desk's requests grow (Pace doubles them on a fast
    line): the desk carries fewer chunks a request from then on, in the same cycle, instead
    of failing the cycle at every growth."""
    from tests.sync.test_files_faults import FILES, sync_all

    desk = make_desk()
    enrol_desk(desk.store, clock, proxy.url, hub_server.issue_code(desk.agency_code))
    sha = big_document(desk.store, clock, 6 * K)
    # the status call and one chunk pass; two chunks in one request are "too large"
    proxy.add(FILES, "pass", "pass", "status:413")
    worker = sync_all(desk, clock, limit=1)  # one run: no failed cycle
    assert worker.last_error is None
    hub_holds(hub_server.files, {sha})
    puts = [s for s in proxy.seen if s.path.startswith(FILES) and "offset=" in s.path]
    assert proxy.count(FILES, "status:413") == 1
    after = puts[puts.index(next(s for s in puts if s.fault == "status:413")) + 1:]
    assert after and all(s.request_bytes < K + 2048 for s in after)  # one chunk a request
    # the next cycles keep what was learnt: the worker's pace never grows past the limit again
    second = big_document(desk.store, clock, 6 * K, id_number="001090054322")
    seen = len(proxy.seen)
    for _ in range(10):
        worker.run_once()
        with desk.store.read() as s:
            if desk_files.pending_files(s) == 0:
                break
    assert worker.last_error is None
    hub_holds(hub_server.files, {sha, second})
    later = [s for s in proxy.seen[seen:] if s.path.startswith(FILES) and "offset=" in s.path]
    assert later and all(s.request_bytes < K + 2048 for s in later)
