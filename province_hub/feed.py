"""What desks pull: catalogue releases, calendar overrides and upstream status changes.

One stream of :class:`FeedItem` rows; a desk sees the rows for every commune (``commune_id``
NULL) and those for its own commune, in id order, and keeps the last id it applied as its
checkpoint. On PostgreSQL, rows are added under a lock so that they commit in id order: a desk
can never pull past a row still being written.
"""

from __future__ import annotations

import uuid as uuid_mod
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_app.clock import VN_TZ
from desk_app.core.catalogue import parse_catalogue
from desk_app.core.lifecycle import Status, refusal_reason
from desk_app.sync import protocol as p
from province_hub.auth import DeskIdentity
from province_hub.db import lock_commune, lock_feed
from province_hub.models import Commune, Dossier, Event, FeedItem
from province_hub.project import refold_dossiers


def publish(session: Session, kind: str, data: dict[str, Any], now: datetime,
            commune_id: int | None = None, note: str = "") -> FeedItem:
    lock_feed(session)
    item = FeedItem(commune_id=commune_id, kind=kind, data=data, created_at=now, note=note)
    session.add(item)
    session.flush()
    return item


def pull(session: Session, who: DeskIdentity, after: int, limit: int) -> dict[str, Any]:
    limit = max(1, min(limit, p.MAX_PULL_ITEMS))
    rows = list(session.scalars(
        select(FeedItem).where(
            FeedItem.id > after,
            or_(FeedItem.commune_id.is_(None), FeedItem.commune_id == who.commune_id))
        .order_by(FeedItem.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [{"cursor": r.id, "kind": r.kind, "data": r.data} for r in rows],
        "next_cursor": rows[-1].id if rows else after,
        "more": more,
    }


def publish_catalogue(session: Session, catalogue: dict[str, Any], now: datetime) -> FeedItem:
    cat = parse_catalogue(catalogue)  # refuse a malformed file before any desk sees it
    return publish(session, "catalogue.release", catalogue, now, note=cat.version)


def commune_by_code(session: Session, agency_code: str) -> Commune | None:
    return session.scalar(select(Commune).where(Commune.agency_code == agency_code))


def publish_calendar(session: Session, day: str, kind: str, note: str, now: datetime,
                     commune_id: int | None) -> FeedItem:
    if kind not in ("off", "work"):
        raise ValueError("kind must be off or work")
    datetime.strptime(day, "%Y-%m-%d")
    return publish(session, "calendar.override", {"day": day, "kind": kind, "note": note}, now,
                   commune_id)


class TransitionRefused(Exception):
    """The life cycle does not allow the change from the dossier's status at the hub."""

    def __init__(self, code: str, current: str, target: str) -> None:
        super().__init__(f"{current} -> {target}")
        self.code, self.current, self.target = code, current, target


def upstream_status(session: Session, dossier_uuid: str, to: str, reason: str, by: str,
                    now: datetime) -> FeedItem | None:
    """A status change made at the province: stored as a province event, sent to the desk.

    Refused (:class:`TransitionRefused`) unless the life cycle allows it from the dossier's
    status at the hub, the same rule the desk applies when it pulls the change."""
    target = Status(to)  # ValueError on an unknown status
    dossier = session.get(Dossier, dossier_uuid)
    if dossier is None:
        return None
    lock_commune(session, dossier.commune_id)
    session.refresh(dossier)  # as it is now that no batch of the commune is being applied
    why = refusal_reason(Status(dossier.status), target)
    if why is not None:
        raise TransitionRefused(f"transition_{why}", dossier.status, to)
    at = now.replace(tzinfo=UTC).astimezone(VN_TZ)
    at_text = at.isoformat(timespec="seconds")
    event_uuid = str(uuid_mod.uuid4())
    payload = {"uuid": dossier.uuid, "code": dossier.code, "from": dossier.status, "to": to,
               "at": at_text, "reason": reason, "clerk": "", "by": by, "source": "province"}
    if to == "returned":
        payload["return_timing"] = ("late" if dossier.due_at and at.replace(tzinfo=None)
                                    > dossier.due_at else "on_time")
    session.add(Event(
        uuid=event_uuid, desk_id=None, commune_id=dossier.commune_id, seq=None,
        entity="dossier", entity_uuid=dossier.uuid, kind="dossier.status", payload=payload,
        created_at=at_text, content_hash="", received_at=now))
    session.flush()
    refold_dossiers(session, {dossier.uuid}, now)
    return publish(session, "dossier.status",
                   {"uuid": dossier.uuid, "to": to, "reason": reason, "by": by, "at": at_text,
                    "event_uuid": event_uuid}, now, dossier.commune_id)
