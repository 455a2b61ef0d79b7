"""The queue over the office LAN: a host store serving on loopback (a real port), counters
calling it over HTTP with the office key (desk_app/queue_lan). Real stores, real sockets.

Expected values by hand: the demo catalogue's fields, tickets numbered 1, 2, 3 ... by the host.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.gui import messages
from desk_app.paths import database_path
from desk_app.queue_lan.client import QueueClient
from desk_app.queue_lan.server import QueueServer
from desk_app.services import intake, queue, ratings
from desk_app.services.queue_host import link, set_link
from desk_app.services.ratings import RatingInput
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_queue import QueueTicket, TicketVisit
from desk_app.store.models_rating import Rating
from tests.helpers import complete_request
from tests.tickets.lan_helpers import counter_dir, make_host, serve
from tests.tickets.test_queue_service import ADMIN, CLERK, issue


@pytest.fixture
def host(store: Store, clock: FixedClock) -> Iterator[tuple[QueueServer, str]]:
    key = make_host(store, clock)
    server = serve(store, clock)
    yield server, key
    server.stop()


def _url(server: QueueServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def _client(server: QueueServer, key: str, counter: int, clerk: str = "binh") -> QueueClient:
    return QueueClient(_url(server), key, counter, clerk)


def _footprint(store: Store) -> tuple[int, int, int]:
    with store.read() as s:
        return (s.scalar(select(func.count(OutboxEvent.id))) or 0,
                s.scalar(select(func.count(AuditRecord.id))) or 0,
                s.scalar(select(func.count(QueueTicket.id))) or 0)


def _raw(port: int, request: bytes) -> bytes:
    """What the server answers a raw request, up to its closing the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
        conn.sendall(request)
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    return reply


def test_a_counter_calls_the_hosts_tickets_and_the_host_records_who(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    server, key = host
    issue(store, clock)
    issue(store, clock, "dat-dai")
    two, three = _client(server, key, 2), _client(server, key, 3, "lan")
    fields = {f.code: (f.name, f.waiting) for f in two.fields()}
    assert fields["ho-tich"] == ("Hộ tịch", 1) and fields["dat-dai"] == ("Đất đai", 1)
    first = two.call_next()
    assert first is not None and (first.number, first.counter, first.status) == (1, 2, "called")
    assert first.issued_at == clock.now() and first.called_at == clock.now()
    assert two.current() == first
    assert two.recall().calls == 2
    moved = two.transfer(3)
    assert (moved.status, moved.counter) == ("waiting", 3)
    assert two.current() is None
    again = three.call_next()
    assert again is not None and (again.number, again.counter) == (1, 3)
    done = three.finish()
    assert done.status == "done"
    board = two.board()
    assert board.called == [] and board.waiting == 1
    with pytest.raises(KnownError) as refused:
        three.finish()
    assert refused.value.code == "ticket_none" and refused.value.params == {"counter": 3}
    assert "Quầy 3 chưa gọi số nào" in messages.known_message(refused.value)
    with store.read() as s:
        called = s.scalars(select(OutboxEvent.payload).where(
            OutboxEvent.kind == "ticket.called").order_by(OutboxEvent.id)).all()
        audited = s.execute(select(AuditRecord.clerk, AuditRecord.clerk_id, AuditRecord.change)
                            .where(AuditRecord.action == "queue.remote")
                            .order_by(AuditRecord.seq)).all()
    assert [p["clerk"] for p in called] == ["binh, quầy 2", "binh, quầy 2", "lan, quầy 3"]
    assert [(c, i, ch["call"]) for c, i, ch in audited] == [
        ("binh, quầy 2", None, "call-next"), ("binh, quầy 2", None, "recall"),
        ("binh, quầy 2", None, "transfer"), ("lan, quầy 3", None, "call-next"),
        ("lan, quầy 3", None, "finish")]  # the refused finish wrote nothing


def test_a_wrong_or_missing_key_is_refused_and_nothing_is_written(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    server, key = host
    issue(store, clock)
    before = _footprint(store)
    for wrong in ("", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", key[:-1] + "X"):
        with pytest.raises(KnownError) as refused:
            _client(server, wrong, 2).call_next()
        assert refused.value.code == "queue_key_refused"
    resp = httpx.post(_url(server) + "/queue/v1/issue", json={"counter": 2,
                                                              "field_code": "ho-tich"})
    assert resp.status_code == 401 and resp.json()["error"] == "queue_key_refused"
    assert _footprint(store) == before
    # the key as the admin types it at the counter: small letters, spaces for the dashes
    typed = key.lower().replace("-", " ").replace("o", "0").replace("i", "1")
    assert _client(server, typed, 2).call_next() is not None


def test_a_counter_outside_1_to_9_is_refused(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    server, key = host
    issue(store, clock)
    before = _footprint(store)
    for counter in (0, 10, -1):
        with pytest.raises(ValidationError) as refused:
            _client(server, key, counter).call_next()
        assert refused.value.codes_for("counter") == ["bad_counter"]
    resp = httpx.post(_url(server) + "/queue/v1/call-next", json={"counter": "2 OR 1"},
                      headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 400 and resp.json()["fields"][0]["code"] == "bad_counter"
    with pytest.raises(ValidationError) as nameless:
        _client(server, key, 2, clerk="").call_next()
    assert nameless.value.codes_for("clerk") == ["required"]
    assert _footprint(store) == before


def test_the_server_answers_nothing_but_its_routes(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    server, key = host
    auth = {"Authorization": f"Bearer {key}"}
    url = _url(server)
    before = _footprint(store)
    answers = [
        httpx.get(url + "/"), httpx.get(url + "/queue/v1/board", headers=auth),
        httpx.post(url + "/etc/passwd", headers=auth, json={}),
        httpx.post(url + "/queue/v1/boards", headers=auth, json={"counter": 2}),
        httpx.post(url + "/queue/v1/board?x=1", headers=auth, json={"counter": 2}),
        httpx.delete(url + "/queue/v1/finish", headers=auth),
    ]
    assert [r.status_code for r in answers] == [404] * 6
    bad = [
        httpx.post(url + "/queue/v1/board", headers=auth, content=b"{" * 5000),  # too large
        httpx.post(url + "/queue/v1/board", headers=auth, content=b"{\"counter\": "),
        httpx.post(url + "/queue/v1/board", headers=auth, content=b"[1, 2]"),
        httpx.post(url + "/queue/v1/board", headers=auth, content=b"\xff\xfe{}"),
        httpx.post(url + "/queue/v1/board", headers=auth, content=b"[" * 4000 + b"]" * 4000),
    ]
    assert [r.status_code for r in bad] == [400] * 5
    assert {r.json()["error"] for r in bad} == {"queue_bad_request"}
    replies = [_raw(server.port, request) for request in (
        b"\x00\x01 / HTTP/1.1\r\n\r\n", b"POST /queue/v1/board HTTP/x.y\r\n\r\n",
        b"POST /queue/v1/board HTTP/1.1\r\nContent-Length: x\r\n\r\n{}")]
    # a version it cannot read is answered as HTTP/0.9 is: the body alone
    assert [r.split(b"\r\n")[0] for r in replies] == [
        b"HTTP/1.0 400 Bad Request", b'{"error": "queue_bad_request", "params": {}}',
        b"HTTP/1.0 400 Bad Request"]
    for r in answers + bad:
        assert "Traceback" not in r.text and "Python" not in r.headers.get("server", "")
    assert all(b"Traceback" not in r and b"queue_bad_request" in r for r in replies)
    assert _footprint(store) == before


def test_a_host_that_does_not_answer_is_queue_unreachable(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens there once closed
    with pytest.raises(KnownError) as refused:
        QueueClient(f"http://127.0.0.1:{port}", "K" * 32, 2, "binh", timeout=2).call_next()
    assert refused.value.code == "queue_unreachable"
    words = messages.known_message(refused.value)
    assert f"127.0.0.1:{port}" in words and "tường lửa" in words


def test_host_stopped_then_restarted_numbering_goes_on(
        store: Store, clock: FixedClock) -> None:
    key = make_host(store, clock)
    server = serve(store, clock)
    port = server.port
    client = _client(server, key, 2)
    assert client.issue("ho-tich").number == 1
    server.stop()
    with pytest.raises(KnownError) as refused:
        client.call_next()
    assert refused.value.code == "queue_unreachable"
    server = serve(store, clock, port)  # the host's program started again, same port
    try:
        assert client.issue("ho-tich").number == 2
        called = client.call_next()
        assert called is not None and called.number == 1
    finally:
        server.stop()


def test_a_new_key_refuses_the_old_one_and_the_settings_are_the_admins(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    server, key = host
    with store.write() as s:
        kept = set_link(s, clock, ADMIN, "host")  # saved again: the key stays
        renewed = set_link(s, clock, ADMIN, "host", renew_key=True)
    assert kept.key == key and renewed.key != key and len(renewed.key) == 39  # 8 x 4 + 7
    with pytest.raises(KnownError) as refused:
        _client(server, key, 2).board()
    assert refused.value.code == "queue_key_refused"
    assert _client(server, renewed.key, 2).board().waiting == 0
    with pytest.raises(KnownError) as clerk, store.write() as s:
        set_link(s, clock, CLERK, "none")
    assert clerk.value.code == "forbidden"
    with pytest.raises(ValidationError) as bad, store.write() as s:
        set_link(s, clock, ADMIN, "client", url="https://x:1/path", key="short", port=80)
    assert bad.value.fields() == {"url", "key", "port"}
    with store.write() as s:
        other = set_link(s, clock, ADMIN, "client", url="192.168.1.10:8766",
                         key=renewed.key.lower())
    assert (other.url, other.key) == ("http://192.168.1.10:8766", renewed.key)
    with store.read() as s:
        assert link(s) == other and not queue.is_host(s)
        changes = s.scalars(select(AuditRecord.change).where(
            AuditRecord.action == "settings.queue_link").order_by(AuditRecord.seq)).all()
    assert [c["key_changed"] for c in changes] == [True, False, True, False]
    assert all(key not in str(c) and renewed.key not in str(c) for c in changes)
    with pytest.raises(KnownError) as gone:  # no longer the host: every call refused
        _client(server, renewed.key, 2).board()
    assert gone.value.code == "queue_key_refused"


def test_a_remote_ticket_received_at_counter_2_keeps_its_visit_and_wait_there(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str],
        template_dir: Path, tmp_path: Path) -> None:
    server, key = host
    issue(store, clock)  # 09:00:00 on the host
    clock.advance(minutes=7, seconds=30)
    counter2 = Store(database_path(counter_dir(template_dir, tmp_path, 2)))
    try:
        with counter2.read() as s:
            name = QueueClient.check_clerk(s, CLERK)
        ticket = _client(server, key, 2, name).call_next()  # 09:07:30: waited 450 s
        assert ticket is not None
        clock.advance(minutes=12)
        with counter2.write() as s:
            req = complete_request(s)
            req.visit = queue.visit_of(ticket)
            done = intake.receive(s, clock, CLERK, req)
        clock.advance(minutes=1)
        with counter2.write() as s:
            rated = ratings.record_rating(s, clock, CLERK,
                                          RatingInput(done.dossier_id, "intake", "satisfied"))
        with counter2.read() as s:
            kept = s.scalar(select(TicketVisit).where(TicketVisit.dossier_id == done.dossier_id))
            row = s.get(Rating, rated.rating_id)
            local_tickets = s.scalar(select(func.count(QueueTicket.id)))
        assert kept is not None and row is not None
        assert (kept.number, kept.counter, kept.ticket_uuid) == (1, 2, ticket.uuid)
        assert (row.wait_s, row.service_s) == (450, 720)
        assert local_tickets == 0  # the ticket stays the host's
    finally:
        counter2.dispose()
    with store.read() as s:
        assert s.scalar(select(func.count(TicketVisit.id))) == 0


def _fault(handler: Callable[[httpx.Request], httpx.Response]) -> QueueClient:
    return QueueClient("http://192.0.2.1:8766", "K" * 32, 2, "binh",
                       transport=httpx.MockTransport(handler))


def test_the_clients_faults_are_told_in_words() -> None:
    """Faults only (an injected transport): a host that times out, and something that is not
    a queue host answering."""
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    def router(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>router login</html>")

    def odd_error(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, json={"detail": "bad gateway"})

    codes = []
    for handler in (slow, router, odd_error):
        with pytest.raises(KnownError) as refused:
            _fault(handler).call_next()
        codes.append(refused.value.code)
        words = messages.known_message(refused.value)
        assert words != messages.GENERIC_KNOWN and "192.0.2.1:8766" in words
    assert codes == ["queue_unreachable", "queue_bad_answer", "queue_bad_answer"]


def test_the_server_follows_the_setting(store: Store, clock: FixedClock) -> None:
    from desk_app.queue_lan import server as queue_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        assert queue_server.serve(store, clock) is None  # not the host: nothing listens
        with store.write() as s:
            key = set_link(s, clock, ADMIN, "host", port=port).key
        running = queue_server.serve(store, clock)
        assert running is not None and running.port == port
        assert queue_server.serve(store, clock) is running  # kept
        assert QueueClient(f"http://127.0.0.1:{port}", key, 2).board().waiting == 0
        with store.write() as s:
            set_link(s, clock, ADMIN, "none")
        assert queue_server.serve(store, clock) is None  # stopped
        with pytest.raises(KnownError) as gone:
            QueueClient(f"http://127.0.0.1:{port}", key, 2, timeout=2).board()
        assert gone.value.code == "queue_unreachable"
    finally:
        queue_server.stop_all()


def test_the_older_set_host_makes_a_key_too(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        queue.set_host(s, clock, ADMIN, True)
    with store.read() as s:
        first = link(s)
    assert first.mode == "host" and len(first.key) == 39
    with store.write() as s:
        queue.set_host(s, clock, ADMIN, True)  # again: the key stays
        assert link(s).key == first.key
        queue.set_host(s, clock, ADMIN, False)
    with store.read() as s:
        assert link(s).mode == "none" and not queue.is_host(s)


def test_connections_beyond_the_limit_are_closed_and_the_next_call_goes(
        store: Store, clock: FixedClock, host: tuple[QueueServer, str]) -> None:
    import threading

    server, key = host
    server.httpd.slots = threading.BoundedSemaphore(1)  # the limit, made small
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)  # holds the slot
    try:
        time.sleep(0.2)
        with pytest.raises(KnownError) as dropped:
            _client(server, key, 2).board()
        assert dropped.value.code == "queue_unreachable"
    finally:
        idle.close()  # its thread ends: the slot is free again
    deadline = time.monotonic() + 10
    while True:
        try:
            assert _client(server, key, 2).board().waiting == 0
            break
        except KnownError:
            assert time.monotonic() < deadline
            time.sleep(0.05)
