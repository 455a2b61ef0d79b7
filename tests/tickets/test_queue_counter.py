"""The counter's keys on a real store: recall, absent, transfer, finish, and who may press them.

Expected values are written by hand from the rules in desk_app/services/queue.py's docstring.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, NotFoundError, ValidationError
from desk_app.services import clerk_admin, queue
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent
from tests.tickets.test_queue_service import ADMIN, CLERK, call, issue


def _kinds(store: Store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(OutboxEvent.kind).where(OutboxEvent.entity == "ticket")
                              .order_by(OutboxEvent.id)))


def test_recall_counts_the_calls_and_keeps_the_first_call(store: Store,
                                                          clock: FixedClock) -> None:
    issue(store, clock)
    clock.advance(minutes=2)
    first = call(store, clock, 2)
    clock.advance(seconds=40)
    with store.write() as s:
        again = queue.recall(s, clock, CLERK, 2)
    assert first is not None and again.uuid == first.uuid
    assert (again.calls, again.status, again.counter) == (2, "called", 2)
    assert again.called_at == datetime(2026, 11, 23, 9, 2)  # the first call
    with store.read() as s:
        board = queue.board(s, clock)
    assert [t.calls for t in board.called] == [2]
    assert _kinds(store) == ["ticket.issued", "ticket.called", "ticket.called"]


def test_absent_then_the_next_call_takes_the_next_ticket(store: Store,
                                                         clock: FixedClock) -> None:
    a, b = issue(store, clock), issue(store, clock)
    call(store, clock, 1)
    clock.advance(minutes=1)
    with store.write() as s:
        gone = queue.absent(s, clock, CLERK, 1)
    assert (gone.uuid, gone.status, gone.ahead) == (a.uuid, "absent", 0)
    with store.read() as s:
        assert queue.current(s, 1) is None
        assert queue.board(s, clock).called == []
    nxt = call(store, clock, 1)
    assert nxt is not None and nxt.uuid == b.uuid
    with store.read() as s:
        assert queue.find(s, a.uuid).status == "absent"  # type: ignore[union-attr]
    assert _kinds(store) == ["ticket.issued"] * 2 + ["ticket.called", "ticket.absent",
                                                     "ticket.called"]


def test_finish_closes_the_ticket(store: Store, clock: FixedClock) -> None:
    issue(store, clock)
    call(store, clock, 1)
    with store.write() as s:
        done = queue.finish(s, clock, CLERK, 1)
        assert queue.current(s, 1) is None
    assert done.status == "done"
    with store.write() as s, pytest.raises(KnownError) as caught:
        queue.finish(s, clock, CLERK, 1)
    assert caught.value.code == "ticket_none"


def test_transfer_puts_the_ticket_first_for_the_target_counter_only(
        store: Store, clock: FixedClock) -> None:
    t1, t2, t3, t4 = (issue(store, clock) for _ in range(4))
    call(store, clock, 1)  # counter 1 takes 001
    clock.advance(minutes=5)
    with store.write() as s:
        moved = queue.transfer(s, clock, CLERK, 1, 3)
    assert (moved.uuid, moved.status, moved.counter, moved.ahead) == (t1.uuid, "waiting", 3, 0)
    with store.read() as s:
        assert queue.current(s, 1) is None
        assert queue.find(s, t2.uuid).ahead == 0  # type: ignore[union-attr]
        assert queue.board(s, clock).waiting == 4
    # counter 2 does not see the transferred ticket: it takes the common queue's oldest
    at2 = call(store, clock, 2)
    assert at2 is not None and at2.uuid == t2.uuid
    # a second ticket transferred to 3 goes behind the first one
    with store.write() as s:
        second = queue.transfer(s, clock, CLERK, 2, 3)
    assert (second.uuid, second.ahead) == (t2.uuid, 1)
    clock.advance(minutes=1)
    at3 = call(store, clock, 3)
    assert at3 is not None and at3.uuid == t1.uuid
    assert at3.calls == 2 and at3.called_at == datetime(2026, 11, 23, 9, 0)  # first call kept
    assert call(store, clock, 3).uuid == t2.uuid  # type: ignore[union-attr]
    assert call(store, clock, 3).uuid == t3.uuid  # type: ignore[union-attr]
    assert call(store, clock, 1).uuid == t4.uuid  # type: ignore[union-attr]
    assert "ticket.transferred" in _kinds(store)


def test_transfer_to_a_bad_or_the_same_counter_is_refused(store: Store,
                                                         clock: FixedClock) -> None:
    issue(store, clock)
    call(store, clock, 1)
    for target, code in ((1, "same_counter"), (0, "bad_counter"), (12, "bad_counter")):
        with store.write() as s, pytest.raises(ValidationError) as caught:
            queue.transfer(s, clock, CLERK, 1, target)
        assert caught.value.codes_for("to_counter") == [code]
    with store.read() as s:
        assert queue.current(s, 1) is not None


def test_a_clerk_who_does_not_exist_or_is_locked_is_refused(store: Store,
                                                             clock: FixedClock) -> None:
    issue(store, clock)
    with store.write() as s, pytest.raises(NotFoundError) as caught:
        queue.call_next(s, clock, 999, 1)
    assert caught.value.code == "clerk_not_found"
    with store.write() as s:
        clerk_admin.set_active(s, clock, ADMIN, CLERK, False)
    before = _kinds(store)
    for action in (queue.call_next, queue.recall, queue.absent, queue.finish):
        with store.write() as s, pytest.raises(NotFoundError) as caught:
            action(s, clock, CLERK, 1)
        assert caught.value.code == "clerk_not_found"
    with store.write() as s, pytest.raises(NotFoundError):
        queue.transfer(s, clock, CLERK, 1, 2)
    assert _kinds(store) == before
    with store.read() as s:
        assert queue.board(s, clock).waiting == 1


def test_yesterdays_waiting_tickets_are_not_called_and_numbers_restart(
        store: Store, clock: FixedClock) -> None:
    issue(store, clock)
    issue(store, clock)
    clock.set(datetime(2026, 11, 25, 7, 30))  # the next working day (24/11 is a holiday)
    with store.read() as s:
        assert queue.board(s, clock).waiting == 0
    assert call(store, clock, 1) is None
    fresh = issue(store, clock, "dat-dai")
    assert (fresh.number, fresh.label, fresh.ahead) == (1, "001", 0)
    assert fresh.day.isoformat() == "2026-11-25"


def test_the_events_carry_the_ticket_without_the_cccd(store: Store, clock: FixedClock) -> None:
    t = issue(store, clock, "chung-thuc", cccd="001090012345")
    clock.advance(minutes=3)
    call(store, clock, 4)
    with store.read() as s:
        issued, called = s.scalars(select(OutboxEvent).where(OutboxEvent.entity == "ticket")
                                   .order_by(OutboxEvent.id)).all()
        agency = issued.payload["agency_code"]
    assert issued.entity_uuid == t.uuid and issued.kind == "ticket.issued"
    assert issued.payload == {
        "uuid": t.uuid, "agency_code": agency, "day": "2026-11-23", "number": 1,
        "field_code": "chung-thuc", "field_name": "Chứng thực", "status": "waiting",
        "counter": None, "issued_at": "2026-11-23T09:00:00+07:00", "called_at": None,
        "last_called_at": None, "calls": 0, "transferred_at": None, "finished_at": None}
    assert called.payload["status"] == "called" and called.payload["counter"] == 4
    assert called.payload["called_at"] == "2026-11-23T09:03:00+07:00"
    assert called.payload["clerk"] == "binh"


def test_only_an_admin_makes_this_desk_the_queue_host(store: Store, clock: FixedClock) -> None:
    with store.read() as s:
        assert queue.is_host(s) is False
    for who in (CLERK, 2):  # a clerk, the leader
        with store.write() as s, pytest.raises(KnownError) as caught:
            queue.set_host(s, clock, who, True)
        assert caught.value.code == "forbidden"
    with store.write() as s:
        assert queue.set_host(s, clock, ADMIN, True) is True
    with store.read() as s:
        assert queue.is_host(s) is True


def test_on_the_day_of_a_restore_numbering_jumps_past_a_reserve(store: Store,
                                                                 clock: FixedClock) -> None:
    from desk_app.services.desk_settings import RESTORED, set_setting

    issue(store, clock)
    with store.write() as s:  # restored this morning from a backup, the province not asked
        set_setting(s, RESTORED, {"at": "2026-11-23T08:30:00", "backup": "x.bak"})
    assert [issue(store, clock).number for _ in range(2)] == [501, 502]
    with store.write() as s:  # a restore of an earlier day: today's numbers were never lost
        set_setting(s, RESTORED, {"at": "2026-11-20T16:00:00", "backup": "x.bak"})
    clock.set(datetime(2026, 11, 25, 7, 30))
    assert issue(store, clock).number == 1
