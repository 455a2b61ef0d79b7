"""What a search box's text may be: a dossier code, the end of one, a CCCD/CMND number, a phone
number, or words of a name or an address. One classification for every search of the desk:
the quick search (:func:`desk_app.services.search.search_ids`) and the register's search box
(:mod:`desk_app.services.register_search`) both start here.

:func:`classify_query` lists every kind the text may be, most likely first; the caller looks
for each in turn (the quick search: the first that finds something wins) or for all at once
(the register: one look-up over the indexes of every kind). The rules:

* a whole code (``looks_like_code``, what a scanner types) is only a code; so is the status
  link of form 01's QR (:func:`desk_app.core.status_link.code_in_link`): its code;
* the end of a code ("0002", "261123-0002", "h26-261123-0002") is first a code end, then
  possibly a number or words (below);
* a number as typed (digits with spaces, dots, dashes, brackets, ``+``; one stray character is
  forgiven) is an ID number when it has 9 (old CMND) or 12 (CCCD) digits, a phone number when
  its national form has 10 (mobile) or 11 (landline) digits; a number is never looked up as
  words;
* anything else with letters is words (folded: no diacritics, đ -> d).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from desk_app.core.codes import looks_like_code, looks_like_partial_code
from desk_app.core.status_link import code_in_link
from desk_app.core.text import digits, fold_words, nfc
from desk_app.services.validation import normalise_phone

ID_LENGTHS = (9, 12)  # old CMND, CCCD
PHONE_LENGTHS = (10, 11)  # mobile, landline (national form, leading 0)
_NUMBER_SEPARATORS = re.compile(r"[\s.\-()+]")


class QueryKind(str, Enum):
    CODE = "code"  # a whole dossier code
    CODE_END = "code_end"  # the end of a code: the day's sequence, maybe with its date
    ID_NUMBER = "id_number"  # a CCCD (12 digits) or old CMND (9 digits)
    PHONE = "phone"
    WORDS = "words"  # name or address words, folded


@dataclass(frozen=True)
class SearchQuery:
    """A classified search text: the kinds it may be, most likely first (none: it can match
    nothing), and the forms each kind is looked up by."""

    text: str  # NFC, trimmed
    kinds: tuple[QueryKind, ...]
    number: str = ""  # the digits, for an ID number
    phone: str = ""  # the national form, for a phone number

    @property
    def kind(self) -> QueryKind | None:
        """The most likely kind, or None for an empty or hopeless text."""
        return self.kinds[0] if self.kinds else None

    def may_be(self, kind: QueryKind) -> bool:
        return kind in self.kinds


def is_number(text: str) -> bool:
    """A CCCD or phone number as typed (digits with spaces, dots, dashes, brackets, +)."""
    only_digits = digits(text)
    return bool(only_digits) and len(only_digits) >= len(_NUMBER_SEPARATORS.sub("", text)) - 1


def classify_query(text: str) -> SearchQuery:
    """The kinds ``text`` may be (see the module docstring)."""
    q = nfc(text).strip()
    if not q:
        return SearchQuery(q, ())
    q = code_in_link(q) or q  # form 01's QR: the status link on the hub names the code
    if looks_like_code(q):
        return SearchQuery(q, (QueryKind.CODE,))
    kinds: list[QueryKind] = []
    if looks_like_partial_code(q):
        kinds.append(QueryKind.CODE_END)
    number = phone = ""
    if is_number(q):
        only_digits = digits(q)
        if len(only_digits) in ID_LENGTHS:
            kinds.append(QueryKind.ID_NUMBER)
            number = only_digits
        national = normalise_phone(q)
        if len(national) in PHONE_LENGTHS:
            kinds.append(QueryKind.PHONE)
            phone = national
    elif fold_words(q):
        kinds.append(QueryKind.WORDS)
    return SearchQuery(q, tuple(kinds), number, phone)
