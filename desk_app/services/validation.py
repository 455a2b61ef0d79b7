"""Field checks shared by intake and edits. Each returns FieldError codes, never text."""

from __future__ import annotations

import re
from datetime import date

from desk_app.core import cccd
from desk_app.core.text import digits
from desk_app.errors import FieldError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^0\d{9}$")


def normalise_phone(value: str) -> str:
    """'+84 912 345 678' / '0912.345.678' -> '0912345678'."""
    num = digits(value)
    if value.strip().startswith("+84") or (num.startswith("84") and len(num) == 11):
        num = "0" + num[2:]
    return num


def check_name(field: str, value: str, required: bool = True) -> list[FieldError]:
    if not value:
        return [FieldError(field, "required")] if required else []
    if len(value) > 200:
        return [FieldError(field, "too_long", {"max": 200})]
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
    if not _PHONE.match(value):
        return [FieldError(field, "bad_phone")]
    return []


def check_email(field: str, value: str) -> list[FieldError]:
    if value and not _EMAIL.match(value):
        return [FieldError(field, "bad_email")]
    return []


def check_birth_date(field: str, value: date | None, today: date) -> list[FieldError]:
    if value is None:
        return []
    if value > today:
        return [FieldError(field, "in_future")]
    if value.year < 1900:
        return [FieldError(field, "too_old")]
    return []
