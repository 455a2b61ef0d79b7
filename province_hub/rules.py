"""What a desk may write: the meaning of one pushed event, judged after its shape.

The credential names the desk and its commune; the hub's own history names the owner of every
entity. Nothing in the body is taken on trust:

* **sequence**: ``seq`` is positive and increases along the batch, and is beyond the highest
  the hub has acknowledged from the desk, except in a batch marked ``fill_gaps`` at a seq the
  hub holds no event of the desk at (the hub lost an event it had acknowledged, and the desk's
  reconciliation resends it); a replayed or reordered batch is refused. An event the hub refused before is judged again on its merits,
  so a batch resent after a lost answer gets the same reasons back.
* **kinds**: each kind belongs to one entity (:data:`KINDS`), and the payload names that same
  entity (its ``uuid``).
* **ownership**: an entity belongs to the desk that first sent it. Only an entity-creating kind
  (``dossier.intake``, ``rating.recorded``) may come first: any other event for an entity the
  hub has not seen is refused (``unknown_entity``) and claims nothing. A second creation of a
  known entity is refused (``entity_exists``); another desk's entity gives ``foreign_desk``,
  another commune's ``foreign_commune``.
* **commune**: every agency code the payload names is the credential's; an intake and a rating
  must name it, and an intake's dossier code must carry it; a rating may point only at its own
  commune's dossier.
* **rating chain**: a desk chains its ratings under one ``desk`` id of its own making; a desk
  sending ratings of a chain another desk already sends is refused (``foreign_desk``), so a
  batch captured before delivery and replayed under another credential cannot take them.
* **life cycle**: a desk's status change is one its life cycle allows (``from`` -> ``to``,
  :mod:`desk_app.core.lifecycle`), else ``transition_not_allowed`` / ``transition_final``.
* **codes**: an intake whose dossier code already belongs to another dossier of the commune is
  refused (``duplicate_code``).

A refused event is answered ``rejected`` with its reason and kept in ``event_problems``; the
desk holds it, visibly. Not a refusal: an event stamped more than :data:`FUTURE_TOLERANCE` ahead
of the hub's clock is stored and flagged (:func:`future_stamp`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import VN_TZ
from desk_app.core.lifecycle import Status, refusal_reason
from province_hub.auth import DeskIdentity
from province_hub.db import one_of
from province_hub.models import Dossier, Event, EventProblem, Rating
from province_hub.project import local

INTAKE, STATUS, PROVINCE_REJECTED, RATING, AUDIT, DOCUMENT = (
    "dossier.intake", "dossier.status", "dossier.province_rejected", "rating.recorded",
    "audit.recorded", "document.attached")
_SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # beyond any dossier the desk's limits allow


@dataclass(frozen=True)
class Kind:
    entity: str
    creates: bool  # may be the first event of its entity


KINDS: dict[str, Kind] = {
    INTAKE: Kind("dossier", True),
    STATUS: Kind("dossier", False),
    "dossier.extend": Kind("dossier", False),
    "dossier.resumed": Kind("dossier", False),
    PROVINCE_REJECTED: Kind("dossier", False),  # the desk could not apply a province change
    RATING: Kind("rating", True),
    AUDIT: Kind("audit", True),  # who did what at the desk: kept as events (the record)
    DOCUMENT: Kind("document", True),  # a digitised document (its file follows it)
    # the queue's tickets (issue 17): made by the desk hosting the commune office's queue
    "ticket.issued": Kind("ticket", True),
    "ticket.called": Kind("ticket", False),
    "ticket.absent": Kind("ticket", False),
    "ticket.transferred": Kind("ticket", False),
    "ticket.done": Kind("ticket", False),
}

# A desk's clock may run ahead of the hub's by this much before its stamps are flagged. The
# desk warns its clerk beyond 5 minutes (desk_app.gui.sync_indicator.SKEW_WARN_S), and the hub
# uses the same bound: a stamp the clerk would be warned about is one the province sees.
# Ordinary drift of a PC that syncs its clock weekly stays well under a minute; a wrong time
# zone or date is hours or days; 5 minutes is also the scale at which a stamp starts to move a
# dossier across an office-hours boundary or the 15:00 same-day cut-off.
FUTURE_TOLERANCE = timedelta(minutes=5)


def record(ev: dict[str, Any]) -> dict[str, Any]:
    """The payload's ``record`` when it has one (older wire shape), else the payload."""
    pl = ev.get("payload") or {}
    rec = pl.get("record") if isinstance(pl.get("record"), dict) else pl
    return rec if isinstance(rec, dict) else {}


@dataclass(frozen=True)
class Owner:
    desk_id: int
    commune_id: int
    entity: str


def owners(session: Session, uuids: Iterable[str]) -> dict[str, Owner]:
    """The desk (and commune) that first sent each entity, from the hub's events."""
    wanted = sorted(set(uuids))
    out: dict[str, Owner] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(Event.entity_uuid, Event.desk_id, Event.commune_id, Event.entity)
            .where(one_of(session, Event.entity_uuid, wanted[i:i + 500]),
                   Event.desk_id.is_not(None))
            .order_by(Event.id))
        for entity_uuid, desk_id, commune_id, entity in rows:
            assert desk_id is not None  # the query keeps only events a desk sent
            out.setdefault(entity_uuid, Owner(desk_id, commune_id, entity))
    return out


class Judge:
    """Judges the new events of one batch in order; remembers what it accepted."""

    def __init__(self, session: Session, who: DeskIdentity, events: list[dict[str, Any]],
                 last_seq: int, *, fill_gaps: bool = False) -> None:
        self.session, self.who, self.high = session, who, last_seq
        self.batch_last = 0  # the batch's own order
        # a batch of resends (the desk found by reconciliation that the hub lost events it had
        # acknowledged) may fill the hub's gaps below the high-water mark: a seq the hub holds
        # no event at (docs/sync-protocol.md, "Reconciliation"); any other batch may not
        self.fill_gaps = fill_gaps
        low = [e["seq"] for e in events if isinstance(e.get("seq"), int) and e["seq"] <= last_seq]
        self.taken: set[int] = set(session.scalars(select(Event.seq).where(
            Event.desk_id == who.desk_id, one_of(session, Event.seq, low)))) if low and fill_gaps else set()
        entity_uuids = [e["entity_uuid"] for e in events]
        rated = [str(record(e).get("dossier_uuid")) for e in events
                 if e["kind"] in (RATING, DOCUMENT) and record(e).get("dossier_uuid")]
        self.owners = owners(session, entity_uuids + rated)
        uuids = [e["uuid"] for e in events]
        self.judged_before = set(session.scalars(select(EventProblem.uuid).where(
            EventProblem.desk_id == who.desk_id, EventProblem.problem == "rejected",
            one_of(session, EventProblem.uuid, uuids)))) if uuids else set()
        codes = [e["payload"]["code"] for e in events
                 if e["kind"] == INTAKE and isinstance(e["payload"].get("code"), str)]
        self.codes: dict[str, str] = dict(session.execute(
            select(Dossier.code, Dossier.uuid).where(
                Dossier.commune_id == who.commune_id, one_of(session, Dossier.code, codes))).all()
        ) if codes else {}
        # the desk's rating chain, named by its first record (read only for a batch of ratings)
        self.chain = session.scalar(
            select(Rating.record).where(Rating.desk_id == who.desk_id)
            .order_by(Rating.chain_seq).limit(1)) if any(
                e["kind"] == RATING for e in events) else None
        self.chain_id: str | None = (str(self.chain.get("desk")) if isinstance(self.chain, dict)
                                     and self.chain.get("desk") else None)

    def refusal(self, ev: dict[str, Any]) -> str:
        """'' when the event may be stored (and it is then counted as accepted), else why not."""
        seq = ev["seq"]
        if seq < 1:
            return "bad_seq"
        if seq <= self.batch_last or (
                seq <= self.high and ev["uuid"] not in self.judged_before
                and (not self.fill_gaps or seq in self.taken)):
            return "seq_not_increasing"
        why = self._kind(ev) or self._commune(ev) or self._owner(ev) or self._meaning(ev)
        if why:
            return why
        self.high = max(self.high, seq)
        self.batch_last = seq
        self.taken.add(seq)
        self.owners.setdefault(ev["entity_uuid"], Owner(self.who.desk_id, self.who.commune_id,
                                                        ev["entity"]))
        if ev["kind"] == INTAKE:
            self.codes[ev["payload"]["code"]] = ev["entity_uuid"]
        elif ev["kind"] == RATING and self.chain_id is None:
            chain = record(ev).get("desk")
            self.chain_id = chain if isinstance(chain, str) and chain else None
        return ""

    def _kind(self, ev: dict[str, Any]) -> str:
        kind = KINDS.get(ev["kind"])
        if kind is None:
            return "unknown_kind"
        if kind.entity != ev["entity"]:
            return "kind_mismatch"
        named = {x.get("uuid") for x in (ev["payload"], record(ev))}
        return "" if named == {ev["entity_uuid"]} else "entity_mismatch"

    def _commune(self, ev: dict[str, Any]) -> str:
        mine = self.who.agency_code
        named = [x["agency_code"] for x in (ev["payload"], record(ev)) if "agency_code" in x]
        if any(n != mine for n in named):
            return "foreign_commune"
        if KINDS[ev["kind"]].creates and not named:
            return "foreign_commune"  # a new dossier or rating must say whose it is
        if ev["kind"] == INTAKE:
            code = ev["payload"].get("code")
            if not isinstance(code, str) or mine not in code:
                return "foreign_commune"
        return ""

    def _owner(self, ev: dict[str, Any]) -> str:
        owner = self.owners.get(ev["entity_uuid"])
        creates = KINDS[ev["kind"]].creates
        if owner is None:
            return "" if creates else "unknown_entity"
        if owner.commune_id != self.who.commune_id:
            return "foreign_commune"
        if owner.desk_id != self.who.desk_id:
            return "foreign_desk"
        if owner.entity != ev["entity"]:
            return "kind_mismatch"
        return "entity_exists" if creates else ""

    def _meaning(self, ev: dict[str, Any]) -> str:
        pl = ev["payload"]
        if ev["kind"] == DOCUMENT:
            return self._document(pl)
        if ev["kind"] == INTAKE:
            holder = self.codes.get(pl["code"])
            return "duplicate_code" if holder not in (None, ev["entity_uuid"]) else ""
        if ev["kind"] == STATUS:
            try:
                current, target = Status(pl.get("from")), Status(pl.get("to"))
            except ValueError:
                return "unknown_status"
            why = refusal_reason(current, target)
            return f"transition_{why}" if why else ""
        if ev["kind"] == RATING:
            rec = record(ev)
            dossier = self.owners.get(str(rec.get("dossier_uuid")))
            if dossier is not None and dossier.commune_id != self.who.commune_id:
                return "foreign_commune"
            chain = rec.get("desk")
            if isinstance(chain, str) and chain:
                if self.chain_id is not None:
                    return "" if chain == self.chain_id else "foreign_desk"
                other = self.session.scalar(select(Rating.desk_id).where(
                    Rating.record["desk"].as_string() == chain).limit(1))
                if other is not None and other != self.who.desk_id:
                    return "foreign_desk"
        return ""


    def _document(self, pl: dict[str, Any]) -> str:
        """A document of one of the desk's own dossiers, with a file the hub can take."""
        dossier = self.owners.get(str(pl.get("dossier_uuid")))
        if dossier is None or dossier.entity != "dossier":
            return "unknown_entity"
        if dossier.commune_id != self.who.commune_id:
            return "foreign_commune"
        size, pages = pl.get("size"), pl.get("pages")
        ok = (isinstance(pl.get("sha256"), str) and _SHA256.fullmatch(pl["sha256"])
              and type(size) is int and 0 < size <= MAX_DOCUMENT_BYTES
              and type(pages) is int and pages >= 0
              and pl.get("role") in ("component", "result")
              and pl.get("source") in ("scanner", "file", "folder", "reused")
              and (pl.get("component") is None or type(pl.get("component")) is int))
        return "" if ok else "invalid_request"  # a malformed document (words: sync_words)


def _utc(text: Any) -> datetime | None:
    """Naive UTC from the wire's ISO text (a time without an offset is the desk's wall clock)."""
    t = local(text)
    return None if t is None else t.replace(tzinfo=VN_TZ).astimezone(UTC).replace(
        tzinfo=None)


def future_stamp(ev: dict[str, Any], now: datetime) -> bool:
    """True when the event or its payload is stamped beyond the tolerance ahead of ``now``
    (the hub's clock, naive UTC)."""
    pl = ev["payload"]
    before = _days_before(now)
    for text in (ev["created_at"], pl.get("at"), pl.get("received_at")):
        if isinstance(text, str) and text[:10] < before and _DAY.match(text):
            continue  # a day two days past, whatever its offset: no need to read the time
        t = _utc(text)
        if t is not None and t > now + FUTURE_TOLERANCE:
            return True
    return False


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")


@lru_cache(maxsize=8)
def _days_before(now: datetime) -> str:
    """The date two days before ``now`` as ISO text (a batch asks with one ``now``)."""
    return (now - timedelta(days=2)).date().isoformat()
