"""The commune admin's calendar at the desk (issue 12), due dates counted by hand.

1.004873 (xác nhận tình trạng hôn nhân) has a limit of 3 working days. December 2026: Mon 30/11,
Tue 1/12, Wed 2/12, Thu 3/12, Fri 4/12, Sat 5/12, Mon 7/12, Tue 8/12, Wed 9/12.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.services import calendar_settings as cs
from desk_app.services import intake
from desk_app.store.engine import Store
from desk_app.store.models import CalendarOverride, Dossier
from desk_app.sync.apply import apply_item
from desk_app.sync.protocol import PullItem
from tests.helpers import complete_request

ADMIN, LEADER, CLERK = 1, 2, 3


def due(store: Store, clock: FixedClock, at: datetime) -> tuple[int, datetime]:
    clock.set(at)
    with store.write() as s:
        res = intake.receive(s, clock, CLERK, complete_request(s, "1.004873"))
    return res.dossier_id, res.due_at


def codes(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in info.value.errors]


def test_a_day_off_set_by_the_admin_moves_later_due_dates_only(
        store: Store, clock: FixedClock) -> None:
    before_id, before = due(store, clock, datetime(2026, 11, 30, 9, 0))
    assert before == datetime(2026, 12, 3, 9, 0)  # Tue 1 (1), Wed 2 (2), Thu 3 (3)
    with store.write() as s:
        cs.add_day(s, clock, ADMIN, date(2026, 12, 2), "off", "Bầu cử bổ sung")
    _, after = due(store, clock, datetime(2026, 11, 30, 9, 5))
    assert after == datetime(2026, 12, 4, 9, 5)  # Tue 1 (1), Thu 3 (2), Fri 4 (3)
    with store.read() as s:  # the dossier received before keeps the date printed on its slip
        assert s.get(Dossier, before_id).due_at == before


def test_a_make_up_saturday_counts(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        cs.add_day(s, clock, ADMIN, date(2026, 12, 5), "work", "Làm bù")
    _, at = due(store, clock, datetime(2026, 12, 4, 9, 0))
    assert at == datetime(2026, 12, 8, 9, 0)  # Sat 5 (1), Mon 7 (2), Tue 8 (3); not Wed 9
    with store.write() as s:
        cs.remove_day(s, clock, ADMIN, date(2026, 12, 5))
    _, at = due(store, clock, datetime(2026, 12, 4, 9, 1))
    assert at == datetime(2026, 12, 9, 9, 1)


def test_only_the_admin_may_change_the_calendar(store: Store, clock: FixedClock) -> None:
    for who in (LEADER, CLERK):
        for call in (lambda s, w=who: cs.add_day(s, clock, w, date(2026, 12, 2), "off"),
                     lambda s, w=who: cs.set_office_hours(s, clock, w, [("07:00", "11:00")]),
                     lambda s, w=who: cs.set_due_time_policy(s, clock, w, "closing")):
            with pytest.raises(KnownError) as info, store.write() as s:
                call(s)
            assert info.value.code == "forbidden"
    with store.read() as s:
        assert s.scalars(select(CalendarOverride)).all() == []


def test_the_province_wins_on_the_same_day(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        cs.add_day(s, clock, ADMIN, date(2026, 12, 2), "off", "Họp dân")
    item = PullItem(cursor=1, kind="calendar.override",
                    data={"day": "2026-12-02", "kind": "work", "note": "Tỉnh: làm việc"})
    with store.write() as s:
        assert apply_item(s, item, clock.now()) == "province_replaced"
    with store.read() as s:
        row = s.scalar(select(CalendarOverride).where(CalendarOverride.day == date(2026, 12, 2)))
        assert (row.kind, row.created_by) == ("work", None)
        assert "Họp dân" in row.note  # what the commune had said is kept in the note
        assert [r.source for r in cs.calendar_rows(s, 2026) if r.day == date(2026, 12, 2)] \
            == ["tinh"]
    for attempt in (lambda s: cs.add_day(s, clock, ADMIN, date(2026, 12, 2), "off"),
                    lambda s: cs.remove_day(s, clock, ADMIN, date(2026, 12, 2))):
        with pytest.raises(ValidationError) as info, store.write() as s:
            attempt(s)
        assert codes(info) == [("day", "set_by_province")]


def test_pointless_days_are_refused(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as info, store.write() as s:
        cs.add_day(s, clock, ADMIN, date(2026, 12, 5), "off")  # a Saturday
    assert codes(info) == [("day", "already_off")]
    with pytest.raises(ValidationError) as info, store.write() as s:
        cs.add_day(s, clock, ADMIN, date(2026, 12, 2), "work")  # a Wednesday
    assert codes(info) == [("day", "already_working")]


def test_office_hours_are_checked_field_by_field(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as info, store.write() as s:
        cs.set_office_hours(s, clock, ADMIN, [("07:30", "25:00"), ("13:30", "12:00")])
    assert codes(info) == [("hours.0.end", "bad_time"), ("hours.1.end", "hours_end_early")]
    with pytest.raises(ValidationError) as info, store.write() as s:
        cs.set_office_hours(s, clock, ADMIN, [("07:30", "11:30"), ("11:00", "17:00")])
    assert codes(info) == [("hours.1.start", "hours_overlap")]
    with store.write() as s:
        cs.save_hours(s, clock, ADMIN, [("7h00", "11:00"), ("13:00", "16:30")], "closing")
    # closing policy: Mon 30/11 10:00 + 3 working days -> Thu 3/12 at closing, 16:30
    _, at = due(store, clock, datetime(2026, 11, 30, 10, 0))
    assert at == datetime(2026, 12, 3, 16, 30)
    with store.read() as s:
        assert cs.office_settings(s) == ([["07:00", "11:00"], ["13:00", "16:30"]], "closing")
