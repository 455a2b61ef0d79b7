"""No input makes the hub answer 5xx: each kind of request that did, against the real hub (a
uvicorn process) on a real PostgreSQL.

A batch with one bad event in the middle is answered 200: the bad event ``rejected`` with its
reason, the good events on either side stored once, nothing of the bad one stored (neither as an
event nor in the dossier projection). A body the hub cannot read as a batch at all is refused
whole with a 4xx. Requests that name nobody are refused with 401, whatever their header holds;
an ``X-Desk-Protocol`` that is not a version the hub speaks is a 426, on every route.

The expected reasons are the protocol's (docs/sync-protocol.md, "Refused events").
"""

from __future__ import annotations

import copy
import json
import uuid as uuid_mod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from desk_app.sync import protocol as p
from province_hub.models import Commune, Desk, Dossier, Event, EventProblem, FeedItem
from tests.sync.conftest import HubServer, new_agency_code

pytestmark = pytest.mark.slow


@dataclass
class EdgeDesk:
    hub: HubServer
    credential: str
    agency_code: str

    def push_raw(self, body: bytes, **headers: str) -> httpx.Response:
        return httpx.post(self.hub.url + p.API + "/push", content=body, timeout=30, headers={
            "Authorization": f"Bearer {self.credential}", "Content-Type": "application/json",
            p.HEADER_PROTOCOL: "1", **headers})


@pytest.fixture(scope="module")
def desk(hub_server: HubServer) -> Iterator[EdgeDesk]:
    agency = new_agency_code()
    code = hub_server.issue_code(agency)
    r = httpx.post(hub_server.url + p.API + "/enrol", timeout=10, json={
        "code": code, "agency_code": agency, "installation_id": str(uuid_mod.uuid4()),
        "desk_name": "Máy biên"})
    r.raise_for_status()
    yield EdgeDesk(hub_server, r.json()["credential"], agency)


_seq = iter(range(1, 10**9))


def intake(agency: str) -> dict[str, Any]:
    """A valid dossier.intake event, as a desk sends it."""
    dossier = str(uuid_mod.uuid4())
    at = "2026-11-23T09:00:00+07:00"
    return {"uuid": str(uuid_mod.uuid4()), "seq": next(_seq), "entity": "dossier",
            "entity_uuid": dossier, "kind": "dossier.intake", "created_at": at,
            "payload": {"uuid": dossier, "code": f"{agency}-261123-{next(_seq) % 10000:04d}",
                        "agency_code": agency, "procedure_code": "1.001193",
                        "status": "received", "received_at": at,
                        "due_at": "2026-11-26T09:00:00+07:00",
                        "applicant": {"full_name": "Trần Văn Đức"}}}


def rating(agency: str) -> dict[str, Any]:
    rid = str(uuid_mod.uuid4())
    return {"uuid": str(uuid_mod.uuid4()), "seq": next(_seq), "entity": "rating",
            "entity_uuid": rid, "kind": "rating.recorded",
            "created_at": "2026-11-23T10:00:00+07:00",
            "payload": {"uuid": rid, "seq": 1, "agency_code": agency, "overall": "satisfied",
                        "dossier_uuid": "", "prev_hash": "0" * 64, "hash": "1" * 64}}


# -- one bad event between two good ones ---------------------------------------------------------
# Each case: (its name, how to spoil a valid event, the reason the hub gives). The event is spoilt
# as raw JSON text where Python's json module cannot write it (NaN, 1e400, 5,000 digits).

Spoil = Callable[[dict[str, Any], str], "dict[str, Any] | str"]


def _set(path: str, value: Any) -> Spoil:
    def spoil(ev: dict[str, Any], agency: str) -> dict[str, Any]:
        *parents, last = path.split(".")
        node = ev
        for key in parents:
            node = node[key]
        node[last] = value
        return ev
    return spoil


def _raw(path: str, text: str) -> Spoil:
    """Put ``text`` (JSON text that Python does not write) where ``path`` is."""
    marker = "@@RAW@@"

    def spoil(ev: dict[str, Any], agency: str) -> str:
        return json.dumps(_set(path, marker)(ev, agency)).replace(f'"{marker}"', text)
    return spoil


def _rating(path: str, value: Any) -> Spoil:
    def spoil(ev: dict[str, Any], agency: str) -> dict[str, Any]:
        return _set(path, value)(rating(agency), agency)
    return spoil


def _status(**payload: Any) -> Spoil:
    """A dossier.status event for a dossier that has an intake in the same batch is not needed:
    the event alone is stored (the projection waits for the intake)."""
    def spoil(ev: dict[str, Any], agency: str) -> dict[str, Any]:
        ev = dict(ev, kind="dossier.status", uuid=str(uuid_mod.uuid4()))
        ev["payload"] = {"uuid": ev["entity_uuid"], "code": ev["payload"]["code"],
                         "from": "received", "to": "in_processing",
                         "at": "2026-11-23T09:30:00+07:00", "reason": "", "clerk": "binh",
                         **payload}
        return ev
    return spoil


def _nested(depth: int) -> Any:
    value: Any = "đáy"
    for _ in range(depth):
        value = {"x": value}
    return value


EVENT_CASES: list[tuple[str, Spoil, str]] = [
    # numbers
    ("seq is a boolean", _set("seq", True), "bad_seq"),
    ("seq is 2**63", _set("seq", 2**63), "bad_seq"),
    ("seq is 10**30", _set("seq", 10**30), "bad_seq"),
    ("seq is NaN", _raw("seq", "NaN"), "bad_seq"),
    ("seq is 1e400", _raw("seq", "1e400"), "bad_seq"),
    ("seq has 5,000 digits", _raw("seq", "9" * 5000), "bad_seq"),
    ("a payload number is NaN", _raw("payload.fee_amount", "NaN"), "bad_number"),
    ("a payload number is Infinity", _raw("payload.fee_amount", "-Infinity"), "bad_number"),
    ("a payload number is 1e400", _raw("payload.fee_amount", "1e400"), "bad_number"),
    ("a payload number is 10**30", _set("payload.fee_amount", 10**30), "bad_number"),
    ("a payload number has 5,000 digits", _raw("payload.fee_amount", "7" * 5000),
     "bad_number"),
    ("a rating's seq is 2**63", _rating("payload.seq", 2**63), "bad_number"),
    ("a rating's seq is a boolean", _rating("payload.seq", True), "bad_payload"),
    ("a rating's seq is text", _rating("payload.seq", "bảy"), "bad_payload"),
    # text the database cannot hold
    ("NUL in a payload string", _set("payload.applicant.full_name", "Trần\x00Đức"), "bad_text"),
    ("NUL in a payload key", _set("payload.applicant.na\x00me", "x"), "bad_text"),
    ("NUL in the uuid", _set("uuid", "a\x00b"), "bad_text"),
    ("NUL in created_at", _set("created_at", "2026-11-23T09:00:00+07:00\x00"), "bad_text"),
    ("a lone surrogate in a payload string", _set("payload.applicant.full_name", "Đức\ud800"),
     "bad_text"),
    ("a lone surrogate in a payload key", _set("payload.\udc00", 1), "bad_text"),
    ("a lone surrogate in the kind", _set("kind", "dossier.\ud83d"), "bad_text"),
    # longer than the hub's columns
    ("dossier code of 61 characters", _set("payload.code", "C" * 61), "too_long"),
    ("status of 31 characters", _set("payload.status", "s" * 31), "too_long"),
    ("procedure code of 41 characters", _set("payload.procedure_code", "1" * 41), "too_long"),
    ("uuid of 37 characters", _set("uuid", "u" * 37), "bad_uuid"),
    ("entity uuid of 37 characters", _set("entity_uuid", "e" * 37), "bad_uuid"),
    ("a rating's dossier uuid of 37 characters", _rating("payload.dossier_uuid", "d" * 37),
     "too_long"),
    ("a status event's target of 31 characters", _status(to="t" * 31), "too_long"),
    ("a return timing of 11 characters", _status(to="returned", return_timing="x" * 11),
     "too_long"),
    ("a dossier code that is an object", _set("payload.code", {"x": "C" * 70}), "bad_payload"),
    # times the hub cannot place
    ("received at year 1, +14:00", _set("payload.received_at", "0001-01-01T00:00:00+14:00"),
     "bad_time"),
    ("due at year 9999, -14:00", _set("payload.due_at", "9999-12-31T23:59:59-14:00"),
     "bad_time"),
    ("a status change at year 1", _status(at="0001-01-01T00:00:00+23:59"), "bad_time"),
    ("created at year 9999, -23:59", _set("created_at", "9999-12-31T23:59:59-23:59"),
     "bad_time"),
    ("received at text that is no time", _set("payload.received_at", "hôm qua"), "bad_time"),
    # shape
    ("a payload nested 40 deep", _set("payload.applicant", _nested(40)), "too_deep"),
]


@pytest.mark.parametrize("name,spoil,reason", EVENT_CASES, ids=[c[0] for c in EVENT_CASES])
def test_one_bad_event_is_refused_alone_and_the_rest_stored(
    desk: EdgeDesk, name: str, spoil: Spoil, reason: str
) -> None:
    base = intake(desk.agency_code)
    bad = spoil(copy.deepcopy(base), desk.agency_code)
    is_status = isinstance(bad, dict) and bad["kind"] == "dossier.status"
    if is_status:  # a status change of a dossier the hub holds: the projection is reached
        assert desk.push_raw(json.dumps({"protocol": 1, "events": [base]}).encode()
                             ).json()["stored"] == 1
    # made after: their seqs go up, beyond what the desk pushed before (the hub's sequence rule)
    good1, good2 = intake(desk.agency_code), intake(desk.agency_code)
    bad_text = bad if isinstance(bad, str) else json.dumps(bad)
    body = ('{"protocol": 1, "events": [' + json.dumps(good1) + ", " + bad_text + ", "
            + json.dumps(good2) + "]}").encode()
    r = desk.push_raw(body)
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    assert r.status_code == 200, f"{name}: {r.status_code} {r.text[:300]}"
    results = r.json()["results"]
    assert [x["status"] for x in results] == [p.STORED, p.REJECTED, p.STORED], r.text[:500]
    assert results[1]["reason"] == reason, name
    assert results[0]["uuid"] == good1["uuid"] and results[2]["uuid"] == good2["uuid"]
    assert r.json()["stored"] == 2
    bad_uuid = bad["uuid"] if isinstance(bad, dict) else base["uuid"]
    bad_entity = bad["entity_uuid"] if isinstance(bad, dict) else base["entity_uuid"]
    with desk.hub.engine.connect() as c:
        stored = c.execute(select(Event.uuid, func.count()).where(Event.uuid.in_(
            [good1["uuid"], good2["uuid"]])).group_by(Event.uuid)).all()
        assert sorted(stored) == sorted([(good1["uuid"], 1), (good2["uuid"], 1)])
        if "\x00" not in bad_uuid:
            assert c.scalar(select(func.count()).select_from(Event).where(
                Event.uuid == bad_uuid)) == 0
        if is_status:  # the dossier keeps the status of its intake
            assert c.scalar(select(Dossier.status).where(Dossier.uuid == bad_entity)) \
                == "received"
        else:
            assert c.scalar(select(func.count()).select_from(Event).where(
                Event.entity_uuid == bad_entity)) == 0
            assert c.scalar(select(func.count()).select_from(Dossier).where(
                Dossier.uuid == bad_entity)) == 0
        assert c.scalar(select(func.count()).select_from(Dossier).where(Dossier.uuid.in_(
            [good1["entity_uuid"], good2["entity_uuid"]]))) == 2
        # the refusal is kept for the province's review, whatever the event held
        assert c.scalar(select(func.count()).select_from(EventProblem).where(
            EventProblem.reason == reason)) >= 1


# -- bodies refused whole --------------------------------------------------------------------------

def _deep_body(agency: str, depth: int) -> bytes:
    ev = intake(agency)
    ev["payload"]["applicant"] = "@@"
    text = json.dumps({"protocol": 1, "events": [ev]})
    return text.replace('"@@"', '{"x": ' * depth + "1" + "}" * depth).encode()


BODY_CASES: list[tuple[str, Callable[[str], bytes], int, str]] = [
    ("JSON nested 1,000 deep", lambda a: _deep_body(a, 1000), 400, "too_deep"),
    ("JSON nested 100,000 deep", lambda a: b"[" * 100_000 + b"]" * 100_000, 400, "too_deep"),
    ("not JSON", lambda a: b"{\"protocol\": 1, \"events\": [", 400, "bad_batch"),
    ("not UTF-8", lambda a: b'{"protocol": 1, "events": ["\xff"]}', 400, "bad_batch"),
    ("protocol is NaN", lambda a: b'{"protocol": NaN, "events": []}', 422, "bad_batch"),
    ("protocol is a boolean", lambda a: b'{"protocol": true, "events": []}', 422, "bad_batch"),
    ("protocol has 5,000 digits",
     lambda a: b'{"protocol": ' + b"1" * 5000 + b', "events": []}', 422, "bad_batch"),
    ("no events", lambda a: b'{"protocol": 1}', 422, "bad_batch"),
    ("events is an object", lambda a: b'{"protocol": 1, "events": {}}', 422, "bad_batch"),
    ("a list, not an object", lambda a: b"[]", 422, "bad_batch"),
    # too many events is a 422 (the document's maxItems), too many bytes a 413; the code is the
    # same, so the desk halves its batch either way
    ("501 events", lambda a: json.dumps({"protocol": 1, "events": [{}] * 501}).encode(),
     422, "batch_too_large"),
]


@pytest.mark.parametrize("name,make,status,error", BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_a_body_that_is_no_batch_is_refused_whole(
    desk: EdgeDesk, name: str, make: Callable[[str], bytes], status: int, error: str
) -> None:
    with desk.hub.engine.connect() as c:
        before = c.scalar(select(func.count()).select_from(Event))
    r = desk.push_raw(make(desk.agency_code))
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    assert (r.status_code, r.json().get("error")) == (status, error), f"{name}: {r.text[:300]}"
    with desk.hub.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(Event)) == before


# -- strangers and headers -------------------------------------------------------------------------

HEADER_CASES: list[tuple[str, str, dict[str, str | bytes], int, str]] = [
    ("desk id of 20 digits", "/api/v1/desk",
     {"Authorization": "Bearer dk.12345678901234567890.secret"}, 401, "unauthorized"),
    ("desk id of 5,000 digits", "/api/v1/desk",
     {"Authorization": "Bearer dk." + "9" * 5000 + ".secret"}, 401, "unauthorized"),
    ("desk id with a superscript two", "/api/v1/desk",
     {"Authorization": "Bearer dk.\xb2.secret".encode("latin-1")}, 401, "unauthorized"),
    ("protocol header '²' on /healthz", "/healthz", {p.HEADER_PROTOCOL: b"\xb2"}, 426,
     "protocol_unsupported"),
    ("protocol header of 5,000 digits on /healthz", "/healthz",
     {p.HEADER_PROTOCOL: "1" * 5000}, 426, "protocol_unsupported"),
    ("protocol header '²' on a desk call", "/api/v1/desk", {p.HEADER_PROTOCOL: b"\xc2\xb2"}, 426,
     "protocol_unsupported"),
    ("protocol header of 20 digits", "/api/v1/pull", {p.HEADER_PROTOCOL: "9" * 20}, 426,
     "protocol_unsupported"),
]


@pytest.mark.parametrize("name,path,headers,status,error", HEADER_CASES,
                         ids=[c[0] for c in HEADER_CASES])
def test_strange_headers_are_refused_not_failed(
    hub_server: HubServer, name: str, path: str, headers: dict[str, str | bytes], status: int,
    error: str
) -> None:
    r = httpx.get(hub_server.url + path, headers=headers, timeout=10)
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    assert (r.status_code, r.json().get("error")) == (status, error), f"{name}: {r.text[:300]}"
    assert r.headers[p.HEADER_HUB_PROTOCOL] == str(p.PROTOCOL_VERSION)


def test_a_stranger_sending_deep_json_to_enrol_is_refused(hub_server: HubServer) -> None:
    body = b'{"code": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    r = httpx.post(hub_server.url + p.API + "/enrol", content=body, timeout=10,
                   headers={"Content-Type": "application/json"})
    assert r.status_code < 500, f"{r.status_code} {r.text[:300]}"
    assert (r.status_code, r.json().get("error")) == (400, "too_deep"), r.text[:300]


# -- the other calls ---------------------------------------------------------------------------------

def _admin(hub: HubServer, method: str, path: str, **kw: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {hub.admin}", **kw.pop("headers", {})}
    return httpx.request(method, hub.url + path, timeout=10, headers=headers, **kw)


OTHER_CASES: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("a code for an agency code of 41 characters", "POST", "/api/v1/admin/codes",
     {"json": {"agency_code": "0" * 41}}, 422),
    ("a code for a commune named with 201 characters", "POST", "/api/v1/admin/codes",
     {"json": {"agency_code": "000.00.99.H99", "name": "x" * 201}}, 422),
    ("a code for a commune named with NUL", "POST", "/api/v1/admin/codes",
     {"json": {"agency_code": "000.00.99.H99", "name": "Xã\x00"}}, 422),
    ("a day off noted with NUL", "POST", "/api/v1/admin/calendar",
     {"json": {"day": "2027-02-20", "kind": "off", "note": "Nghỉ\x00"}}, 422),
    ("a catalogue with NUL in a name", "POST", "/api/v1/admin/catalogue",
     {"content": b'{"catalogue_version": "x", "effective_from": "2027-01-01", "procedures": '
                 b'[{"code": "1", "name": "a\\u0000", "time_limit": {"kind": "same_day"}, '
                 b'"fee": {"kind": "free"}, "components": [{"name": "T\xe1\xbb\x9d", '
                 b'"originals": 1}]}]}', "headers": {"Content-Type": "application/json"}}, 422),
    ("a catalogue with NaN", "POST", "/api/v1/admin/catalogue",
     {"content": b'{"catalogue_version": NaN, "effective_from": "2027-01-01", '
                 b'"procedures": []}', "headers": {"Content-Type": "application/json"}}, 422),
    ("an upstream status for a uuid with NUL", "POST", "/api/v1/admin/dossiers/a%00b/status",
     {"json": {"to": "in_processing"}}, 422),
    ("a summary up to 31/12/9999", "GET", "/api/v1/admin/summary",
     {"params": {"end": "9999-12-31"}}, 200),
    ("a summary as of year 1, +14:00", "GET", "/api/v1/admin/summary",
     {"params": {"as_of": "0001-01-01T00:00:00+14:00"}}, 200),
    ("problems, limit of 5,000 digits", "GET", "/api/v1/admin/problems",
     {"params": {"limit": "9" * 5000}}, 422),
]


@pytest.mark.parametrize("name,method,path,kw,status", OTHER_CASES,
                         ids=[c[0] for c in OTHER_CASES])
def test_admin_and_enrol_calls_refuse_what_they_cannot_keep(
    hub_server: HubServer, name: str, method: str, path: str, kw: dict[str, Any], status: int
) -> None:
    with hub_server.engine.connect() as c:
        before = [c.scalar(select(func.count()).select_from(t)) for t in (Commune, Desk,
                                                                          FeedItem)]
    r = _admin(hub_server, method, path, **kw)
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    assert r.status_code == status, f"{name}: {r.status_code} {r.text[:300]}"
    if status != 200:
        assert r.json()["error"] == "invalid_request", r.text[:300]
        with hub_server.engine.connect() as c:
            assert [c.scalar(select(func.count()).select_from(t))
                    for t in (Commune, Desk, FeedItem)] == before


@pytest.mark.parametrize("path", ["/api/v1/dossiers/a%00b", "/api/v1/dossiers/" + "d" * 37,
                                  "/api/v1/pull?after=" + "9" * 30,
                                  "/api/v1/pull?after=" + "9" * 5000])
def test_desk_reads_with_impossible_keys_are_refused(desk: EdgeDesk, path: str) -> None:
    r = httpx.get(desk.hub.url + path, timeout=10,
                  headers={"Authorization": f"Bearer {desk.credential}"})
    assert r.status_code in (404, 422), f"{path}: {r.status_code} {r.text[:300]}"


@pytest.mark.parametrize("name,body", [
    ("an installation id of 37 characters", {"installation_id": "i" * 37}),
    ("NUL in the installation id", {"installation_id": "i\x00"}),
    ("NUL in the desk name", {"desk_name": "Máy\x00"}),
    ("a lone surrogate in the desk name", {"desk_name": "Máy\udc80"}),
], ids=lambda x: x if isinstance(x, str) else "")
def test_enrolment_refuses_what_it_cannot_keep_and_the_code_stays_good(
    hub_server: HubServer, name: str, body: dict[str, str]
) -> None:
    agency = new_agency_code()
    code = hub_server.issue_code(agency)
    good = {"code": code, "agency_code": agency, "installation_id": str(uuid_mod.uuid4()),
            "desk_name": "Máy 1"}
    r = httpx.post(hub_server.url + p.API + "/enrol", timeout=10,
                   content=json.dumps(good | body).encode(),
                   headers={"Content-Type": "application/json"})
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
    assert (r.status_code, r.json()["error"]) == (422, "invalid_request"), r.text[:300]
    r = httpx.post(hub_server.url + p.API + "/enrol", timeout=10, json=good)
    assert r.status_code == 200, r.text  # the refused try did not use the code up


@pytest.mark.parametrize("reason", ["Tỉnh\x00", "Tỉnh\ud800"])
def test_an_upstream_status_change_refuses_text_it_cannot_keep(
    desk: EdgeDesk, reason: str
) -> None:
    ev = intake(desk.agency_code)
    assert desk.push_raw(json.dumps({"protocol": 1, "events": [ev]}).encode()
                         ).json()["stored"] == 1
    hub = desk.hub
    with hub.engine.connect() as c:
        before = c.scalar(select(func.count()).select_from(FeedItem))
    r = _admin(hub, "POST", f"/api/v1/admin/dossiers/{ev['entity_uuid']}/status",
               content=json.dumps({"to": "in_processing", "reason": reason}).encode(),
               headers={"Content-Type": "application/json"})
    assert r.status_code < 500, f"{r.status_code} {r.text[:300]}"
    assert (r.status_code, r.json()["error"]) == (422, "invalid_request"), r.text[:300]
    with hub.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(FeedItem)) == before
        assert c.scalar(select(Dossier.status).where(Dossier.uuid == ev["entity_uuid"])) \
            == "received"
