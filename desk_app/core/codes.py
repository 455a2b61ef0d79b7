"""Dossier codes: ``<agency code>-<yymmdd>-<4-digit daily sequence>`` by default.

The format is a Python format string over ``agency``, ``date`` and ``seq``; it is configurable
per commune. Allocation (the daily counter) lives in :mod:`desk_app.store.codes`, inside the
transaction that inserts the dossier.
"""

from __future__ import annotations

import re
import string
from datetime import date

DEFAULT_FORMAT = "{agency}-{date:%y%m%d}-{seq:04d}"

# What a scanner typing a slip's barcode sends: an agency code (dots, letters, digits), a date
# part and a sequence. Used to tell a scanned code from a name typed in the search box.
CODE_PATTERN = re.compile(r"^[0-9A-Za-z.]+-\d{6}-\d{4,6}$")


def validate_format(fmt: str) -> None:
    """Raise ValueError unless ``fmt`` names exactly the fields agency, date and seq."""
    names = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    if names != {"agency", "date", "seq"}:
        raise ValueError("the code format must use {agency}, {date:...} and {seq:...}")
    format_code(fmt, "X", date(2000, 1, 1), 1)


def format_code(fmt: str, agency: str, day: date, seq: int) -> str:
    return fmt.format(agency=agency, date=day, seq=seq)


def looks_like_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text.strip()))
