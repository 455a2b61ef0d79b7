"""Due dates computed by hand from the 2026/2027 calendars (weekday noted beside each date).

Public holidays used (``holidays`` for VN, checked against the published schedules):
2026: 30/4 Thu, 1/5 Fri; 31/8 Mon off in exchange for Sat 22/8 (make-up working day),
1/9 Tue, 2/9 Wed; 24/11 Tue (Ngày Văn hóa Việt Nam).
2027: Tết Thu 4/2 - Wed 10/2; 30/4 Fri, 1/5 Sat with Mon 3/5 in lieu; 2/9 Thu, 3/9 Fri.
Office hours 07:30-11:30, 13:30-17:00.
"""

from datetime import date, datetime, time

import pytest

from desk_app.core.calendar import OfficeHours, TimeLimit, WorkCalendar

DAYS = lambda n: TimeLimit("working_days", n)  # noqa: E731
SAME_DAY = TimeLimit("same_day", 0, time(15, 0))


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        # Tết 2027: Wed 3/2 + 3 -> Thu 11 (1), Fri 12 (2), Mon 15 (3)
        (datetime(2027, 2, 3, 9, 0), DAYS(3), datetime(2027, 2, 15, 9, 0)),
        # received on a Tết day (a duty desk): clock starts Thu 11/2 07:30, +1 -> Fri 12/2
        (datetime(2027, 2, 4, 10, 0), DAYS(1), datetime(2027, 2, 12, 7, 30)),
        # the last working day before Tết: Wed 3/2 + 1 -> Thu 11/2
        (datetime(2027, 2, 3, 16, 0), DAYS(1), datetime(2027, 2, 11, 16, 0)),
        # 30/4-1/5 2026 (Thu, Fri): Wed 29/4 + 1 -> Mon 4/5
        (datetime(2026, 4, 29, 10, 0), DAYS(1), datetime(2026, 5, 4, 10, 0)),
        # 30/4-1/5 2027 (Fri, Sat -> Mon 3/5 in lieu): Thu 29/4 + 2 -> Tue 4/5, Wed 5/5
        (datetime(2027, 4, 29, 14, 0), DAYS(2), datetime(2027, 5, 5, 14, 0)),
        # 2/9 2026: Mon 31/8 (swap), Tue 1/9, Wed 2/9 off. Fri 28/8 + 3 -> Thu 3, Fri 4, Mon 7/9
        (datetime(2026, 8, 28, 16, 0), DAYS(3), datetime(2026, 9, 7, 16, 0)),
        # Sat 22/8/2026 is the make-up working day for Mon 31/8: Fri 21/8 + 1 -> Sat 22/8
        (datetime(2026, 8, 21, 10, 0), DAYS(1), datetime(2026, 8, 22, 10, 0)),
        # 2/9 2027 (Thu, Fri): Wed 1/9 + 1 -> Mon 6/9
        (datetime(2027, 9, 1, 9, 30), DAYS(1), datetime(2027, 9, 6, 9, 30)),
        # weekend: Fri 6/11/2026 + 1 -> Mon 9/11
        (datetime(2026, 11, 6, 10, 0), DAYS(1), datetime(2026, 11, 9, 10, 0)),
        # received on a Saturday: clock starts Mon 9/11 07:30, +1 -> Tue 10/11 07:30
        (datetime(2026, 11, 7, 9, 0), DAYS(1), datetime(2026, 11, 10, 7, 30)),
        # after closing: Tue 10/11 17:30 counts from Wed 11/11 07:30, +1 -> Thu 12/11 07:30
        (datetime(2026, 11, 10, 17, 30), DAYS(1), datetime(2026, 11, 12, 7, 30)),
        # lunch break: 12:00 counts from 13:30
        (datetime(2026, 11, 10, 12, 0), DAYS(1), datetime(2026, 11, 11, 13, 30)),
        # 15 working days from Mon 2/11/2026, counted by hand:
        # 3,4,5,6 (4) 9..13 (9) 16..20 (14) 23 (15) -> Mon 23/11
        (datetime(2026, 11, 2, 8, 0), DAYS(15), datetime(2026, 11, 23, 8, 0)),
        # ... and one more day skips Tue 24/11 (holiday) -> Wed 25/11
        (datetime(2026, 11, 2, 8, 0), DAYS(16), datetime(2026, 11, 25, 8, 0)),
        # same-day procedures, 15:00 cut-off
        (datetime(2026, 11, 9, 14, 59), SAME_DAY, datetime(2026, 11, 9, 17, 0)),
        (datetime(2026, 11, 9, 15, 0), SAME_DAY, datetime(2026, 11, 9, 17, 0)),  # not after 15:00
        (datetime(2026, 11, 9, 15, 1), SAME_DAY, datetime(2026, 11, 10, 17, 0)),
        # Fri 13/11 15:01 -> Mon 16/11; Mon 23/11 15:01 -> Wed 25/11 (24/11 is a holiday)
        (datetime(2026, 11, 13, 15, 1), SAME_DAY, datetime(2026, 11, 16, 17, 0)),
        (datetime(2026, 11, 23, 15, 1), SAME_DAY, datetime(2026, 11, 25, 17, 0)),
        # Wed 3/2/2027 15:01, same day -> next working day after Tết: Thu 11/2
        (datetime(2027, 2, 3, 15, 1), SAME_DAY, datetime(2027, 2, 11, 17, 0)),
    ],
)
def test_due_at_by_hand(cal: WorkCalendar, received: datetime, limit: TimeLimit, due: datetime) -> None:
    assert cal.due_at(received, limit) == due


def test_admin_override_day_off_and_make_up_day() -> None:
    cal = WorkCalendar(
        extra_days_off=frozenset({date(2026, 11, 10)}),  # Tue made a day off
        extra_working_days=frozenset({date(2026, 11, 14)}),  # Sat made a working day
    )
    # Mon 9/11 + 1 skips Tue 10/11 -> Wed 11/11
    assert cal.due_at(datetime(2026, 11, 9, 10, 0), DAYS(1)) == datetime(2026, 11, 11, 10, 0)
    # Fri 13/11 + 1 -> Sat 14/11 (make-up)
    assert cal.due_at(datetime(2026, 11, 13, 10, 0), DAYS(1)) == datetime(2026, 11, 14, 10, 0)
    # a same-day dossier at 15:01 on Mon 9/11 is due on Wed 11/11
    assert cal.due_at(datetime(2026, 11, 9, 15, 1), SAME_DAY) == datetime(2026, 11, 11, 17, 0)


def test_override_can_reopen_a_public_holiday() -> None:
    cal = WorkCalendar(extra_working_days=frozenset({date(2027, 2, 10)}))
    assert cal.is_working_day(date(2027, 2, 10))
    assert cal.due_at(datetime(2027, 2, 3, 9, 0), DAYS(1)) == datetime(2027, 2, 10, 9, 0)


def test_closing_policy_prints_the_closing_hour() -> None:
    cal = WorkCalendar(due_time="closing")
    assert cal.due_at(datetime(2026, 11, 9, 10, 0), DAYS(2)) == datetime(2026, 11, 11, 17, 0)


def test_holiday_names_are_vietnamese(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    assert "Tết" in (cal.holiday_name(date(2027, 2, 6)) or "")
    assert cal.holiday_name(date(2026, 11, 9)) is None


def test_working_days_between(cal: WorkCalendar) -> None:
    # (Wed 3/2/2027, Mon 15/2/2027] holds Thu 11, Fri 12, Mon 15
    assert cal.working_days_between(date(2027, 2, 3), date(2027, 2, 15)) == 3
    assert cal.working_days_between(date(2027, 2, 15), date(2027, 2, 3)) == 0


def test_contradictory_overrides_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(
            extra_days_off=frozenset({date(2026, 1, 5)}),
            extra_working_days=frozenset({date(2026, 1, 5)}),
        )


def test_office_hours_must_be_ordered() -> None:
    with pytest.raises(ValueError):
        OfficeHours(((time(13, 0), time(17, 0)), (time(7, 0), time(11, 0))))
    hours = OfficeHours.from_list([["08:00", "12:00"]])
    assert hours.closing == time(12, 0)
    assert hours.to_list() == [["08:00", "12:00"]]


def test_time_limit_round_trip() -> None:
    assert TimeLimit.from_dict({"kind": "working_days", "days": 5}) == DAYS(5)
    assert TimeLimit.from_dict({"kind": "same_day", "cutoff": "15:00"}) == SAME_DAY
    with pytest.raises(ValueError):
        TimeLimit("working_days", 0)
