"""The rules of the province's numbers, with values worked out by hand."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk_app.core.indicators import (
    Counts,
    IndexFileError,
    default_index,
    evaluate,
    kinds_of,
    parse_index,
    score,
)

DUE = datetime(2026, 3, 10, 16, 30)


@pytest.mark.parametrize(("status", "original", "due", "returned", "expected"), [
    ("received", DUE, DUE, None, ["received"]),
    ("supplement_requested", None, None, None, ["supplement_requested"]),
    ("refused", None, None, None, ["refused_intake"]),
    ("refused", DUE, DUE, None, ["received", "refused_later"]),
    ("withdrawn", DUE, DUE, None, ["received", "withdrawn"]),
    ("stopped", DUE, DUE, None, ["received", "stopped"]),
    # returned the day before the due day: early; on the due day before 16:30: on time
    ("returned", DUE, DUE, datetime(2026, 3, 9, 17, 0), ["received", "solved_early"]),
    ("returned", DUE, DUE, datetime(2026, 3, 10, 8, 0), ["received", "solved_on_time"]),
    ("returned", DUE, DUE, datetime(2026, 3, 10, 16, 30), ["received", "solved_on_time"]),
    ("returned", DUE, DUE, datetime(2026, 3, 10, 16, 31), ["received", "solved_late"]),
    # form 04 moved the appointment: still late against the law's date, and apologised
    ("returned", DUE, datetime(2026, 3, 13, 16, 30), datetime(2026, 3, 12, 9, 0),
     ["received", "apologised", "solved_late", "late_apologised"]),
    ("in_processing", DUE, datetime(2026, 3, 13, 16, 30), None, ["received", "apologised"]),
])
def test_what_a_dossier_counts_as(status, original, due, returned, expected):
    assert kinds_of(status, original, due, returned) == expected


def test_formulas_need_data_and_a_divisor():
    assert evaluate("(a + b) / c", {"a": 3, "b": 1, "c": 8}) == 0.5
    assert evaluate("a / c", {"a": 3, "c": 0}) is None  # nothing solved is not 0 %
    assert evaluate("a / c", {"a": None, "c": 4}) is None
    with pytest.raises(IndexFileError):
        evaluate("__import__('os')", {})


def test_the_bundled_index_scores_by_hand():
    c = Counts()
    c.kinds |= {"solved_early": 2, "solved_on_time": 5, "solved_late": 3}
    c.late_or_dissatisfied = 4  # the 3 late ones and one rated "not satisfied"
    got = {s.group.code: (s.rate, s.points) for s in score(default_index(), c)}
    assert got["progress"] == (0.7, 14.0)  # 7 of 10 by the due date, x 20 points
    assert got["satisfaction"] == (0.6, 10.8)  # (10 - 4) / 10, x 18 points
    assert got["digitisation"] == (None, None)  # no scans yet: no figure, not zero
    assert got["publicity"] == (None, None)
    assert sum(s.group.points for s in score(default_index(), c)) == 100


def test_a_province_index_is_checked():
    good = json.loads('{"groups": [{"code": "x", "name": "X", "points": 10,'
                      ' "formula": "solved_late / solved"}]}')
    assert parse_index(good).groups[0].formula == "solved_late / solved"
    for bad in ({"groups": [{"code": "x", "name": "X", "formula": "nonsense / solved"}]},
                {"groups": [{"code": "x", "name": "X", "formula": "solved ** 2"}]},
                {"groups": [{"code": "x", "name": "X", "formula": "solved /"}]},
                {"groups": [{"code": "x", "name": "X", "points": "many"}]},
                {"nothing": []}):
        with pytest.raises(IndexFileError):
            parse_index(bad)
