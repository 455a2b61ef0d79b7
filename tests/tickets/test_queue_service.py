"""The queue core on a real store: issuing at the kiosk, calling, the board, the fields.

Expected values are written by hand (the demo catalogue's fields, the numbers 1, 2, 3 ...).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.services import queue
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent, Setting
from desk_app.store.models_queue import QueueTicket

CLERK = 3  # binh, a clerk of the seeded template
LEADER = 2
ADMIN = 1
TODAY = date(2026, 11, 23)


def issue(store: Store, clock: FixedClock, code: str = "ho-tich",
          cccd: str | None = None) -> queue.Ticket:
    with store.write() as s:
        return queue.issue(s, clock, code, cccd)


def call(store: Store, clock: FixedClock, counter: int, clerk: int = CLERK
         ) -> queue.Ticket | None:
    with store.write() as s:
        return queue.call_next(s, clock, clerk, counter)


def test_the_kiosk_offers_the_fields_of_the_catalogue(store: Store, clock: FixedClock) -> None:
    issue(store, clock, "chung-thuc")
    issue(store, clock, "chung-thuc")
    with store.read() as s:
        found = {f.code: (f.name, f.waiting) for f in queue.fields(s, clock)}
    assert found["ho-tich"] == ("Hộ tịch", 0)
    assert found["chung-thuc"] == ("Chứng thực", 2)
    assert found["dat-dai"] == ("Đất đai", 0)
    assert found["thi-dua-khen-thuong"] == ("Thi đua, khen thưởng", 0)


def test_numbers_count_up_and_tickets_wait_in_order(store: Store, clock: FixedClock) -> None:
    first = issue(store, clock)
    clock.advance(minutes=1)
    second = issue(store, clock, "dat-dai")
    third = issue(store, clock)
    assert [t.number for t in (first, second, third)] == [1, 2, 3]
    assert [t.label for t in (first, second, third)] == ["001", "002", "003"]
    assert [t.ahead for t in (first, second, third)] == [0, 1, 2]
    assert second.field_name == "Đất đai" and second.status == "waiting"
    assert second.day == TODAY and second.issued_at == datetime(2026, 11, 23, 9, 1)
    assert second.counter is None and second.called_at is None and second.calls == 0


def test_label_pads_to_three_digits_and_grows_past_them() -> None:
    t = queue.Ticket("u", TODAY, 7, "ho-tich", "Hộ tịch", "waiting", None,
                     datetime(2026, 11, 23, 9), None, 0, 0)
    assert t.label == "007"
    assert queue.Ticket(**{**t.__dict__, "number": 1000}).label == "1000"


def test_call_next_takes_the_oldest_and_closes_the_current(store: Store,
                                                          clock: FixedClock) -> None:
    a, b = issue(store, clock), issue(store, clock)
    clock.advance(minutes=4)
    called = call(store, clock, 1)
    assert called is not None and called.uuid == a.uuid
    assert (called.status, called.counter, called.calls, called.ahead) == ("called", 1, 1, 0)
    assert called.called_at == datetime(2026, 11, 23, 9, 4)
    with store.read() as s:
        assert queue.current(s, 1) == called
        assert queue.current(s, 2) is None
        assert queue.find(s, b.uuid).ahead == 0  # type: ignore[union-attr]
    clock.advance(minutes=3)
    nxt = call(store, clock, 1)
    assert nxt is not None and nxt.uuid == b.uuid
    with store.read() as s:
        done = s.scalar(select(QueueTicket).where(QueueTicket.uuid == a.uuid))
        assert done is not None
        assert (done.status, done.finished_at) == ("done", datetime(2026, 11, 23, 9, 7))
    clock.advance(minutes=1)
    assert call(store, clock, 1) is None  # nobody waits: b is closed all the same
    with store.read() as s:
        assert queue.current(s, 1) is None
        assert queue.find(s, b.uuid).status == "done"  # type: ignore[union-attr]


def test_the_board_shows_the_latest_calls_first(store: Store, clock: FixedClock) -> None:
    for _ in range(9):
        issue(store, clock)
    for counter in (1, 2, 3, 4, 5, 6, 7):
        clock.advance(minutes=1)
        call(store, clock, counter)
    with store.read() as s:
        shown = queue.board(s, clock)
    assert [t.number for t in shown.called] == [7, 6, 5, 4, 3, 2]
    assert [t.counter for t in shown.called] == [7, 6, 5, 4, 3, 2]
    assert shown.waiting == 2


def test_an_unknown_field_is_refused(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        issue(store, clock, "xay-nha-tren-mat-trang")
    assert caught.value.codes_for("field_code") == ["unknown"]
    with store.read() as s:
        assert s.scalar(select(QueueTicket.id)) is None


def test_a_cccd_is_checked_and_kept_only_hashed(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as caught:
        issue(store, clock, cccd="00109001234")  # 11 digits
    assert caught.value.codes_for("cccd_number") == ["bad_cccd"]
    t = issue(store, clock, cccd="001090012345")
    with store.read() as s:
        row = s.scalar(select(QueueTicket).where(QueueTicket.uuid == t.uuid))
        events = s.scalars(select(OutboxEvent).where(OutboxEvent.entity == "ticket")).all()
    assert row is not None
    # not the plain sha256("001090012345") (`printf 001090012345 | sha256sum`), which anyone
    # could recompute from a copied table: a keyed hash under this desk's own key
    assert row.cccd_hash != "9b97a3916d238aff50d9622205d55792c8b25d58c479a50cb99c206d4f1b9ce1"
    import hashlib
    import hmac

    with store.read() as s:
        key = s.get(Setting, "queue.cccd_key")
    assert key is not None and len(key.value) == 64
    assert row.cccd_hash == hmac.new(bytes.fromhex(key.value), b"001090012345",
                                     hashlib.sha256).hexdigest()
    again = issue(store, clock, cccd="001090012345")  # the same card: the same mark
    with store.read() as s:
        second = s.scalar(select(QueueTicket).where(QueueTicket.uuid == again.uuid))
    assert second is not None and second.cccd_hash == row.cccd_hash
    assert "001090012345" not in str([e.payload for e in events])
    assert all("cccd_hash" not in e.payload for e in events)


def test_recall_absent_finish_with_no_ticket_are_refused(store: Store,
                                                         clock: FixedClock) -> None:
    for action in (queue.recall, queue.absent, queue.finish):
        with store.write() as s, pytest.raises(KnownError) as caught:
            action(s, clock, CLERK, 1)
        assert caught.value.code == "ticket_none"
    with store.write() as s, pytest.raises(KnownError) as caught:
        queue.transfer(s, clock, CLERK, 1, 2)
    assert caught.value.code == "ticket_none"


@pytest.mark.parametrize("bad", [0, 10, "x", None, -1])
def test_a_bad_counter_is_refused(store: Store, clock: FixedClock, bad: object) -> None:
    issue(store, clock)
    with store.write() as s, pytest.raises(ValidationError) as caught:
        queue.call_next(s, clock, CLERK, bad)  # type: ignore[arg-type]
    assert caught.value.fields() == {"counter"}
    with store.read() as s:
        assert queue.board(s, clock).waiting == 1
