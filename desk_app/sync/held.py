"""The events the province refused, as the desk shows them: who, what, why (Qt-free).

A refused event (``sync_held_events``, :func:`desk_app.sync.state.record_answer`) stays in the
outbox, is not sent again and blocks nothing behind it. The status bar counts them; this
module reads each one with what a person needs to act on it: which dossier (its code and, for a
dossier, the citizen's name) or rating, what the change was, which clerk made it and when, and
the province's reason code (the GUI words it). Reads only; a held event is never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.store.models import Clerk, Dossier, OutboxEvent
from desk_app.store.models_sync import SyncHeldEvent

LIMIT = 1000  # shown at most (oldest first); the count in the status bar is the whole number


@dataclass(frozen=True)
class HeldEvent:
    seq: int  # the outbox id: the desk's sequence number for the province
    uuid: str
    kind: str  # dossier.intake, dossier.status, rating.recorded ...
    entity: str  # dossier | rating
    state: str  # rejected | conflict
    reason: str  # the province's code (or the desk's own: too_large)
    held_at: datetime  # when the province's answer came
    made_at: datetime  # when the clerk made the change
    clerk: str  # the clerk's full name ('' when unknown)
    dossier_id: int | None
    dossier_code: str
    citizen: str  # the applicant's name; '' for a rating (ratings stay anonymous)
    from_status: str  # status changes only
    to_status: str


def _text(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    return value if isinstance(value, str) else ""


def _payload(ev: OutboxEvent) -> dict[str, Any]:
    return ev.payload if isinstance(ev.payload, dict) else {}


def _record(ev: OutboxEvent) -> dict[str, Any]:
    """A rating's record (sealed payloads carry it as ``record``), else the payload itself."""
    payload = _payload(ev)
    record = payload.get("record")
    return record if isinstance(record, dict) else payload


def _dossier_uuid(ev: OutboxEvent) -> str:
    return _text(_record(ev), "dossier_uuid") if ev.entity == "rating" else ev.entity_uuid


def held_events(session: Session, limit: int = LIMIT) -> list[HeldEvent]:
    rows = session.execute(
        select(SyncHeldEvent, OutboxEvent)
        .join(OutboxEvent, OutboxEvent.id == SyncHeldEvent.outbox_id)
        .order_by(OutboxEvent.id).limit(limit)
    ).all()
    clerks = {c.username: c for c in session.scalars(select(Clerk))}
    by_id = {c.id: c for c in clerks.values()}
    wanted = {_dossier_uuid(ev) for _, ev in rows} - {""}
    dossiers = {d.uuid: d for d in session.scalars(
        select(Dossier).where(Dossier.uuid.in_(list(wanted))))} if wanted else {}
    out: list[HeldEvent] = []
    for held, ev in rows:
        payload = _payload(ev)
        record = _record(ev)
        rating = ev.entity == "rating"
        dossier = dossiers.get(_dossier_uuid(ev))
        username = _text(record, "clerk")
        clerk = clerks.get(username)
        if clerk is None and ev.kind == "dossier.intake" and dossier is not None:
            clerk = by_id.get(dossier.received_by)
        out.append(HeldEvent(
            seq=ev.id, uuid=ev.uuid, kind=ev.kind, entity=ev.entity, state=held.state,
            reason=held.reason, held_at=held.at, made_at=ev.created_at,
            clerk=clerk.full_name if clerk is not None else username,
            dossier_id=dossier.id if dossier is not None else None,
            dossier_code=(dossier.code if dossier is not None
                          else _text(record, "dossier_code" if rating else "code")),
            citizen="" if rating or dossier is None else dossier.applicant_name,
            from_status=_text(payload, "from"), to_status=_text(payload, "to"),
        ))
    return out
