"""The hub's dossier projection: each dossier's latest state folded from its stored events.

Folding from the events (rather than patching a row per event) keeps the projection right
whatever order events arrive in, and re-running it is harmless. Only events of the commune that
wrote the intake take part. The snapshot is the intake's payload (with ``intake.resumed_from``
when the dossier resumed one left waiting for a supplement), plus ``returned_to`` (who
collected the result) and ``resumed_by`` (the dossier that resumed this one) when known.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desk_app.clock import VN_TZ
from desk_app.sync.protocol import parse_time
from province_hub.models import Dossier, Event


def local(text: Any) -> datetime | None:
    """Naive Vietnam time from the wire's ISO text (None if absent or unreadable)."""
    if not isinstance(text, str) or not text:
        return None
    try:
        t = parse_time(text)
    except ValueError:
        return None
    return t.astimezone(VN_TZ).replace(tzinfo=None) if t.tzinfo else t


def refold_dossiers(session: Session, uuids: set[str], now: datetime) -> None:
    uuids_l = sorted(uuids)
    for i in range(0, len(uuids_l), 500):
        chunk = uuids_l[i:i + 500]
        evs: dict[str, list[Event]] = defaultdict(list)
        for ev in session.scalars(
            select(Event).where(Event.entity_uuid.in_(chunk), Event.entity == "dossier")
            .order_by(Event.created_at, Event.id)
        ):
            evs[ev.entity_uuid].append(ev)
        existing = {d.uuid: d for d in session.scalars(
            select(Dossier).where(Dossier.uuid.in_(chunk)))}
        for uuid in chunk:
            folded = fold(evs.get(uuid, []))
            if folded is None:
                continue
            row = existing.get(uuid)
            if row is None:
                session.add(Dossier(uuid=uuid, updated_at=now, **folded))
            else:
                for key, value in folded.items():
                    setattr(row, key, value)
                row.updated_at = now


def insert_fresh(session: Session, rows: list[dict[str, Any]], now: datetime) -> None:
    """Dossiers seen for the first time in this batch: folded from the batch's own rows (in
    desk order), no read back; one bulk insert."""
    by_entity: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_entity[r["entity_uuid"]].append(SimpleNamespace(**r))
    values = []
    for uuid, evs in by_entity.items():
        folded = fold(evs)
        if folded is not None:
            values.append({"uuid": uuid, "updated_at": now, **folded})
    if values:
        session.execute(insert(Dossier), values)


def fold(events: list[Any]) -> dict[str, Any] | None:
    intake = next((e for e in events if e.kind == "dossier.intake"), None)
    if intake is None:
        return None  # a status change ahead of its intake: kept as an event, folded later
    pl = intake.payload
    out: dict[str, Any] = {
        "commune_id": intake.commune_id, "code": str(pl.get("code", "")),
        "procedure_code": str(pl.get("procedure_code", "")),
        "intake_status": str(pl.get("status", "")), "status": str(pl.get("status", "")),
        "received_at": local(pl.get("received_at")), "due_at": local(pl.get("due_at")),
        "returned_at": None, "return_timing": "", "snapshot": pl, "events": 0,
    }
    later: dict[str, Any] = {}  # facts of later events kept beside the intake snapshot
    for e in events:
        if e.commune_id != intake.commune_id:
            continue
        out["events"] += 1
        pl = e.payload
        if e.kind == "dossier.status" and isinstance(pl.get("to"), str):
            out["status"] = pl["to"]
            if pl["to"] == "returned":
                out["returned_at"] = local(pl.get("at"))
                out["return_timing"] = str(pl.get("return_timing", ""))
                if isinstance(pl.get("collector"), dict):  # who took the result
                    later["returned_to"] = pl["collector"]
        elif e.kind == "dossier.extend":
            out["due_at"] = local(pl.get("new_due_at")) or out["due_at"]
        elif e.kind == "dossier.resumed" and isinstance(pl.get("resumed_by"), dict):
            later["resumed_by"] = pl["resumed_by"]  # the dossier that took up this one
    if later:
        out["snapshot"] = {**out["snapshot"], **later}
    return out
