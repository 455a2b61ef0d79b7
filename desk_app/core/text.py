"""Vietnamese text: NFC normalisation of input and the folded search key.

The folded key drops every diacritic, maps đ/Đ to d and lower-cases, so that
``fold("Đặng Văn Đức") == "dang van duc"``. Queries are folded the same way.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(value: str | None) -> str:
    """NFC-normalise and trim; collapse runs of white space to one space."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str | None) -> str:
    """The diacritic-free lower-case key: 'Nguyễn Thị Hằng, Đắk Lắk' -> 'nguyen thi hang, dak lak'."""
    if not value:
        return ""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text.lower()).strip()


def fold_words(value: str | None) -> list[str]:
    """The folded text split into ASCII words (punctuation dropped), for full-text queries."""
    return [w for w in _NON_WORD.split(fold(value)) if w]


def digits(value: str | None) -> str:
    """Only the digits of a phone or ID number as typed ('0912 345 678' -> '0912345678')."""
    return "".join(ch for ch in (value or "") if ch.isdigit())
