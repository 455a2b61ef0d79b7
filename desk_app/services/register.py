"""The dossier register's query: keyset pages of ids and the rows of a page, for one filter.

Qt-free, so the GUI model (:mod:`desk_app.gui.register.model`) stays a thin cache over it.
The register never loads all ids of a million-row table: :meth:`RegisterQuery.id_window`
returns the next ``limit`` ids after a cursor (keyset pagination on ``(sort column, id)``),
and :meth:`RegisterQuery.rows` loads the display rows of one page of ids. Each query names the
index it walks (see :class:`RegisterQuery` and ``Dossier.__table_args__``), so a page costs
about the same on the millionth row as on the first, with or without ANALYZE statistics.

A name/address search lists newest first by id: the desk allocates the id in the intake
transaction that stamps ``received_at`` from the clock, so id order is receipt order.

The register's parts: what the clerk asks for and a row (:mod:`.register_filter`), the SQL
columns, plans and search condition (:mod:`.register_sql`), the counts (:mod:`.register_counts`);
their public names are imported here too, so ``desk_app.services.register`` is the one door.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    false,
    func,
    literal,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from desk_app.core.lifecycle import Status
from desk_app.services.register_counts import Sizes, status_counts, versions_probe
from desk_app.services.register_filter import (
    ANY_OPEN,
    OPEN_VALUES,
    Deadlines,
    Lookups,
    RegisterFilter,
    RegisterRow,
    RegisterSort,
    SortKey,
    VersionInfo,
    deadlines,
    load_lookups,
)
from desk_app.services.register_sql import (
    D_DUE,
    D_ID,
    D_RECEIVED,
    FTS_ID,
    HIDDEN,
    PLAIN,
    PLANS,
    SMALL_SET,
    Cols,
    Cursor,
    search_term,
    ts,
)
from desk_app.store.models import Dossier

__all__ = [
    "ANY_OPEN", "D_DUE", "D_ID", "D_RECEIVED", "OPEN_VALUES", "SMALL_SET", "Cursor", "Deadlines",
    "Lookups", "RegisterFilter", "RegisterQuery", "RegisterRow", "RegisterSort", "Sizes",
    "SortKey", "VersionInfo", "deadlines", "load_lookups", "status_counts", "versions_probe",
]


class RegisterQuery:
    """One filter and ordering over the dossiers, read page by page.

    The index walked is chosen here, not by SQLite's planner (whose guesses depend on
    ANALYZE statistics a desk's database may not have):

    * ``fts``: a name/address search walks the FTS5 index newest id first (ids follow the
      order of receipt) and checks the other filters on each hit; the order is fixed.
    * ``lookup``: a code, CCCD or phone search reads its few rows through its own index.
    * ``status`` / ``version``: a filter known to match few dossiers (:data:`SMALL_SET`) walks
      the status or procedure index and sorts what it finds; a status filter in due-date
      order always walks ``ix_dossiers_status_due``, which holds that order.
    * ``received`` / ``due``: walks ``ix_dossiers_register_received`` / ``_due`` in display
      order, checking the filters inside the index (no table reads).
    """

    def __init__(
        self, filt: RegisterFilter, sort: RegisterSort, limits: Deadlines, lookups: Lookups,
        sizes: Sizes | None = None,
    ) -> None:
        self.filter = filt
        self.deadlines = limits
        self.lookups = lookups
        codes = lookups.codes
        if codes is not None and codes.last_day < limits.now.date():
            codes = replace(codes, last_day=limits.now.date())  # received since the lookups
        kind, term = search_term(filt.search, codes)
        self.sort_key = sort.key
        if kind == "fts":
            self.plan, sort = "fts", RegisterSort(SortKey.RECEIVED, True)
        elif kind in ("lookup", "none"):
            self.plan = "lookup"
        else:
            self.plan = self._narrow_plan(sizes) or (
                "received" if sort.key is SortKey.RECEIVED else "due")
        self.sort = sort  # the order actually in force
        # the lookup's own index must win over any filter's; elsewhere the index is named
        self._where = self._conditions(HIDDEN if self.plan == "lookup" else PLAIN)
        if kind == "lookup":
            self._where.append(term)
        elif kind == "none":
            self._where.append(false())
        self._match = term if kind == "fts" else None

    def _narrow_plan(self, sizes: Sizes | None) -> str | None:
        """'status' or 'version' when that filter is known to match few dossiers."""
        f = self.filter
        statuses = self._statuses()
        if statuses is not None and self.sort_key is SortKey.DUE:
            # (status, due_at) is the display order itself: one range per status, merged
            return "status"
        if sizes is None:
            return None
        c = sizes.statuses
        best: tuple[int, str] | None = None
        if statuses is not None:
            if f.overdue or f.due_soon:
                n = (c.get("overdue", SMALL_SET + 1) if f.overdue else 0) + (
                    c.get("due_soon", SMALL_SET + 1) if f.due_soon else 0)
            else:
                n = sum(c.get(s, SMALL_SET + 1) for s in statuses)
            best = (n, "status")
        if sizes.versions is not None and (f.field is not None or f.procedure_id is not None):
            n = sizes.versions
            if best is None or n < best[0]:
                best = (n, "version")
        return best[1] if best is not None and best[0] <= SMALL_SET else None

    def recoloured(self, limits: Deadlines) -> RegisterQuery:
        """The same query whose rows are coloured by ``limits`` (filters on deadlines aside)."""
        out = copy.copy(self)
        out.deadlines = limits
        return out

    def block_size(self, default: int) -> int:
        """How many ids to fetch at a time: fewer when each one may cost a table read (a name
        search checked against other filters reads one dossier per FTS hit)."""
        return min(default, 100) if self.plan == "fts" and self._where else default

    def _statuses(self) -> frozenset[str] | None:
        """The statuses the filter allows, or None when it allows every status."""
        f = self.filter
        allowed: frozenset[str] | None = None
        if f.status == ANY_OPEN:
            allowed = frozenset(OPEN_VALUES)
        elif f.status:
            allowed = frozenset({Status(f.status).value})
        if f.overdue or f.due_soon:
            allowed = frozenset(OPEN_VALUES) & (allowed or frozenset(OPEN_VALUES))
        return allowed

    def _conditions(self, c: Cols) -> list[ColumnElement[bool]]:
        f, d = self.filter, self.deadlines
        where: list[ColumnElement[bool]] = []
        statuses = self._statuses()
        if statuses is not None:
            where.append(c.status.in_(sorted(statuses)) if statuses else false())
        if f.field is not None or f.procedure_id is not None:
            versions = self.lookups.version_ids(field=f.field, procedure_id=f.procedure_id)
            where.append(c.version.in_(versions) if versions else false())
        if f.received_from is not None:
            where.append(c.received >= ts(datetime.combine(f.received_from, time.min)))
        if f.received_to is not None:
            end = datetime.combine(f.received_to + timedelta(days=1), time.min)
            where.append(c.received < ts(end))
        if f.overdue or f.due_soon:
            # Both boxes ticked: either kind; one box: that kind only.
            where.append(c.due < ts(d.due_soon_until if f.due_soon else d.now))
            if not f.overdue:
                where.append(c.due >= ts(d.now))
        return where

    def _base(self, *columns: Any) -> Select[Any]:
        source = PLANS[self.plan]
        if self.plan == "received" and not self._where:
            # nothing to check: the plain (received_at, id) index is the exact display order
            source = "dossiers INDEXED BY ix_dossiers_received_at"
        stmt = select(*columns).select_from(text(source)).where(*self._where)
        if self.plan == "fts":
            match = text("dossier_fts MATCH :fts_match").bindparams(fts_match=self._match)
            stmt = stmt.where(match, D_ID == FTS_ID)
        return stmt

    def id_window(
        self, session: Session, after: Cursor | None, limit: int
    ) -> tuple[list[int], Cursor | None]:
        """The next ``limit`` ids after ``after`` (None: from the top) and the next cursor.

        The returned cursor is None once the end is reached.
        """
        if self.plan == "fts":
            return self._fts_window(session, after, limit)
        col = D_RECEIVED if self.sort.key is SortKey.RECEIVED else D_DUE
        desc = self.sort.descending
        nullable = self.sort.key is SortKey.DUE
        ids: list[int] = []
        cursor = after
        # Phase 1 walks the rows that have a sort value; when sorting by due date, phase 2
        # walks the dossiers without one (supplement requests, refusals) by id.
        if not (after and after[2]):
            stmt = self._base(D_ID, col)
            if nullable:
                stmt = stmt.where(col.is_not(None))
            if after is not None:
                key = tuple_(col, D_ID)
                bound = tuple_(literal(after[0], String), literal(after[1], Integer))
                stmt = stmt.where(key < bound if desc else key > bound)
            order = (col.desc(), D_ID.desc()) if desc else (col.asc(), D_ID.asc())
            rows = session.execute(stmt.order_by(*order).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            ids = [r[0] for r in rows]
            if rows:
                cursor = (rows[-1][1], rows[-1][0], False)
            if more:
                return ids, cursor
            if not nullable:
                return ids, None
            cursor = (None, None, True)
        # phase 2 (due-date order only): the dossiers without a due date, by id
        assert cursor is not None
        rest = limit - len(ids)
        stmt = self._base(D_ID).where(D_DUE.is_(None))
        last_id = cursor[1]
        if last_id is not None:
            stmt = stmt.where(D_ID < last_id if desc else D_ID > last_id)
        stmt = stmt.order_by(D_ID.desc() if desc else D_ID.asc())
        tail = list(session.scalars(stmt.limit(rest + 1)))
        more = len(tail) > rest
        tail = tail[:rest]
        ids.extend(tail)
        if tail:
            cursor = (None, tail[-1], True)
        return ids, cursor if more else None

    def _fts_window(
        self, session: Session, after: Cursor | None, limit: int
    ) -> tuple[list[int], Cursor | None]:
        if self._where:
            stmt = self._base(FTS_ID)
        else:  # nothing to check in dossiers: the FTS index alone
            match = text("dossier_fts MATCH :fts_match").bindparams(fts_match=self._match)
            stmt = select(FTS_ID).select_from(text("dossier_fts")).where(match)
        if after is not None:
            stmt = stmt.where(FTS_ID < after[1])
        ids = list(session.scalars(stmt.order_by(FTS_ID.desc()).limit(limit + 1)))
        more = len(ids) > limit
        ids = ids[:limit]
        return ids, ((None, ids[-1], False) if more and ids else None)

    def rows(self, session: Session, ids: list[int]) -> dict[int, RegisterRow]:
        """The display rows of ``ids`` (one page), by id; ids no longer stored are absent."""
        if not ids:
            return {}
        found = session.execute(
            select(
                Dossier.id, Dossier.code, Dossier.applicant_name, Dossier.procedure_version_id,
                Dossier.received_at, Dossier.due_at, Dossier.status, Dossier.received_by,
            ).where(Dossier.id.in_(ids))
        ).all()
        out: dict[int, RegisterRow] = {}
        for did, code, name, vid, received, due, status, clerk in found:
            info = self.lookups.versions.get(vid)
            out[did] = RegisterRow(
                did, code, name, info.name if info else "", info.field if info else "",
                received, due, status, self.lookups.clerks.get(clerk, ""),
                self.deadlines.urgency(status, due),
            )
        return out

    def count(self, session: Session) -> int:
        """How many dossiers match (tests and small results: it reads every match)."""
        return int(session.scalar(self._base(func.count())) or 0)

