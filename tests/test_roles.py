"""Who may do what: every action that writes, for a clerk, a desk leader and an admin.

The expected table is written here by hand from the desk's rules (the clerk does the counter's
work; the leader also extends with an apology, stops a dossier and reads the satisfaction
figures; the admin manages accounts, settings and the enrolment, and may do a leader's work),
not read from desk_app.core.permissions. Each action runs through its real service on a real
SQLite store; a refusal must be the ``forbidden`` error and must write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import KnownError
from desk_app.services import (
    clerk_admin,
    clock_check,
    counter,
    intake,
    lifecycle,
    queue,
    ratings,
)
from desk_app.services.intake import Missing
from desk_app.store.engine import Store
from desk_app.store.models import (
    Clerk,
    Commune,
    Dossier,
    DossierEvent,
    OutboxEvent,
    Setting,
)
from desk_app.store.models_sync import SyncEnrolment, SyncStatus
from desk_app.sync.enrolment import enrol_desk
from tests.helpers import complete_request
from tests.sync.conftest import LocalHub, hub  # noqa: F401 (the fixture)

ROLES = {"clerk": 3, "leader": 2, "admin": 1}  # binh, lan, admin in the template store
SOMEONE = 3  # prepares the dossiers the action is tried on

EVERYONE = {"clerk", "leader", "admin"}
LEADERS = {"leader", "admin"}
ADMIN = {"admin"}
EXPECTED: dict[str, set[str]] = {
    "receive": EVERYONE,
    "supplement": EVERYONE,
    "refuse at intake": EVERYONE,
    "refuse after intake": EVERYONE,
    "hand over for processing": EVERYONE,
    "citizen withdraws": EVERYONE,
    "return the result": EVERYONE,
    "call a queue ticket": EVERYONE,
    "extend with form 04": LEADERS,
    "stop with form 05": LEADERS,
    "re-check the rating chain": LEADERS,
    "enrol the desk": ADMIN,
    "change settings": ADMIN,
    "change the counter number": ADMIN,  # it decides the desk's codes
    "accept the clock as right": ADMIN,  # it lets stamps go back
    "create an account": ADMIN,
    "lock an account": ADMIN,
    "reset a password": ADMIN,
    "digitise a paper": EVERYONE,
}


def _received(store: Store, clock: FixedClock) -> int:
    with store.write() as s:
        return intake.receive(s, clock, SOMEONE, complete_request(s)).dossier_id


def _ready(store: Store, clock: FixedClock) -> int:
    dossier_id = _received(store, clock)
    with store.write() as s:
        lifecycle.change_status(s, clock, SOMEONE, dossier_id, Status.RESULT_READY)
    return dossier_id


Prepare = Callable[[Store, FixedClock, LocalHub], Any]
Act = Callable[[Store, FixedClock, int, LocalHub, Any], Any]


def _nothing(store: Store, clock: FixedClock, hub: LocalHub) -> None:
    return None


def _status(target: Status, reason: str = "") -> tuple[Prepare, Act]:
    def prepare(store: Store, clock: FixedClock, hub: LocalHub) -> int:
        return _ready(store, clock) if target is Status.RETURNED else _received(store, clock)

    def act(store: Store, clock: FixedClock, who: int, hub: LocalHub, dossier_id: int) -> Any:
        with store.write() as s:
            return lifecycle.change_status(s, clock, who, dossier_id, target, reason)
    return prepare, act


def _intake(kind: str) -> tuple[Prepare, Act]:
    def act(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
        with store.write() as s:
            req = complete_request(s)
            if kind == "receive":
                return intake.receive(s, clock, who, req)
            if kind == "refuse":
                return intake.refuse(s, clock, who, req, "Không thuộc thẩm quyền của xã")
            req.components = req.components[:1]
            return intake.request_supplement(
                s, clock, who, req, [Missing("Bản sao giấy khai sinh", copies=1)],
                "Thiếu giấy tờ")
    return _nothing, act


def _ticket(store: Store, clock: FixedClock, hub: LocalHub) -> str:
    with store.write() as s:
        return queue.issue(s, clock, "ho-tich").uuid


def _call(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: str) -> Any:
    with store.write() as s:
        return queue.call_next(s, clock, who, 1)


def _extend(store: Store, clock: FixedClock, who: int, hub: LocalHub, dossier_id: int) -> Any:
    new_due = datetime(2026, 12, 15, 9, 0)  # a Tuesday in office hours, after the due date
    with store.write() as s:
        return lifecycle.extend_due(s, clock, who, dossier_id, new_due, "Cần xác minh thêm")


def _recheck(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
    with store.read() as s:
        return ratings.recheck_chain(s, clock, who)


def _enrol_code(store: Store, clock: FixedClock, hub: LocalHub) -> str:
    with store.read() as s:
        agency = s.scalars(select(Commune.agency_code)).one()
    return hub.issue_code(agency)


def _enrol(store: Store, clock: FixedClock, who: int, hub: LocalHub, code: str) -> Any:
    return enrol_desk(store, clock, "http://testserver", code, transport=hub.transport,
                      clerk_id=who)


def _accounts(kind: str) -> tuple[Prepare, Act]:
    def act(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
        with store.write() as s:
            if kind == "create":
                return clerk_admin.add_clerk(s, clock, who, "moi", "Người Mới", "mat-khau-123",
                                             "clerk")
            if kind == "lock":
                return clerk_admin.set_active(s, clock, who, SOMEONE, False)
            return clerk_admin.reset_password(s, clock, who, SOMEONE, "mat-khau-tam-1")
    return _nothing, act


def _settings(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
    with store.write() as s:
        return clerk_admin.set_idle_lock(s, clock, who, 600)


def _counter(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
    with store.write() as s:
        return counter.change_counter(s, clock, who, 2)  # the template desk is counter 1


def _digitise(store: Store, clock: FixedClock, who: int, hub: LocalHub,
              dossier_id: int) -> Any:
    from desk_app.scanning.assemble import pages_of
    from desk_app.scanning.files import ScanFiles
    from desk_app.services import scans
    from tests.scanning.conftest import picture

    with store.write() as s:
        comp = s.get(Dossier, dossier_id).components[0].id  # type: ignore[union-attr]
        return scans.attach(s, clock, who, ScanFiles.of_data_dir(store.path.parent),
                            dossier_id, comp, pages_of(picture("PNG")), source="file")


def _accept_clock(store: Store, clock: FixedClock, who: int, hub: LocalHub, _: None) -> Any:
    with store.write() as s:
        clock_check.accept_clock(s, clock, who)
    return True


ACTIONS: dict[str, tuple[Prepare, Act]] = {
    "receive": _intake("receive"),
    "supplement": _intake("supplement"),
    "refuse at intake": _intake("refuse"),
    "refuse after intake": _status(Status.REFUSED, "Giấy tờ giả mạo"),
    "hand over for processing": _status(Status.IN_PROCESSING),
    "citizen withdraws": _status(Status.WITHDRAWN, "Công dân xin rút"),
    "return the result": _status(Status.RETURNED),
    "call a queue ticket": (_ticket, _call),
    "extend with form 04": (lambda store, clock, hub: _received(store, clock), _extend),
    "stop with form 05": _status(Status.STOPPED, "Không đủ điều kiện"),
    "re-check the rating chain": (_nothing, _recheck),
    "enrol the desk": (_enrol_code, _enrol),
    "change settings": (_nothing, _settings),
    "change the counter number": (_nothing, _counter),
    "accept the clock as right": (_nothing, _accept_clock),
    "create an account": _accounts("create"),
    "lock an account": _accounts("lock"),
    "reset a password": _accounts("reset"),
    "digitise a paper": (lambda store, clock, hub: _received(store, clock), _digitise),
}


def _footprint(store: Store) -> tuple[object, ...]:
    """Everything an action could have written."""
    with store.read() as s:
        return (
            tuple(s.execute(select(Dossier.id, Dossier.status, Dossier.due_at)).all()),
            s.scalar(select(func.count(DossierEvent.id))),
            s.scalar(select(func.count(OutboxEvent.id))),
            tuple(s.execute(select(Setting.key, Setting.value).order_by(Setting.key)).all()),
            tuple(s.execute(select(Clerk.id, Clerk.active, Clerk.password_hash,
                                   Clerk.must_change_password)).all()),
            tuple(s.execute(select(SyncStatus.__table__)).all()),
            tuple(s.execute(select(SyncEnrolment.__table__)).all()),
        )


def test_every_action_is_in_the_matrix() -> None:
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_action_matrix(store: Store, clock: FixedClock, hub: LocalHub,
                            role: str, action: str) -> None:
    prepare, act = ACTIONS[action]
    context = prepare(store, clock, hub)
    before = _footprint(store)
    if role in EXPECTED[action]:
        assert act(store, clock, ROLES[role], hub, context) is not None
        assert _footprint(store) != before or action == "re-check the rating chain"
        return
    with pytest.raises(KnownError) as info:
        act(store, clock, ROLES[role], hub, context)
    assert info.value.code == "forbidden", info.value
    assert _footprint(store) == before  # refused: nothing written
