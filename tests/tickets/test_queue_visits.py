"""A called ticket becomes a dossier whose rating carries the waiting and service times.

Real store, real services; the times are set by a FixedClock and the expected seconds are
counted by hand from it.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from alembic import command
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.core.ratingchain import verify_chain
from desk_app.services import intake, lifecycle, queue, ratings, returns
from desk_app.services.dossier_view import VisitRecord, load_dossier_record
from desk_app.services.intake import Missing
from desk_app.services.ratings import RatingInput
from desk_app.store import migrate
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent
from desk_app.store.models_queue import TicketVisit
from desk_app.store.models_rating import Rating
from tests.helpers import complete_request
from tests.tickets.test_queue_service import CLERK, call, issue

# the keys of a rating's record before issue 17, written out by hand
OLD_KEYS = {"uuid", "seq", "desk", "agency_code", "dossier_uuid", "dossier_code",
            "procedure_code", "clerk", "occasion", "at", "form", "overall", "criteria",
            "comment", "flags", "prev_hash", "hash"}


def _called(store: Store, clock: FixedClock, counter: int = 1) -> queue.Visit:
    issue(store, clock)  # 09:00:00
    clock.advance(minutes=7, seconds=30)
    ticket = call(store, clock, counter)  # 09:07:30: waited 450 s
    assert ticket is not None
    return queue.visit_of(ticket)


def _rate(store: Store, clock: FixedClock, dossier_id: int, occasion: str) -> Rating:
    with store.write() as s:
        done = ratings.record_rating(s, clock, CLERK,
                                     RatingInput(dossier_id, occasion, "satisfied"))
    with store.read() as s:
        row = s.get(Rating, done.rating_id)
    assert row is not None
    return row


def _outbox_records(store: Store) -> list[dict[str, object]]:
    with store.read() as s:
        return [e.payload for e in s.scalars(select(OutboxEvent).where(
            OutboxEvent.kind == "rating.recorded").order_by(OutboxEvent.id))]


def test_a_called_ticket_becomes_a_dossier_whose_rating_carries_the_wait(
        store: Store, clock: FixedClock) -> None:
    visit = _called(store, clock)
    assert visit.issued_at == datetime(2026, 11, 23, 9, 0)
    assert visit.called_at == datetime(2026, 11, 23, 9, 7, 30)
    clock.advance(minutes=12)  # 09:19:30: served for 720 s
    with store.write() as s:
        req = complete_request(s)
        req.visit = visit
        done = intake.receive(s, clock, CLERK, req)
    clock.advance(minutes=1, seconds=30)  # the rating at 09:21:00
    row = _rate(store, clock, done.dossier_id, "intake")
    assert (row.wait_s, row.service_s) == (450, 720)
    with store.read() as s:
        kept = s.scalar(select(TicketVisit).where(TicketVisit.dossier_id == done.dossier_id))
        intake_event = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.intake"))
    assert kept is not None and intake_event is not None
    assert (kept.occasion, kept.number, kept.counter, kept.day) == ("intake", 1, 1,
                                                                      date(2026, 11, 23))
    assert kept.served_at == datetime(2026, 11, 23, 9, 19, 30)
    assert intake_event.payload["ticket"] == {
        "uuid": visit.ticket_uuid, "number": 1, "day": "2026-11-23", "field_code": "ho-tich",
        "counter": 1, "issued_at": "2026-11-23T09:00:00+07:00",
        "called_at": "2026-11-23T09:07:30+07:00", "served_at": "2026-11-23T09:19:30+07:00",
        "wait_s": 450, "service_s": 720}
    (record,) = _outbox_records(store)
    assert (record["wait_s"], record["service_s"]) == (450, 720)
    assert verify_chain(_outbox_records(store)) == []
    with store.read() as s:  # the dossier's page and forms read the visit too
        page = load_dossier_record(s, done.dossier_id)
    assert page is not None
    assert page.visits == (VisitRecord("intake", "001", date(2026, 11, 23), 1, 450, 720),)
    with store.read() as s:
        assert ratings.check_stored_chain(s) == []


def test_a_return_with_a_ticket_keeps_the_visit(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        dossier_id = intake.receive(s, clock, CLERK, complete_request(s)).dossier_id
        lifecycle.change_status(s, clock, CLERK, dossier_id, Status.RESULT_READY)
    clock.set(datetime(2026, 11, 27, 14, 0))
    visit = _called(store, clock, counter=2)  # issued 14:00:00, called 14:07:30
    clock.advance(minutes=3, seconds=5)  # returned at 14:10:35: 185 s
    collector = returns.Collector("applicant", "Đặng Văn Đức", "001090012345")
    with store.write() as s:
        returns.return_result(s, clock, CLERK, dossier_id, collector, visit=visit)
    clock.advance(minutes=2)
    row = _rate(store, clock, dossier_id, "return")
    assert (row.wait_s, row.service_s) == (450, 185)
    with store.read() as s:
        status = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "dossier.status")
                           .order_by(OutboxEvent.id.desc())).first()
    assert status is not None and status.payload["ticket"]["service_s"] == 185
    assert status.payload["ticket"]["counter"] == 2


def test_a_refusal_also_ends_the_visit(store: Store, clock: FixedClock) -> None:
    visit = _called(store, clock)
    clock.advance(minutes=1)
    with store.write() as s:
        req = complete_request(s)
        req.visit = visit
        gone = intake.refuse(s, clock, CLERK, req, "Không thuộc thẩm quyền của xã")
    with store.write() as s:
        req = complete_request(s)
        req.visit = visit
        req.components = req.components[:1]
        asked = intake.request_supplement(s, clock, CLERK, req,
                                          [Missing("Bản sao giấy khai sinh", copies=1)],
                                          "Thiếu giấy tờ")
    with store.read() as s:
        kept = {d: t for d, t in s.execute(select(TicketVisit.dossier_id, TicketVisit.served_at))}
    assert kept == {gone.dossier_id: datetime(2026, 11, 23, 9, 8, 30),
                    asked.dossier_id: datetime(2026, 11, 23, 9, 8, 30)}


def test_without_a_ticket_nothing_changes(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        done = intake.receive(s, clock, CLERK, complete_request(s))
    row = _rate(store, clock, done.dossier_id, "intake")
    assert (row.wait_s, row.service_s) == (None, None)
    (record,) = _outbox_records(store)
    assert set(record) == OLD_KEYS
    with store.read() as s:
        event = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.intake"))
        assert event is not None and "ticket" not in event.payload
        assert s.scalar(select(TicketVisit.id)) is None


def test_an_old_chain_still_verifies_and_a_timed_rating_chains_on(
        store: Store, clock: FixedClock, tmp_path: object) -> None:
    with store.write() as s:
        old = intake.receive(s, clock, CLERK, complete_request(s)).dossier_id
    _rate(store, clock, old, "intake")
    cfg = migrate.alembic_config()
    with store.engine.begin() as conn:  # back to the release before issue 17 ...
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    con = sqlite3.connect(store.path)
    assert "wait_s" not in {r[1] for r in con.execute("PRAGMA table_info(ratings)")}
    assert not con.execute("SELECT name FROM sqlite_master WHERE name IN "
                           "('queue_tickets', 'ticket_visits')").fetchall()
    con.close()
    migrate.migrate(store, store.path.parent / "backups")  # ... and up again
    with store.read() as s:
        assert ratings.check_stored_chain(s) == []
    visit = _called(store, clock)
    clock.advance(seconds=95)
    with store.write() as s:
        req = complete_request(s)
        req.visit = visit
        new = intake.receive(s, clock, CLERK, req).dossier_id
    row = _rate(store, clock, new, "intake")
    assert (row.seq, row.wait_s, row.service_s) == (2, 450, 95)
    with store.read() as s:
        assert ratings.check_stored_chain(s) == []
    records = _outbox_records(store)
    assert set(records[0]) == OLD_KEYS and set(records[1]) == OLD_KEYS | {"wait_s", "service_s"}
    assert verify_chain(records) == []


def test_visit_of_a_ticket_never_called_is_a_bug(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValueError):
        queue.visit_of(issue(store, clock))
