"""What the hub holds from one desk, for the desk to compare with what it sent (see
docs/sync-protocol.md, "Reconciliation"): per-range digests of (seq, uuid), the (seq, uuid) of
one range, and the desk's own events after a seq.

The digest of a range is sha256 over the lines ``<seq>:<uuid>\\n`` of the events in it, in seq
order; the desk computes the same over its acknowledged outbox rows, so a range whose digests
differ holds an event one side lacks. Reads walk the ``(desk_id, seq)`` index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.sync.protocol import range_digest
from province_hub.models import Event


def group(rows: list[tuple[int, str]], size: int) -> list[dict[str, Any]]:
    """Rows in seq order -> [{first, last, count, digest, last_seq}] of the ranges with rows."""
    out: list[dict[str, Any]] = []
    current: list[tuple[int, str]] = []
    key = None
    for seq, uuid in rows:
        k = (seq - 1) // size
        if key is not None and k != key:
            out.append(_range(key, size, current))
            current = []
        key = k
        current.append((seq, uuid))
    if current and key is not None:
        out.append(_range(key, size, current))
    return out


def _range(key: int, size: int, rows: list[tuple[int, str]]) -> dict[str, Any]:
    return {"first": key * size + 1, "last": (key + 1) * size, "count": len(rows),
            "digest": range_digest(rows), "last_seq": rows[-1][0]}


def digests(session: Session, desk_id: int, size: int) -> list[dict[str, Any]]:
    rows = session.execute(select(Event.seq, Event.uuid).where(Event.desk_id == desk_id)
                           .order_by(Event.seq)).all()
    return group([(int(seq), str(uuid)) for seq, uuid in rows if seq is not None], size)


def seqs(session: Session, desk_id: int, first: int, last: int) -> list[tuple[int, str]]:
    rows = session.execute(select(Event.seq, Event.uuid).where(
        Event.desk_id == desk_id, Event.seq >= first, Event.seq <= last).order_by(Event.seq))
    return [(int(seq), str(uuid)) for seq, uuid in rows if seq is not None]


def own_events(session: Session, desk_id: int, after: int, limit: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(Event).where(Event.desk_id == desk_id, Event.seq > after)
                           .order_by(Event.seq).limit(limit))
    return [{"uuid": e.uuid, "seq": e.seq, "entity": e.entity, "entity_uuid": e.entity_uuid,
             "kind": e.kind, "payload": e.payload, "created_at": e.created_at} for e in rows]
