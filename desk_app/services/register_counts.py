"""The register's counts: dossiers per status for the status bar (plus open, overdue, due
soon), and per procedure version, which also tell the register's planner how narrow a filter
is (:class:`Sizes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desk_app.core.lifecycle import Status
from desk_app.services.register_filter import OPEN_VALUES, Deadlines
from desk_app.services.register_sql import D_DUE, PLAIN, PLANS, SMALL_SET, ts


@dataclass(frozen=True)
class Sizes:
    """What the planner of the register knows about the store: dossiers per status (the
    status-bar counts) and, when the filter names procedures, how many dossiers their versions
    hold, counted no further than :data:`SMALL_SET` + 1 (enough to choose a plan)."""

    statuses: dict[str, int]
    versions: int | None = None


def versions_probe(session: Session, version_ids: list[int]) -> int:
    """How many dossiers belong to ``version_ids``, counted up to SMALL_SET + 1 only: a walk of
    at most that many entries of the procedure index, whatever the size of the store."""
    if not version_ids:
        return 0
    marks = ", ".join(str(int(v)) for v in version_ids)
    return int(session.scalar(text(
        f"SELECT count(*) FROM (SELECT 1 FROM dossiers INDEXED BY ix_dossiers_procedure_version_id"
        f" WHERE procedure_version_id IN ({marks}) LIMIT {SMALL_SET + 1})")) or 0)


COUNTS_SQL = "SELECT status, n FROM dossier_counts"


def status_counts(session: Session, limits: Deadlines) -> dict[str, int]:
    """Dossiers per status, plus ``total``, ``open``, ``overdue`` and ``due_soon``.

    The per-status figures are kept by triggers in every write (``dossier_counts``, migration
    0009): one row per status, whatever the size of the store. Overdue and due soon are ranges
    of ``ix_dossiers_status_due`` within the open statuses: their cost grows with the dossiers
    still open, never with the returned ones.
    """
    stored = {str(s): int(n) for s, n in session.execute(text(COUNTS_SQL))}
    counts = {status.value: stored.get(status.value, 0) for status in Status}
    counts["total"] = sum(stored.values())
    counts["open"] = sum(counts[s] for s in OPEN_VALUES)
    by_due = select(func.count()).select_from(text(PLANS["status"])).where(
        PLAIN.status.in_(OPEN_VALUES))
    counts["overdue"] = int(session.scalar(by_due.where(D_DUE < ts(limits.now))) or 0)
    counts["due_soon"] = int(session.scalar(
        by_due.where(D_DUE >= ts(limits.now), D_DUE < ts(limits.due_soon_until))) or 0)
    return counts
