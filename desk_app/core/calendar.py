"""Working days, office hours and the due date-time printed on form 01.

How a limit is counted (the page docs/deadlines.md gives the legal basis and worked examples):

* **Working days** ("ngày làm việc"): weekends and public holidays (package ``holidays``,
  Vietnam, >= 0.106) do not count, nor does the day of receipt: counting starts the next
  working day. Due on the N-th working day after receipt, at the same time of day
  (``due_time="same_time"``, the default) or at closing time (``due_time="closing"``).
* **Calendar days** ("ngày", e.g. 30 days for a domestic adoption): every day counts. The day of
  receipt does not: the period starts the day after (Civil Code 2015, art. 147), and ends with
  its last day; when that day is a weekend or a holiday it ends with the next working day
  (art. 148). The appointment is at closing time of that day, the last moment the citizen can
  collect at the counter.
* **Same day** (chứng thực bản sao, trích lục...): received up to the cut-off (15:00) -> due at
  closing the same day; "after 15:00" means from 15:00:01 on -> due at closing the next working
  day (Nghị định 23/2015/NĐ-CP, art. 7).
* **Received outside office hours or on a day off**: the dossier counts as received when the
  office next opens, for every kind of limit. This is the rule for dossiers submitted online
  outside working hours (the electronic-environment decree, Nghị định 45/2020/NĐ-CP); a desk
  that records a dossier after closing (a clerk staying late) follows the same rule, so the
  citizen never loses a day to the desk's hours and the office never owes a day it was closed.
* The government's yearly swaps: a weekday made a day off "thay cho ngày dd/mm/yyyy" makes that
  Saturday a working day; ``holidays`` names the swap, we read the make-up date from the name,
  in whichever year's list it appears (the swap of Mon 31/12/2018 names Sat 05/01/2019).
* An admin's overrides (extra days off, make-up working days) win over both.
* A new appointment (form 04) must fall on a working day, inside a session of the office hours
  (a session's end included: due dates under the "closing" policy fall at closing time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

_SWAP = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")
# The first release of ``holidays`` with Vietnam's 2026 right (24/11, the 2/9 swap to 22/08):
# pyproject requires it and tests/unit/test_holidays_package.py fails on an older one.
HOLIDAYS_FIRST_CORRECT = "0.106"
LimitKind = Literal["working_days", "calendar_days", "same_day"]


@dataclass(frozen=True)
class TimeLimit:
    """A procedure's legal time limit: ``days`` working days, ``days`` calendar days, or the
    same day with a cut-off time (see the module for how each is counted)."""

    kind: LimitKind
    days: int = 0
    cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        if self.kind not in ("working_days", "calendar_days", "same_day"):
            raise ValueError(f"unknown time-limit kind {self.kind!r}")
        if self.kind != "same_day" and self.days < 1:
            raise ValueError("a limit in days needs at least one day")

    @classmethod
    def from_dict(cls, data: dict) -> TimeLimit:
        if data["kind"] == "same_day":
            hh, mm = (int(p) for p in str(data.get("cutoff", "15:00")).split(":"))
            return cls("same_day", 0, time(hh, mm))
        kind = data["kind"]
        if kind not in ("working_days", "calendar_days"):
            raise ValueError(f"unknown time-limit kind {kind!r}")
        return cls(kind, int(data["days"]))

    def to_dict(self) -> dict:
        if self.kind == "same_day":
            return {"kind": "same_day", "cutoff": self.cutoff.strftime("%H:%M")}
        return {"kind": self.kind, "days": self.days}


@dataclass(frozen=True)
class OfficeHours:
    """The desk's opening sessions on a working day, e.g. 07:30-11:30 and 13:30-17:00."""

    sessions: tuple[tuple[time, time], ...] = (
        (time(7, 30), time(11, 30)),
        (time(13, 30), time(17, 0)),
    )

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("office hours need at least one session")
        last = time.min
        for start, end in self.sessions:
            if not (last <= start < end):
                raise ValueError("office-hour sessions must be ordered and not overlap")
            last = end

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]

    @classmethod
    def from_list(cls, data: Iterable[Iterable[str]]) -> OfficeHours:
        def parse(s: str) -> time:
            hh, mm = s.split(":")
            return time(int(hh), int(mm))

        return cls(tuple((parse(a), parse(b)) for a, b in data))

    def to_list(self) -> list[list[str]]:
        return [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in self.sessions]

    def clamp(self, t: time) -> time | None:
        """``t`` if inside a session, else the start of the next session; None after closing."""
        for start, end in self.sessions:
            if t < start:
                return start
            if t < end:
                return t
        return None

    def contains(self, t: time) -> bool:
        """``t`` lies in a session, its start and end included (an appointment can be set
        at closing time, as due dates are)."""
        return any(start <= t <= end for start, end in self.sessions)


@lru_cache(maxsize=64)
def _package_names(year: int) -> dict[date, str]:
    """Public holidays of ``year`` from ``holidays``, with their Vietnamese names."""
    import holidays as holidays_pkg  # ~0.1 s: imported at the first date worked out, not at start

    days = holidays_pkg.country_holidays("VN", years=year, language="vi")
    return {d: str(n) for d, n in days.items()}


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Public holidays of ``year`` and the make-up working days of ``year``, read from the
    swaps named in the lists of the year before, the year and the year after (a swap can cross
    the new year: Mon 31/12/2018 off "thay cho ngày 05/01/2019")."""
    make_up = set()
    for listed in (year - 1, year, year + 1):
        for name in _package_names(listed).values():
            for dd, mm, yyyy in _SWAP.findall(name):
                if int(yyyy) == year:
                    make_up.add(date(int(yyyy), int(mm), int(dd)))
    return _package_names(year), frozenset(make_up)


@dataclass
class WorkCalendar:
    """Working days of a commune: Vietnam's public holidays plus the admin's overrides."""

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)
    hours: OfficeHours = field(default_factory=OfficeHours)
    due_time: Literal["same_time", "closing"] = "same_time"
    weekend: frozenset[int] = frozenset({5, 6})

    def __post_init__(self) -> None:
        self.extra_days_off = frozenset(self.extra_days_off)
        self.extra_working_days = frozenset(self.extra_working_days)
        both = self.extra_days_off & self.extra_working_days
        if both:
            raise ValueError(f"days both off and working: {sorted(both)}")

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's Vietnamese name, or None."""
        names = _package_year(day.year)[0]
        return names.get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        names, make_up = _package_year(day.year)
        if day in make_up:
            return True
        return day.weekday() not in self.weekend and day not in names

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        nxt = day + timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(nxt):
                return nxt
            nxt += timedelta(days=1)
        raise ValueError("no working day within 400 days: check the calendar overrides")

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 when end <= start."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def effective_receipt(self, received_at: datetime) -> datetime:
        """When the clock starts: the receipt time, or the next opening if the office was closed."""
        day = received_at.date()
        if self.is_working_day(day):
            clamped = self.hours.clamp(received_at.time().replace(microsecond=0))
            if clamped is not None:
                return datetime.combine(day, clamped)
        return datetime.combine(self.next_working_day(day), self.hours.opening)

    def appointment_problem(self, at: datetime) -> str | None:
        """Why ``at`` cannot be an appointment with a citizen ("not_working_day",
        "outside_hours"), or None if it can."""
        if not self.is_working_day(at.date()):
            return "not_working_day"
        if not self.hours.contains(at.time()):
            return "outside_hours"
        return None

    def due_at(self, received_at: datetime, limit: TimeLimit) -> datetime:
        """The appointment date-time for a complete dossier received at ``received_at``."""
        start = self.effective_receipt(received_at)
        closing = self.hours.closing
        if limit.kind == "same_day":
            if start.time() <= limit.cutoff:  # seconds are dropped: 15:00:00.9 is 15:00
                return datetime.combine(start.date(), closing)
            return datetime.combine(self.next_working_day(start.date()), closing)
        if limit.kind == "calendar_days":
            last = start.date() + timedelta(days=limit.days)  # art. 147: from the day after
            if not self.is_working_day(last):  # art. 148: a day off moves it on
                last = self.next_working_day(last)
            return datetime.combine(last, closing)
        due_day = self.add_working_days(start.date(), limit.days)
        if self.due_time == "closing":
            return datetime.combine(due_day, closing)
        return datetime.combine(due_day, start.time())
