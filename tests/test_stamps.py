"""The desk never stamps a receipt, a dossier event or a rating earlier than the last time it
stored (issue 10: a clock corrected backwards reordered a dossier's history), tested with the
injectable clock set back."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services import intake, lifecycle
from desk_app.services.access import ForbiddenError
from desk_app.services.clock_check import accept_clock, check_clock
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.store.engine import Store
from desk_app.store.models import DossierEvent, OutboxEvent
from desk_app.store.models_rating import Rating
from tests.helpers import complete_request

ADMIN, LEADER, CLERK = 1, 2, 3
LAST = datetime(2026, 11, 23, 9, 0)  # conftest START: Monday


def test_a_clock_set_back_a_day_stamps_the_last_time_stored(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        first = intake.receive(s, clock, CLERK, complete_request(s))
    clock.set(datetime(2026, 11, 22, 8, 0))  # Sunday 08:00: the PC's clock went back
    with store.write() as s:
        second = intake.receive(s, clock, CLERK, complete_request(s))
        lifecycle.change_status(s, clock, CLERK, first.dossier_id, Status.IN_PROCESSING)
        lifecycle.extend_due(s, clock, LEADER, first.dossier_id, datetime(2026, 12, 4, 9, 0),
                             "Chờ xác minh")
        record_rating(s, clock, CLERK, RatingInput(second.dossier_id, "intake", "satisfied"))
    assert (first.received_at, second.received_at) == (LAST, LAST)
    # the code's date is that of the last receipt, the next number of that day; the due date
    # is counted from it: 3 working days after Monday 23/11 09:00, Tuesday 24/11 being the new
    # Ngày Văn hóa Việt Nam holiday -> 25, 26, 27: Friday 27/11 09:00 (the test desk is counter
    # 1: its daily numbers are 1001, 1002...)
    assert (first.code[-11:], second.code[-11:]) == ("261123-1001", "261123-1002")
    assert second.due_at == first.due_at == datetime(2026, 11, 27, 9, 0)
    with store.read() as s:
        outbox = list(s.scalars(select(OutboxEvent.created_at).where(OutboxEvent.kind != "audit.recorded")))
        history = list(s.scalars(select(DossierEvent.at)))
        rated = s.scalar(select(Rating.at))
    assert outbox == [LAST] * 5 and history == [LAST] * 4 and rated == LAST
    clock.set(datetime(2026, 11, 23, 10, 15))  # the clock moves past the last stamp again
    with store.write() as s:
        third = intake.receive(s, clock, CLERK, complete_request(s))
    assert third.received_at == datetime(2026, 11, 23, 10, 15)


def test_a_clock_once_a_month_ahead_holds_stamps_until_the_admin_accepts_the_clock(
    store: Store, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 12, 23, 9, 0))  # the PC's clock set a month ahead by mistake
    with store.write() as s:
        wrong = intake.receive(s, clock, CLERK, complete_request(s))
    clock.set(datetime(2026, 11, 23, 10, 0))  # corrected: the real time
    with store.write() as s:
        held = intake.receive(s, clock, CLERK, complete_request(s))
        assert check_clock(s, clock.now()).set_back
    assert held.received_at == wrong.received_at == datetime(2026, 12, 23, 9, 0)
    with store.write() as s, pytest.raises(ForbiddenError):
        accept_clock(s, clock, CLERK)  # only the admin may say the clock is right
    with store.write() as s:
        accept_clock(s, clock, ADMIN)
    with store.write() as s:
        assert not check_clock(s, clock.now()).set_back
        fixed = intake.receive(s, clock, CLERK, complete_request(s))
    # the real time again: the code's date, and the due date 3 working days from Monday
    # 23/11 10:00, 24/11 being the holiday -> 25, 26, 27: Friday 27/11 10:00
    assert fixed.received_at == datetime(2026, 11, 23, 10, 0)
    assert fixed.code[-11:-5] == "261123" and fixed.due_at == datetime(2026, 11, 27, 10, 0)
    clock.set(datetime(2026, 11, 23, 9, 58))  # after it, a small step back is bridged again
    with store.write() as s:
        after = intake.receive(s, clock, CLERK, complete_request(s))
    assert after.received_at == datetime(2026, 11, 23, 10, 0)
