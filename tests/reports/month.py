"""A month at a desk made through the real services, shared by the report tests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services import intake, lifecycle, ratings
from desk_app.services.intake import Missing
from desk_app.services.ratings import RatingInput
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.helpers import complete_request
from tests.rating.conftest import CLERK, LEADER


@pytest.fixture
def month(store: Store, clock: FixedClock) -> dict[str, int]:
    """November 2026 at a desk, through the real services (START is Mon 23/11 09:00)."""
    ids: dict[str, int] = {}

    def receive(name: str) -> None:
        with store.write() as s:
            ids[name] = intake.receive(s, clock, CLERK, complete_request(s)).dossier_id

    def move(name: str, *steps: Status, who: int = CLERK, why: str = "") -> None:
        for step in steps:
            clock.advance(minutes=5)
            with store.write() as s:
                lifecycle.change_status(s, clock, who, ids[name], step, why)

    for name in "ABCFG":
        receive(name)
        clock.advance(minutes=10)
    with store.write() as s:
        req = complete_request(s)
        req.components = []
        ids["D"] = intake.request_supplement(
            s, clock, CLERK, req, [Missing("Tờ khai", 1, 0, 0)], "Thiếu tờ khai").dossier_id
        ids["E"] = intake.refuse(s, clock, CLERK, complete_request(s), "Không thuộc thẩm quyền"
                                 ).dossier_id
    with store.read() as s:
        due = {n: s.get(Dossier, i).due_at for n, i in ids.items()}
    move("A", Status.RESULT_READY, Status.RETURNED)  # the same morning: early
    move("F", Status.WITHDRAWN, why="Công dân rút hồ sơ")
    # C: form 04 before its due date, then returned after it, within the new appointment
    with store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, ids["C"], due["C"] + timedelta(days=7),
                             "Chờ xác minh")
    clock.set(due["B"] + timedelta(hours=1))
    move("B", Status.RESULT_READY, Status.RETURNED)
    move("C", Status.RESULT_READY, Status.RETURNED)
    move("G", Status.IN_PROCESSING)
    for name, level in (("A", "unsatisfied"), ("B", "satisfied"), ("A", "very_satisfied")):
        clock.advance(minutes=1)
        with store.write() as s:  # the second rating of A's visit is kept, flagged repeat
            ratings.record_rating(s, clock, CLERK, RatingInput(
                ids[name], "return", level,
                criteria={"attitude": "unsatisfied"} if name == "B" else {}))
    return ids
