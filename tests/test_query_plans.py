"""What must not grow with the store (issue 14): the status-bar counts, the register's filters
and its minute's recolouring read no whole table and no whole index; the per-status counts
kept by triggers always equal a real count."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from desk_app.clock import FixedClock
from desk_app.gui.register import loading
from desk_app.services.register import (
    ANY_OPEN,
    RegisterFilter,
    RegisterSort,
    SortKey,
    deadlines,
    status_counts,
)
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.register_data import fill_small


@contextmanager
def statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    """The SELECTs run meanwhile on the store's connections, as SQLite ran them (values
    inlined): through SQLAlchemy or on the session's own cursor (:mod:`desk_app.store.raw`)."""
    got: list[tuple[str, Any]] = []

    def trace(stmt: str) -> None:
        if stmt.lstrip().upper().startswith(("SELECT", "WITH")):
            got.append((stmt, ()))

    def checkout(dbapi: Any, record: Any, proxy: Any) -> None:
        dbapi.set_trace_callback(trace)

    def checkin(dbapi: Any, record: Any) -> None:
        dbapi.set_trace_callback(None)

    event.listen(store.engine, "checkout", checkout)
    event.listen(store.engine, "checkin", checkin)
    try:
        yield got
    finally:
        event.remove(store.engine, "checkout", checkout)
        event.remove(store.engine, "checkin", checkin)


def plans(store: Store, fn: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Each SELECT that ``fn`` ran, with SQLite's plan of it (EXPLAIN QUERY PLAN)."""
    with statements(store) as got:
        fn()
    out = []
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        for stmt, params in got:
            rows = raw.execute("EXPLAIN QUERY PLAN " + stmt, params).fetchall()
            out.append((stmt, [r[-1] for r in rows]))
    assert out, "nothing was read"
    return out


WHOLE = re.compile(r"^SCAN (dossiers|dossier_events|outbox|dossier_components)\b")


def assert_bounded(found: list[tuple[str, list[str]]]) -> None:
    """No statement reads a big table or one of its indexes from end to end: a SCAN of one is
    allowed only as a walk in display order that stops at a LIMIT, never under a count or a
    GROUP BY."""
    for stmt, plan in found:
        flat = " ".join(stmt.split()).upper()
        for line in plan:
            if WHOLE.match(line):
                assert " LIMIT " in flat and "COUNT(" not in flat, (stmt, plan)
            assert "GROUP BY" not in line or "dossier" not in line, (stmt, plan)


@pytest.fixture
def small(store: Store) -> Store:
    fill_small(store)
    return store


def test_status_counts_read_no_whole_index(small: Store, clock: FixedClock) -> None:
    def counts() -> None:
        with small.read() as s:
            status_counts(s, deadlines(s, clock))

    found = plans(small, counts)
    assert_bounded(found)
    for stmt, plan in found:  # the counts themselves: the kept table, or an index range
        if "count(" in stmt.lower():
            assert all(line.startswith("SEARCH") for line in plan if "dossiers" in line), plan
    assert any("dossier_counts" in stmt for stmt, _plan in found)


@pytest.mark.parametrize("filt", [
    RegisterFilter(), RegisterFilter(status="received"), RegisterFilter(status=ANY_OPEN),
    RegisterFilter(field="Hộ tịch"), RegisterFilter(overdue=True),
    RegisterFilter(search="thi"), RegisterFilter(search="0912345001"),
])
@pytest.mark.parametrize("sort", [SortKey.RECEIVED, SortKey.DUE])
def test_register_filters_and_recolour_are_bounded(small: Store, clock: FixedClock,
                                                   filt: RegisterFilter, sort: SortKey) -> None:
    req = loading.ReloadRequest(filt, RegisterSort(sort), keep=0, block=200, page=50,
                                counts=True, known_counts={}, lookups=None)
    got: list[loading.Reloaded] = []
    assert_bounded(plans(small, lambda: got.append(loading.reload(small, clock, req))))
    done = got[0]
    if done.ids and not filt.overdue:  # overdue: the tick runs the query again (as above)
        assert_bounded(plans(small, lambda: loading.recolour(
            small, clock, done.query, done.marker, done.ids[:30])))


def test_a_search_without_hits_is_bounded(small: Store) -> None:
    def search() -> None:
        with small.read() as s:
            assert search_ids(s, "mai thi hong nhung", limit=50) == []

    assert_bounded(plans(small, search))
    with statements(small) as got:
        search()
    matches = [stmt for stmt, _params in got if "MATCH" in stmt]
    # no hit for the whole word, and no longer word in the index: never widened to a prefix
    assert matches and not any('"nhung"*' in m for m in matches), matches
    with statements(small) as got:
        with small.read() as s:
            found = search_ids(s, "hoan", limit=50)  # "hoang" is in the index: widened
    assert any('"hoan"*' in stmt for stmt, _params in got if "MATCH" in stmt)
    assert len(found) == 1  # Hoàng Thị Mai


def real_counts(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {str(st): int(n) for st, n in s.execute(
            text("SELECT status, count(*) FROM dossiers GROUP BY status"))}


def kept_counts(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {str(st): int(n) for st, n in s.execute(
            text("SELECT status, n FROM dossier_counts WHERE n <> 0"))}


def test_kept_counts_follow_every_write(small: Store, clock: FixedClock) -> None:
    assert kept_counts(small) == real_counts(small) != {}
    with small.write() as s:  # written outside the services: the triggers keep up all the same
        s.execute(text("UPDATE dossiers SET status = 'withdrawn' WHERE status = 'received'"))
        s.execute(text("UPDATE dossiers SET note = 'x'"))  # no change of status
        cols = [c.name for c in Dossier.__table__.columns
                if c.name not in ("id", "uuid", "code", "status")]
        s.execute(text(
            f"INSERT INTO dossiers (uuid, code, status, {', '.join(cols)}) SELECT 'extra',"
            f" 'EXTRA-1', 'received', {', '.join(cols)} FROM dossiers LIMIT 1"))
    assert kept_counts(small) == real_counts(small)
    with small.write() as s:
        s.execute(text("DELETE FROM dossiers WHERE uuid = 'extra'"))
    assert kept_counts(small) == real_counts(small)
    with small.read() as s:
        figures = status_counts(s, deadlines(s, clock))
    assert figures["total"] == sum(real_counts(small).values()) == 8
    assert figures["withdrawn"] == 2 and figures["received"] == 0
