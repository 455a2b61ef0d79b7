"""Properties of the hub's push, by hypothesis, against the real hub (uvicorn) on PostgreSQL.

Batches are made from the protocol (docs/sync-protocol.md): valid ``dossier.intake`` events of
the desk's own commune, each with its own dossier, and copies of them spoilt in ways the
protocol or the database refuses (a NUL or a lone surrogate in text, a seq that is no
positive 64-bit integer, a time that is none, a missing field, a payload that is no object or
nests too deep, a number JSON writes but no column holds, a dossier code longer than its
column), or changed in ways that keep them valid (an unknown envelope field, control characters
and any other letters in a name). Headers are made too: the credential, ``X-Desk-Protocol``,
gzip or not. Whatever is sent:

* the hub never answers 5xx;
* a protocol header the hub does not speak is a 426, a caller it does not know a 401, and
  nothing is stored then;
* in a batch it reads, every valid event is stored, exactly once (sent again: ``duplicate``),
  and every spoilt one is ``rejected``, with nothing of it stored.

The verdict on each event is the generator's (how it was made), never the hub's code. Fixed
seed (``derandomize``), a bounded number of examples.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import uuid as uuid_mod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, or_, select

from desk_app.sync import protocol as p
from province_hub.models import Dossier, Event
from tests.sync.conftest import HubServer, new_agency_code
from tests.sync.test_hub_edge import _nested

pytestmark = pytest.mark.slow

_seq = itertools.count(1)
_RAW = "@@RAW@@"  # where JSON text Python does not write (NaN, 1e400) goes


@dataclass
class PropDesk:
    hub: HubServer
    credential: str
    agency_code: str
    client: httpx.Client


@pytest.fixture(scope="module")
def desk(hub_server: HubServer) -> Iterator[PropDesk]:
    agency = new_agency_code()
    code = hub_server.issue_code(agency)
    with httpx.Client(base_url=hub_server.url, timeout=30) as client:
        r = client.post(p.API + "/enrol", json={
            "code": code, "agency_code": agency, "installation_id": str(uuid_mod.uuid4()),
            "desk_name": "Máy thuộc tính"})
        r.raise_for_status()
        yield PropDesk(hub_server, r.json()["credential"], agency, client)


def intake(agency: str, name: str) -> dict[str, Any]:
    dossier = str(uuid_mod.uuid4())
    n = next(_seq)
    at = "2026-11-23T09:00:00+07:00"
    return {"uuid": str(uuid_mod.uuid4()), "seq": n, "entity": "dossier",
            "entity_uuid": dossier, "kind": "dossier.intake", "created_at": at,
            "payload": {"uuid": dossier, "code": f"{agency}-261123-{n % 10000:04d}",
                        "agency_code": agency, "procedure_code": "1.001193",
                        "status": "received", "received_at": at,
                        "due_at": "2026-11-26T09:00:00+07:00", "fee_amount": 0,
                        "applicant": {"full_name": name}}}


# -- how an event is spoilt -----------------------------------------------------------------------

Change = Callable[[dict[str, Any]], None]


def _put(path: str, value: Any) -> Change:
    def change(ev: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = ev
        for key in parents:
            node = node[key]
        node[last] = value
    return change


def _drop(field: str) -> Change:
    def change(ev: dict[str, Any]) -> None:
        del ev[field]
    return change


def _spoil_text(path: str, bad: str) -> Change:
    def change(ev: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = ev
        for key in parents:
            node = node[key]
        text = node[last]
        node[last] = text[:3] + bad + text[3:]
        return None
    return change


TEXT_FIELDS = ["uuid", "entity_uuid", "kind", "created_at", "payload.code",
               "payload.received_at", "payload.applicant.full_name"]
SPOILS: list[Change] = [
    *[_spoil_text(f, bad) for f in TEXT_FIELDS for bad in ("\x00", "\ud800", "\udfff")],
    *[_put("seq", v) for v in (0, -1, True, "7", 1.5, None, 2**63, 10**30)],
    *[_put("created_at", v) for v in ("hôm qua", "", 20261123, "0001-01-01T00:00:00+14:00")],
    *[_put("payload", v) for v in ([], "x", 7, None)],
    *[_drop(f) for f in p.EVENT_FIELDS],
    _put("uuid", "u" * 37), _put("payload.code", "C" * 61),
    _put("payload.applicant", _nested(40)),
    *[_put("payload.fee_amount", _RAW + t) for t in ("NaN", "Infinity", "-1e400", "9" * 30)],
]
KEEPS: list[Callable[[dict[str, Any], str], None]] = [
    lambda ev, s: None,
    lambda ev, s: ev.__setitem__("x_unknown", s),
    lambda ev, s: ev["payload"]["applicant"].__setitem__("full_name", s),
    lambda ev, s: ev["payload"].__setitem__("note", s + "\x01\x1f\x7f\u200b\ufeff"),
]

# any text PostgreSQL and UTF-8 hold: no NUL, no surrogate
clean_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
                     max_size=60)


@dataclass
class Item:
    event: dict[str, Any]
    valid: bool


@st.composite
def items(draw: st.DrawFn, agency: str) -> Item:
    ev = intake(agency, draw(clean_text))
    if draw(st.booleans()):
        draw(st.sampled_from(KEEPS))(ev, draw(clean_text))
        return Item(ev, True)
    draw(st.sampled_from(SPOILS))(ev)
    return Item(ev, False)


def body_text(events: list[dict[str, Any]], protocol: Any = 1) -> bytes:
    text = json.dumps({"protocol": protocol, "events": events})  # lone surrogates as \\ud800
    return re.sub(f'"{_RAW}([^"]*)"', r"\1", text).encode()


# -- headers ---------------------------------------------------------------------------------------

# an X-Desk-Protocol the hub does not speak (it speaks "1"); no spaces around (HTTP strips them)
bad_protocol = st.one_of(
    st.sampled_from(["2", "0", "1.0", "v1", "²", "١", "1a", "-1", "9" * 20, "1" * 5000]),
    st.integers(2, 10**30).map(str),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0xFF), min_size=1, max_size=12)
    .filter(lambda s: not re.fullmatch(r"0*1", s)))
stranger = st.one_of(
    st.just(None), st.just("Bearer"), st.just("Bearer dk.1.x"),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40)
    .map(lambda s: "Bearer " + s),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0xFF), min_size=1, max_size=40)
    .map(lambda s: "Bearer dk." + s))


@dataclass
class Push:
    items: list[Item]
    protocol_header: str | None  # None: absent; "1": spoken
    speaks: bool
    authorization: str | None  # None: the desk's credential
    known: bool
    gzipped: bool
    again: bool


@st.composite
def pushes(draw: st.DrawFn, agency: str) -> Push:
    batch = draw(st.lists(items(agency), min_size=1, max_size=8))
    speaks = draw(st.integers(0, 9)) > 0
    header = draw(st.sampled_from([None, "1"])) if speaks else draw(bad_protocol)
    known = draw(st.integers(0, 9)) > 0
    authorization = None if known else draw(stranger)
    return Push(batch, header, speaks, authorization, known, draw(st.booleans()),
                draw(st.integers(0, 3)) == 0)


def _send(desk: PropDesk, push: Push, body: bytes) -> httpx.Response:
    headers: dict[str, Any] = {"Content-Type": "application/json"}
    auth = f"Bearer {desk.credential}" if push.known else push.authorization
    if auth is not None:
        headers["Authorization"] = auth.encode("latin-1")
    if push.protocol_header is not None:
        headers[p.HEADER_PROTOCOL] = push.protocol_header.encode("utf-8")
    if push.gzipped:
        body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
    return desk.client.post(p.API + "/push", content=body, headers=headers)


def _stored(desk: PropDesk, ev: dict[str, Any]) -> tuple[int, int]:
    """Events stored under this event's uuid or entity, and dossiers of its entity."""
    uuid, entity = ev.get("uuid"), ev.get("entity_uuid")
    keys = [k for k in (uuid, entity) if isinstance(k, str) and "\x00" not in k
            and not any(0xD800 <= ord(c) <= 0xDFFF for c in k)]
    with desk.hub.engine.connect() as c:
        events = c.scalar(select(func.count()).select_from(Event).where(
            or_(Event.uuid.in_(keys), Event.entity_uuid.in_(keys)))) if keys else 0
        dossiers = c.scalar(select(func.count()).select_from(Dossier).where(
            Dossier.uuid.in_(keys))) if keys else 0
    return events, dossiers


@settings(derandomize=True, max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_push_never_fails_and_stores_the_valid_events_once(
    desk: PropDesk, data: st.DataObject
) -> None:
    push = data.draw(pushes(desk.agency_code))
    events = [i.event for i in push.items]
    body = body_text(events)
    r = _send(desk, push, body)
    assert r.status_code < 500, f"{r.status_code} {r.text[:300]}"
    if not push.speaks:
        assert (r.status_code, r.json()["error"]) == (426, "protocol_unsupported"), r.text
    elif not push.known:
        assert (r.status_code, r.json()["error"]) == (401, "unauthorized"), r.text
    if not (push.speaks and push.known):
        for item in push.items:
            assert _stored(desk, item.event) == (0, 0)
        return
    assert r.status_code == 200, r.text[:500]
    sends = [r, _send(desk, push, body)] if push.again else [r]
    for n, answer in enumerate(sends):
        assert answer.status_code == 200, answer.text[:500]
        results = answer.json()["results"]
        assert len(results) == len(events)
        for item, result in zip(push.items, results, strict=False):
            if item.valid:
                assert result["uuid"] == item.event["uuid"]
                assert result["status"] == (p.STORED if n == 0 else p.DUPLICATE), result
            else:
                assert result["status"] == p.REJECTED, (result, item.event)
    for item in push.items:
        assert _stored(desk, item.event) == ((1, 1) if item.valid else (0, 0)), item.event


@settings(derandomize=True, max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_batch_whose_envelope_is_wrong_is_refused_whole(
    desk: PropDesk, data: st.DataObject
) -> None:
    """The protocol version of a batch is the integer 1; anything else refuses the batch."""
    batch = data.draw(st.lists(items(desk.agency_code), min_size=1, max_size=4))
    protocol = data.draw(st.one_of(
        st.sampled_from([0, 2, "1", 1.5, True, None, [1], {"v": 1}]),
        st.integers(2, 2**70), st.integers(max_value=0), clean_text))
    body = body_text([i.event for i in batch], protocol)
    r = desk.client.post(p.API + "/push", content=body, headers={
        "Authorization": f"Bearer {desk.credential}", "Content-Type": "application/json"})
    assert (r.status_code, r.json()["error"]) == (422, "bad_batch"), r.text[:300]
    for item in batch:
        assert _stored(desk, item.event) == (0, 0)
