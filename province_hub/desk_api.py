"""The desks' calls: push a batch of events, pull what the province publishes, what the hub
holds from this desk, the province's copy of one of its commune's dossiers, and the desk's own
identity: its counter number and the rotation of its credential.

Every route here is on ``access.desk_router``: its guard found the desk before the handler runs
(or the body is read) and hands it over as ``who``.
"""

from __future__ import annotations

from typing import Annotated, Any

from annotated_types import Interval
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool

from desk_app.sync import protocol as p
from province_hub import auth, edge, edge_events, feed, reconcile
from province_hub.access import DeskGuard, desk_router
from province_hub.answer import Fail, Json, Stamped, refusals, stamp
from province_hub.auth import DeskIdentity
from province_hub.clock import Clock
from province_hub.db import read, write
from province_hub.ingest import ingest
from province_hub.models import Dossier, Event

# -- schema models (documentation of the wire format; handlers return plain dicts) ----------


class EventResultOut(BaseModel):
    uuid: str
    seq: int
    status: str = Field(description="stored | duplicate | conflict | rejected")
    reason: str = Field("", description="why an event was rejected or is a conflict "
                                        "(docs/sync-protocol.md, \"Refused events\")")


class PushOut(Stamped):
    results: list[EventResultOut]
    desk_last_seq: int
    stored: int


class PullItemOut(BaseModel):
    cursor: int
    kind: str = Field(description="catalogue.release | calendar.override | dossier.status")
    data: dict[str, Any]


class PullOut(Stamped):
    items: list[PullItemOut]
    next_cursor: int
    more: bool
    rotate_credential: bool = Field(False, description=(
        "the province asks this desk to rotate its credential (POST /api/v1/desk/credential)"))


class CounterIn(BaseModel):
    counter: Annotated[int, Interval(ge=1, le=9), edge.WHOLE] = Field(description=(
        "the desk's counter number: the first digit of the daily sequence of its dossier codes"))


class CounterOut(Stamped):
    desk_id: int
    counter: int


class CredentialIn(BaseModel):
    secret: Annotated[str, edge.limit(86, pattern=p.SECRET_PATTERN)] = Field(description=(
        "the desk's own next secret; its credential becomes dk.<desk id>.<secret>"))


class CredentialOut(Stamped):
    desk_id: int


class DeskOut(Stamped):
    desk_id: int
    agency_code: str
    events: int = Field(description="events of this desk the hub holds")
    max_seq: int = Field(description="the highest seq among them (0: none)")


class RangeOut(BaseModel):
    first: int
    last: int
    count: int
    digest: str = Field(description="sha256 of the lines '<seq>:<uuid>' of the range, in seq order")


class DigestsOut(Stamped):
    size: int
    events: int
    max_seq: int
    ranges: list[RangeOut] = Field(description="the ranges [k*size+1, (k+1)*size] holding events")


class SeqOut(BaseModel):
    seq: int
    uuid: str


class SeqsOut(Stamped):
    events: list[SeqOut] = Field(description="the events of the range, in seq order")


class OwnEventsOut(Stamped):
    events: list[dict[str, Any]] = Field(description="this desk's events after the seq, whole")
    more: bool


class DossierOut(Stamped):
    model_config = ConfigDict(extra="allow")

    uuid: str
    code: str
    status: str
    due_at: str | None = Field(description="Vietnam time, ISO 8601")
    snapshot: dict[str, Any]


def _push_body(request: Request) -> bytes:
    """The push body as read by the route (bounded), decompressed within the same bound."""
    data: bytes = request._body
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            data = p.gunzip_bounded(data, p.MAX_BATCH_BYTES)
        except ValueError as exc:
            code = "batch_too_large" if str(exc) == "too_large" else "bad_gzip"
            raise Fail(413 if code == "batch_too_large" else 400, code) from exc
        except Exception as exc:  # zlib.error
            raise Fail(400, "bad_gzip") from exc
    elif len(data) > p.MAX_BATCH_BYTES:  # pragma: no cover - read_body bounds it already
        raise Fail(413, "batch_too_large", f"at most {p.MAX_BATCH_BYTES} bytes")
    return data


def routes(engine: Engine, guard: DeskGuard, clock: Clock) -> APIRouter:
    router = desk_router(guard)
    caller = Depends(guard)  # the same guard as the router's: FastAPI calls it once

    @router.post("/push", response_model=PushOut, responses=refusals(400, 413, 422),
                 openapi_extra={"x-raw-body": True, "x-max-body-bytes": p.MAX_BATCH_BYTES,
                                "requestBody": {"required": True, "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/PushIn"}}}}})
    async def push(request: Request, who: DeskIdentity = caller) -> Any:
        """Store a batch of events in one transaction; answers per event what was stored.
        The body may be gzip-compressed (`Content-Encoding: gzip`); at most
        1,000,000 bytes, compressed or not."""
        return await run_in_threadpool(_push_sync, who, _push_body(request))

    def _push_sync(who: DeskIdentity, raw: bytes) -> Json:
        batch = edge_events.push_batch(raw)
        with write(engine) as s:
            results, last = ingest(s, who, batch.events, clock.utc(), fill_gaps=batch.fill_gaps,
                                   plain=batch.plain)
        stored = sum(1 for r in results if r["status"] == p.STORED)
        # the answer as PushOut writes it, made here: FastAPI does not check a Response again
        out = [{"uuid": r["uuid"], "seq": r["seq"], "status": r["status"],
                "reason": r.get("reason", "")} for r in results]
        return Json(stamp({"results": out, "desk_last_seq": last, "stored": stored}, clock))

    @router.get("/pull", response_model=PullOut, responses=refusals(422))
    def pull(who: DeskIdentity = caller, after: int = Query(0, ge=0, le=edge.INT_MAX),
             limit: int = Query(p.MAX_PULL_ITEMS, ge=1, le=p.MAX_PULL_ITEMS)) -> dict[str, Any]:
        """Items after the desk's checkpoint: for every commune and for the desk's own."""
        with read(engine) as s:
            out = feed.pull(s, who, after, limit)
        return stamp(out | {"rotate_credential": who.rotate}, clock)

    @router.put("/desk/counter", response_model=CounterOut,
                responses=refusals(400, 409, 413, 422))
    def desk_counter(body: CounterIn, who: DeskIdentity = caller) -> dict[str, Any]:
        """Declare this desk's counter number (409 ``counter_taken`` when another live desk
        of the commune has it)."""
        with write(engine) as s:
            auth.declare_counter(s, who, body.counter)
        return stamp({"desk_id": who.desk_id, "counter": body.counter}, clock)

    @router.post("/desk/credential", response_model=CredentialOut,
                 responses=refusals(400, 413, 422))
    def desk_credential(body: CredentialIn, who: DeskIdentity = caller) -> dict[str, Any]:
        """Rotate this desk's credential to ``dk.<desk id>.<secret>``. The current one keeps
        working until the new one is first used; asking again replaces the pending one."""
        with write(engine) as s:
            auth.rotate(s, who, body.secret, clock.utc())
        return stamp({"desk_id": who.desk_id}, clock)

    @router.get("/desk", response_model=DeskOut)
    def desk_info(who: DeskIdentity = caller) -> dict[str, Any]:
        """What the hub holds from this desk (for checks and support)."""
        with read(engine) as s:
            n, top = s.execute(select(func.count(Event.id), func.max(Event.seq))
                               .where(Event.desk_id == who.desk_id)).one()
        return stamp({"desk_id": who.desk_id, "agency_code": who.agency_code,
                      "events": n, "max_seq": top or 0}, clock)

    @router.get("/desk/digests", response_model=DigestsOut, responses=refusals(422))
    def desk_digests(who: DeskIdentity = caller,
                     size: int = Query(1000, ge=100, le=10_000)) -> dict[str, Any]:
        """Per-range digests of the events the hub holds from this desk: the desk compares them
        with its own acknowledged events and resends what the hub lost."""
        with read(engine) as s:
            ranges = reconcile.digests(s, who.desk_id, size)
        return stamp({"size": size, "events": sum(r["count"] for r in ranges),
                      "max_seq": max((r["last_seq"] for r in ranges), default=0),
                      "ranges": [{k: r[k] for k in ("first", "last", "count", "digest")}
                                 for r in ranges]}, clock)

    @router.get("/desk/seqs", response_model=SeqsOut, responses=refusals(422))
    def desk_seqs(who: DeskIdentity = caller, first: int = Query(1, ge=1, le=edge.INT_MAX),
                  last: int = Query(1, ge=1, le=edge.INT_MAX)) -> dict[str, Any]:
        """The (seq, uuid) the hub holds from this desk from ``first`` to ``last`` (at most
        10,000 seqs: a longer range is cut there)."""
        last = min(last, first + 9_999)
        with read(engine) as s:
            rows = reconcile.seqs(s, who.desk_id, first, last)
        return stamp({"events": [{"seq": q, "uuid": u} for q, u in rows]}, clock)

    @router.get("/desk/events", response_model=OwnEventsOut, responses=refusals(422))
    def desk_events(who: DeskIdentity = caller, after: int = Query(0, ge=0, le=edge.INT_MAX),
                    limit: int = Query(200, ge=1, le=500)) -> dict[str, Any]:
        """This desk's own events after ``after`` (a desk restored from an older backup takes
        back what it had sent since)."""
        with read(engine) as s:
            events = reconcile.own_events(s, who.desk_id, after, limit + 1)
        return stamp({"events": events[:limit], "more": len(events) > limit}, clock)

    @router.get("/dossiers/{uuid}", response_model=DossierOut, responses=refusals(404, 422))
    def dossier(uuid: edge.UUID_TEXT, who: DeskIdentity = caller) -> dict[str, Any]:
        """The province's copy of one of this commune's dossiers (404 for any other)."""
        with read(engine) as s:
            d = s.get(Dossier, uuid)
            if d is None or d.commune_id != who.commune_id:
                raise Fail(404, "not_found")
            return stamp({"uuid": d.uuid, "code": d.code, "status": d.status,
                          "due_at": d.due_at.isoformat() if d.due_at else None,
                          "snapshot": d.snapshot}, clock)

    return router
