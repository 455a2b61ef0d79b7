"""Who did what (issue 13): every write leaves a chained audit record in its own transaction;
the chain check finds a record edited (its content or its change), deleted, or moved; only
leaders and admins read the log."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import ValidationError
from desk_app.paths import database_path
from desk_app.services import audit, clerk_admin
from desk_app.services.access import ForbiddenError
from desk_app.services.counter import change_counter
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status, extend_due
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, OutboxEvent
from desk_app.store.models_audit import AuditRecord
from tests.helpers import complete_request


def _ids(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {c.username: c.id for c in s.scalars(select(Clerk))}


def _work(store: Store, clock: FixedClock) -> str:
    """A morning at the desk: two dossiers, one moved on, an account and a setting changed."""
    ids = _ids(store)
    with store.write() as s:
        first = receive(s, clock, ids["binh"], complete_request(s))
        receive(s, clock, ids["binh"], complete_request(s, full_name="Lê Văn Tám"))
    with store.write() as s:
        change_status(s, clock, ids["binh"], first.dossier_id, Status.IN_PROCESSING)
    with store.write() as s:
        extend_due(s, clock, ids["lan"], first.dossier_id,
                   datetime(2026, 12, 1, 9, 0), "Chờ xác minh của công an xã")
    with store.write() as s:
        clerk_admin.add_clerk(s, clock, ids["admin"], "hoa", "Đỗ Thị Hoa", "mat-khau-123", "clerk")
        change_counter(s, clock, ids["admin"], 2)
    return first.code


def test_every_write_leaves_a_chained_record(store: Store, clock: FixedClock) -> None:
    code = _work(store, clock)
    with store.read() as s:
        rows = list(s.scalars(select(AuditRecord).order_by(AuditRecord.seq)))
        assert [(r.clerk, r.action, r.dossier_code == code) for r in rows] == [
            ("binh", "dossier.receive", True), ("binh", "dossier.receive", False),
            ("binh", "dossier.status", True), ("lan", "dossier.extend", True),
            ("admin", "account.create", False), ("admin", "settings.counter", False)]
        assert rows[2].change == {"from": "received", "to": "in_processing", "reason": ""}
        assert "mat-khau-123" not in str([r.change for r in rows])  # never a password
        assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
        assert rows[0].prev_hash == "0" * 64 and rows[1].prev_hash == rows[0].hash
        assert audit.verify(s) == []
        sent = list(s.scalars(select(OutboxEvent.entity_uuid).where(
            OutboxEvent.kind == "audit.recorded").order_by(OutboxEvent.id)))
        assert sent == [r.uuid for r in rows]  # each goes to the province


def test_a_refused_write_leaves_no_record(store: Store, clock: FixedClock) -> None:
    ids = _ids(store)
    with pytest.raises(ValidationError), store.write() as s:
        change_counter(s, clock, ids["admin"], 12)
    with pytest.raises(ForbiddenError), store.write() as s:
        change_counter(s, clock, ids["binh"], 3)
    with store.read() as s:
        assert s.scalars(select(AuditRecord)).first() is None


def _sql(store: Store, sql: str, *args: object) -> None:
    with sqlite3.connect(database_path(store.path.parent)) as conn:
        conn.execute(sql, args)


def _problems(store: Store) -> list[tuple[str, int | None]]:
    with store.read() as s:
        return [(p.code, p.seq) for p in audit.verify(s)]


@pytest.mark.parametrize(("how", "found"), [
    ("edited_action", [("edited", 3)]),
    ("edited_change", [("edited", 4)]),
    # its own hash made again: the next link breaks, and it is not what was sent
    ("edited_clerk_and_rehashed", [("edited", 2), ("broken_link", 3)]),
    # gone from the log (its copy in the outbox says so), and the chain breaks after it
    ("deleted", [("missing", 3), ("broken_link", 4), ("missing", 4)]),
    # the end cut off: the chain left is sound, but the outbox holds what was sent
    ("deleted_last_two", [("missing", 5), ("missing", 6)]),
    # r2 and r3 swap seqs: each fails its hash and its link, and r4's link then fails too
    ("reordered", [("broken_link", 2), ("edited", 2), ("broken_link", 3), ("edited", 3),
                   ("broken_link", 4)]),
])
def test_the_chain_check_finds_an_edited_or_deleted_record(
        store: Store, clock: FixedClock, how: str, found: object) -> None:
    _work(store, clock)
    if how == "edited_action":  # someone turns a status change into something else
        _sql(store, "UPDATE audit_log SET action = 'dossier.extend' WHERE seq = 3")
    elif how == "edited_change":  # the reason of an extension rewritten
        _sql(store, "UPDATE audit_log SET change = json_set(change, '$.reason', 'Không rõ') "
                    "WHERE seq = 4")
    elif how == "edited_clerk_and_rehashed":  # even with its own hash made again
        from desk_app.core.ratingchain import seal

        with store.write() as s:
            row = s.scalars(select(AuditRecord).where(AuditRecord.seq == 2)).one()
            row.clerk = "lan"
            row.hash = seal(row.prev_hash, audit.record_of(row))["hash"]
    elif how == "deleted":
        _sql(store, "DELETE FROM audit_log WHERE seq = 3")
    elif how == "deleted_last_two":  # a tail cut off leaves a sound chain: the province holds it
        _sql(store, "DELETE FROM audit_log WHERE seq >= 5")
    else:  # two records swapped in place
        _sql(store, "UPDATE audit_log SET seq = -1 WHERE seq = 2")
        _sql(store, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
        _sql(store, "UPDATE audit_log SET seq = 3 WHERE seq = -1")
    assert _problems(store) == found


def test_only_leaders_and_admins_read_the_log(store: Store, clock: FixedClock) -> None:
    _work(store, clock)
    ids = _ids(store)
    with store.read() as s:
        rows, total = audit.audit_rows(s, ids["lan"], audit.AuditFilter(action="dossier.receive"))
        assert total == 2 and [r.action for r in rows] == ["dossier.receive"] * 2
        rows, total = audit.audit_rows(s, ids["admin"], audit.AuditFilter(
            clerk="binh", date_from=clock.now().date(), date_to=clock.now().date()))
        assert total == 3
        rows, total = audit.audit_rows(s, ids["admin"], audit.AuditFilter(
            date_from=clock.now().date() + timedelta(days=1)))
        assert total == 0
        for reader in ("binh",):
            with pytest.raises(ForbiddenError):
                audit.audit_rows(s, ids[reader], audit.AuditFilter())
            with pytest.raises(ForbiddenError):
                audit.check(s, ids[reader])
