"""The ticket a counter served, kept with the dossier it saved (issue 17).

When a clerk saves an intake (received, supplement requested or refused: each ends the visit)
or a return with the ticket the counter called (:class:`desk_app.services.queue.Visit`), a
``ticket_visits`` row is written in the same transaction, in the counter's own store:

* wait = ``called_at - issued_at`` (the citizen's wait until the first call),
* service = ``served_at - called_at`` (``served_at`` = the save's time).

The times come from two clocks when the queue is hosted on another PC of the office (issued
and called by the host's, served by this desk's); a service that would come out negative
(this PC's clock behind the host's) counts as 0 s.

The visit goes to the province inside the dossier's own event (``dossier.intake`` or
``dossier.status`` to ``returned``) under ``"ticket"`` (:func:`payload_of`), not as a ticket
event: the ticket belongs to the desk that hosts the queue, and the hub refuses an event about
another desk's entity (``foreign_desk``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.services.queue import Visit
from desk_app.services.serialize import iso
from desk_app.store.models_queue import TicketVisit
from desk_app.store.raw import Raw

OCCASIONS = ("intake", "return")


def seconds(start: datetime, end: datetime) -> int:
    """Whole seconds from ``start`` to ``end``, never below 0 (two PCs' clocks)."""
    return max(0, int((end - start).total_seconds()))


def row_of(visit: Visit, dossier_id: int, occasion: str, served_at: datetime) -> dict[str, Any]:
    assert occasion in OCCASIONS
    return {"dossier_id": dossier_id, "occasion": occasion, "ticket_uuid": visit.ticket_uuid,
            "number": visit.number, "day": visit.day, "field_code": visit.field_code,
            "counter": visit.counter, "issued_at": visit.issued_at,
            "called_at": visit.called_at, "served_at": served_at}


def payload_of(visit: Visit, served_at: datetime) -> dict[str, Any]:
    """The visit as the dossier's event carries it to the province."""
    return {"uuid": visit.ticket_uuid, "number": visit.number, "day": visit.day.isoformat(),
            "field_code": visit.field_code, "counter": visit.counter,
            "issued_at": iso(visit.issued_at), "called_at": iso(visit.called_at),
            "served_at": iso(served_at), "wait_s": seconds(visit.issued_at, visit.called_at),
            "service_s": seconds(visit.called_at, served_at)}


def write_raw(raw: Raw, visit: Visit, dossier_id: int, occasion: str,
              served_at: datetime) -> None:
    """The row through the session's cursor (the intake's hot path)."""
    raw.insert(TicketVisit.__table__,  # type: ignore[arg-type]
               row_of(visit, dossier_id, occasion, served_at))


def write(session: Session, visit: Visit, dossier_id: int, occasion: str,
          served_at: datetime) -> None:
    session.add(TicketVisit(**row_of(visit, dossier_id, occasion, served_at)))


def times_for_rating(session: Session, dossier_id: int, occasion: str,
                     rated_at: datetime) -> tuple[int | None, int | None]:
    """(wait_s, service_s) of the rated visit, (None, None) when it came with no ticket. The
    service ends when the dossier was saved, or at the rating if that time is missing."""
    row = session.execute(
        select(TicketVisit.issued_at, TicketVisit.called_at, TicketVisit.served_at)
        .where(TicketVisit.dossier_id == dossier_id, TicketVisit.occasion == occasion)).first()
    if row is None:
        return None, None
    issued_at, called_at, served_at = row
    return seconds(issued_at, called_at), seconds(called_at, served_at or rated_at)
