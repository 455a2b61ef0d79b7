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
    version_sizes,
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
    version_sizes: dict[int, int] | None
    rows_from: int = 0  # the rows on screen: their display rows are read in the same go
    rows_to: int = -1


@dataclass
class Reloaded:
    """A reload's outcome: the query in force, its first ids and the rows to show at once."""

    query: RegisterQuery
    ids: list[int]
    cursor: Cursor | None
    lookups: Lookups
    version_sizes: dict[int, int] | None
    counts: dict[str, int] | None
    rows: dict[int, RegisterRow | None] = field(default_factory=dict)
    pages: set[int] = field(default_factory=set)


def reload(store: Store, clock: Clock, req: ReloadRequest) -> Reloaded:
    """Run the register's query from the top (on a worker thread)."""
    with store.read() as session:
        lookups = req.lookups if req.lookups is not None else load_lookups(session)
        limits = deadlines(session, clock)
        counts = status_counts(session, limits) if req.counts else None
        sizes_of_versions = req.version_sizes
        # how many dossiers each filter may match lets the query pick its index
        if sizes_of_versions is None and (
            req.filter.field is not None or req.filter.procedure_id is not None
        ):
            sizes_of_versions = version_sizes(session)  # once: they change slowly
        sizes = Sizes(counts if counts is not None else req.known_counts, sizes_of_versions)
        query = RegisterQuery(req.filter, req.sort, limits, lookups, sizes)
        ids, cursor = query.id_window(session, None, max(req.keep, query.block_size(req.block)))
        out = Reloaded(query, ids, cursor, lookups, sizes_of_versions, counts)
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
