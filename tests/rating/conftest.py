"""Fixtures of the rating tests: dossiers received and returned through the real services."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services import intake, lifecycle
from desk_app.store.engine import Store
from tests.helpers import complete_request

CLERK = 3  # binh, a clerk of the seeded template
LEADER = 2  # lan, the desk leader


def _receive(store: Store, clock: FixedClock, national_code: str = "1.004873") -> int:
    with store.write() as s:
        return intake.receive(s, clock, CLERK, complete_request(s, national_code)).dossier_id


def _return(store: Store, clock: FixedClock, dossier_id: int) -> None:
    with store.write() as s:
        lifecycle.change_status(s, clock, CLERK, dossier_id, Status.RESULT_READY)
    clock.advance(minutes=5)
    with store.write() as s:
        lifecycle.change_status(s, clock, CLERK, dossier_id, Status.RETURNED)


@pytest.fixture
def receive(store: Store, clock: FixedClock) -> Callable[..., int]:
    """Receive a complete dossier now; returns its id."""
    return lambda national_code="1.004873": _receive(store, clock, national_code)


@pytest.fixture
def returned_dossier(store: Store, clock: FixedClock) -> int:
    """A dossier received, made ready and returned to the citizen: received → result_ready →
    returned, through desk_app.services.intake and lifecycle."""
    dossier_id = _receive(store, clock)
    clock.advance(days=2)
    _return(store, clock, dossier_id)
    return dossier_id
