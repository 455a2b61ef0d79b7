"""What the register reads off the GUI thread: a reload of its ids (with the counts) and the
next block of ids when the clerk scrolls to the end.

The functions here run on the "read" lane (:mod:`desk_app.gui.background`): each opens its own
``store.read()`` session and returns plain data (ids, :class:`RegisterRow` values, counts),
never ORM objects, so the model can apply them on the GUI thread. They import no Qt and
touch no model state: the model passes in what it knows and decides on the GUI
thread whether the result is still wanted (a newer reload drops an older one's result).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from desk_app.clock import Clock
from desk_app.services.register import (
    Cursor,
    Lookups,
    RegisterFilter,
    RegisterQuery,
    RegisterRow,
    RegisterSort,
    Sizes,
    deadlines,
    load_lookups,
    status_counts,
    versions_probe,
)
from desk_app.store.engine import Store

READ_LANE = "read"  # one worker for the GUI's reads: they run in order, never in parallel


@dataclass(frozen=True)
class ReloadRequest:
    """Everything a reload needs, captured on the GUI thread when it was asked for."""

    filter: RegisterFilter
    sort: RegisterSort
    keep: int  # fetch at least this many ids
    block: int  # the model's block of ids
    page: int  # the model's page of rows
    counts: bool  # recount the status-bar figures too
    known_counts: dict[str, int]  # the figures known now (they help the query pick an index)
    lookups: Lookups | None  # None: read them again
    rows_from: int = 0  # the rows on screen: their display rows are read in the same go
    rows_to: int = -1


@dataclass
class Reloaded:
    """A reload's outcome: the query in force, its first ids and the rows to show at once."""

    query: RegisterQuery
    ids: list[int]
    cursor: Cursor | None
    lookups: Lookups
    counts: dict[str, int] | None
    rows: dict[int, RegisterRow | None] = field(default_factory=dict)
    pages: set[int] = field(default_factory=set)
    marker: tuple[int, int] = (0, 0)  # change_marker() when the ids were read


def change_marker(session: Any) -> tuple[int, int]:
    """Something to tell whether any dossier changed since: the last outbox event and the last
    history event (every change the desk makes appends the first, every change of a dossier
    the second, the province's included). Two rowid maxima: O(1) on any store."""
    row = session.execute(text("SELECT (SELECT max(id) FROM outbox),"
                               " (SELECT max(id) FROM dossier_events)")).one()
    return int(row[0] or 0), int(row[1] or 0)


@dataclass
class Recoloured:
    """The minute's tick: None in ``query`` when something changed (the model reloads)."""

    query: RegisterQuery | None
    rows: dict[int, RegisterRow | None] = field(default_factory=dict)
    counts: dict[str, int] | None = None


def recolour(store: Store, clock: Clock, query: RegisterQuery, marker: tuple[int, int],
             ids: list[int]) -> Recoloured:
    """The rows ``ids`` (those on screen) again with the deadlines of now, and the counts,
    when nothing changed since ``marker``: what the minute's tick needs, at any scroll depth
    (re-running the query would re-read every id above the rows on screen)."""
    if query.filter.overdue or query.filter.due_soon:
        return Recoloured(None)  # which dossiers match changes with the time: run it again
    with store.read() as session:
        if change_marker(session) != marker:
            return Recoloured(None)
        limits = deadlines(session, clock)
        now = query.recoloured(limits)
        found = now.rows(session, ids)
        return Recoloured(now, {i: found.get(i) for i in ids}, status_counts(session, limits))


def reload(store: Store, clock: Clock, req: ReloadRequest) -> Reloaded:
    """Run the register's query from the top (on a worker thread)."""
    with store.read() as session:
        lookups = req.lookups if req.lookups is not None else load_lookups(session)
        limits = deadlines(session, clock)
        counts = status_counts(session, limits) if req.counts else None
        # how many dossiers the filter may match lets the query pick its index
        f = req.filter
        in_versions = None if f.field is None and f.procedure_id is None else versions_probe(
            session, lookups.version_ids(field=f.field, procedure_id=f.procedure_id))
        sizes = Sizes(counts if counts is not None else req.known_counts, in_versions)
        query = RegisterQuery(req.filter, req.sort, limits, lookups, sizes)
        ids, cursor = query.id_window(session, None, max(req.keep, query.block_size(req.block)))
        out = Reloaded(query, ids, cursor, lookups, counts, marker=change_marker(session))
        if ids and req.rows_to >= req.rows_from >= 0:
            first, last = req.rows_from // req.page, min(req.rows_to, len(ids) - 1) // req.page
            wanted = ids[first * req.page:(last + 1) * req.page]
            found = query.rows(session, wanted)
            out.rows = {i: found.get(i) for i in wanted}
            out.pages = set(range(first, last + 1))
    return out


def next_ids(store: Store, query: RegisterQuery, cursor: Cursor | None,
             size: int) -> tuple[list[int], Cursor | None]:
    """The next block of ids after ``cursor`` (on a worker thread)."""
    with store.read() as session:
        return query.id_window(session, cursor, size)


def counts(store: Store, clock: Clock) -> dict[str, int]:
    """The status-bar figures alone (on a worker thread)."""
    with store.read() as session:
        return status_counts(session, deadlines(session, clock))
