"""Appending to the transactional outbox (read by the sync client)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk_app.store.models import OutboxEvent
from desk_app.store.raw import Raw


def append(
    session: Session, *, entity: str, entity_uuid: str, kind: str, payload: dict[str, Any],
    at: datetime,
) -> OutboxEvent:
    """Add one outbox row to the caller's transaction; it commits or rolls back with the change."""
    event = OutboxEvent(
        uuid=str(uuid.uuid4()), entity=entity, entity_uuid=entity_uuid, kind=kind,
        payload=payload, created_at=at,
    )
    session.add(event)
    return event


def append_raw(raw: Raw, *, entity: str, entity_uuid: str, kind: str, payload: dict[str, Any],
               at: datetime) -> None:
    """:func:`append` through the session's cursor (the hot paths; the same row)."""
    raw.insert(OutboxEvent.__table__, {  # type: ignore[arg-type]
        "uuid": str(uuid.uuid4()), "entity": entity, "entity_uuid": entity_uuid, "kind": kind,
        "payload": payload, "created_at": at})
