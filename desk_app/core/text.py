"""Vietnamese text: NFC normalisation of input and the folded search key.

The folded key drops every diacritic, maps đ/Đ to d and lower-cases, so that
``fold("Đặng Văn Đức") == "dang van duc"``. Queries are folded the same way.

Characters no stored or sent text may hold (:func:`forbidden_chars`): every text the desk keeps
is printed on one line of a form and sent to the province, where a NUL or a lone surrogate is
not text at all (PostgreSQL refuses ``\u0000`` in JSON; UTF-8 cannot encode a surrogate). White
space typed or pasted - Tab, Enter in a multi-line box, the line ends, vertical tabs and page
breaks a spreadsheet or word processor puts on the clipboard, Unicode line separators - is not
refused: :func:`nfc` turns each run of it into one space (the forms print every field as one
flowing line, so a line break would be lost on paper anyway). Every other control character
(C0, DEL, C1, including the "information separators" U+001C-001F and U+0085 that Python counts
as white space), every lone surrogate, every Unicode non-character and every invisible format
character (zero-width space, text-direction override...) is refused at the field.
"""

from __future__ import annotations

import re
import unicodedata

# white space, less the control characters Python's \s also matches but a person never types
# (U+001C-001F, U+0085): those are refused (:func:`forbidden_chars`), not silently made spaces
_SPACES = re.compile(r"[^\S\x1c-\x1f\x85]+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(value: str | None) -> str:
    """NFC-normalise and trim; collapse runs of white space to one space."""
    if value is None:
        return ""
    # strip(" "), not strip(): str.strip() would drop U+001C-001F and U+0085 at the ends unseen
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip(" ")


# C0 but Tab/LF/VT/FF/CR, DEL and C1, surrogates, and the 66 non-characters (U+FDD0-FDEF and
# the last two code points of each of the 17 planes): not text at all
_NOT_TEXT = ("\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
             + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                       for plane in range(17)))
# Unicode's invisible format characters (category Cf, Unicode 15): zero-width spaces and
# joiners, soft hyphen, byte-order mark, text-direction overrides, tags. None belongs in a
# Vietnamese name or address; pasted from a web page or chat they hide inside a word, so that
# "Trần\u200bVăn" prints as "TrầnVăn" and search no longer finds it
_FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
           "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
           "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
           "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
_FORBIDDEN = re.compile(f"[{_NOT_TEXT}{_FORMAT}]")
_UNSENDABLE = re.compile(f"[{_NOT_TEXT}]")


def is_forbidden(ch: str) -> bool:
    """A control character other than typed white space, a lone surrogate, a non-character or
    an invisible format character."""
    return _FORBIDDEN.match(ch) is not None


def forbidden_chars(value: str | None) -> list[str]:
    """The distinct characters of ``value`` no stored or sent text may hold, in order."""
    if not value:
        return []
    return list(dict.fromkeys(_FORBIDDEN.findall(value)))


def unsendable_chars(value: str | None) -> list[str]:
    """The distinct characters of ``value`` that are not text at all (what the province's
    server refuses): a stored event holding one is held, not sent. Invisible format characters
    are refused at the field (:func:`forbidden_chars`) but are text, and are sent."""
    if not value:
        return []
    return list(dict.fromkeys(_UNSENDABLE.findall(value)))


def code_points(chars: list[str] | str) -> str:
    """'U+0000, U+D800': characters named by number (an invisible one cannot be shown)."""
    return ", ".join(f"U+{ord(ch):04X}" for ch in chars)


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
