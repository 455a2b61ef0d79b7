"""The ``holidays`` package must be a release with Vietnam's 2026 right (0.106 and later):
older ones have no 24/11 (Ngày Văn hóa Việt Nam) and the wrong 2/9 swap."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import holidays
from packaging.version import Version

from desk_app.core.calendar import HOLIDAYS_FIRST_CORRECT, WorkCalendar

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_package_knows_vietnam_2026() -> None:
    cal = WorkCalendar()
    assert cal.holiday_name(date(2026, 11, 24))  # Tue 24/11/2026, first year of the holiday
    assert not cal.is_working_day(date(2026, 8, 31))  # Mon, swapped...
    assert cal.is_working_day(date(2026, 8, 22))  # ...for the make-up Saturday 22/8
    assert not cal.is_working_day(date(2026, 9, 1)) and not cal.is_working_day(date(2026, 9, 2))


def test_the_project_requires_the_first_correct_release() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = [d for d in deps if re.match(r"holidays\b", d)]
    assert pins == [f"holidays>={HOLIDAYS_FIRST_CORRECT}"]
    assert Version(holidays.__version__) >= Version(HOLIDAYS_FIRST_CORRECT)
