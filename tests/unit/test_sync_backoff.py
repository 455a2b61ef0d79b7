"""The sync worker's backoff, checked by hand with a seeded random (issue 11).

``backoff_delay(failures, base, cap, rng)`` draws uniformly in [min(base/2, top), top] with
top = min(cap, base * 2**(failures - 1)). ``random.Random(42).random()`` gives, in turn,
0.6394267984578837, 0.025010755222666936, 0.27502931836911926 (Python's Mersenne Twister;
``uniform(a, b)`` is ``a + (b - a) * random()``), so each expected delay is worked out here.
"""

from __future__ import annotations

import random

import pytest

from desk_app.sync.worker import backoff_delay


def test_delays_worked_out_by_hand() -> None:
    rng = random.Random(42)
    # 1st failure: top = 2 s, floor 1 s: 1 + 1 * 0.6394...
    assert backoff_delay(1, 2.0, 300.0, rng) == pytest.approx(1.6394267984578837)
    # 4th failure: top = 2 * 2**3 = 16 s: 1 + 15 * 0.0250...
    assert backoff_delay(4, 2.0, 300.0, rng) == pytest.approx(1.3751613283400040)
    # 20th failure: 2 * 2**19 s is above the cap: top = 300 s: 1 + 299 * 0.2750...
    assert backoff_delay(20, 2.0, 300.0, rng) == pytest.approx(83.23376619236666)


@pytest.mark.parametrize(("failures", "top"), [(0, 2.0), (1, 2.0), (2, 4.0), (5, 32.0),
                                               (8, 256.0), (9, 300.0), (60, 300.0)])
def test_every_draw_lies_between_the_floor_and_the_top(failures: int, top: float) -> None:
    rng = random.Random(7)
    draws = [backoff_delay(failures, 2.0, 300.0, rng) for _ in range(2000)]
    assert min(draws) >= 1.0 and max(draws) <= top
    # spread over the window, not bunched: both ends of it are reached within 5 %
    assert min(draws) < 1.0 + 0.05 * (top - 1.0) and max(draws) > top - 0.05 * (top - 1.0)


def test_a_cap_below_the_floor_is_still_the_top() -> None:
    assert backoff_delay(3, 10.0, 2.0, random.Random(1)) <= 2.0
