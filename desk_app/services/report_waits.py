"""The waiting times of the leader's report (issue 17): per field and per hour of the day.

Read from this desk's ``ticket_visits`` (the tickets its counter served with a dossier saved)
whose ticket was issued in the report's months. A citizen who handed in two dossiers on one
ticket waited once: each ticket counts once. The wait is ``called_at - issued_at`` (to the
first call), the hour is the hour the ticket was issued (when the citizen came in).

The 90th percentile is the **nearest-rank** one: the waits sorted, the value at rank
``ceil(0.9 * n)`` (1-based): always a wait that really happened, e.g. of 5 waits the 5th, of
10 the 9th, of 20 the 18th. The average is the arithmetic mean rounded to whole seconds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.text import fold, nfc
from desk_app.services.queue import field_code
from desk_app.services.ticket_visits import seconds
from desk_app.store.models import ProcedureVersion
from desk_app.store.models_queue import TicketVisit


@dataclass(frozen=True)
class WaitLine:
    key: str  # a field's code, or the hour "08"
    label: str  # the field's name, or "08:00-09:00"
    tickets: int
    average_s: int
    p90_s: int


@dataclass(frozen=True)
class Waits:
    by_field: list[WaitLine] = field(default_factory=list)  # by field name (folded)
    by_hour: list[WaitLine] = field(default_factory=list)  # by hour, only hours with tickets
    total: WaitLine | None = None  # None: no ticket served in the period


def p90(values: list[int]) -> int:
    """The nearest-rank 90th percentile of ``values`` (not empty)."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _line(key: str, label: str, waits: list[int]) -> WaitLine:
    return WaitLine(key, label, len(waits), round(sum(waits) / len(waits)), p90(waits))


def waits(session: Session, first: date, end: date) -> Waits:
    """The waits of the tickets issued from ``first`` up to (not including) ``end``."""
    rows = session.execute(
        select(TicketVisit.ticket_uuid, TicketVisit.field_code, TicketVisit.issued_at,
               TicketVisit.called_at)
        .where(TicketVisit.issued_at >= datetime.combine(first, datetime.min.time()),
               TicketVisit.issued_at < datetime.combine(end, datetime.min.time()))
        .order_by(TicketVisit.id))
    seen: dict[str, tuple[str, int, int]] = {}  # ticket -> field, hour, wait
    for ticket, code, issued_at, called_at in rows:
        seen.setdefault(ticket, (code, issued_at.hour, seconds(issued_at, called_at)))
    if not seen:
        return Waits()
    names: dict[str, str] = {}
    for (name,) in session.execute(select(ProcedureVersion.field).distinct()):
        names.setdefault(field_code(nfc(name)), nfc(name))
    per_field: dict[str, list[int]] = defaultdict(list)
    per_hour: dict[int, list[int]] = defaultdict(list)
    for code, hour, wait in seen.values():
        per_field[code].append(wait)
        per_hour[hour].append(wait)
    by_field = sorted((_line(c, names.get(c, c), w) for c, w in per_field.items()),
                      key=lambda ln: fold(ln.label))
    by_hour = [_line(f"{h:02d}", f"{h:02d}:00-{h + 1:02d}:00", per_hour[h])
               for h in sorted(per_hour)]
    return Waits(by_field, by_hour, _line("", "", [w for _c, _h, w in seen.values()]))
