"""The hot paths write through the session's cursor (:mod:`desk_app.store.raw`): each row must
be stored exactly as the ORM would have stored it (the same text for times, dates, JSON and
booleans), so every reader, the ORM's included, reads it back the same."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import inspect, select

from desk_app.clock import FixedClock
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, DossierComponent, DossierEvent, OutboxEvent
from desk_app.store.models_audit import AuditRecord
from tests.helpers import complete_request

UNIQUE = {"id", "uuid", "code", "dossier_id", "seq", "entity_uuid", "hash", "prev_hash"}


def stored(store: Store, table: str, where: str, args: tuple) -> list[tuple[str, Any, str]]:
    """(column, value, SQLite's type of it) of the rows matching, unique columns left out."""
    con = sqlite3.connect(store.path)
    try:
        cur = con.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", args)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            for name, value in zip(names, row, strict=True):
                if name not in UNIQUE:
                    out.append((name, value, type(value).__name__))
        return out
    finally:
        con.close()


def orm_copy(obj: Any, **changes: Any) -> Any:
    """A new ORM object of the same class with the same column values (but the unique ones)."""
    mapper = inspect(type(obj))
    values = {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key != "id"}
    return type(obj)(**(values | changes))


def test_a_received_dossier_is_stored_as_the_orm_stores_it(store: Store,
                                                           clock: FixedClock) -> None:
    with store.read() as s:
        req = complete_request(s, representative=None)
    with store.write() as s:
        got = receive(s, clock, 3, req)
    with store.write() as s:  # the same rows again, through the ORM's unit of work
        d = s.get(Dossier, got.dossier_id)
        assert d is not None and d.received_at == got.received_at and d.due_at == got.due_at
        twin = orm_copy(d, uuid="twin", code="TWIN-1")
        s.add(twin)
        s.flush()
        for c in s.scalars(select(DossierComponent).where(DossierComponent.dossier_id == d.id)):
            s.add(orm_copy(c, dossier_id=twin.id))
        for e in s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)):
            s.add(orm_copy(e, dossier_id=twin.id))
        events = sorted(s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc()).limit(2)),
                        key=lambda e: e.id)  # the dossier's, then its audit record's
        for e in events:
            s.add(orm_copy(e, uuid="twin-" + e.uuid[5:]))
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
        assert audit is not None
        s.add(orm_copy(audit, uuid="twin-audit", seq=audit.seq + 1))
        twin_id, ids = twin.id, [e.id for e in events]
    raw_d = stored(store, "dossiers", "id = ?", (got.dossier_id,))
    assert raw_d == stored(store, "dossiers", "id = ?", (twin_id,))
    assert ("received_at", got.received_at.strftime("%Y-%m-%d %H:%M:%S.%f"), "str") in raw_d
    for table in ("dossier_components", "dossier_events"):
        assert stored(store, table, "dossier_id = ?", (got.dossier_id,)) == stored(
            store, table, "dossier_id = ?", (twin_id,)) != []
    assert stored(store, "outbox", "id IN (?, ?)", tuple(ids)) == stored(
        store, "outbox", "uuid LIKE 'twin-%'", ())
    assert stored(store, "audit_log", "uuid = ?", (audit.uuid,)) == stored(
        store, "audit_log", "uuid = 'twin-audit'", ())
