"""The protocol against the hub in-process (SQLite): idempotency, conflicts, bounds, auth."""

from __future__ import annotations

import gzip
import json
import os
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.store.models import OutboxEvent
from desk_app.store.models_sync import SyncHeldEvent
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.client import Refused, SyncClient, Unreachable
from desk_app.sync.cycle import run_cycle
from desk_app.sync.enrolment import enrol_desk
from province_hub.models import Event, EventProblem
from tests.sync.conftest import LocalHub
from tests.sync.helpers_sync import activity, assert_hub_holds_desk

URL = "http://testserver"


def enrolled(hub: LocalHub, make_desk, clock: FixedClock):  # type: ignore[no-untyped-def]
    desk = make_desk()
    enrol_desk(desk.store, clock, URL, hub.issue_code(desk.agency_code),
               transport=hub.transport)
    return desk


def client_of(hub: LocalHub, desk) -> SyncClient:  # type: ignore[no-untyped-def]
    with desk.store.read() as s:
        en = state.active_enrolment(s)
    return SyncClient(URL, en.credential, transport=hub.transport)


def test_push_is_idempotent_and_answers_what_it_stored(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 5)
    with desk.store.read() as s:
        batch = state.next_batch(s, 500, 10**6)
    c = client_of(hub, desk)
    first = c.push(batch)
    assert [r.status for r in first.results] == [p.STORED] * len(batch)
    assert first.desk_last_seq == batch[-1]["seq"]
    again = c.push(batch)  # the answer was lost: the desk sends the same batch again
    assert [r.status for r in again.results] == [p.DUPLICATE] * len(batch)
    with hub.engine.connect() as conn:
        assert conn.scalar(select(func.count(Event.id))) == len(batch)
    # same uuid, other content: a conflict, recorded, never a second record
    changed = dict(batch[0], payload=dict(batch[0]["payload"], code="XXX"))
    third = c.push([changed])
    assert third.results[0].status == p.CONFLICT
    with hub.engine.connect() as conn:
        assert conn.scalar(select(func.count(Event.id))) == len(batch)
        assert conn.scalar(select(func.count(EventProblem.id))
                           .where(EventProblem.problem == "conflict")) == 1


def test_cycle_marks_sent_only_from_the_answer_and_holds_conflicts(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 8)
    c = client_of(hub, desk)
    # the server already has another version of the second event (e.g. a restored backup),
    # after the intake it follows
    with desk.store.read() as s:
        intake, ev = (state.wire_event(s.get(OutboxEvent, n)) for n in (1, 2))
    c.push([intake, dict(ev, payload=dict(ev["payload"], reason="sửa"))])
    report = run_cycle(desk.store, clock, c, max_events=4)
    assert report.batches >= 3 and report.held == 1
    with desk.store.read() as s:
        assert state.pending_count(s) == 0
        held = s.get(SyncHeldEvent, 2)
        assert held is not None and held.state == "conflict"
        assert s.get(OutboxEvent, 2).sent_at is None  # kept, never dropped
    assert_hub_holds_desk(hub.engine, desk.store, held=1)


def test_batches_are_bounded_and_gzipped(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 10)
    with desk.store.read() as s:
        small = state.next_batch(s, 500, 4000)
        assert 1 <= len(small) < state.pending_count(s)
        assert len(p.canonical({"events": small})) <= 4000
        assert len(state.next_batch(s, 3, 10**6)) == 3
    seen = []

    def spy(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return hub.transport.handle_request(request)

    c = client_of(hub, desk)
    c._http._transport = httpx.MockTransport(spy)
    c.push(small)
    assert seen[0].headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(seen[0].content))["events"] == small


def test_server_refuses_oversized_batches(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    c = client_of(hub, desk)
    ev = {"uuid": "u", "seq": 1, "entity": "x", "entity_uuid": "e", "kind": "k",
          "payload": {}, "created_at": "2026-11-23T09:00:00+07:00"}
    with pytest.raises(Refused) as info:
        c.push([dict(ev, uuid=f"u{i}", seq=i) for i in range(p.MAX_BATCH_EVENTS + 1)])
    assert info.value.code == "batch_too_large"
    # a small gzip body that would expand beyond the bound (a "zip bomb")
    bomb = gzip.compress(b'{"events":[' + b" " * (p.MAX_BATCH_BYTES + 10) + b"]}")
    r = hub.client.post("/api/v1/push", content=bomb, headers={
        "Content-Encoding": "gzip", "Authorization": f"Bearer {c.credential}"})
    assert r.status_code == 413 and r.json()["error"] == "batch_too_large"
    r = hub.client.post("/api/v1/push", content=b"not json",
                        headers={"Authorization": f"Bearer {c.credential}"})
    assert r.status_code == 400 and r.json()["error"] == "bad_batch"
    # malformed events are refused one by one; the good one in the same batch is stored
    good = dict(ev, uuid="ok-1", seq=1, entity="dossier", kind="dossier.intake", payload={
        "uuid": "e", "code": f"{desk.agency_code}-261123-0001", "agency_code": desk.agency_code,
        "status": "received"})
    answer = c.push([{"uuid": 5}, dict(ev, uuid="bad-2", seq=2, payload="x"), good])
    assert [r.status for r in answer.results] == [p.REJECTED, p.REJECTED, p.STORED]
    assert answer.results[1].reason == "bad_payload"


def test_auth_on_every_call_and_server_clock_in_every_answer(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    good = client_of(hub, desk)
    for path in ("/api/v1/pull", "/api/v1/desk", "/api/v1/admin/summary"):
        r = hub.client.get(path)
        assert r.status_code == 401 and "server_time" in r.json()
        assert r.headers[p.HEADER_HUB_TIME].endswith("Z")
    assert hub.client.post("/api/v1/push", content=b"{}").status_code == 401
    bad = SyncClient(URL, good.credential[:-2] + "xx", transport=hub.transport)
    with pytest.raises(Refused) as info:
        bad.pull(0)
    assert info.value.code == "unauthorized"
    # a desk credential is not an admin token: known, but not allowed there
    r = hub.client.get("/api/v1/admin/summary",
                       headers={"Authorization": f"Bearer {good.credential}"})
    assert (r.status_code, r.json()["error"]) == (403, "admin_only")
    assert good.pull(0).server_time is not None
    r = hub.client.get("/api/v1/pull", headers={p.HEADER_PROTOCOL: "99",
                                                "Authorization": f"Bearer {good.credential}"})
    assert r.status_code == 426 and r.json()["error"] == "protocol_unsupported"
    assert hub.client.get("/openapi.json").json()["components"]["schemas"]["PushIn"]


def test_enrolment_codes_are_one_time_and_per_commune(hub, make_desk, clock) -> None:
    desk = make_desk()
    other = make_desk()
    code = hub.issue_code(desk.agency_code)
    with pytest.raises(Refused) as info:  # a code issued for another commune
        enrol_desk(other.store, clock, URL, code, transport=hub.transport)
    assert info.value.code == "wrong_commune"
    first = enrol_desk(desk.store, clock, URL, code.lower(), transport=hub.transport)
    with pytest.raises(Refused) as info:
        enrol_desk(desk.store, clock, URL, code, transport=hub.transport)
    assert info.value.code == "bad_enrolment_code"
    assert first.agency_code == desk.agency_code


def test_re_enrolment_keeps_unsynced_events_and_revokes_the_old_credential(
    hub, make_desk, clock
) -> None:
    desk = enrolled(hub, make_desk, clock)
    old = client_of(hub, desk)
    activity(desk.store, clock, 3)
    run_cycle(desk.store, clock, old, max_events=2)
    activity(desk.store, clock, 3)  # written after the last sync
    with desk.store.read() as s:
        pending = state.pending_count(s)
    assert pending > 0
    again = enrol_desk(desk.store, clock, URL, hub.issue_code(desk.agency_code),
                       transport=hub.transport)
    with desk.store.read() as s:  # kept, and the enrolment's own audit record after them
        assert state.pending_count(s) == pending + 1
    with pytest.raises(Refused):
        old.pull(0)
    new = client_of(hub, desk)
    assert new.desk_info()["desk_id"] == again.desk_id  # the same desk, a new secret
    run_cycle(desk.store, clock, new)
    assert_hub_holds_desk(hub.engine, desk.store)


def test_errors_are_sorted_in_two_kinds() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(Unreachable) as info:
        SyncClient(URL, "dk.1.x", transport=httpx.MockTransport(down)).pull(0)
    assert info.value.code == "unreachable"
    busy = httpx.MockTransport(lambda r: httpx.Response(503, text="maintenance"))
    with pytest.raises(Unreachable) as info:
        SyncClient(URL, "dk.1.x", transport=busy).pull(0)
    assert info.value.code == "server_error"
    portal = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>login</html>"))
    with pytest.raises(Unreachable) as info:
        SyncClient(URL, "dk.1.x", transport=portal).pull(0)
    assert info.value.code == "bad_answer"


def test_an_answer_marks_only_the_events_it_names(make_desk, clock) -> None:
    desk = make_desk()
    activity(desk.store, clock, 2)
    with desk.store.read() as s:
        first, second = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id).limit(2))
    answer = p.PushAnswer(datetime.now(UTC), [
        p.EventResult(first.uuid, first.id, p.STORED),
        p.EventResult("someone-else", second.id, p.STORED),  # seq of ours, uuid not ours
    ], 0)
    with desk.store.write() as s:
        assert state.record_answer(s, answer, clock.now()).sent == 1
    with desk.store.read() as s:
        assert s.get(OutboxEvent, first.id).sent_at is not None
        assert s.get(OutboxEvent, second.id).sent_at is None


def test_a_hub_with_a_smaller_bound_gets_smaller_batches(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 6)
    with desk.store.write() as s:  # one event no hub will take
        s.get(OutboxEvent, 3).payload = {"note": os.urandom(3000).hex()}  # gzip cannot shrink it
    sizes = []

    def strict(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/push"):
            events = json.loads(gzip.decompress(request.content))["events"]
            sizes.append(len(events))
            if len(events) > 4 or len(request.content) > 2500:
                return httpx.Response(413, json={"error": "batch_too_large",
                                                 "server_time": "2026-11-23T02:00:00Z"})
        return hub.transport.handle_request(request)

    c = client_of(hub, desk)
    c._http._transport = httpx.MockTransport(strict)
    report = run_cycle(desk.store, clock, c, max_events=50)
    halving = [sizes[0]]  # each refused batch is half the one before, down to the hub's 4
    while halving[-1] > 4:
        halving.append(halving[-1] // 2)
    assert sizes[0] > 4 and sizes[:len(halving)] == halving
    assert all(n <= 4 for n in sizes[len(halving):])
    assert report.held == 1
    with desk.store.read() as s:
        assert s.get(SyncHeldEvent, 3).reason == "too_large"
        assert state.pending_count(s) == 0
    assert_hub_holds_desk(hub.engine, desk.store, held=1)
