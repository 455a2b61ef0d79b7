"""The dossier register's queries: filters, keyset pages of ids, row pages and status counts.

Qt-free, so the GUI model (:mod:`desk_app.gui.register.model`) stays a thin cache over it.
The register never loads all ids of a million-row table: :meth:`RegisterQuery.id_window`
returns the next ``limit`` ids after a cursor (keyset pagination on ``(sort column, id)``),
and :meth:`RegisterQuery.rows` loads the display rows of one page of ids. Every ordering runs
along an index (see ``Dossier.__table_args__``), so a page costs the same on the millionth row
as on the first.

"Due soon" and "overdue" apply to open dossiers (:data:`desk_app.core.lifecycle.OPEN`):
overdue when ``due_at < now``, due soon when ``now <= due_at`` and it falls no later than the
end of the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, String, and_, false, func, literal, or_, select, text, tuple_
from sqlalchemy import type_coerce
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.codes import looks_like_code
from desk_app.core.lifecycle import OPEN, Status
from desk_app.core.text import digits, nfc
from desk_app.services.search import fts_query
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
    CODE = "code"


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
    return Lookups(versions, clerks)


# Times are compared as the stored text, never through SQLAlchemy's DateTime binding: rows
# written by SQLAlchemy read "2026-11-20 09:00:00.000000", rows imported or generated in bulk
# "2026-11-20 09:00:00". A bound "YYYY-MM-DD HH:MM:SS" (no fraction) orders both correctly for
# the whole-second times the clock gives, and a keyset cursor keeps the row's own text.
RECEIVED_TEXT = type_coerce(Dossier.received_at, String)
DUE_TEXT = type_coerce(Dossier.due_at, String)


def ts(at: datetime) -> ColumnElement[str]:
    """A whole-second time as a bound text value comparable with the stored times."""
    return literal(at.strftime("%Y-%m-%d %H:%M:%S"), String)


# A keyset cursor: the sort value and id of the last row handed out, plus whether the rows
# without a due date (listed last when sorting by due date) have been reached.
Cursor = tuple[Any, int, bool]


def search_condition(query: str) -> ColumnElement[bool] | None:
    """The register's search box with :func:`desk_app.services.search.search_ids` semantics.

    A dossier code matches exactly; a run of digits is a CCCD number (9 or 12 digits) or a
    phone number; anything else is folded words matched as prefixes in the FTS5 index.
    Unlike ``search_ids`` there is no result limit: it combines with the filters and pages.
    """
    q = nfc(query)
    if not q:
        return None
    if looks_like_code(q):
        return Dossier.code.in_(sorted({q.upper(), q}))
    only_digits = digits(q)
    if only_digits and len(only_digits) >= len(q.replace(" ", "").replace(".", "")) - 1:
        phone = Dossier.applicant_phone == normalise_phone(q)
        if len(only_digits) in (9, 12):
            # search_ids prefers the CCCD and falls back to the phone when no CCCD matches;
            # a 9/12-digit phone number is rare, so matching either is the same answer.
            return or_(Dossier.applicant_id_number == only_digits, phone)
        return phone
    match = fts_query(q)
    if not match:
        return false()
    return Dossier.id.in_(
        text("SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :fts_match").bindparams(
            fts_match=match
        )
    )


class RegisterQuery:
    """One filter and ordering over the dossiers, read page by page."""

    def __init__(
        self, filt: RegisterFilter, sort: RegisterSort, limits: Deadlines, lookups: Lookups
    ) -> None:
        self.filter = filt
        self.sort = sort
        self.deadlines = limits
        self.lookups = lookups
        self._where = self._conditions()

    def _conditions(self) -> list[ColumnElement[bool]]:
        f, d = self.filter, self.deadlines
        where: list[ColumnElement[bool]] = []
        if f.status == ANY_OPEN:
            where.append(Dossier.status.in_(OPEN_VALUES))
        elif f.status:
            where.append(Dossier.status == Status(f.status).value)
        if f.field is not None or f.procedure_id is not None:
            versions = self.lookups.version_ids(field=f.field, procedure_id=f.procedure_id)
            where.append(Dossier.procedure_version_id.in_(versions) if versions else false())
        if f.received_from is not None:
            where.append(RECEIVED_TEXT >= ts(datetime.combine(f.received_from, time.min)))
        if f.received_to is not None:
            where.append(
                RECEIVED_TEXT < ts(datetime.combine(f.received_to + timedelta(days=1), time.min))
            )
        if f.overdue or f.due_soon:
            # Both boxes ticked: either kind; one box: that kind only.
            lower = d.now if not f.overdue else None
            upper = d.due_soon_until if f.due_soon else d.now
            where.append(Dossier.status.in_(OPEN_VALUES))
            where.append(DUE_TEXT < ts(upper))
            if lower is not None:
                where.append(DUE_TEXT >= ts(lower))
        cond = search_condition(f.search)
        if cond is not None:
            where.append(cond)
        return where

    def _sort_column(self) -> Any:
        return {
            SortKey.RECEIVED: RECEIVED_TEXT,
            SortKey.DUE: DUE_TEXT,
            SortKey.CODE: Dossier.code,
        }[self.sort.key]

    def id_window(
        self, session: Session, after: Cursor | None, limit: int
    ) -> tuple[list[int], Cursor | None]:
        """The next ``limit`` ids after ``after`` (None: from the top) and the next cursor.

        The returned cursor is None once the end is reached.
        """
        col = self._sort_column()
        desc = self.sort.descending
        nullable = self.sort.key is SortKey.DUE
        ids: list[int] = []
        cursor = after
        # Phase 1 walks the rows that have a sort value; when sorting by due date, phase 2
        # walks the dossiers without one (supplement requests, refusals) by id.
        if not (after and after[2]):
            stmt = select(Dossier.id, col).where(*self._where)
            if nullable:
                stmt = stmt.where(col.is_not(None))
            if after is not None:
                key = tuple_(col, Dossier.id)
                bound = tuple_(literal(after[0], String), after[1])
                stmt = stmt.where(key < bound if desc else key > bound)
            order = (col.desc(), Dossier.id.desc()) if desc else (col.asc(), Dossier.id.asc())
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
        stmt = select(Dossier.id).where(*self._where).where(Dossier.due_at.is_(None))
        last_id = cursor[1]
        if last_id is not None:
            stmt = stmt.where(Dossier.id < last_id if desc else Dossier.id > last_id)
        stmt = stmt.order_by(Dossier.id.desc() if desc else Dossier.id.asc())
        tail = list(session.scalars(stmt.limit(rest + 1)))
        more = len(tail) > rest
        tail = tail[:rest]
        ids.extend(tail)
        if tail:
            cursor = (None, tail[-1], True)
        return ids, cursor if more else None

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
        """How many dossiers match (used for small results and tests; may scan)."""
        return int(session.scalar(select(func.count()).select_from(Dossier).where(*self._where)) or 0)


def status_counts(session: Session, limits: Deadlines) -> dict[str, int]:
    """Dossiers per status, plus ``total``, ``open``, ``overdue`` and ``due_soon``.

    Each figure is one index range (``ix_dossiers_status_due``), so the cost grows with the
    size of each status, not of the table; the total uses SQLite's fast whole-index count and
    the largest status (normally ``returned``) is the total minus the others, which spares
    walking the bulk of a million-row index.
    """
    total = int(session.scalar(text("SELECT count(*) FROM dossiers")) or 0)
    counts: dict[str, int] = {}
    for status in Status:
        if status is Status.RETURNED:
            continue
        counts[status.value] = int(
            session.scalar(
                text("SELECT count(*) FROM dossiers WHERE status = :s"), {"s": status.value}
            )
            or 0
        )
    counts[Status.RETURNED.value] = total - sum(counts.values())
    counts["total"] = total
    counts["open"] = sum(counts[s] for s in OPEN_VALUES)
    stmt_over = select(func.count()).select_from(Dossier).where(
        Dossier.status.in_(OPEN_VALUES), DUE_TEXT < ts(limits.now)
    )
    stmt_soon = select(func.count()).select_from(Dossier).where(
        Dossier.status.in_(OPEN_VALUES),
        and_(DUE_TEXT >= ts(limits.now), DUE_TEXT < ts(limits.due_soon_until)),
    )
    counts["overdue"] = int(session.scalar(stmt_over) or 0)
    counts["due_soon"] = int(session.scalar(stmt_soon) or 0)
    return counts
