"""At the start of every sync cycle, the desk and the province compare what was delivered
(docs/sync-protocol.md, "Reconciliation").

One call (``GET /desk``: how many events the hub holds from this desk, and the highest seq)
against two local figures (how many outbox events the hub acknowledged, and the highest seq
acknowledged) decides, cheaply, whether anything is wrong:

* **the province holds more** (a higher seq than the desk ever had acknowledged): this store was
  restored from an older backup. Before anything new is pushed, the desk pulls back its own
  events after its highest acknowledged seq and rebuilds what they describe
  (:mod:`desk_app.sync.rebuild`), under their own uuids and seqs, marked sent; events written
  here since the restore, not sent yet, move above the province's highest seq (their order
  kept). The restore's mark (``sync.restored``) is cleared once this succeeded.
* **the province holds fewer** than the desk saw acknowledged: the province lost events
  (a database restored from an older backup, commits lost in a crash). Per-range digests of
  (seq, uuid) find the ranges that differ, the hub's list of each such range finds the events,
  and those are marked unsent: the push sends them again, under their own seq and uuid, and the
  hub takes them into its gaps.

In steady state this costs one small request per cycle.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.services import audit
from desk_app.services.counter import desk_counter
from desk_app.services.desk_settings import RESTORED, get_setting
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, OutboxEvent, Setting
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_sync import SyncHeldEvent
from desk_app.sync import rebuild
from desk_app.sync.client import SyncClient
from desk_app.sync.protocol import range_digest

log = logging.getLogger(__name__)

RANGE = 1000
PAGE = 500


@dataclass
class Reconciled:
    pulled_back: int = 0
    resent: int = 0
    not_rebuilt: list[str] = field(default_factory=list)  # "<seq> <kind>: <why>"


def _acked(session: Session) -> tuple[int, int]:
    """(how many events the hub acknowledged, the highest acknowledged seq)."""
    n, top = session.execute(select(func.count(OutboxEvent.id), func.max(OutboxEvent.id))
                             .where(OutboxEvent.sent_at.is_not(None))).one()
    return int(n or 0), int(top or 0)


def reconcile(store: Store, clock: Clock, client: SyncClient) -> Reconciled:
    out = Reconciled()
    info = client.desk_info()
    hub_events, hub_max = int(info.get("events", 0)), int(info.get("max_seq", 0))
    with store.read() as session:
        acked, acked_max = _acked(session)
        restored = get_setting(session, RESTORED)
    if hub_max > acked_max:
        _pull_back(store, clock, client, acked_max, hub_max, out)
        with store.read() as session:
            acked, acked_max = _acked(session)
    if hub_events < acked:
        _resend_lost(store, client, out)
    if restored is not None and not out.not_rebuilt:
        with store.write() as session:
            row = session.get(Setting, RESTORED)
            if row is not None:
                session.delete(row)
        log.info("reconciled with the province after the restore of %s",
                 restored.get("backup") if isinstance(restored, dict) else restored)
    return out


def _pull_back(store: Store, clock: Clock, client: SyncClient, after: int, hub_max: int,
               out: Reconciled) -> None:
    """Take back the desk's own events the province holds above ``after`` that this store
    lacks (by uuid: an event the province holds because an answer was lost is the desk's
    already, and goes the usual way)."""
    theirs: dict[int, str] = {}
    for first in range(after + 1, hub_max + 1, 10_000):
        theirs.update(client.seqs(first, min(hub_max, first + 9_999)))
    with store.read() as session:
        mine = set(session.scalars(select(OutboxEvent.uuid).where(
            OutboxEvent.uuid.in_(list(theirs.values())))))
    lost = sorted(seq for seq, uuid in theirs.items() if uuid not in mine)
    if not lost:
        return
    log.warning("the province holds %d events of this desk the store lacks (seqs %d-%d): "
                "pulling them back", len(lost), lost[0], lost[-1])
    with store.write() as session:
        _move_unsent_above(session, lost[0], hub_max, set(theirs.values()))
        local_audit = _take_unsent_audit(session, after, set(theirs.values()))
    wanted = set(lost)
    cursor = lost[0] - 1
    while cursor < lost[-1]:
        page = client.own_events(cursor, PAGE)
        events = page["events"]
        if not events:
            break
        now = clock.now()
        with store.write() as session:
            fallback = _restorer(session)
            counter = desk_counter(session)
            for ev in events:
                if int(ev["seq"]) not in wanted:
                    continue
                rebuild.insert_event(session, ev, now)
                why = rebuild.apply_event(session, ev, fallback, counter)
                if why:
                    out.not_rebuilt.append(f"{ev['seq']} {ev['kind']}: {why}")
                    log.warning("pulled-back event %s (%s) not rebuilt: %s", ev["seq"],
                                ev["kind"], why)
                out.pulled_back += 1
        cursor = int(events[-1]["seq"])
        if not page.get("more"):
            break
    if local_audit:  # chained again after the records taken back: one chain, never a fork
        with store.write() as session:
            for rec in local_audit:
                audit.record(session, rec["clerk_id"], rec["action"], rec["at"],
                             dossier=SimpleNamespace(uuid=rec["dossier_uuid"],
                                                     code=rec["dossier_code"]),
                             change=rec["change"])
    log.warning("pulled back %d events from the province (%d not rebuilt; not carried by the "
                "province: %s)", out.pulled_back, len(out.not_rebuilt),
                ", ".join(rebuild.NOT_CARRIED))


def _take_unsent_audit(session: Session, after: int, at_hub: set[str]) -> list[dict[str, Any]]:
    """Audit records written here since the restore (never sent, unknown to the province):
    taken out of the chain, to be chained again after the records the province gives back
    (they hold the same chain seqs)."""
    uuids = [entity for event, entity in session.execute(
        select(OutboxEvent.uuid, OutboxEvent.entity_uuid).where(
            OutboxEvent.kind == audit.KIND, OutboxEvent.sent_at.is_(None),
            OutboxEvent.id > after))
        if event not in at_hub]
    if not uuids:
        return []
    rows = list(session.scalars(select(AuditRecord).where(AuditRecord.uuid.in_(uuids))
                                .order_by(AuditRecord.seq)))
    kept = [{"clerk_id": r.clerk_id, "action": r.action, "at": r.at,
             "dossier_uuid": r.dossier_uuid, "dossier_code": r.dossier_code,
             "change": dict(r.change or {})} for r in rows]
    session.execute(delete(OutboxEvent).where(OutboxEvent.kind == audit.KIND,
                                              OutboxEvent.entity_uuid.in_(uuids)))
    session.execute(delete(AuditRecord).where(AuditRecord.uuid.in_(uuids)))
    return kept


def _restorer(session: Session) -> int:
    """Who the rebuilt history names: the first active administrator."""
    found = session.scalar(select(Clerk.id).where(Clerk.role == "admin", Clerk.active.is_(True))
                           .order_by(Clerk.id).limit(1))
    assert found is not None, "a store with a commune has an administrator"
    return int(found)


def _move_unsent_above(session: Session, low: int, hub_max: int, at_hub: set[str]) -> None:
    """Events written here since the restore (never sent: the sync reconciles first) whose seq
    the province holds another event at take seqs above the province's highest, in their
    order, so the pulled-back events keep their own."""
    held = select(SyncHeldEvent.outbox_id)
    rows = [(i, u) for i, u in session.execute(
        select(OutboxEvent.id, OutboxEvent.uuid).where(
            OutboxEvent.id >= low, OutboxEvent.sent_at.is_(None),
            OutboxEvent.id.not_in(held)).order_by(OutboxEvent.id.desc()))
        if u not in at_hub]
    if not rows:
        return
    shift = hub_max - min(i for i, _u in rows) + 1
    for old, _uuid in rows:  # highest first: never onto a row not moved yet
        session.execute(update(OutboxEvent).where(OutboxEvent.id == old)
                        .values(id=old + shift))
    log.warning("%d events written since the restore renumbered above %d", len(rows), hub_max)


def local_ranges(session: Session, size: int = RANGE) -> dict[int, tuple[int, str]]:
    """first seq of a range -> (count, digest) over the acknowledged events."""
    groups: dict[int, list[tuple[int, str]]] = {}
    for seq, uuid in session.execute(select(OutboxEvent.id, OutboxEvent.uuid)
                                     .where(OutboxEvent.sent_at.is_not(None))
                                     .order_by(OutboxEvent.id)):
        groups.setdefault((seq - 1) // size * size + 1, []).append((seq, uuid))
    return {first: (len(rows), range_digest(rows)) for first, rows in groups.items()}


def _resend_lost(store: Store, client: SyncClient, out: Reconciled) -> None:
    answer = client.digests(RANGE)
    theirs = {int(r["first"]): (int(r["count"]), str(r["digest"])) for r in answer["ranges"]}
    with store.read() as session:
        mine = local_ranges(session)
    differ = sorted(first for first, figures in mine.items() if theirs.get(first) != figures)
    for first in differ:
        held_there = {uuid for _seq, uuid in client.seqs(first, first + RANGE - 1)}
        with store.write() as session:
            lost = [i for i, uuid in session.execute(
                select(OutboxEvent.id, OutboxEvent.uuid).where(
                    OutboxEvent.sent_at.is_not(None), OutboxEvent.id >= first,
                    OutboxEvent.id <= first + RANGE - 1))
                if uuid not in held_there]
            if lost:
                session.execute(update(OutboxEvent).where(OutboxEvent.id.in_(lost))
                                .values(sent_at=None))
        out.resent += len(lost)
    if out.resent:
        log.warning("the province lost %d events it had acknowledged: sending them again",
                    out.resent)
