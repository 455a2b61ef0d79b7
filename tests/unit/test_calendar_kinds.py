"""Calendar-day limits, the exact 15:00 boundary and make-up days across a new year, by hand.

Calendar days (Civil Code 2015): the period starts the day after receipt (art. 147); when its
last day is a weekend or a holiday it ends with the next working day (art. 148); the desk
appoints at closing time of that day. Office hours 07:30-11:30, 13:30-17:00 (closing 17:00).
Days off used: Tết 2027 Thu 4/2 - Wed 10/2; 1/1/2027 Fri; 24/11/2026 Tue (Ngày Văn hóa Việt
Nam); 31/12/2018 Mon off in exchange for Sat 05/01/2019 (a make-up working day).
"""

from datetime import date, datetime, time

import pytest

from desk_app.core.calendar import TimeLimit, WorkCalendar

CAL_DAYS = lambda n: TimeLimit("calendar_days", n)  # noqa: E731
SAME_DAY = TimeLimit("same_day", 0, time(15, 0))


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        # adoption, 30 days from Wed 6/1/2027: day 1 = 7/1 ... day 25 = 31/1, day 30 = Fri 5/2,
        # a Tết day -> the next working day, Thu 11/2 (20 working days would give Wed 3/2)
        (datetime(2027, 1, 6, 10, 0), CAL_DAYS(30), datetime(2027, 2, 11, 17, 0)),
        # 30 days from Mon 2/11/2026: 3/11 is day 1, 30/11 day 28, Wed 2/12 day 30
        (datetime(2026, 11, 2, 9, 0), CAL_DAYS(30), datetime(2026, 12, 2, 17, 0)),
        # 15 days from Fri 6/11/2026: day 15 = Sat 21/11 -> Mon 23/11
        (datetime(2026, 11, 6, 9, 0), CAL_DAYS(15), datetime(2026, 11, 23, 17, 0)),
        # 15 days from Mon 9/11/2026: day 15 = Tue 24/11, a holiday -> Wed 25/11
        (datetime(2026, 11, 9, 14, 0), CAL_DAYS(15), datetime(2026, 11, 25, 17, 0)),
        # received on Sat 7/11 (online): counts from the opening on Mon 9/11 -> as above
        (datetime(2026, 11, 7, 10, 0), CAL_DAYS(15), datetime(2026, 11, 25, 17, 0)),
        # received Fri 6/11 at 17:30, after closing: the same, from Mon 9/11
        (datetime(2026, 11, 6, 17, 30), CAL_DAYS(15), datetime(2026, 11, 25, 17, 0)),
        # across the new year, 1/1 counted like any day: Wed 16/12/2026 + 30 = Fri 15/1/2027
        (datetime(2026, 12, 16, 8, 0), CAL_DAYS(30), datetime(2027, 1, 15, 17, 0)),
    ],
)
def test_calendar_days_by_hand(received: datetime, limit: TimeLimit, due: datetime) -> None:
    assert WorkCalendar().due_at(received, limit) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2026, 11, 26, 14, 59, 59), datetime(2026, 11, 26, 17, 0)),
        (datetime(2026, 11, 26, 15, 0, 0), datetime(2026, 11, 26, 17, 0)),  # not "after 15:00"
        (datetime(2026, 11, 26, 15, 0, 0, 900_000), datetime(2026, 11, 26, 17, 0)),
        (datetime(2026, 11, 26, 15, 0, 1), datetime(2026, 11, 27, 17, 0)),  # after: next day
        # Mon 23/11 at 15:00:01 -> the next working day is Wed 25/11 (24/11 is a holiday)
        (datetime(2026, 11, 23, 15, 0, 1), datetime(2026, 11, 25, 17, 0)),
    ],
)
def test_same_day_boundary_is_after_15_00_00(received: datetime, due: datetime) -> None:
    assert WorkCalendar().due_at(received, SAME_DAY) == due


def test_a_make_up_saturday_named_in_the_previous_years_list_is_a_working_day() -> None:
    cal = WorkCalendar()
    assert not cal.is_working_day(date(2018, 12, 31))  # Mon, off in exchange for Sat 5/1/2019
    assert cal.is_working_day(date(2019, 1, 5))
    # Fri 4/1/2019 + 1 working day = Sat 5/1/2019 (not Mon 7/1)
    due = cal.due_at(datetime(2019, 1, 4, 9, 0), TimeLimit("working_days", 1))
    assert due == datetime(2019, 1, 5, 9, 0)


def test_time_limit_kinds_round_trip_and_refuse_nonsense() -> None:
    assert TimeLimit.from_dict({"kind": "calendar_days", "days": 30}) == CAL_DAYS(30)
    assert CAL_DAYS(30).to_dict() == {"kind": "calendar_days", "days": 30}
    with pytest.raises(ValueError):
        TimeLimit.from_dict({"kind": "calendar_days", "days": 0})
    with pytest.raises(ValueError):
        TimeLimit.from_dict({"kind": "weeks", "days": 2})
