"""Finding dossiers: by code, CCCD number, phone, or name/address fragments without diacritics.

The query is classified: a dossier code (exact), a run of digits (CCCD or phone, exact),
otherwise folded words looked up in the FTS5 index, newest first. Every word but the last is a
whole word (the clerk has finished typing it); the last is a prefix when it is short (the
2- and 3-letter prefix indexes answer those at once), and otherwise a whole word first, widened
to a prefix only when the whole word finds fewer than a page of dossiers. Widening a long
prefix that is common ("nguy*") costs tens of milliseconds on a million rows; a whole word
costs about one.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.core.codes import looks_like_code
from desk_app.core.text import digits, fold_words, nfc
from desk_app.services.validation import normalise_phone
from desk_app.store.models import Dossier


PREFIX_INDEXED = 3  # longest prefix length the FTS5 table indexes (prefix='2 3')


def fts_query(query: str, last_as_prefix: bool = True) -> str:
    """Folded words as an FTS5 query (whole words, the last one maybe a prefix)."""
    words = fold_words(query)
    if not words:
        return ""
    terms = [f'"{w}"' for w in words]
    if last_as_prefix:
        terms[-1] += "*"
    return " ".join(terms)


def _fts_ids(session: Session, match: str, limit: int) -> list[int]:
    return list(
        session.scalars(
            text(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :m "
                "ORDER BY rowid DESC LIMIT :n"
            ),
            {"m": match, "n": limit},
        )
    )


def search_ids(session: Session, query: str, limit: int = 200) -> list[int]:
    """Dossier ids matching ``query``, newest first."""
    q = nfc(query)
    if not q:
        return []
    if looks_like_code(q):
        hit = session.scalar(select(Dossier.id).where(Dossier.code == q.upper()))
        if hit is None:
            hit = session.scalar(select(Dossier.id).where(Dossier.code == q))
        return [hit] if hit is not None else []
    only_digits = digits(q)
    if only_digits and len(only_digits) >= len(q.replace(" ", "").replace(".", "")) - 1:
        if len(only_digits) in (9, 12):
            rows = session.scalars(
                select(Dossier.id)
                .where(Dossier.applicant_id_number == only_digits)
                .order_by(Dossier.id.desc())
                .limit(limit)
            )
            found = list(rows)
            if found:
                return found
        phone = normalise_phone(q)
        return list(
            session.scalars(
                select(Dossier.id)
                .where(Dossier.applicant_phone == phone)
                .order_by(Dossier.id.desc())
                .limit(limit)
            )
        )
    words = fold_words(q)
    if not words:
        return []
    if len(words[-1]) <= PREFIX_INDEXED:
        return _fts_ids(session, fts_query(q), limit)
    exact = _fts_ids(session, fts_query(q, last_as_prefix=False), limit)
    if len(exact) >= limit:
        return exact
    return _fts_ids(session, fts_query(q), limit)
