"""Field checks shared by intake and edits. Each returns FieldError codes, never text.

Phone numbers (Vietnam's numbering plan since 2018): a mobile has 10 digits and starts with
03, 05, 07, 08 or 09; a fixed line has 11 digits, 0 + a 3-digit area code 2xx (024 3825 1234).
The clerk may type spaces, dots, dashes, brackets and +84 / 84 / 0084 for the country; the
stored form is the national digits only ("0912345678", "02438251234"), which is also what the
search looks up. Letters or other signs are refused, never dropped. An old 11-digit mobile
(0168 ...) is refused with its new 10-digit number (the 2018 change of prefixes).

Free text that is printed (names, addresses, reasons) must be drawable by every font face the
interface and the forms use (:mod:`desk_app.core.glyphs`): an emoji is refused at its field,
naming the character, instead of printing as nothing. Before that, every text the desk stores
or sends refuses control characters, lone surrogates and non-characters
(:func:`desk_app.core.text.forbidden_chars`; code ``control_chars``, naming them by number):
one of them in an event stops nothing at the desk but is refused by the province. Tab and line
breaks are not refused: the services' :func:`~desk_app.core.text.nfc` makes them one space.
"""

from __future__ import annotations

import re
from datetime import date

from desk_app.core import cccd
from desk_app.core.glyphs import unprintable
from desk_app.core.text import code_points, digits, forbidden_chars
from desk_app.errors import FieldError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_TYPED = re.compile(r"^\+?\d+$")  # once spaces, dots, dashes and brackets are gone
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
# 11-digit mobile prefixes renumbered to 10 digits in 2018 (Viettel, MobiFone, VinaPhone,
# Vietnamobile, Gmobile).
OLD_MOBILE_PREFIXES = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037",
    "0168": "038", "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076",
    "0128": "078", "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0186": "056", "0188": "058", "0199": "059",
}


def normalise_phone(value: str) -> str:
    """The national digits of a phone as typed: '+84 912 345 678', '0912.345.678',
    '84-912-345-678' -> '0912345678'; '(024) 3825 1234' -> '02438251234'."""
    text = value.strip()
    num = digits(text)
    if num.startswith("0084"):  # 00 is the international prefix: '0084 ...' is '+84 ...'
        num, text = num[2:], "+"
    if text.startswith("+") or (num.startswith("84") and len(num) in (11, 12)):
        num = num[2:] if num.startswith("84") else num
        num = num if num.startswith("0") else "0" + num
    return num


def phone_error(value: str) -> tuple[str, dict[str, str]] | None:
    """Why ``value`` is not a Vietnamese phone number: (code, params), or None when it is."""
    compact = _PHONE_SEPARATORS.sub("", value.strip())
    if not _PHONE_TYPED.match(compact):
        odd = sorted({ch for ch in compact if not ch.isdigit()} - {"+"}, key=compact.index)
        if odd:
            return "phone_chars", {"chars": "".join(odd)}
        return "bad_phone", {}
    if compact.startswith("+") and not compact.startswith("+84"):
        return "bad_phone", {}  # a foreign number
    num = normalise_phone(value)
    if len(num) == 10 and num[:2] in MOBILE_PREFIXES:
        return None
    if len(num) == 11 and num.startswith("02"):
        return None
    if len(num) == 11 and num[:4] in OLD_MOBILE_PREFIXES:
        return "old_mobile", {"new": OLD_MOBILE_PREFIXES[num[:4]] + num[4:]}
    return "bad_phone", {}


def check_chars(field: str, value: str) -> list[FieldError]:
    """Refuse control characters (but typed white space), lone surrogates, non-characters."""
    bad = forbidden_chars(value)
    return [FieldError(field, "control_chars", {"codes": code_points(bad)})] if bad else []


def check_printable(field: str, value: str) -> list[FieldError]:
    """Refuse control characters (:func:`check_chars`), then characters the interface or form
    fonts cannot draw (emoji, most symbols)."""
    control = check_chars(field, value)
    if control:
        return control
    bad = unprintable(value) if value else []
    return [FieldError(field, "unprintable", {"chars": "".join(bad)})] if bad else []


def check_text(field: str, value: str, max_len: int | None = None,
               required: bool = False) -> list[FieldError]:
    """A free-text field that is printed: required, length, then printable characters."""
    if not value:
        return [FieldError(field, "required")] if required else []
    if max_len is not None and len(value) > max_len:
        return [FieldError(field, "too_long", {"max": max_len})]
    return check_printable(field, value)


def check_name(field: str, value: str, required: bool = True) -> list[FieldError]:
    if not value:
        return [FieldError(field, "required")] if required else []
    if len(value) > 200:
        return [FieldError(field, "too_long", {"max": 200})]
    unprintable_error = check_printable(field, value)
    if unprintable_error:
        return unprintable_error
    if any(ch.isdigit() for ch in value) or not any(ch.isalpha() for ch in value):
        return [FieldError(field, "bad_name")]
    return []


def check_id_number(field: str, value: str, required: bool = False) -> list[FieldError]:
    if not value:
        return [FieldError(field, "required")] if required else []
    if not re.fullmatch(r"\d{12}|\d{9}", value):
        return [FieldError(field, "bad_id_number")]
    if len(value) == 12 and value[:3] not in cccd.PROVINCES:
        return [FieldError(field, "bad_id_province")]
    return []


def check_phone(field: str, value: str, required: bool = False) -> list[FieldError]:
    if not value:
        return [FieldError(field, "required")] if required else []
    control = check_chars(field, value)
    if control:
        return control
    problem = phone_error(value)
    return [FieldError(field, *problem)] if problem else []


def check_email(field: str, value: str) -> list[FieldError]:
    if value and not _EMAIL.match(value):
        return [FieldError(field, "bad_email")]
    return check_printable(field, value)


def check_birth_date(field: str, value: date | None, today: date) -> list[FieldError]:
    if value is None:
        return []
    if value > today:
        return [FieldError(field, "in_future")]
    if value.year < 1900:
        return [FieldError(field, "too_old")]
    return []
