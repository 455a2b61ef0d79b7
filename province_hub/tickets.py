"""The hub's projection of the queue tickets (issue 17): one row per ticket, its latest state.

A ticket's events come from the desk hosting the commune office's queue, in that desk's
outbox order, so the last stored event of a ticket is its state. A ticket's events may come
again (a retried batch is a duplicate, never stored twice), and only new rows reach here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from province_hub.auth import DeskIdentity
from province_hub.models import Ticket
from province_hub.project import local

KINDS = ("ticket.issued", "ticket.called", "ticket.absent", "ticket.transferred", "ticket.done")


def store(session: Session, who: DeskIdentity, rows: list[dict[str, Any]],
          now: datetime) -> None:
    """Fold the new ticket events of a batch (in the desk's order) into ``tickets``."""
    for r in rows:
        pl = r["payload"]
        row = session.get(Ticket, r["entity_uuid"])
        if row is None:
            row = Ticket(uuid=r["entity_uuid"], commune_id=who.commune_id,
                         desk_id=who.desk_id, events=0)
            session.add(row)
        row.day = str(pl.get("day") or "")[:10]
        row.number = int(pl.get("number") or 0)
        row.field_code = str(pl.get("field_code") or "")
        row.field_name = str(pl.get("field_name") or "")
        row.status = str(pl.get("status") or "")
        counter = pl.get("counter")
        row.counter = counter if type(counter) is int else None
        row.calls = int(pl.get("calls") or 0)
        row.issued_at = local(pl.get("issued_at"))
        row.called_at = local(pl.get("called_at"))
        row.finished_at = local(pl.get("finished_at"))
        row.events = (row.events or 0) + 1
        row.updated_at = now
    session.flush()
