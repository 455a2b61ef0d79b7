"""The desk's side of sync in its own store: enrolment, the outbox read as batches, the marks.

Rules kept here (lessons of ODK, DHIS2, Anki, CouchDB and point-of-sale systems):

* an outbox event is marked sent only from the server's answer naming it stored or duplicate;
* an event the server did not store (conflict, refusal) is *held* - kept, shown, not retried -
  never deleted; so is an event the desk itself knows the server cannot store (too large, or
  holding a control character an older version let through): one bad event never blocks the
  events behind it;
* re-enrolment adds a credential and deactivates the old one; the outbox is untouched, so what
  was not sent under the old credential is sent under the new one; a rotated credential is
  adopted the same way;
* a secret this desk is about to present (enrolment, rotation) is written down *before* it is
  sent, so a request whose answer was lost is asked again with the same one (the province
  answers the same) and a credential the province holds is never one the desk forgot.
"""

from __future__ import annotations

import logging
import secrets
import uuid as uuid_mod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desk_app.core.text import unsendable_chars
from desk_app.services.desk_settings import get_setting, set_setting
from desk_app.services.serialize import iso
from desk_app.store import sealing
from desk_app.store.models import OutboxEvent
from desk_app.store.models_sync import SyncCheckpoint, SyncEnrolment, SyncHeldEvent, SyncStatus
from desk_app.sync import protocol as p

log = logging.getLogger(__name__)

FEED = "feed"  # the one pulled stream (catalogue releases, calendar overrides, status changes)
CONTROL_CHARS = "control_chars"  # the desk's own reason for holding an event it cannot send
PENDING_SECRET = "sync.pending_secret"  # {"purpose": "enrol"|"rotate", "desk_id", "secret"}


def status_row(session: Session) -> SyncStatus:
    """The single status row, created (with this installation's id) on first use."""
    row = session.get(SyncStatus, 1)
    if row is None:
        row = SyncStatus(id=1, installation_id=str(uuid_mod.uuid4()), last_error_code="",
                         last_error_detail="")
        session.add(row)
        session.flush()
    return row


def active_enrolment(session: Session) -> SyncEnrolment | None:
    return session.scalars(
        select(SyncEnrolment).where(SyncEnrolment.active.is_(True))
        .order_by(SyncEnrolment.id.desc()).limit(1)
    ).first()


def save_enrolment(session: Session, hub_url: str, enrolment: p.Enrolment, at: datetime) -> None:
    """Replace the active credential; the outbox, checkpoints and held events stay as they are."""
    session.execute(update(SyncEnrolment).values(active=False))
    session.add(SyncEnrolment(
        hub_url=hub_url, desk_id=enrolment.desk_id, credential=enrolment.credential,
        agency_code=enrolment.agency_code, enrolled_at=at, active=True,
    ))


def latest_credential(session: Session) -> str | None:
    """The last credential the province gave this desk (active or not): the proof that a
    re-enrolling desk is the one the province knows."""
    row = session.scalars(select(SyncEnrolment).order_by(SyncEnrolment.id.desc()).limit(1)).first()
    return row.credential if row is not None else None


def pending_secret(session: Session, purpose: str, desk_id: int | None = None) -> str:
    """The secret this desk is about to present for ``purpose``: the one kept from an attempt
    whose answer never came, else a new one, kept now (commit before sending it)."""
    value = get_setting(session, PENDING_SECRET)
    sealer = sealing.sealer_of(session.get_bind())  # type: ignore[arg-type]
    if (isinstance(value, dict) and value.get("purpose") == purpose
            and value.get("desk_id") == desk_id and isinstance(value.get("secret"), str)):
        kept = str(value["secret"])
        opened = sealer.open(kept, PENDING_SECRET) if sealer is not None else kept
        if opened:  # a secret sealed on another PC cannot be presented: a new one then
            return opened
    secret = secrets.token_urlsafe(32)
    set_setting(session, PENDING_SECRET, {
        "purpose": purpose, "desk_id": desk_id,
        "secret": sealer.seal(secret, PENDING_SECRET) if sealer is not None else secret})
    return secret


def has_pending_rotation(session: Session, desk_id: int) -> bool:
    value = get_setting(session, PENDING_SECRET)
    return isinstance(value, dict) and value.get("purpose") == "rotate" and value.get(
        "desk_id") == desk_id


def clear_pending_secret(session: Session) -> None:
    set_setting(session, PENDING_SECRET, None)


def adopt_rotated(session: Session, secret: str, at: datetime) -> SyncEnrolment:
    """The province took this desk's next secret: use it from now on (the outbox, checkpoints
    and held events stay as they are; nothing is sent again)."""
    current = active_enrolment(session)
    assert current is not None
    session.execute(update(SyncEnrolment).values(active=False))
    row = SyncEnrolment(hub_url=current.hub_url, desk_id=current.desk_id,
                        credential=f"dk.{current.desk_id}.{secret}",
                        agency_code=current.agency_code, enrolled_at=at, active=True)
    session.add(row)
    clear_pending_secret(session)
    return row


def _unsent():  # type: ignore[no-untyped-def]
    held = select(SyncHeldEvent.outbox_id)
    return select(OutboxEvent).where(OutboxEvent.sent_at.is_(None), OutboxEvent.id.not_in(held))


def pending_count(session: Session) -> int:
    held = select(SyncHeldEvent.outbox_id)
    return session.scalar(
        select(func.count(OutboxEvent.id)).where(
            OutboxEvent.sent_at.is_(None), OutboxEvent.id.not_in(held))
    ) or 0


def held_count(session: Session) -> int:
    return session.scalar(select(func.count(SyncHeldEvent.outbox_id))) or 0


def wire_event(e: OutboxEvent) -> dict[str, Any]:
    return {
        "uuid": e.uuid, "seq": e.id, "entity": e.entity, "entity_uuid": e.entity_uuid,
        "kind": e.kind, "payload": e.payload, "created_at": iso(e.created_at),
    }


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def unsendable(ev: dict[str, Any]) -> bool:
    """An event holding a control character, lone surrogate or non-character (stored by a
    version of the desk that did not refuse them at the field): the province cannot store it."""
    return any(unsendable_chars(t) for t in _texts(ev))


def next_batch(session: Session, max_events: int, max_bytes: int,
               at: datetime | None = None, held_now: list[int] | None = None,
               ) -> list[dict[str, Any]]:
    """The oldest unsent events, in sequence order, bounded in count and (uncompressed) bytes.

    With ``at`` (the cycle's write), an :func:`unsendable` event is held here with the reason
    ``control_chars`` instead of being sent (its seq added to ``held_now``): kept and shown
    like a refusal, never blocking the events behind it."""
    while True:
        rows = list(session.scalars(_unsent().order_by(OutboxEvent.id).limit(max_events)))
        batch: list[dict[str, Any]] = []
        size = 64  # the envelope
        held = 0
        for row in rows:
            ev = wire_event(row)
            if at is not None and unsendable(ev):
                log.warning("outbox event %s (%s) holds control characters: held, not sent",
                            row.id, row.kind)
                hold(session, row.id, p.REJECTED, CONTROL_CHARS, at)
                held += 1
                if held_now is not None:
                    held_now.append(row.id)
                continue
            n = len(p.canonical(ev)) + 1
            if batch and size + n > max_bytes:
                break
            batch.append(ev)
            size += n
        if batch or not held:
            return batch
        session.flush()  # everything read was held: read the next ones


def note_attempt(session: Session, seqs: list[int], at: datetime) -> None:
    session.execute(
        update(OutboxEvent).where(OutboxEvent.id.in_(seqs))
        .values(attempts=OutboxEvent.attempts + 1)
    )
    status_row(session).last_attempt_at = at


@dataclass
class Marked:
    sent: int = 0
    duplicates: int = 0
    held: int = 0


def record_answer(session: Session, answer: p.PushAnswer, at: datetime) -> Marked:
    """Mark what the server stored as sent; hold what it refused. Unnamed events stay unsent."""
    out = Marked()
    named = {r.seq: r for r in answer.results}
    # guard: a result counts only if its seq and uuid name the same local event
    mine = dict(session.execute(
        select(OutboxEvent.id, OutboxEvent.uuid).where(OutboxEvent.id.in_(list(named)))).all())
    acked = [seq for seq, r in named.items() if r.status in p.ACKED and mine.get(seq) == r.uuid]
    for chunk in range(0, len(acked), 500):
        session.execute(
            update(OutboxEvent).where(OutboxEvent.id.in_(acked[chunk:chunk + 500]),
                                      OutboxEvent.sent_at.is_(None))
            .values(sent_at=at)
        )
    out.sent = len(acked)
    out.duplicates = sum(1 for r in answer.results if r.status == p.DUPLICATE)
    by_seq = {r.seq: r for r in answer.results if r.status not in p.ACKED}
    if by_seq:
        # guard: the server must name our own events (uuid and seq agree)
        rows = session.scalars(select(OutboxEvent).where(OutboxEvent.id.in_(list(by_seq))))
        for row in rows:
            res = by_seq[row.id]
            if res.uuid != row.uuid or session.get(SyncHeldEvent, row.id) is not None:
                continue
            state = res.status if res.status in (p.CONFLICT, p.REJECTED) else p.REJECTED
            session.add(SyncHeldEvent(outbox_id=row.id, state=state, reason=res.reason, at=at))
            out.held += 1
    return out


def hold(session: Session, seq: int, status: str, reason: str, at: datetime) -> None:
    """Keep an event out of the queue (kept, shown, never deleted)."""
    if session.get(SyncHeldEvent, seq) is None:
        session.add(SyncHeldEvent(outbox_id=seq, state=status, reason=reason, at=at))


def checkpoint(session: Session, stream: str = FEED) -> int:
    row = session.get(SyncCheckpoint, stream)
    return row.cursor if row else 0


def set_checkpoint(session: Session, cursor: int, at: datetime, stream: str = FEED) -> None:
    row = session.get(SyncCheckpoint, stream)
    if row is None:
        session.add(SyncCheckpoint(stream=stream, cursor=cursor, updated_at=at))
    else:
        row.cursor, row.updated_at = cursor, at


def record_success(session: Session, at: datetime, offset_s: int | None) -> None:
    row = status_row(session)
    row.last_success_at = at  # the last error stays on record; the indicator compares times
    if offset_s is not None:
        row.clock_offset_s = offset_s


def record_error(session: Session, at: datetime, code: str, detail: str,
                 offset_s: int | None = None) -> None:
    row = status_row(session)
    row.last_error_at, row.last_error_code, row.last_error_detail = at, code, detail[:500]
    if offset_s is not None:
        row.clock_offset_s = offset_s


@dataclass(frozen=True)
class Snapshot:
    """What the indicator shows, read in one go."""

    enrolled: bool
    pending: int
    held: int
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error_code: str
    clock_offset_s: int | None
    files: int = 0  # scanned files the province does not hold yet (sync.files)


def snapshot(session: Session) -> Snapshot:
    from desk_app.sync.files import pending_files

    row = session.get(SyncStatus, 1)
    return Snapshot(
        enrolled=active_enrolment(session) is not None,
        pending=pending_count(session),
        held=held_count(session),
        last_success_at=row.last_success_at if row else None,
        last_error_at=row.last_error_at if row else None,
        last_error_code=row.last_error_code if row else "",
        clock_offset_s=row.clock_offset_s if row else None,
        files=pending_files(session),
    )
