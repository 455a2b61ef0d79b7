"""Store models of the queue (issue 17; tables made by db/versions/0013_queue.py).

:class:`QueueTicket`: the numbered tickets of the commune office's one queue. They live in the
store of the desk that hosts the queue (the PC the ticket kiosk runs on); every desk has the
table, empty where it does not host. ``number`` restarts each local day and never repeats
within one (``UNIQUE(day, number)``). ``counter`` is the counter that called the ticket, or,
while it waits again, the counter it was transferred to (``transferred_at`` orders those).
``cccd_hash`` is a keyed hash (HMAC-SHA256, the desk's own key) of the CCCD number a citizen
scanned at the kiosk, never the number itself (:func:`desk_app.services.queue.cccd_hash`).

:class:`TicketVisit`: in every counter's own store, what a counter kept of the ticket it served
when it saved a dossier's intake or return: wait = ``called_at - issued_at``, service =
``served_at - called_at``. One per dossier and occasion.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base

STATUSES = ("waiting", "called", "absent", "done")


class QueueTicket(Base):
    __tablename__ = "queue_tickets"
    __table_args__ = (
        UniqueConstraint("day", "number", name="uq_queue_tickets_day_number"),
        Index("ix_queue_tickets_day_status", "day", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    field_code: Mapped[str] = mapped_column(String(100))
    field_name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))  # waiting | called | absent | done
    counter: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)  # the first call
    last_called_at: Mapped[datetime | None] = mapped_column(DateTime)
    calls: Mapped[int] = mapped_column(Integer, default=0)
    transferred_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    cccd_hash: Mapped[str | None] = mapped_column(String(64))


class TicketVisit(Base):
    __tablename__ = "ticket_visits"
    __table_args__ = (
        UniqueConstraint("dossier_id", "occasion", name="uq_ticket_visits_dossier_occasion"),
        Index("ix_ticket_visits_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    occasion: Mapped[str] = mapped_column(String(10))  # intake | return
    ticket_uuid: Mapped[str] = mapped_column(String(36))
    number: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    field_code: Mapped[str] = mapped_column(String(100))
    counter: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime] = mapped_column(DateTime)
    served_at: Mapped[datetime] = mapped_column(DateTime)
