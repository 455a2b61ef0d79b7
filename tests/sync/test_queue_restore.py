"""The desk hosting the queue restored from an older backup (issue 17): it takes its tickets
and the visits served with its dossiers back from the province, and the day's numbering goes
on after the last number it had given (never one twice), against the real hub on PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services import backups, intake, queue, ratings
from desk_app.services.ratings import RatingInput
from desk_app.store.engine import Store
from desk_app.store.models_queue import QueueTicket, TicketVisit
from tests.helpers import complete_request
from tests.sync.conftest import HubServer
from tests.sync.helpers_sync import assert_hub_holds_desk, sync_until_done
from tests.sync.test_reconcile import PASS, _enrolled_with_backups

pytestmark = pytest.mark.slow


def _serve(store: Store, clock: FixedClock, tickets: int) -> None:
    """Issue ``tickets``, call the first at counter 1, receive a dossier with it, rate it."""
    with store.write() as s:
        for _ in range(tickets):
            queue.issue(s, clock, "ho-tich")
    clock.advance(minutes=3)
    with store.write() as s:
        called = queue.call_next(s, clock, 3, 1)
        assert called is not None
    clock.advance(minutes=2)
    with store.write() as s:
        req = complete_request(s)
        req.visit = queue.visit_of(called)
        dossier = intake.receive(s, clock, 3, req).dossier_id
        ratings.record_rating(s, clock, 3, RatingInput(dossier, "intake", "satisfied"))


def _tickets(store: Store) -> dict[str, tuple[object, ...]]:
    with store.read() as s:
        return {t.uuid: (t.day, t.number, t.status, t.counter, t.calls, t.called_at)
                for t in s.scalars(select(QueueTicket))}


def _visits(store: Store) -> set[tuple[object, ...]]:
    with store.read() as s:
        return {(v.ticket_uuid, v.occasion, v.number, v.issued_at, v.called_at, v.served_at)
                for v in s.scalars(select(TicketVisit))}


def test_a_restored_queue_host_takes_its_tickets_back(
        hub_server: HubServer, make_desk, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk, admin = _enrolled_with_backups(hub_server, make_desk, clock, tmp_path)
    _serve(desk.store, clock, 3)
    sync_until_done(desk, clock)
    made = backups.run_backup(desk.store, clock, "manual")
    clock.set(datetime(2026, 11, 23, 10, 0))
    _serve(desk.store, clock, 4)  # tickets 4-7; ticket 2 (still waiting) is served: lost
    sync_until_done(desk, clock)
    tickets, visits = _tickets(desk.store), _visits(desk.store)
    assert sorted(n for _d, n, *_ in tickets.values()) == list(range(1, 8))
    summary = backups.stage_restore(desk.store, admin, made.path, PASS)
    backups.confirm_restore(desk.store, admin, made.path, summary, clock.now())
    desk.store.dispose()
    assert backups.complete_pending_restore(desk.data_dir, clock.now())
    desk.store = Store(database_path(desk.data_dir))
    assert len(_tickets(desk.store)) == 3
    worker = sync_until_done(desk, clock)
    assert worker.last_report is not None and worker.last_report.not_rebuilt == []
    assert _tickets(desk.store) == tickets
    assert _visits(desk.store) == visits
    with desk.store.read() as s:
        assert ratings.check_stored_chain(s) == []
        assert [r.wait_s for r in s.scalars(select(ratings.Rating).order_by(
            ratings.Rating.seq))] == [180, 3780]  # ticket 2: issued 09:00, called 10:03
    with desk.store.write() as s:
        assert queue.issue(s, clock, "dat-dai").number == 8
    sync_until_done(desk, clock)
    assert_hub_holds_desk(hub_server.engine, desk.store)
