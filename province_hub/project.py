"""The hub's dossier projection: each dossier's state folded from its stored events.

Folding from the events (rather than patching a row per event) keeps the projection right
whatever order events arrive in, and re-running it is harmless. The snapshot is the intake's
payload (with ``intake.resumed_from`` when the dossier resumed one left waiting for a
supplement), plus ``returned_to`` (who collected the result), ``resumed_by`` (the dossier that
resumed this one) and ``province_changes`` when known.

**One status, the desk's.** The desk that received a dossier owns it; its events are taken in
the desk's own sequence (``seq``), never by their clock stamps (a clock corrected mid-life
must not reorder a life). Status changes made at the province (events without a desk) are
applied in the order the province made them, where the desk applied them: the desk pulls them
in that order and applies each one the life cycle (:mod:`desk_app.core.lifecycle`) allows from
its status at that moment. Where that moment lies in the desk's sequence follows from the
desk's own events: each status change says the status it left (``from``); when that is not the
status folded so far, the province changes up to the one that explains it came first.
A province change is *rejected* when the desk says so (``dossier.province_rejected``) or the
life cycle forbids it at its place; it then changes nothing, and the snapshot lists it with
its reason. Province changes the desk has not yet reached are applied last, as the desk will.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desk_app.clock import VN_TZ
from desk_app.core.lifecycle import Status, refusal_reason
from desk_app.sync.protocol import parse_time
from province_hub.db import RawJson, insert_rows, one_of
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
            select(Event).where(one_of(session, Event.entity_uuid, chunk), Event.entity == "dossier")
            .order_by(Event.id)  # fold() orders them: the desk's by seq, the province's by id
        ):
            evs[ev.entity_uuid].append(ev)
        existing = {d.uuid: d for d in session.scalars(
            select(Dossier).where(one_of(session, Dossier.uuid, chunk)))}
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


def insert_fresh(session: Session, rows: list[dict[str, Any]], now: datetime) -> set[str]:
    """Dossiers seen for the first time in this batch: folded from the batch's own rows (in
    desk order), no read back; one bulk insert. Returns the dossiers that had a row already
    (not inserted: the caller folds them again from what the hub holds)."""
    by_entity: dict[str, list[Any]] = defaultdict(list)
    texts: dict[int, str] = {}  # the payloads' JSON made by the caller, by payload
    for r in rows:
        by_entity[r["entity_uuid"]].append(SimpleNamespace(**r))
        if isinstance(r.get("payload_json"), str):
            texts[id(r["payload"])] = r["payload_json"]
    values = []
    for uuid, evs in by_entity.items():
        folded = fold(evs)
        if folded is not None:
            text = texts.get(id(folded["snapshot"]))  # the snapshot is the intake's payload
            if text is not None:
                folded["snapshot"] = RawJson(text, folded["snapshot"])
            values.append({"uuid": uuid, "updated_at": now, **folded})
    inserted = insert_rows(session, cast(Table, Dossier.__table__), values, skip_taken="uuid",
                           returning="uuid")
    return {v["uuid"] for v in values} - set(inserted)


def fold(events: Iterable[Any]) -> dict[str, Any] | None:
    """The dossier's columns from its events (rows or row-like objects), None before its
    intake."""
    events = list(events)
    desk_events = sorted((e for e in events if e.desk_id is not None),
                         key=lambda e: (e.seq or 0, getattr(e, "id", 0) or 0))
    intake = next((e for e in desk_events if e.kind == "dossier.intake"), None)
    if intake is None:
        return None  # a status change ahead of its intake: kept as an event, folded later
    f = _Fold(intake)
    mine = [e for e in desk_events if e.desk_id == intake.desk_id]
    f.pending = sorted((e for e in events if e.desk_id is None
                        and e.commune_id == intake.commune_id),
                       key=lambda e: getattr(e, "id", 0) or 0)
    f.refused = {str(e.payload.get("province_event")): e.payload for e in mine
                 if e.kind == "dossier.province_rejected"}
    for e in mine:
        f.out["events"] += 1
        f.desk_event(e)
    while f.pending:  # not yet reached by the desk (or applied without a word): as it will
        f.place(f.pending.pop(0))
    f.out["events"] += len(f.changes)
    if f.later:
        f.out["snapshot"] = {**f.out["snapshot"], **f.later}
    return f.out


class _Fold:
    """One dossier's status folded along the desk's sequence (see the module's doc)."""

    def __init__(self, intake: Any) -> None:
        pl = intake.payload
        self.out: dict[str, Any] = {
            "commune_id": intake.commune_id, "code": str(pl.get("code", "")),
            "procedure_code": str(pl.get("procedure_code", "")),
            "intake_status": str(pl.get("status", "")), "status": str(pl.get("status", "")),
            "received_at": local(pl.get("received_at")), "due_at": local(pl.get("due_at")),
            # the legal due date: an extension (form 04) moves due_at only
            "original_due_at": local(pl.get("due_at")),
            "channel": str(pl.get("channel") or "desk")[:20],  # the column holds 20
            "returned_at": None, "return_timing": "", "snapshot": pl, "events": 0,
        }
        self.later: dict[str, Any] = {}  # facts of later events kept beside the intake snapshot
        self.pending: list[Any] = []  # province changes not yet placed in the desk's sequence
        self.refused: dict[str, dict[str, Any]] = {}  # province event uuid -> the desk's word
        self.changes: list[dict[str, Any]] = []  # what became of each province change

    def desk_event(self, e: Any) -> None:
        pl = e.payload
        if e.kind == "dossier.status" and isinstance(pl.get("to"), str):
            if pl.get("from") != self.out["status"]:
                self._explain(pl.get("from"))
            self._move(pl)  # the desk's own change, checked against its life cycle there
        elif e.kind == "dossier.province_rejected":
            target = str(pl.get("province_event"))
            if any(p.uuid == target for p in self.pending):  # the desk reached it: all before too
                while self.pending:
                    p = self.pending.pop(0)
                    self.place(p)
                    if p.uuid == target:
                        break
        elif e.kind == "dossier.extend":
            self.out["due_at"] = local(pl.get("new_due_at")) or self.out["due_at"]
        elif e.kind == "dossier.resumed" and isinstance(pl.get("resumed_by"), dict):
            self.later["resumed_by"] = pl["resumed_by"]  # the dossier that took up this one

    def _explain(self, left: Any) -> None:
        """Place the province changes that brought the dossier to ``left``, the status the
        desk's next change says it left; none if no prefix of them does."""
        status = self.out["status"]
        for n, p in enumerate(self.pending, 1):
            status = self._outcome(status, p)[0]
            if status == left:
                for q in self.pending[:n]:
                    self.place(q)
                del self.pending[:n]
                return

    def _outcome(self, status: str, p: Any) -> tuple[str, str]:
        """(status after, '' or why refused) of province change ``p`` met at ``status``."""
        to = str(p.payload.get("to"))
        said = self.refused.get(p.uuid)
        if said is not None:
            return status, str(said.get("reason") or "rejected_by_desk")
        if to == status:
            return status, ""  # the desk finds it done already
        try:
            why = refusal_reason(Status(status), Status(to))
        except ValueError:
            return status, "unknown_status"
        return (status, f"transition_{why}") if why else (to, "")

    def place(self, p: Any) -> None:
        after, why = self._outcome(self.out["status"], p)
        pl = p.payload
        self.changes.append({"event_uuid": p.uuid, "to": pl.get("to"), "at": pl.get("at"),
                             "by": pl.get("by", ""), "reason": pl.get("reason", ""),
                             "state": "rejected" if why else "applied", "why": why})
        self.later["province_changes"] = self.changes
        if not why and after != self.out["status"]:
            self._move(pl)

    def _move(self, pl: dict[str, Any]) -> None:
        self.out["status"] = pl["to"]
        if pl["to"] == "returned":
            self.out["returned_at"] = local(pl.get("at"))
            self.out["return_timing"] = str(pl.get("return_timing", ""))
            if isinstance(pl.get("collector"), dict):  # who took the result
                self.later["returned_to"] = pl["collector"]
