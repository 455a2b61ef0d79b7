"""The register's SQL vocabulary: columns named as text, the index plans, whole-second times,
the keyset cursor, and the search box's condition.

The register's statements name their columns as text (``dossiers.x``) so that the FROM clause
can name the index to walk (``dossiers INDEXED BY ...``; SQLAlchemy's table hints are not
rendered for SQLite). Times are compared as the stored text, never through SQLAlchemy's
DateTime binding: rows written by SQLAlchemy read "2026-11-20 09:00:00.000000", rows imported or
generated in bulk "2026-11-20 09:00:00". A bound "YYYY-MM-DD HH:MM:SS" (no fraction) orders
both correctly for whole-second times, and a cursor keeps the row's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, literal, literal_column, or_

from desk_app.core.codes import CodeSpace
from desk_app.services.query_kind import QueryKind, classify_query
from desk_app.services.search import code_candidates, fts_query

D_ID = literal_column("dossiers.id", Integer)
D_RECEIVED = literal_column("dossiers.received_at", String)
D_DUE = literal_column("dossiers.due_at", String)
FTS_ID = literal_column("dossier_fts.rowid", Integer)


def ts(at: datetime) -> ColumnElement[str]:
    """A whole-second time as a bound text value comparable with the stored times."""
    return literal(at.strftime("%Y-%m-%d %H:%M:%S"), String)


@dataclass(frozen=True)
class Cols:
    """Filter columns, visible to SQLite's planner or hidden from it (unary ``+``)."""

    status: Any
    version: Any
    received: Any
    due: Any

    @classmethod
    def make(cls, prefix: str) -> Cols:
        return cls(
            literal_column(f"{prefix}dossiers.status", String),
            literal_column(f"{prefix}dossiers.procedure_version_id", Integer),
            literal_column(f"{prefix}dossiers.received_at", String),
            literal_column(f"{prefix}dossiers.due_at", String),
        )


PLAIN, HIDDEN = Cols.make(""), Cols.make("+")

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


def search_term(query: str, codes: CodeSpace | None = None) -> tuple[str, Any]:
    """The register's condition for the search box, from the one classification
    (:func:`~desk_app.services.query_kind.classify_query`) the quick search uses too.

    ('', None) nothing to search; ('lookup', condition) a dossier code (exact, any case) or the
    end of one (the codes it may name, see :func:`~desk_app.services.search.code_candidates`),
    a CCCD/CMND number or a phone number, each served by its own index: every kind the text may
    be at once (the quick search tries them in turn; a 12-digit phone or a code end that is a
    phone number too is rare, so matching either is the same answer); ('fts', match) folded
    words matched as prefixes in the FTS5 index, when the text is nothing else; ('none', None)
    nothing can match.
    """
    q = classify_query(query)
    if not q.text:
        return "", None
    terms: list[ColumnElement[bool]] = []
    for kind in q.kinds:
        if kind in (QueryKind.CODE, QueryKind.CODE_END):
            candidates = code_candidates(q.text, codes)
            if candidates:
                terms.append(literal_column("dossiers.code", String).in_(candidates))
        elif kind is QueryKind.ID_NUMBER:
            terms.append(literal_column("dossiers.applicant_id_number", String) == q.number)
        elif kind is QueryKind.PHONE:
            terms.append(literal_column("dossiers.applicant_phone", String) == q.phone)
        elif not terms:  # words: only when no code, number or phone can name a dossier
            match = fts_query(q.text)
            return ("fts", match) if match else ("none", None)
    if terms:
        return "lookup", or_(*terms) if len(terms) > 1 else terms[0]
    return "none", None
