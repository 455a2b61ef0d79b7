"""The issue's "done when": for a seeded month of 3 communes, with real desks syncing to the
real hub (a uvicorn process on PostgreSQL), the hub's figures per commune (the ones its
dashboard shows: province_hub.figures) equal each desk's own (desk_app.services.reports
.month_counts)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.indicators import Counts
from desk_app.core.lifecycle import Status
from desk_app.services.intake import refuse
from desk_app.services.lifecycle import change_status, extend_due
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.services.reports import month_counts
from desk_app.store.models import Dossier
from desk_app.sync.enrolment import enrol_desk
from province_hub.db import read
from province_hub.figures import commune_counts
from province_hub.models import Commune
from tests.helpers import complete_request
from tests.sync.conftest import HubServer
from tests.sync.helpers_sync import activity, sync_until_done

pytestmark = pytest.mark.slow
CLERK, LEADER = 3, 2
FIRST, LAST = date(2026, 11, 1), date(2026, 12, 31)


def month_of_work(desk, clock: FixedClock, n: int) -> None:  # type: ignore[no-untyped-def]
    """Received on 23/11 (some returned on time and rated, repeats included), then ten days
    later: one returned late, one extended with form 04 and still open (overdue against its
    legal due date), one rated unsatisfied though on time, one refused at intake (form 03)."""
    ids = activity(desk.store, clock, n)  # 0, 4, 8 returned and rated; 2, 6 result ready
    with desk.store.write() as s:
        record_rating(s, clock, CLERK, RatingInput(ids[0], "return", "unsatisfied"))  # repeat
        refuse(s, clock, CLERK, complete_request(s, full_name="Lý Thị Bích"),
               "Không thuộc thẩm quyền của xã")
    clock.advance(days=10)  # Thursday 3/12/2026
    with desk.store.write() as s:
        change_status(s, clock, CLERK, ids[2], Status.RETURNED)  # late
        record_rating(s, clock, CLERK, RatingInput(ids[2], "return", "satisfied",
                                                   criteria={"attitude": "satisfied",
                                                             "timeliness": "later"}))
        extend_due(s, clock, LEADER, ids[1], datetime(2026, 12, 8, 10, 0), "Cần xác minh")
    with desk.store.write() as s:
        record_rating(s, clock, CLERK, RatingInput(ids[4], "return", "unsatisfied",
                                                   criteria={"attitude": "unsatisfied"}))
        record_rating(s, clock, CLERK, RatingInput(ids[4], "return", "unsatisfied"))
    clock.advance(hours=2)


def normal(c: Counts) -> Counts:
    c.criteria = {k: v for k, v in c.criteria.items() if v != [0, 0]}
    return c


def test_the_hub_and_each_desk_count_the_same(hub_server: HubServer, make_desk,  # type: ignore[no-untyped-def]
                                              clock: FixedClock) -> None:
    desks = [make_desk() for _ in range(3)]
    for i, desk in enumerate(desks):
        enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
        month_of_work(desk, clock, 6 + 3 * i)
        clock.advance(days=-10, hours=-2)  # the next commune works the same days
    clock.advance(days=10, hours=2)
    for desk in desks:
        sync_until_done(desk, clock)
    now = clock.now()
    with read(hub_server.engine) as s:
        ids = {c.agency_code: c.id for c in s.scalars(select(Commune))}
        hub = commune_counts(s, FIRST, LAST, now)
    for i, desk in enumerate(desks):
        with desk.store.read() as s:
            mine = month_counts(s, FIRST, LAST, now)
            assert s.query(Dossier).count() == 6 + 3 * i + 1
        theirs = hub[ids[desk.agency_code]]
        assert normal(theirs) == normal(mine), desk.agency_code
        # the month is not empty, worked out by hand: activity() returns and rates 0, 4 (and 8:
        # "unsatisfied"), leaves the odd ones received (overdue on 3/12, 1 with form 04); the
        # second ratings of 0 and 4 are repeats; 2 is returned late and rated satisfied
        n = 6 + 3 * i
        k = mine.kinds
        assert (k["received"], k["refused_intake"], k["solved_early"], k["solved_late"],
                k["apologised"], k["late_apologised"]) == (n, 1, 2 if n < 9 else 3, 1, 1, 0)
        assert (mine.overdue_open, mine.overdue_apologised) == (n // 2, 1)
        assert (mine.ratings, mine.ratings_positive, mine.late_or_dissatisfied) == (
            (3, 3, 1) if n < 9 else (4, 3, 2))
