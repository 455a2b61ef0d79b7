"""The dossier register's queries: filters, keyset pages of ids, row pages and status counts.

Qt-free, so the GUI model (:mod:`desk_app.gui.register.model`) stays a thin cache over it.
The register never loads all ids of a million-row table: :meth:`RegisterQuery.id_window`
returns the next ``limit`` ids after a cursor (keyset pagination on ``(sort column, id)``),
and :meth:`RegisterQuery.rows` loads the display rows of one page of ids. Each query names the
index it walks (see :class:`RegisterQuery` and ``Dossier.__table_args__``), so a page costs
about the same on the millionth row as on the first, with or without ANALYZE statistics.

A name/address search lists newest first by id: the desk allocates the id in the intake
transaction that stamps ``received_at`` from the clock, so id order is receipt order.

"Due soon" and "overdue" apply to open dossiers (:data:`desk_app.core.lifecycle.OPEN`):
overdue when ``due_at < now``, due soon when ``now <= due_at`` and it falls no later than the
end of the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.codes import CodeSpace, looks_like_code, looks_like_partial_code
from desk_app.core.lifecycle import OPEN, Status
from desk_app.core.text import digits, nfc
from desk_app.services.search import code_candidates, code_space, fts_query, is_number
from desk_app.services.validation import normalise_phone
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Clerk, Commune, Dossier, Procedure, ProcedureVersion

OPEN_VALUES = tuple(sorted(s.value for s in OPEN))
# The status filter also accepts this pseudo status: every open dossier.
ANY_OPEN = "open"


class SortKey(str, Enum):
    """The orderings the register offers; each one is served by an index."""

    RECEIVED = "received_at"
    DUE = "due_at"
    # No separate code order: a code is the receipt date plus the day's sequence number, so
    # it sorts exactly as the receipt time does.


@dataclass(frozen=True)
class RegisterSort:
    key: SortKey = SortKey.RECEIVED
    descending: bool = True


@dataclass(frozen=True)
class RegisterFilter:
    """What the clerk narrowed the register to; the default shows every dossier."""

    status: str | None = None  # a Status value, ANY_OPEN, or None for all
    field: str | None = None  # lĩnh vực, as in ProcedureVersion.field
    procedure_id: int | None = None  # Procedure.id (every version of it)
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    due_soon: bool = False
    overdue: bool = False
    search: str = ""

    def with_(self, **changes: Any) -> RegisterFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class Deadlines:
    """The two instants the colours and the due filters compare ``due_at`` with."""

    now: datetime
    due_soon_until: datetime  # exclusive: the start of the day after the next working day

    def urgency(self, status: str, due_at: datetime | None) -> str:
        """'overdue', 'due_soon' or '' for a dossier in ``status`` due at ``due_at``."""
        if due_at is None or status not in OPEN_VALUES:
            return ""
        if due_at < self.now:
            return "overdue"
        if due_at < self.due_soon_until:
            return "due_soon"
        return ""


def deadlines(session: Session, clock: Clock) -> Deadlines:
    """Now, and the end of the next working day by the commune's calendar."""
    now = clock.now()
    commune = session.scalars(select(Commune).limit(1)).one()
    nxt = load_calendar(session, commune).next_working_day(now.date())
    return Deadlines(now, datetime.combine(nxt + timedelta(days=1), time.min))


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register, ready to display."""

    id: int
    code: str
    applicant: str
    procedure: str
    field: str
    received_at: datetime
    due_at: datetime | None
    status: str
    clerk: str
    urgency: str  # 'overdue' | 'due_soon' | ''


@dataclass(frozen=True)
class VersionInfo:
    procedure_id: int
    national_code: str
    name: str
    field: str


@dataclass(frozen=True)
class Lookups:
    """The small tables a register row refers to, held in memory (a few hundred rows)."""

    versions: dict[int, VersionInfo]
    clerks: dict[int, str]
    codes: CodeSpace | None = None  # what the end of a code typed in the search may name

    def fields(self) -> list[str]:
        return sorted({v.field for v in self.versions.values()})

    def procedures(self, field: str | None = None) -> list[tuple[int, str, str]]:
        """(procedure id, national code, latest name) of the procedures, in a field if given."""
        latest: dict[int, VersionInfo] = {}
        for vid in sorted(self.versions):  # later versions have larger ids
            info = self.versions[vid]
            if field is None or info.field == field:
                latest[info.procedure_id] = info
        return sorted(
            ((pid, v.national_code, v.name) for pid, v in latest.items()), key=lambda p: p[2]
        )

    def version_ids(self, *, field: str | None = None, procedure_id: int | None = None) -> list[int]:
        return sorted(
            vid for vid, v in self.versions.items()
            if (field is None or v.field == field)
            and (procedure_id is None or v.procedure_id == procedure_id)
        )


def load_lookups(session: Session) -> Lookups:
    versions = {
        vid: VersionInfo(pid, code, name, field)
        for vid, pid, code, name, field in session.execute(
            select(
                ProcedureVersion.id, ProcedureVersion.procedure_id, Procedure.national_code,
                ProcedureVersion.name, ProcedureVersion.field,
            ).join(Procedure)
        )
    }
    clerks = {cid: name for cid, name in session.execute(select(Clerk.id, Clerk.full_name))}
    return Lookups(versions, clerks, code_space(session))


# The register's statements name their columns as text (``dossiers.x``) so that the FROM
# clause can name the index to walk (``dossiers INDEXED BY ...``; SQLAlchemy's table hints
# are not rendered for SQLite). Times are compared as the stored text, never through
# SQLAlchemy's DateTime binding: rows written by SQLAlchemy read "2026-11-20 09:00:00.000000",
# rows imported or generated in bulk "2026-11-20 09:00:00". A bound "YYYY-MM-DD HH:MM:SS" (no
# fraction) orders both correctly for whole-second times, and a cursor keeps the row's text.
D_ID = literal_column("dossiers.id", Integer)
D_RECEIVED = literal_column("dossiers.received_at", String)
D_DUE = literal_column("dossiers.due_at", String)
FTS_ID = literal_column("dossier_fts.rowid", Integer)


def ts(at: datetime) -> ColumnElement[str]:
    """A whole-second time as a bound text value comparable with the stored times."""
    return literal(at.strftime("%Y-%m-%d %H:%M:%S"), String)


@dataclass(frozen=True)
class _Cols:
    """Filter columns, visible to SQLite's planner or hidden from it (unary ``+``)."""

    status: Any
    version: Any
    received: Any
    due: Any

    @classmethod
    def make(cls, prefix: str) -> _Cols:
        return cls(
            literal_column(f"{prefix}dossiers.status", String),
            literal_column(f"{prefix}dossiers.procedure_version_id", Integer),
            literal_column(f"{prefix}dossiers.received_at", String),
            literal_column(f"{prefix}dossiers.due_at", String),
        )


_PLAIN, _HIDDEN = _Cols.make(""), _Cols.make("+")

# A keyset cursor: the sort value and id of the last row handed out, plus whether the rows
# without a due date (listed last when sorting by due date) have been reached.
Cursor = tuple[Any, Any, bool]

# When a filter narrows the register to at most this many dossiers (by the status-bar counts
# or the per-procedure counts), their index is walked and the rows sorted: at most SMALL_SET
# random table reads (~10 us each when cached). Wider filters walk an index in display order
# and check the filter inside it: matching at least SMALL_SET of N rows, a block of B ids is
# found within about B * N / SMALL_SET entries (100,000 for 200 ids of a million, ~0.15 us
# each). The two costs meet near 2,000 on a million rows (measured: bench_register.py).
SMALL_SET = 2_000

PLANS = {
    "received": "dossiers INDEXED BY ix_dossiers_register_received",
    "due": "dossiers INDEXED BY ix_dossiers_register_due",
    "status": "dossiers INDEXED BY ix_dossiers_status_due",
    "version": "dossiers INDEXED BY ix_dossiers_procedure_version_id",
    "lookup": "dossiers",
    "fts": "dossier_fts CROSS JOIN dossiers",  # CROSS JOIN: SQLite keeps this order
}


def _search(query: str, codes: CodeSpace | None = None) -> tuple[str, Any]:
    """Classify the search box like :func:`desk_app.services.search.search_ids`.

    ('', None) nothing to search; ('lookup', condition) a dossier code (exact, any case) or the
    end of one (the codes it may name, see :func:`~desk_app.services.search.code_candidates`),
    a CCCD number (9 or 12 digits) or a phone number, each served by its own index; ('fts',
    match) folded words matched as prefixes in the FTS5 index; ('none', None) nothing can match.
    """
    q = nfc(query)
    if not q:
        return "", None
    code = literal_column("dossiers.code", String)
    by_code = None
    if looks_like_partial_code(q):
        candidates = code_candidates(q, codes)
        if looks_like_code(q) or (candidates and not is_number(q)):
            return "lookup", code.in_(candidates)
        by_code = code.in_(candidates) if candidates else None
    if is_number(q):
        only_digits = digits(q)
        phone = literal_column("dossiers.applicant_phone", String) == normalise_phone(q)
        terms = [phone] if by_code is None else [by_code, phone]
        if len(only_digits) in (9, 12):
            # search_ids prefers the CCCD and falls back to the phone when no CCCD matches;
            # a 9/12-digit phone number is rare, so matching either is the same answer.
            terms.append(literal_column("dossiers.applicant_id_number", String) == only_digits)
        return "lookup", or_(*terms) if len(terms) > 1 else terms[0]
    match = fts_query(q)
    return ("fts", match) if match else ("none", None)


@dataclass(frozen=True)
class Sizes:
    """What the planner of the register knows about the store: dossiers per status (the
    status-bar counts) and, once a procedure filter was used, per procedure version."""

    statuses: dict[str, int]
    versions: dict[int, int] | None = None


def version_sizes(session: Session) -> dict[int, int]:
    """Dossiers per procedure version (one walk of its index: ~0.1 s per million rows)."""
    rows = session.execute(text(
        "SELECT procedure_version_id, count(*) FROM dossiers GROUP BY procedure_version_id"))
    return {int(v): int(n) for v, n in rows}


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
        kind, term = _search(filt.search, codes)
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
        self._where = self._conditions(_HIDDEN if self.plan == "lookup" else _PLAIN)
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
            versions = self.lookups.version_ids(field=f.field, procedure_id=f.procedure_id)
            n = sum(sizes.versions.get(v, 0) for v in versions)
            if best is None or n < best[0]:
                best = (n, "version")
        return best[1] if best is not None and best[0] <= SMALL_SET else None

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

    def _conditions(self, c: _Cols) -> list[ColumnElement[bool]]:
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


def status_counts(session: Session, limits: Deadlines) -> dict[str, int]:
    """Dossiers per status, plus ``total``, ``open``, ``overdue`` and ``due_soon``.

    Each figure is one range of ``ix_dossiers_status_due``, so its cost grows with the size of
    that status, not of the table; the total is SQLite's whole-index count and the largest
    status (``returned`` on any desk that has worked a while) is the total minus the others,
    which spares walking the bulk of a million-row index.
    """
    total = int(session.scalar(text("SELECT count(*) FROM dossiers")) or 0)
    counts: dict[str, int] = {}
    one = text("SELECT count(*) FROM dossiers INDEXED BY ix_dossiers_status_due WHERE status = :s")
    for status in Status:
        if status is not Status.RETURNED:
            counts[status.value] = int(session.scalar(one, {"s": status.value}) or 0)
    counts[Status.RETURNED.value] = total - sum(counts.values())
    counts["total"] = total
    counts["open"] = sum(counts[s] for s in OPEN_VALUES)
    by_due = select(func.count()).select_from(text(PLANS["status"])).where(
        _PLAIN.status.in_(OPEN_VALUES))
    counts["overdue"] = int(session.scalar(by_due.where(D_DUE < ts(limits.now))) or 0)
    counts["due_soon"] = int(session.scalar(
        by_due.where(D_DUE >= ts(limits.now), D_DUE < ts(limits.due_soon_until))) or 0)
    return counts
