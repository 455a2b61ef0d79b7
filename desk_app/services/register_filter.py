"""What the register is asked for and what it shows: the clerk's filter and ordering, the due
instants the colours compare with, a display row, and the small tables a row refers to.

"Due soon" and "overdue" apply to open dossiers (:data:`desk_app.core.lifecycle.OPEN`):
overdue when ``due_at < now``, due soon when ``now <= due_at`` and it falls no later than the
end of the next working day. The queries that answer a filter are in
:mod:`desk_app.services.register`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.codes import CodeSpace
from desk_app.core.lifecycle import OPEN
from desk_app.services.search import code_space
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Clerk, Commune, Procedure, ProcedureVersion

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

