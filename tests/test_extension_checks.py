"""Form 04: a new appointment only in the future, on one of the commune's working days, within
its office hours. Values computed by hand from the 2026-2027 calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_app.clock import FixedClock
from desk_app.errors import ValidationError
from desk_app.services import intake, lifecycle
from desk_app.store.engine import Store
from desk_app.store.models import CalendarOverride, Dossier
from tests.helpers import complete_request

CLERK, LEADER = 3, 2


def _late(store: Store, clock: FixedClock) -> int:
    with store.write() as s:  # Mon 23/11/2026 09:00, 3 working days: due Fri 27/11 09:00
        res = intake.receive(s, clock, CLERK, complete_request(s))
    clock.set(datetime(2026, 12, 1, 8, 0))  # Tue 01/12/2026 08:00: late
    return res.dossier_id


@pytest.mark.parametrize("when, code", [
    (datetime(2026, 11, 30, 9, 0), "in_past"),  # yesterday, a working day in office hours
    (datetime(2026, 12, 1, 7, 45), "in_past"),  # this morning, a quarter of an hour ago
    (datetime(2026, 12, 6, 9, 0), "not_working_day"),  # a Sunday
    (datetime(2026, 12, 5, 9, 0), "not_working_day"),  # a Saturday
    (datetime(2027, 2, 8, 9, 0), "not_working_day"),  # Mon 08/02/2027: mùng ba Tết Đinh Mùi
    (datetime(2026, 12, 2, 12, 0), "outside_hours"),  # lunch break 11:30-13:30
    (datetime(2026, 12, 2, 17, 30), "outside_hours"),  # after closing at 17:00
    (datetime(2026, 12, 2, 7, 0), "outside_hours"),  # before opening at 07:30
])
def test_form04_refuses_an_appointment_the_desk_cannot_keep(
    store: Store, clock: FixedClock, when: datetime, code: str
) -> None:
    dossier_id = _late(store, clock)
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, dossier_id, when, "Chờ xác minh")
    assert info.value.codes_for("new_due_at") == [code]
    with store.read() as s:
        assert s.get(Dossier, dossier_id).due_at == datetime(2026, 11, 27, 9, 0)


def test_form04_messages_carry_the_facts(store: Store, clock: FixedClock) -> None:
    dossier_id = _late(store, clock)
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, dossier_id, datetime(2027, 2, 8, 9), "x")
    assert info.value.errors[0].params == {"day": "2027-02-08", "weekday": 0,
                                           "holiday": "Mùng ba Tết Nguyên Đán"}
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, dossier_id, datetime(2026, 12, 2, 12), "x")
    assert info.value.errors[0].params == {
        "time": "12:00", "hours": [["07:30", "11:30"], ["13:30", "17:00"]]}


def test_form04_uses_the_communes_calendar_and_accepts_office_hours(
    store: Store, clock: FixedClock
) -> None:
    dossier_id = _late(store, clock)
    with store.write() as s:  # the commune gives Fri 04/12/2026 off, works Sat 05/12
        s.add(CalendarOverride(day=date(2026, 12, 4), kind="off", created_at=clock.now()))
        s.add(CalendarOverride(day=date(2026, 12, 5), kind="work", created_at=clock.now()))
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, dossier_id, datetime(2026, 12, 4, 9), "x")
    assert info.value.codes_for("new_due_at") == ["not_working_day"]
    for when in (
        datetime(2026, 12, 1, 13, 30),  # this afternoon, as the office opens again
        datetime(2026, 12, 2, 9, 0),  # the next working day, 09:00
        datetime(2026, 12, 3, 17, 0),  # closing time (due dates under the "closing" policy)
        datetime(2026, 12, 5, 9, 0),  # the Saturday the commune works
    ):
        with store.write() as s:
            lifecycle.extend_due(s, clock, LEADER, dossier_id, when, "Chờ xác minh")
        with store.read() as s:
            assert s.get(Dossier, dossier_id).due_at == when
