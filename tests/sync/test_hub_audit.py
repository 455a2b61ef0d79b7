"""The desk's audit records at the province (issue 13): stored with the other events, refused
from another commune like any event, and a chain edited on the desk before it was sent is
flagged for the province (``audit_chain_broken``), on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.services import clerk_admin
from desk_app.store.models import Clerk, OutboxEvent
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.cycle import run_cycle
from province_hub.models import Event, EventProblem
from tests.sync.helpers_sync import assert_hub_holds_desk
from tests.sync.hubs import hub  # noqa: F401  (on SQLite and PostgreSQL)
from tests.sync.test_hub_ownership import reasons
from tests.sync.test_sync_protocol import client_of, enrolled


def _accounts(store, clock, n: int) -> None:  # type: ignore[no-untyped-def]
    with store.write() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        for i in range(n):
            clerk_admin.add_clerk(s, clock, admin, f"cb{i}", f"Cán bộ {i}", "mat-khau-123",
                                  "clerk")


def test_audit_records_reach_the_province_and_an_edited_one_is_flagged(
        hub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    desk = enrolled(hub, make_desk, clock)
    _accounts(desk.store, clock, 3)
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    with hub.engine.connect() as c:
        actions = [pl["action"] for pl in c.scalars(select(Event.payload).where(
            Event.kind == "audit.recorded").order_by(Event.seq))]
        assert actions[-3:] == ["account.create"] * 3
        assert c.scalar(select(EventProblem.id)) is None
    # two more, and the first of them edited on the desk before it is sent
    with desk.store.write() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        for name in ("cb3", "cb4"):
            clerk_admin.add_clerk(s, clock, admin, name, "Cán bộ mới", "mat-khau-123", "clerk")
    with desk.store.write() as s:
        row = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "audit.recorded")
                        .order_by(OutboxEvent.id.desc()).offset(1).limit(1)).one()
        row.payload = dict(row.payload, change=dict(row.payload["change"], role="admin"))
    run_cycle(desk.store, clock, client_of(hub, desk))
    with hub.engine.connect() as c:
        flagged = list(c.scalars(select(EventProblem.reason).where(
            EventProblem.problem == "flagged")))
    assert flagged == ["audit_chain_broken"]


def test_another_communes_audit_record_is_refused(hub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    a = enrolled(hub, make_desk, clock)
    b = enrolled(hub, make_desk, clock)
    _accounts(a.store, clock, 1)
    with a.store.read() as s:
        ev = state.wire_event(s.scalars(select(OutboxEvent).where(
            OutboxEvent.kind == "audit.recorded").order_by(OutboxEvent.id.desc())).first())
    answer = client_of(hub, b).push([dict(ev, seq=1)])
    assert reasons(answer) == ["foreign_commune"]
    assert answer.results[0].status == p.REJECTED
