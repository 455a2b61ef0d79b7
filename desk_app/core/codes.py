"""Dossier codes: ``<agency code>-<yymmdd>-<4-digit daily sequence>`` by default.

The format is a Python format string over ``agency``, ``date`` and ``seq``; it is configurable
per commune. Allocation (the daily counter) lives in :mod:`desk_app.store.codes`, inside the
transaction that inserts the dossier.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_FORMAT = "{agency}-{date:%y%m%d}-{seq:04d}"

# What a scanner typing a slip's barcode sends: an agency code (dots, letters, digits), a date
# part and a sequence. Used to tell a scanned code from a name typed in the search box.
CODE_PATTERN = re.compile(r"^[0-9A-Za-z.]+-\d{6}-\d{4,6}$")
# The end of a code, as a clerk copies it from a slip: the daily sequence ("0002"), date and
# sequence ("261123-0002"), or more ("h26-261123-0002"). A full code matches too.
# How far back the end of a code is looked for (a bound on the look-up list, far beyond the
# life of a desk's store; a store whose first "receipt" is older has a wrong clock in it).
MAX_DAYS = 20 * 366
PARTIAL_PATTERN = re.compile(r"^(?:(?:[0-9A-Za-z.]+-)?\d{6}-)?\d{4,6}$")


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


def looks_like_partial_code(text: str) -> bool:
    """The end of a dossier code (see :data:`PARTIAL_PATTERN`), or a whole one."""
    return bool(PARTIAL_PATTERN.match(text.strip()))


@dataclass(frozen=True)
class CodeSpace:
    """Every code a desk can have allocated: its format, agency code and receipt days."""

    fmt: str
    agency: str
    first_day: date
    last_day: date

    def candidates(self, query: str) -> list[str]:
        """The codes, newest day first, that end with ``query`` (any case) at a boundary.

        A code's date is its day of receipt and the sequence restarts each day, so the end of
        a code names at most one code per day: "0002" is the second dossier of each day,
        "261123-0002" one code. Built by formatting, so any configured format works, and
        looked up exactly (the unique index on the code), never by a scan of the codes.
        """
        q = query.strip().upper()
        if not looks_like_partial_code(q):
            return []
        seq = int(re.findall(r"\d+", q)[-1])
        out = []
        day = self.last_day
        first = max(self.first_day, self.last_day - timedelta(days=MAX_DAYS))
        while day >= first:
            code = format_code(self.fmt, self.agency, day, seq)
            upper = code.upper()
            if upper.endswith(q) and (
                len(upper) == len(q) or not upper[-len(q) - 1].isalnum()
            ):
                out.append(code)
            day -= timedelta(days=1)
        return out
