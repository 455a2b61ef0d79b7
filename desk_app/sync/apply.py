"""Applying what the province sends down, in the caller's transaction (with the checkpoint).

* ``catalogue.release``: a catalogue file (the format of ``resources/catalogue``), loaded like a
  bundled release - adds versions, never changes a received dossier's version or deadline.
* ``calendar.override``: a day off or a make-up working day decided for the province. The
  province wins on the same day: its override replaces the commune admin's own for that day
  (the commune's note is kept in the new one's), and the admin cannot set that day again
  (:mod:`desk_app.services.calendar_settings`).
* ``dossier.status``: a status change made upstream for one of this desk's dossiers; applied if
  the life cycle allows it from the local status. Otherwise it is kept in the history as
  ignored and reported to the province with a ``dossier.province_rejected`` outbox event
  (payload: the dossier's ``uuid`` and ``code``, the pulled item's ``province_event``, ``to``,
  the desk's ``current`` status, ``reason`` ``transition_final`` or ``transition_not_allowed``,
  ``at`` the desk's time), so the province shows its change as rejected instead of believing
  the dossier moved. One report per province event, even if the item comes down twice.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import VN_TZ
from desk_app.core.catalogue import parse_catalogue
from desk_app.core.lifecycle import Status, refusal_reason
from desk_app.services.lifecycle import return_timing
from desk_app.services.serialize import iso
from desk_app.store import outbox
from desk_app.store.catalogue import load_catalogue
from desk_app.store.models import CalendarOverride, Clerk, Dossier, DossierEvent
from desk_app.store.stamps import stamp
from desk_app.sync.protocol import PullItem, parse_time

log = logging.getLogger(__name__)

PROVINCE_REJECTED = "dossier.province_rejected"


def apply_item(session: Session, item: PullItem, now: datetime) -> str:
    """Apply one pulled item; returns what happened (for the log and tests)."""
    if item.kind == "catalogue.release":
        res = load_catalogue(session, parse_catalogue(item.data), now, source="province")
        return "already" if res.already_loaded else "loaded"
    if item.kind == "calendar.override":
        return _calendar(session, item.data, now)
    if item.kind == "dossier.status":
        return _status(session, item.data, now)
    log.warning("unknown pulled item kind %s (cursor %s) skipped", item.kind, item.cursor)
    return "unknown"


def _calendar(session: Session, data: dict, now: datetime) -> str:
    day = date.fromisoformat(data["day"])
    kind = data["kind"]
    if kind not in ("off", "work"):
        return "bad_kind"
    row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if row is None:
        session.add(CalendarOverride(day=day, kind=kind, note=data.get("note", "")[:300],
                                     created_by=None, created_at=now))
        return "added"
    note = data.get("note", "")[:300]
    if row.created_by is not None:  # the province wins over the commune on the same day
        log.info("calendar %s: the province's %s replaces the commune's %s (%s)", day, kind,
                 row.kind, row.note)
        local = f" (thay cho cài đặt của xã: {row.note or row.kind})"
        row.kind, row.note, row.created_by = kind, (note + local)[:300], None
        return "province_replaced"
    row.kind, row.note = kind, note
    return "updated"


def _already_ignored(session: Session, dossier_id: int, event_uuid: object) -> bool:
    """This province event was already refused (and reported) for this dossier."""
    if not event_uuid:
        return False
    rows = session.scalars(select(DossierEvent.data).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.action == "upstream_ignored"))
    return any(isinstance(d, dict) and d.get("event_uuid") == event_uuid for d in rows)


def _local(text: str) -> datetime:
    return parse_time(text).astimezone(VN_TZ).replace(tzinfo=None)


def _status(session: Session, data: dict, now: datetime) -> str:
    dossier = session.scalar(select(Dossier).where(Dossier.uuid == data["uuid"]))
    if dossier is None:
        return "unknown_dossier"
    # the history needs a clerk; upstream changes are attributed to the desk's first admin with
    # the province named in the event data
    clerk_id = session.scalar(
        select(Clerk.id).order_by((Clerk.role != "admin"), Clerk.id).limit(1))
    if clerk_id is None:
        return "no_clerk"
    target = Status(data["to"])
    current = Status(dossier.status)
    at = _local(data["at"]) if data.get("at") else now
    info = {"source": "province", "by": data.get("by", ""), "event_uuid": data.get("event_uuid")}
    if current is target:
        return "same"
    why = refusal_reason(current, target)
    if why is not None:
        if _already_ignored(session, dossier.id, info["event_uuid"]):
            return "ignored"
        stamped = stamp(session, now)  # never before the desk's last event
        session.add(DossierEvent(
            dossier_id=dossier.id, at=stamped, clerk_id=clerk_id, action="upstream_ignored",
            from_status=current.value, to_status=target.value, reason=data.get("reason", ""),
            data=info,
        ))
        outbox.append(
            session, entity="dossier", entity_uuid=dossier.uuid, kind=PROVINCE_REJECTED,
            payload={"uuid": dossier.uuid, "code": dossier.code,
                     "province_event": info["event_uuid"], "to": target.value,
                     "current": current.value, "reason": f"transition_{why}",
                     "at": iso(stamped)},
            at=stamped,
        )
        return "ignored"
    if target is Status.RETURNED:
        dossier.returned_at = at
        dossier.return_timing = return_timing(at, dossier.due_at)
    dossier.status = target.value
    dossier.updated_at = now
    session.add(DossierEvent(
        dossier_id=dossier.id, at=at, clerk_id=clerk_id, action="upstream",
        from_status=current.value, to_status=target.value, reason=data.get("reason", ""),
        data=info,
    ))
    return "applied"
