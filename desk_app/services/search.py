"""Finding dossiers: by code, CCCD number, phone, or name/address fragments without diacritics.

The query is classified: a dossier code (exact, or the tail "-0007" of today's codes), a run of
digits (CCCD or phone, exact), otherwise folded words matched as prefixes in the FTS5 index
(``"dang van duc"`` -> ``dang* van* duc*``), newest first.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.core.codes import looks_like_code
from desk_app.core.text import digits, fold_words, nfc
from desk_app.services.validation import normalise_phone
from desk_app.store.models import Dossier


def fts_query(query: str) -> str:
    """Folded words as an FTS5 prefix query; empty if there is nothing to search."""
    return " ".join(f'"{w}"*' for w in fold_words(query))


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
    match = fts_query(q)
    if not match:
        return []
    return list(
        session.scalars(
            text(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :m "
                "ORDER BY rowid DESC LIMIT :n"
            ),
            {"m": match, "n": limit},
        )
    )
