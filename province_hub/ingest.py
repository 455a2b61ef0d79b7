"""Applying one pushed batch in one transaction: store, recognise duplicates, record conflicts.

For each event, in order: refused if it is malformed. An event whose uuid the hub already holds
is a *duplicate* when the same desk sent it with the same content hash (success: the desk's
earlier answer was lost), a *conflict* when the content differs (recorded in
``event_problems``, never stored twice), and refused (``foreign_desk``) when another desk sent
it: a copy never takes an event from the desk that delivered it. A new event is judged by
:mod:`province_hub.rules` (sequence, kind, ownership, commune, codes) and refused with the
reason, or inserted with ``ON CONFLICT (uuid) DO NOTHING``. Stored events stamped in the future
and province changes the desk could not apply are flagged for the province. Then the dossier
and rating projections of what was new are brought up to date, and the desk's rating chain
checked from where its last check stopped (:mod:`province_hub.ratings`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desk_app.sync import protocol as p
from province_hub import edge_events, ratings, rules, tickets
from province_hub.auth import DeskIdentity
from province_hub.db import RawJson, insert_rows, lock_commune, one_of
from province_hub.models import Desk, Document, Event, EventProblem
from province_hub.project import insert_fresh, refold_dossiers

log = logging.getLogger(__name__)


def _malformed(ev: Any, plain: bool) -> str:
    return edge_events.event_problem(ev, plain=plain)  # shape, text, numbers, lengths, times


def _stored(session: Session, uuids: list[str]) -> dict[str, tuple[int | None, str]]:
    """Events of the batch the hub already holds: uuid -> (the desk that sent it, its hash)."""
    out: dict[str, tuple[int | None, str]] = {}
    for i in range(0, len(uuids), 500):
        for uuid, desk_id, h in session.execute(
                select(Event.uuid, Event.desk_id, Event.content_hash)
                .where(one_of(session, Event.uuid, uuids[i:i + 500]))):
            out[uuid] = (desk_id, h)
    return out


def ingest(session: Session, who: DeskIdentity, events: list[Any], now: datetime,
           *, fill_gaps: bool = False, plain: bool = False) -> tuple[list[dict[str, Any]], int]:
    """Apply a batch; returns the per-event results (in order) and the desk's highest seq.
    ``fill_gaps``: the desk resends events the hub lost (see :class:`rules.Judge`); ``plain``:
    the body holds no text or number the hub refuses (``edge_events.push_batch``)."""
    lock_commune(session, who.commune_id)
    desk = session.get(Desk, who.desk_id)
    assert desk is not None
    results: list[dict[str, Any] | None] = [None] * len(events)
    why_malformed = [_malformed(ev, plain) for ev in events]
    stored = _stored(session, sorted({ev["uuid"] for ev, why in zip(events, why_malformed, strict=False)
                                      if not why}))
    fresh = [ev for ev, why in zip(events, why_malformed, strict=False) if not why and ev["uuid"] not in stored]
    judge = rules.Judge(session, who, fresh, desk.last_seq or 0, fill_gaps=fill_gaps)
    known_before = set(judge.owners)
    rows: list[dict[str, Any]] = []
    hashes: dict[str, str] = {}
    for i, ev in enumerate(events):
        why = why_malformed[i]
        if why:
            results[i] = _problem(session, who, ev, "rejected", why, now)
            continue
        h, payload_json = _hashed(ev)
        if ev["uuid"] in stored:  # sent before: the same desk's retry, or someone else's copy
            desk_id, old_hash = stored[ev["uuid"]]
            if desk_id != who.desk_id:
                results[i] = _problem(session, who, ev, "rejected", "foreign_desk", now)
            elif old_hash == h:
                results[i] = {"uuid": ev["uuid"], "seq": ev["seq"], "status": p.DUPLICATE}
            else:
                results[i] = _problem(session, who, ev, "conflict", "same_uuid_other_content",
                                      now)
            continue
        if ev["uuid"] in hashes:  # twice in one batch
            results[i] = {"uuid": ev["uuid"], "seq": ev["seq"],
                          "status": p.DUPLICATE if hashes[ev["uuid"]] == h else p.CONFLICT}
            if hashes[ev["uuid"]] != h:
                _problem(session, who, ev, "conflict", "same_uuid_other_content", now)
            continue
        why = judge.refusal(ev)
        if why:
            results[i] = _problem(session, who, ev, "rejected", why, now)
            continue
        hashes[ev["uuid"]] = h
        rows.append({
            "uuid": ev["uuid"], "desk_id": who.desk_id, "commune_id": who.commune_id,
            "seq": ev["seq"], "entity": ev["entity"], "entity_uuid": ev["entity_uuid"],
            "kind": ev["kind"], "payload": ev["payload"], "created_at": ev["created_at"],
            "content_hash": h, "received_at": now, "payload_json": payload_json,
        })
    inserted = _insert(session, rows)
    new_rows = [r for r in rows if r["uuid"] in inserted]
    for i, ev in enumerate(events):
        if results[i] is not None:
            continue
        if ev["uuid"] in inserted:
            results[i] = {"uuid": ev["uuid"], "seq": ev["seq"], "status": p.STORED}
        else:  # stored meanwhile by a writer the commune lock did not hold back
            results[i] = _problem(session, who, ev, "conflict", "same_uuid_other_content", now)
    _flag(session, who, new_rows, now)
    dossier_rows = [r for r in new_rows if r["entity"] == "dossier"]
    # entities with events from earlier batches are folded from the database, entities new in
    # this batch from the rows in hand; one of these whose dossier row the hub holds already
    # (it lost the events) is folded again from what it holds now
    refold_dossiers(session, {r["entity_uuid"] for r in dossier_rows
                              if r["entity_uuid"] in known_before}, now)
    taken = insert_fresh(session, [r for r in dossier_rows
                                   if r["entity_uuid"] not in known_before], now)
    refold_dossiers(session, taken, now)
    new_ratings = [r for r in new_rows if r["entity"] == "rating"]
    if new_ratings:
        ratings.store(session, who, desk, new_ratings, now)
    new_documents = [r for r in new_rows if r["kind"] == rules.DOCUMENT]
    if new_documents:
        _documents(session, who, new_documents, now)
    new_tickets = [r for r in new_rows if r["entity"] == "ticket"]
    if new_tickets:
        tickets.store(session, who, new_tickets, now)
    new_audit = [r for r in new_rows if r["kind"] == rules.AUDIT]
    if new_audit and not fill_gaps:  # resends fill gaps out of order: checked at the next
        _check_audit(session, who, new_audit, now)
    acked = [r["seq"] for r in results if r and r["status"] in p.ACKED]
    desk.last_seq = max([desk.last_seq or 0, *acked])
    desk.last_seen_at = now
    return [r for r in results if r is not None], desk.last_seq


def _documents(session: Session, who: DeskIdentity, rows: list[dict[str, Any]],
               now: datetime) -> None:
    """The documents' projection (the figures count it; the files follow, province_hub.files)."""
    values = []
    for r in rows:
        pl = r["payload"]
        values.append({"uuid": r["entity_uuid"], "commune_id": who.commune_id,
                       "desk_id": who.desk_id, "dossier_uuid": pl["dossier_uuid"],
                       "role": pl["role"], "component": pl.get("component"),
                       "sha256": pl["sha256"], "size": pl["size"], "pages": pl["pages"],
                       "source": pl["source"], "reused_from": pl.get("reused_from"),
                       "received_at": now})
    insert_rows(session, cast(Table, Document.__table__), values, skip_taken="uuid")


def _flag(session: Session, who: DeskIdentity, rows: list[dict[str, Any]],
          now: datetime) -> None:
    """Stored, but for the province to see: a stamp from the future, a province change the
    desk could not apply."""
    for r in rows:
        ev = {k: r[k] for k in p.EVENT_FIELDS}
        if rules.future_stamp(ev, now):
            _problem(session, who, ev, "flagged", "future_stamp", now)
        if r["kind"] == rules.PROVINCE_REJECTED:
            _problem(session, who, ev, "flagged", "province_change_rejected", now)


def _insert(session: Session, rows: list[dict[str, Any]]) -> set[str]:
    values = [{k: v for k, v in r.items() if k != "payload_json"}
              | {"payload": RawJson(r["payload_json"], r["payload"])} for r in rows]
    return set(insert_rows(session, cast(Table, Event.__table__), values, skip_taken="uuid",
                           returning="uuid"))


def _hashed(ev: dict[str, Any]) -> tuple[str, str]:
    """``p.content_hash(ev)`` and the payload's canonical JSON text, made together: the
    payload is encoded once (the hashed text is the event's canonical JSON, keys in order)."""
    payload = json.dumps(ev["payload"], sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False)
    if not all(isinstance(ev.get(k), str) for k in _HASHED if k != "payload"):
        return p.content_hash(ev), payload
    text = "{" + ",".join(f'"{k}":' + (payload if k == "payload" else json.dumps(
        ev[k], ensure_ascii=False)) for k in _HASHED) + "}"
    return hashlib.sha256(text.encode()).hexdigest(), payload


_HASHED = ("created_at", "entity", "entity_uuid", "kind", "payload", "uuid")  # sorted keys


def _problem(session: Session, who: DeskIdentity, ev: Any, problem: str, reason: str,
             now: datetime) -> dict[str, Any]:
    ev = edge_events.storable(ev)  # whatever it held, the review row and the answer can carry it
    found = ev.get("uuid") if isinstance(ev, dict) else None
    uuid = found if isinstance(found, str) else ""
    seq = edge_events.answer_seq(ev)
    session.add(EventProblem(
        uuid=uuid[:36], desk_id=who.desk_id, problem=problem, reason=reason,
        content_hash=p.content_hash(ev) if isinstance(ev, dict) else "",
        event=ev if isinstance(ev, dict) else {"raw": repr(ev)[:1000]}, received_at=now,
    ))
    log.warning("desk %s event %s %s: %s", who.desk_id, uuid, problem, reason)
    return {"uuid": uuid, "seq": seq, "status": p.CONFLICT if problem == "conflict"
            else p.REJECTED, "reason": reason}


def _check_audit(session: Session, who: DeskIdentity, rows: list[dict[str, Any]],
                 now: datetime) -> None:
    """The desk's audit chain, from the last record the hub held before this batch: a record
    edited, dropped or rechained on the desk is flagged for the province
    (``audit_chain_broken``); the events are stored all the same."""
    from desk_app.core.ratingchain import GENESIS, ChainProblem, canonical_json, check_chain

    first = min(r["seq"] for r in rows)
    before = session.scalar(select(Event.payload).where(
        Event.desk_id == who.desk_id, Event.kind == rules.AUDIT, Event.seq < first)
        .order_by(Event.seq.desc()).limit(1))
    after_seq = int(before.get("seq", 0)) if isinstance(before, dict) else 0
    after_hash = str(before.get("hash", GENESIS)) if isinstance(before, dict) else GENESIS
    records = [{k: v for k, v in r["payload"].items() if k not in ("agency_code", "change")}
               for r in sorted(rows, key=lambda r: r["seq"])]
    problems = check_chain(records, after_seq=after_seq, after_hash=after_hash)
    for r in rows:  # the change itself against the hash the chain holds
        change = r["payload"].get("change")
        if isinstance(change, dict) and hashlib.sha256(canonical_json(change)).hexdigest() \
                != r["payload"].get("change_hash"):
            problems.append(ChainProblem("edited", r["payload"].get("seq"), "change"))
    for problem in problems:
        row = next((r for r in rows if r["payload"].get("seq") == problem.seq), rows[0])
        ev = {k: row[k] for k in p.EVENT_FIELDS}
        _problem(session, who, ev, "flagged", "audit_chain_broken", now)
