"""Finding dossiers: by code, CCCD number, phone, or name/address fragments without diacritics.

The query is classified by :func:`desk_app.services.query_kind.classify_query`: a dossier code
(exact, any case), the end of a code ("0002", "261123-0002", "h26-261123-0002": see
:meth:`desk_app.core.codes.CodeSpace.candidates`), a CCCD/CMND or phone number (exact),
otherwise folded words looked up in the FTS5 index, newest first. The end of a code cannot be
mistaken for a CCCD (9 or 12 digits) or a phone number (10 or 11): "0002" is a sequence number
only; a query that could be both (the odd "091234-5678") lists the dossiers with such a code
first and falls back to the phone when there is none.

Names and addresses: every word but the last is a whole word (the clerk has finished typing
it); the last is a prefix when it is short (the 2- and 3-letter prefix indexes answer those at
once), and otherwise a whole word first, widened to a prefix only when the whole word finds
fewer than a page of dossiers and the index holds a longer word beginning with it. Widening a long prefix that is common ("nguy*") costs tens of
milliseconds on a million rows; a whole word costs about one.

The end of a code is looked up as the list of codes it can name (one per day of receipt, 1,096
on the three-year million-dossier store), each an exact probe of the unique code index: 14 ms
for "0002" and 8 ms for "261120-1331" there, mostly spent formatting the candidate codes.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desk_app.core.codes import CodeSpace, looks_like_code
from desk_app.core.text import fold_words
from desk_app.services.query_kind import QueryKind, classify_query
from desk_app.store.models import Commune, Dossier
from desk_app.store.raw import Raw

PREFIX_INDEXED = 3  # longest prefix length the FTS5 table indexes (prefix='2 3')


def code_space(session: Session) -> CodeSpace | None:
    """The commune's code format and agency, and the first and last day of receipt (two walks
    of one end of the received_at index each), or None before the first dossier."""
    commune = session.scalars(select(Commune).limit(1)).first()
    first = session.scalar(select(func.min(Dossier.received_at)))
    last = session.scalar(select(func.max(Dossier.received_at)))
    if commune is None or first is None or last is None:
        return None
    return CodeSpace(commune.code_format, commune.agency_code, first.date(), last.date())


def code_candidates(query: str, space: CodeSpace | None) -> list[str]:
    """The stored codes ``query`` may name: itself (as typed and upper-cased) if it is a whole
    code, and the codes it is the end of."""
    q = query.strip()
    found = space.candidates(q) if space is not None else []
    if looks_like_code(q):
        found = [q.upper(), q, *found]
    return list(dict.fromkeys(found))


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
    # on the session's cursor (the FTS step itself is often a tenth of a millisecond: the
    # ORM's execute and row-by-row fetch would double it)
    return [r[0] for r in Raw(session).all(
        "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, limit))]


def _ids_where(session: Session, condition: ColumnElement[bool], limit: int) -> list[int]:
    return list(session.scalars(
        select(Dossier.id).where(condition).order_by(Dossier.id.desc()).limit(limit)))


def _word_ids(session: Session, text: str, limit: int) -> list[int]:
    words = fold_words(text)
    if not words:
        return []
    if len(words[-1]) <= PREFIX_INDEXED:
        return _fts_ids(session, fts_query(text), limit)
    exact = _fts_ids(session, fts_query(text, last_as_prefix=False), limit)
    if len(exact) >= limit or not _longer_words(session, words[-1]):
        return exact  # a page already, or the prefix can match nothing the word did not
    return _fts_ids(session, fts_query(text), limit)


def _longer_words(session: Session, word: str) -> bool:
    """Whether the FTS index holds a word that starts with ``word`` and is longer (one step
    along its ordered vocabulary). When none does, widening the last word to a prefix would
    walk the same, maybe huge, posting lists again for nothing: "mai thi hong nhung" with no
    hit costs 8 ms exactly and 128 ms widened on a million dossiers."""
    return Raw(session).one(
        "SELECT 1 FROM dossier_fts_terms WHERE term >= ? AND term < ? LIMIT 1",
        (word + "\x01", word + "\U0010ffff")) is not None


def search_ids(session: Session, query: str, limit: int = 200) -> list[int]:
    """Dossier ids matching ``query``, newest first: each kind the query may be
    (:func:`~desk_app.services.query_kind.classify_query`) in turn, until one finds some; a
    whole code is only ever a code."""
    q = classify_query(query)
    for kind in q.kinds:
        if kind in (QueryKind.CODE, QueryKind.CODE_END):
            candidates = code_candidates(q.text, code_space(session))
            found = _ids_where(session, Dossier.code.in_(candidates), limit) if candidates else []
        elif kind is QueryKind.ID_NUMBER:
            found = _ids_where(session, Dossier.applicant_id_number == q.number, limit)
        elif kind is QueryKind.PHONE:
            found = _ids_where(session, Dossier.applicant_phone == q.phone, limit)
        else:
            found = _word_ids(session, q.text, limit)
        if found or kind is QueryKind.CODE:
            return found
    return []
