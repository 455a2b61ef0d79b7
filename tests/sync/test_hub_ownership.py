"""A desk writes only its own data: ownership from the credential and the hub's history, never
from the body; seq positive and increasing per desk; a kind that matches its entity; a code
used once in a commune. Every refusal comes back with its reason and is kept for review."""

from __future__ import annotations

import uuid as uuid_mod
from typing import Any

from sqlalchemy import func, select

from desk_app.services.counter import set_counter
from desk_app.store.models import Commune, Dossier, OutboxEvent
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.cycle import run_cycle
from desk_app.sync.enrolment import enrol_desk
from province_hub.models import Desk, Event, EventProblem, Rating
from tests.sync.helpers_sync import activity, assert_hub_holds_desk, desk_id_of
from tests.sync.hubs import hub  # noqa: F401  (on SQLite and PostgreSQL)
from tests.sync.test_sync_protocol import URL, client_of, enrolled

AT = "2026-11-23T09:00:00+07:00"


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


def intake(seq: int, code: str, **payload: Any) -> dict[str, Any]:
    dossier = payload.pop("uuid", new_uuid())
    body = {"uuid": dossier, "code": code, "procedure_code": "1.004873", "status": "received",
            "received_at": AT, "due_at": "2026-11-26T09:00:00+07:00", **payload}
    return {"uuid": new_uuid(), "seq": seq, "entity": "dossier", "entity_uuid": dossier,
            "kind": "dossier.intake", "payload": body, "created_at": AT}


def status(seq: int, dossier: str, frm: str, to: str) -> dict[str, Any]:
    return {"uuid": new_uuid(), "seq": seq, "entity": "dossier", "entity_uuid": dossier,
            "kind": "dossier.status", "created_at": AT,
            "payload": {"uuid": dossier, "from": frm, "to": to, "at": AT, "reason": ""}}


def second_counter(hub, make_desk, clock, of):  # type: ignore[no-untyped-def]
    """Another counter PC of ``of``'s commune: its own desk and data, its own counter number."""
    desk = make_desk()
    with desk.store.write() as s:
        s.get(Commune, 1).agency_code = of.agency_code
        set_counter(s, 2)
    desk.agency_code = of.agency_code
    enrol_desk(desk.store, clock, URL, hub.issue_code(desk.agency_code),
               transport=hub.transport)
    return desk


def reasons(answer: p.PushAnswer) -> list[str]:
    return [r.reason if r.status == p.REJECTED else r.status for r in answer.results]


def events_of(hub, desk) -> int:  # type: ignore[no-untyped-def]
    with hub.engine.connect() as c:
        return c.scalar(select(func.count(Event.id)).where(
            Event.desk_id == desk_id_of(desk.store)))


def test_a_commune_is_named_by_the_credential_never_by_the_body(hub, make_desk, clock) -> None:
    a, b = enrolled(hub, make_desk, clock), enrolled(hub, make_desk, clock)
    activity(b.store, clock, 1, rate=False)
    run_cycle(b.store, clock, client_of(hub, b))
    with b.store.read() as s:
        b_dossier = s.scalar(select(Dossier.uuid))
    mine = f"{a.agency_code}-261123-0001"
    rating = new_uuid()
    two_names = intake(1, mine, agency_code=b.agency_code)
    two_names["payload"]["record"] = {"uuid": two_names["entity_uuid"],
                                      "agency_code": a.agency_code}
    answer = client_of(hub, a).push([
        two_names,  # the record names a, the top level names b
        # no agency code at all, and b's code
        intake(2, f"{b.agency_code}-261123-0009"),
        # a's agency code, b's code
        intake(3, f"{b.agency_code}-261123-0010", agency_code=a.agency_code),
        # a rating sent under entity "dossier", pointing at b's dossier
        {"uuid": new_uuid(), "seq": 4, "entity": "dossier", "entity_uuid": rating,
         "kind": "rating.recorded", "created_at": AT,
         "payload": {"uuid": rating, "agency_code": a.agency_code, "dossier_uuid": b_dossier,
                     "overall": "very_satisfied", "seq": 1}},
        # a kind nobody knows
        {"uuid": new_uuid(), "seq": 5, "entity": "dossier", "entity_uuid": new_uuid(),
         "kind": "dossier.delete", "created_at": AT, "payload": {}},
    ])
    assert reasons(answer) == ["foreign_commune", "foreign_commune", "foreign_commune",
                               "kind_mismatch", "unknown_kind"]
    assert events_of(hub, a) == 0
    with hub.engine.connect() as c:  # each refusal kept for the province, with its reason
        kept = c.execute(select(EventProblem.reason).where(
            EventProblem.desk_id == desk_id_of(a.store))).scalars().all()
    assert sorted(kept) == sorted(reasons(answer))


def test_claim_first_claims_nothing(hub, make_desk, clock) -> None:
    a, b = enrolled(hub, make_desk, clock), enrolled(hub, make_desk, clock)
    activity(b.store, clock, 1, rate=False)  # b's dossier, not yet synced
    with b.store.read() as s:
        b_dossier = s.scalar(select(Dossier.uuid))
    # a learnt the uuid and writes first, with a status change
    answer = client_of(hub, a).push([status(1, b_dossier, "received", "withdrawn")])
    assert reasons(answer) == ["unknown_entity"]
    report = run_cycle(b.store, clock, client_of(hub, b))  # b's own events are all taken
    assert report.held == 0
    assert_hub_holds_desk(hub.engine, b.store)
    with hub.engine.connect() as c:
        assert c.scalar(select(func.count(Event.id)).where(
            Event.entity_uuid == b_dossier, Event.desk_id == desk_id_of(a.store))) == 0


def test_an_entity_belongs_to_the_desk_that_first_sent_it(hub, make_desk, clock) -> None:
    a = enrolled(hub, make_desk, clock)
    other = second_counter(hub, make_desk, clock, a)  # same commune, another desk
    activity(a.store, clock, 1, rate=False)
    run_cycle(a.store, clock, client_of(hub, a))
    with a.store.read() as s:
        dossier = s.scalar(select(Dossier.uuid))
    answer = client_of(hub, other).push([
        status(1, dossier, "received", "withdrawn"),
        intake(2, f"{a.agency_code}-261123-B001", uuid=dossier, agency_code=a.agency_code),
    ])
    assert reasons(answer) == ["foreign_desk", "foreign_desk"]
    assert_hub_holds_desk(hub.engine, a.store)


def test_seq_is_positive_and_increasing_per_desk(hub, make_desk, clock) -> None:
    a = enrolled(hub, make_desk, clock)
    c = client_of(hub, a)
    code = f"{a.agency_code}-261123-00"
    first = c.push([intake(0, code + "01", agency_code=a.agency_code),
                    intake(7, code + "02", agency_code=a.agency_code),
                    intake(5, code + "03", agency_code=a.agency_code)])
    assert reasons(first) == ["bad_seq", p.STORED, "seq_not_increasing"]
    assert first.desk_last_seq == 7
    late = intake(6, code + "04", agency_code=a.agency_code)
    assert reasons(c.push([late])) == ["seq_not_increasing"]
    # a refused event sent again (its answer was lost) gets its own reason back, not "too old"
    foreign = intake(8, code + "05", agency_code="000.00.99.H99")
    assert reasons(c.push([foreign, intake(9, code + "06", agency_code=a.agency_code)])) == [
        "foreign_commune", p.STORED]
    assert reasons(c.push([foreign])) == ["foreign_commune"]


def test_a_code_already_used_in_the_commune_is_refused(hub, make_desk, clock) -> None:
    a = enrolled(hub, make_desk, clock)
    other = second_counter(hub, make_desk, clock, a)
    activity(a.store, clock, 1, rate=False)
    run_cycle(a.store, clock, client_of(hub, a))
    with a.store.read() as s:
        taken = s.scalar(select(Dossier.code))
    fresh = f"{a.agency_code}-261123-B001"
    first = intake(1, taken, agency_code=a.agency_code)
    answer = client_of(hub, other).push([
        first, status(2, first["entity_uuid"], "received", "in_processing"),  # claims nothing
        intake(3, fresh, agency_code=a.agency_code),
        intake(4, fresh, agency_code=a.agency_code),  # twice in one batch
    ])
    assert reasons(answer) == ["duplicate_code", "unknown_entity", p.STORED, "duplicate_code"]
    # another commune may have the same sequence of its own
    b = enrolled(hub, make_desk, clock)
    assert reasons(client_of(hub, b).push([intake(1, taken.replace(
        a.agency_code, b.agency_code), agency_code=b.agency_code)])) == [p.STORED]


def test_a_batch_replayed_under_another_credential_takes_nothing_silently(
    hub, make_desk, clock
) -> None:
    """A batch captured before delivery and replayed with another counter's credential, its
    seqs renumbered above that counter's own (seq is outside the content hash)."""
    a = enrolled(hub, make_desk, clock)
    thief = second_counter(hub, make_desk, clock, a)
    activity(thief.store, clock, 4)  # the thief's own ratings are at the hub: its chain
    run_cycle(thief.store, clock, client_of(hub, thief))
    activity(a.store, clock, 1)
    run_cycle(a.store, clock, client_of(hub, a))  # a's first rating delivered ...
    activity(a.store, clock, 4)
    with a.store.read() as s:
        captured = state.next_batch(s, 500, 10**6)  # ... the rest captured on the line
    assert any(e["kind"] == "rating.recorded" for e in captured)
    with hub.engine.connect() as c:
        top = c.scalar(select(Desk.last_seq).where(Desk.id == desk_id_of(thief.store)))
    replay = [dict(e, seq=top + i) for i, e in enumerate(captured, 1)]
    answer = client_of(hub, thief).push(replay)
    kinds = {e["uuid"]: e["kind"] for e in captured}
    # the ratings are a's chain: never taken
    assert {r.reason for r in answer.results if kinds[r.uuid] == "rating.recorded"} == {
        "foreign_desk"}
    report = run_cycle(a.store, clock, client_of(hub, a))
    with hub.engine.connect() as c:
        chains = dict(c.execute(select(Desk.id, Desk.chain_problems)).all())
        a_ratings = c.scalar(select(func.count(Rating.uuid)).where(
            Rating.desk_id == desk_id_of(a.store)))
    assert chains[desk_id_of(a.store)] == [] and chains[desk_id_of(thief.store)] == []
    with a.store.read() as s:
        assert a_ratings == s.scalar(select(func.count(OutboxEvent.id)).where(
            OutboxEvent.kind == "rating.recorded"))
        held = {h.outbox_id: h.reason for h in s.scalars(select(state.SyncHeldEvent))}
    # what the thief did take (dossiers it sent first) is never answered "duplicate" to a:
    # a holds those events, visibly, and the province sees the dispute
    taken = {r.uuid for r in answer.results if r.status == p.STORED}
    with a.store.read() as s:
        held_uuids = {s.get(OutboxEvent, i).uuid for i in held}
    assert held_uuids == taken and set(held.values()) <= {"foreign_desk"}
    assert report.held == len(taken)
    r = hub.client.get("/api/v1/admin/problems", params={"limit": 1000},
                       headers={"Authorization": f"Bearer {hub.admin}"})
    disputed = {x["uuid"] for x in r.json()["events"]
                if x["desk_id"] == desk_id_of(a.store) and x["reason"] == "foreign_desk"}
    assert disputed == taken


def test_every_refusal_reason_has_vietnamese_words() -> None:
    """The reasons province_hub.rules returns reach the clerk with the held event."""
    import ast
    import inspect
    import re

    from desk_app.core.lifecycle import Status, refusal_reason
    from desk_app.gui.sync_indicator import GENERIC_WORDS, error_words
    from province_hub import rules

    def returned(node: ast.expr | None) -> set[str]:  # "x", a if c else b, (a, b)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return returned(node.body) | returned(node.orelse)
        if isinstance(node, ast.Tuple):
            return set().union(*(returned(x) for x in node.elts))
        return set()

    found = {code for n in ast.walk(ast.parse(inspect.getsource(rules)))
             if isinstance(n, ast.Return) for code in returned(n.value)
             if re.fullmatch(r"[a-z]+_[a-z_]+", code)}
    found |= {f"transition_{why}" for x in Status for y in Status
              if (why := refusal_reason(x, y))}
    assert {"foreign_commune", "unknown_entity", "duplicate_code"} <= found
    for code in sorted(found):
        words = error_words(code)
        assert words != GENERIC_WORDS and "_" not in words, code
