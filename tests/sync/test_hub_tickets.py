"""Queue tickets reach the province (issue 17): their events are taken, folded into ``tickets``,
and a served ticket's waiting and service times arrive with the dossier and the rating."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk_app.services import intake, queue
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.sync.cycle import run_cycle
from province_hub.models import Event, Rating, Ticket
from tests.helpers import complete_request
from tests.sync.helpers_sync import assert_hub_holds_desk
from tests.sync.hubs import hub  # noqa: F401  (on SQLite and PostgreSQL)
from tests.sync.test_sync_protocol import client_of, enrolled


def test_tickets_and_their_times_reach_the_hub(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    store = desk.store
    with store.write() as s:
        first = queue.issue(s, clock, "ho-tich", "001090012345")
        second = queue.issue(s, clock, "dat-dai")
        third = queue.issue(s, clock, "chung-thuc")
    clock.advance(minutes=5)  # 09:05
    with store.write() as s:
        queue.call_next(s, clock, 3, 1)  # first
        queue.call_next(s, clock, 2, 2)  # second
        queue.transfer(s, clock, 2, 2, 1)  # second waits again, for counter 1
    clock.advance(minutes=4)  # 09:09
    with store.write() as s:
        req = complete_request(s)
        req.visit = queue.visit_of(queue.current(s, 1))  # type: ignore[arg-type]
        dossier = intake.receive(s, clock, 3, req).dossier_id
        queue.call_next(s, clock, 3, 1)  # first done; second called at counter 1
        queue.absent(s, clock, 3, 1)
    clock.advance(minutes=1)
    with store.write() as s:
        record_rating(s, clock, 3, RatingInput(dossier, "intake", "satisfied"))
    run_cycle(store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, store)
    with hub.engine.connect() as c:
        rows = {t.uuid: t for t in c.execute(select(Ticket))}
        record = c.scalar(select(Rating.record))
        intake_payload = c.scalar(select(Event.payload).where(Event.kind == "dossier.intake"))
        payloads = list(c.scalars(select(Event.payload).where(Event.entity == "ticket")))
    assert {u: (t.number, t.status, t.counter, t.calls) for u, t in rows.items()} == {
        first.uuid: (1, "done", 1, 1), second.uuid: (2, "absent", 1, 2),
        third.uuid: (3, "waiting", None, 0)}
    assert rows[first.uuid].called_at == datetime(2026, 11, 23, 9, 5)
    assert rows[second.uuid].field_name == "Đất đai" and rows[first.uuid].day == "2026-11-23"
    assert (record["wait_s"], record["service_s"]) == (300, 240)
    assert intake_payload["ticket"]["uuid"] == first.uuid
    assert intake_payload["ticket"]["wait_s"] == 300
    assert not any("cccd" in key for pl in payloads for key in pl)  # nothing of the card
