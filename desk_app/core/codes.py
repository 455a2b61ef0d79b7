"""Dossier codes: ``<agency code>-<yymmdd>-<4-digit daily sequence>`` by default.

The format is a Python format string over ``agency``, ``date`` and ``seq``; it is configurable
per commune. Allocation (the daily counter) lives in :mod:`desk_app.store.codes`, inside the
transaction that inserts the dossier.

**Several counters, no network**: a commune often has two to four counters (PCs), each with
its own store, and a code must be unique in the commune with no network at the moment of
intake. Each desk therefore has a *counter number* from 1 to 9 (``Quầy số``), chosen when the
desk is set up and unique in its commune (the province refuses a second desk with the same
number). The sequence in the code is that digit followed by the desk's own count of the day on
three digits: counter 2's first dossier of the day is ``…-261123-2001``, its 57th ``2057``. The
code keeps its national look (four digits), two desks can never make the same one, and codes
made before counters existed (``0001``…, first digit 0) never meet a new one. A desk's 1,000th
dossier of a day (no commune counter sees that many) gets one more digit (``21000``): the
length tells the two apart, so the scheme never runs out and never repeats.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_FORMAT = "{agency}-{date:%y%m%d}-{seq:04d}"
COUNTERS = range(1, 10)  # a desk's counter number: the first digit of its daily sequence

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


def counter_sequence(counter: int, count: int) -> int:
    """The sequence number in the code of a desk's ``count``-th dossier of the day: the counter
    digit, then the count on at least three digits (2, 57 -> 2057; 2, 1000 -> 21000)."""
    if counter not in COUNTERS:
        raise ValueError(f"a counter number is one of 1-9, not {counter!r}")
    if count < 1:
        raise ValueError(f"a daily count starts at 1, not {count!r}")
    return counter * 10 ** max(3, len(str(count))) + count


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
