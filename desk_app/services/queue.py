"""The queue of numbered tickets (issue 17), Qt-free: the kiosk issues, the counters call.

A commune office has one queue. It lives in the store of the desk that hosts it (the PC where
the ticket kiosk runs); the other counters reach it over the office LAN (a later step). Every
function here runs in the caller's transaction; the writes run in ``store.write()``
(``BEGIN IMMEDIATE``), so two counters calling at the same moment are serialised by SQLite's
write lock and never take the same ticket.

* Numbering: ``max(number) + 1`` of the local day (the desk's clock, stamped never earlier than
  the desk's last stored time: :func:`desk_app.store.stamps.stamp`), read under the write lock;
  ``UNIQUE(day, number)`` is the backstop. A number is on disk with its ticket or not at all,
  so a crash never makes a number come twice; on the day a store is restored from a backup
  the numbering jumps past a reserve until the province is asked (:func:`_reserve`). Only
  today's tickets are waited on and called;
  a ticket left waiting from an earlier day stays as it was (its citizen has gone home).
* Order: a counter takes first the tickets transferred to it (in the order they were
  transferred), then the oldest ticket of the common queue. A transferred ticket is waiting
  with ``counter`` set to its target: only that counter calls it.
* ``ahead`` (the "people ahead of you" on the printed ticket): for a ticket of the common queue,
  the waiting tickets of the common queue with a smaller number; for a transferred one, the
  tickets transferred to the same counter before it. Transferred tickets are counted for their
  counter only (they also delay the common queue a little, which is left out: keep it simple).
* Issuing has no clerk: the kiosk is the citizen's own screen, nobody is logged in on it, and a
  ticket only puts a number in the queue (no dossier, no personal data but an optional hashed
  CCCD number). Every counter action (call, recall, absent, transfer, finish) needs a clerk
  allowed :attr:`~desk_app.core.permissions.Action.QUEUE`.
* Every change appends an outbox event (entity ``ticket``) in the same transaction; its payload
  is the ticket's record without the CCCD hash (:func:`record_of`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid as uuid_mod
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core import cccd
from desk_app.core.permissions import Action
from desk_app.core.text import fold, nfc
from desk_app.errors import FieldError, KnownError, NotFoundError, ValidationError
from desk_app.services.access import require
from desk_app.services.counter import check_counter
from desk_app.services.desk_settings import RESTORED, get_setting, set_setting
from desk_app.services.queue_host import HOST, RemoteCaller, is_host, set_host  # noqa: F401
from desk_app.services.serialize import iso
from desk_app.store import outbox
from desk_app.store.catalogue import versions_in_force
from desk_app.store.codes import RESTORE_RESERVE
from desk_app.store.models import Commune
from desk_app.store.models_queue import QueueTicket
from desk_app.store.stamps import stamp

ENTITY = "ticket"
ISSUED, CALLED, ABSENT = "ticket.issued", "ticket.called", "ticket.absent"
TRANSFERRED, DONE = "ticket.transferred", "ticket.done"
BOARD_SIZE = 6  # the calls a call screen shows
_SLUG = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Ticket:
    uuid: str
    day: date
    number: int  # 1, 2, ... restarts each local day, never repeats within a day
    field_code: str
    field_name: str
    status: str  # "waiting" | "called" | "absent" | "done"
    counter: int | None
    issued_at: datetime
    called_at: datetime | None
    calls: int
    ahead: int  # waiting tickets that will be called before this one (0 when called)

    @property
    def label(self) -> str:
        return f"{self.number:03d}"


@dataclass(frozen=True)
class FieldChoice:
    code: str  # stable slug of the field name (folded: "Hộ tịch" -> "ho-tich")
    name: str  # "Hộ tịch", from the procedure versions in force
    waiting: int


@dataclass(frozen=True)
class Board:
    called: list[Ticket]  # latest call first, at most BOARD_SIZE, status "called"
    waiting: int  # all tickets waiting today


@dataclass(frozen=True)
class Visit:
    """What a counter keeps when it serves a called ticket (stored as a ``ticket_visits`` row
    with the dossier it saves: :mod:`desk_app.services.ticket_visits`)."""

    ticket_uuid: str
    number: int
    day: date
    field_code: str
    counter: int
    issued_at: datetime
    called_at: datetime


def field_code(name: str) -> str:
    """The stable slug of a field's name: folded, words joined by "-" ("Đất đai" -> "dat-dai")."""
    return _SLUG.sub("-", fold(name)).strip("-")


CCCD_KEY = "queue.cccd_key"  # this desk's secret for the kiosk's card marks


def cccd_hash(session: Session, number: str) -> str:
    """HMAC-SHA256 of the CCCD number under a random key of this desk (made on first use): the
    same card gives the same mark here, and a copied table cannot be reversed. A plain SHA-256
    could: 12 digits with a known structure (province, century and sex, birth year) are a few
    billion guesses at most, seconds for a GPU."""
    key = get_setting(session, CCCD_KEY)
    if not isinstance(key, str) or len(key) != 64:
        key = secrets.token_hex(32)
        set_setting(session, CCCD_KEY, key)
    return hmac.new(bytes.fromhex(key), number.encode("ascii"), hashlib.sha256).hexdigest()


# --- reads ---------------------------------------------------------------------------------

def _today(session: Session, clock: Clock) -> date:
    return stamp(session, clock.now()).date()


def _field_names(session: Session, day: date) -> dict[str, str]:
    """code -> name of the fields of the procedure versions in force on ``day``."""
    names: dict[str, str] = {}
    for version in versions_in_force(session, day):
        name = nfc(version.field)
        code = field_code(name)
        if code:
            names.setdefault(code, name)
    return names


def fields(session: Session, clock: Clock) -> list[FieldChoice]:
    """The fields a citizen can pick at the kiosk, by name, with how many wait in each."""
    day = _today(session, clock)
    waiting: dict[str, int] = {code: n for code, n in session.execute(
        select(QueueTicket.field_code, func.count())
        .where(QueueTicket.day == day, QueueTicket.status == "waiting")
        .group_by(QueueTicket.field_code))}
    names = _field_names(session, day)
    return sorted((FieldChoice(code, name, waiting.get(code, 0)) for code, name in names.items()),
                  key=lambda f: fold(f.name))


def _ahead(session: Session, row: QueueTicket) -> int:
    if row.status != "waiting":
        return 0
    waiting = (QueueTicket.day == row.day) & (QueueTicket.status == "waiting")
    if row.counter is None:
        before = QueueTicket.counter.is_(None) & (QueueTicket.number < row.number)
    else:
        assert row.transferred_at is not None
        before = (QueueTicket.counter == row.counter) & (
            (QueueTicket.transferred_at < row.transferred_at)
            | ((QueueTicket.transferred_at == row.transferred_at)
               & (QueueTicket.number < row.number)))
    return int(session.scalar(select(func.count()).where(waiting & before)) or 0)


def _ticket(session: Session, row: QueueTicket) -> Ticket:
    return Ticket(row.uuid, row.day, row.number, row.field_code, row.field_name, row.status,
                  row.counter, row.issued_at, row.called_at, row.calls, _ahead(session, row))


def _current_row(session: Session, counter: int) -> QueueTicket | None:
    return session.scalars(
        select(QueueTicket).where(QueueTicket.status == "called",
                                  QueueTicket.counter == counter)
        .order_by(QueueTicket.last_called_at.desc(), QueueTicket.id.desc()).limit(1)).first()


def current(session: Session, counter: int) -> Ticket | None:
    """The ticket ``counter`` is serving (called and not finished), or None."""
    row = _current_row(session, check_counter(counter))
    return None if row is None else _ticket(session, row)


def board(session: Session, clock: Clock) -> Board:
    """What the call screen shows: today's latest calls and how many wait."""
    day = _today(session, clock)
    rows = session.scalars(
        select(QueueTicket).where(QueueTicket.day == day, QueueTicket.status == "called")
        .order_by(QueueTicket.last_called_at.desc(), QueueTicket.id.desc())
        .limit(BOARD_SIZE)).all()
    waiting = session.scalar(select(func.count()).where(
        QueueTicket.day == day, QueueTicket.status == "waiting")) or 0
    return Board([_ticket(session, r) for r in rows], int(waiting))


def find(session: Session, ticket_uuid: str) -> Ticket | None:
    row = session.scalar(select(QueueTicket).where(QueueTicket.uuid == ticket_uuid))
    return None if row is None else _ticket(session, row)


def visit_of(ticket: Ticket) -> Visit:
    """The visit a counter keeps of the ticket it called (a ticket never called has none)."""
    if ticket.called_at is None or ticket.counter is None:
        raise ValueError(f"ticket {ticket.label} of {ticket.day} was never called")
    return Visit(ticket.uuid, ticket.number, ticket.day, ticket.field_code, ticket.counter,
                 ticket.issued_at, ticket.called_at)


# --- writes --------------------------------------------------------------------------------

def record_of(row: QueueTicket, agency_code: str) -> dict[str, Any]:
    """The ticket as its events carry it to the province: never the CCCD hash."""
    return {
        "uuid": row.uuid, "agency_code": agency_code, "day": row.day.isoformat(),
        "number": row.number, "field_code": row.field_code, "field_name": row.field_name,
        "status": row.status, "counter": row.counter, "issued_at": iso(row.issued_at),
        "called_at": iso(row.called_at), "last_called_at": iso(row.last_called_at),
        "calls": row.calls, "transferred_at": iso(row.transferred_at),
        "finished_at": iso(row.finished_at),
    }


def _event(session: Session, row: QueueTicket, kind: str, at: datetime,
           **extra: Any) -> None:
    agency = session.scalar(select(Commune.agency_code).limit(1))
    if agency is None:
        raise NotFoundError("commune_not_found", "no commune")
    session.flush()
    outbox.append(session, entity=ENTITY, entity_uuid=row.uuid, kind=kind,
                  payload=record_of(row, agency) | extra, at=at)


def issue(session: Session, clock: Clock, field_code: str,
          cccd_number: str | None = None) -> Ticket:
    """The kiosk gives the citizen the next number of the day for ``field_code``.

    No clerk (see the module doc). An unknown field is a ValidationError on ``field_code``; a
    CCCD number (typed or scanned) must be 12 digits and is stored only as its SHA-256.
    """
    now = stamp(session, clock.now())
    names = _field_names(session, now.date())
    errors: list[FieldError] = []
    if field_code not in names:
        errors.append(FieldError("field_code", "unknown", {"value": field_code}))
    number_text = nfc(cccd_number).replace(" ", "") if cccd_number else ""
    if cccd_number is not None and number_text and not cccd.is_valid_number(number_text):
        errors.append(FieldError("cccd_number", "bad_cccd"))
    if errors:
        raise ValidationError(errors)
    day = now.date()
    last = session.scalar(select(func.max(QueueTicket.number)).where(QueueTicket.day == day))
    row = QueueTicket(
        uuid=str(uuid_mod.uuid4()), day=day, number=max(last or 0, _reserve(session, day)) + 1,
        field_code=field_code,
        field_name=names[field_code], status="waiting", counter=None, issued_at=now, calls=0,
        cccd_hash=cccd_hash(session, number_text) if number_text else None)
    session.add(row)
    _event(session, row, ISSUED, now)
    return _ticket(session, row)


def _reserve(session: Session, day: date) -> int:
    """Numbers skipped on the day the store was restored from a backup, until the province is
    asked: the tickets the lost store gave that day are unknown (they come back with the
    reconciliation), so the day's numbering jumps past them, as the dossier codes do."""
    restored = get_setting(session, RESTORED)
    if isinstance(restored, dict) and str(restored.get("at", ""))[:10] == day.isoformat():
        return RESTORE_RESERVE
    return 0


Caller = int | RemoteCaller  # a clerk of this store, or another counter's over the LAN


def _acting(session: Session, clerk_id: Caller, counter: int) -> tuple[int, str]:
    """The counter's number (checked) and who acts: this store's clerk (allowed to queue), or
    a remote counter's clerk (checked at their own desk) as "binh, quầy 2"."""
    number = check_counter(counter)
    if isinstance(clerk_id, RemoteCaller):
        if clerk_id.counter != number:
            raise ValidationError([FieldError("counter", "bad_counter")])
        return number, clerk_id.label
    return number, require(session, clerk_id, Action.QUEUE).username


def _served(session: Session, counter: int) -> QueueTicket:
    row = _current_row(session, counter)
    if row is None:
        raise KnownError("ticket_none", f"counter {counter} serves no ticket", counter=counter)
    return row


def _done(session: Session, row: QueueTicket, now: datetime, clerk: str) -> None:
    row.status = "done"
    row.finished_at = now
    _event(session, row, DONE, now, clerk=clerk)


def call_next(session: Session, clock: Clock, clerk_id: Caller, counter: int) -> Ticket | None:
    """Close this counter's current ticket as done, then call the next one: first a ticket
    transferred to this counter, else the oldest of today's common queue. None when nobody
    waits (the current ticket is closed all the same)."""
    counter, clerk = _acting(session, clerk_id, counter)
    now = stamp(session, clock.now())
    served = _current_row(session, counter)
    if served is not None:
        _done(session, served, now, clerk)
    waiting = select(QueueTicket).where(QueueTicket.day == now.date(),
                                        QueueTicket.status == "waiting")
    row = session.scalars(
        waiting.where(QueueTicket.counter == counter)
        .order_by(QueueTicket.transferred_at, QueueTicket.number).limit(1)).first()
    if row is None:
        row = session.scalars(
            waiting.where(QueueTicket.counter.is_(None))
            .order_by(QueueTicket.number).limit(1)).first()
    if row is None:
        return None
    row.status = "called"
    row.counter = counter
    row.called_at = row.called_at or now  # a transferred ticket keeps its first call
    row.last_called_at = now
    row.calls += 1
    _event(session, row, CALLED, now, clerk=clerk)
    return _ticket(session, row)


def recall(session: Session, clock: Clock, clerk_id: Caller, counter: int) -> Ticket:
    """Call the current ticket again (the citizen did not come up)."""
    counter, clerk = _acting(session, clerk_id, counter)
    row = _served(session, counter)
    now = stamp(session, clock.now())
    row.last_called_at = now
    row.calls += 1
    _event(session, row, CALLED, now, clerk=clerk)
    return _ticket(session, row)


def absent(session: Session, clock: Clock, clerk_id: Caller, counter: int) -> Ticket:
    """Nobody came for the current ticket: it is marked absent."""
    counter, clerk = _acting(session, clerk_id, counter)
    row = _served(session, counter)
    now = stamp(session, clock.now())
    row.status = "absent"
    row.finished_at = now
    _event(session, row, ABSENT, now, clerk=clerk)
    return _ticket(session, row)


def transfer(session: Session, clock: Clock, clerk_id: Caller, counter: int,
             to_counter: int) -> Ticket:
    """Send the current ticket to ``to_counter``: waiting again, called there before the common
    queue (after tickets transferred there earlier)."""
    counter, clerk = _acting(session, clerk_id, counter)
    try:
        target = check_counter(to_counter)
    except ValidationError:
        raise ValidationError([FieldError("to_counter", "bad_counter")]) from None
    if target == counter:
        raise ValidationError([FieldError("to_counter", "same_counter")])
    row = _served(session, counter)
    now = stamp(session, clock.now())
    row.status = "waiting"
    row.counter = target
    row.transferred_at = now
    _event(session, row, TRANSFERRED, now, clerk=clerk,
           from_counter=counter)
    return _ticket(session, row)


def finish(session: Session, clock: Clock, clerk_id: Caller, counter: int) -> Ticket:
    """The current ticket is served."""
    counter, clerk = _acting(session, clerk_id, counter)
    row = _served(session, counter)
    now = stamp(session, clock.now())
    _done(session, row, now, clerk)
    return _ticket(session, row)

