"""The hub's HTTP API (FastAPI). ``create_app()`` is the factory uvicorn runs:

    uvicorn --factory province_hub.app:create_app --host 0.0.0.0 --port 8080 --workers 4

Every answer carries ``X-Hub-Time`` and ``X-Hub-Protocol``; JSON answers repeat them. Every
call but ``/healthz`` and the schema needs a credential: a desk's for the desk calls, a
province admin token for ``/api/v1/admin/...``. The OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timezone
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk_app.clock import VN_TZ
from desk_app.sync import protocol as p
from province_hub import auth, feed
from province_hub.db import make_engine, read, write
from province_hub.ingest import ingest
from province_hub.models import Dossier, Event
from province_hub.summary import summary

log = logging.getLogger("province_hub")


def utcnow() -> datetime:
    """Naive UTC: the hub's own clock (the one clock it reads)."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def stamp(body: dict[str, Any]) -> dict[str, Any]:
    return {"protocol": p.PROTOCOL_VERSION,
            "server_time": p.utc_now_text(datetime.now(timezone.utc)), **body}


class Fail(Exception):
    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


# -- schema models (documentation of the wire format; handlers return plain dicts) ----------

class Stamped(BaseModel):
    protocol: int = Field(description="protocol version of the hub")
    server_time: str = Field(description="the hub's clock, UTC, ISO 8601")


class EnrolIn(BaseModel):
    code: str = Field(description="one-time code issued by the province, e.g. ABCD-EFGH-JKLM")
    agency_code: str = Field(description="the desk's commune agency code")
    installation_id: str = Field(description="a UUID the desk made once; same desk on re-enrol")
    desk_name: str = ""


class EnrolOut(Stamped):
    desk_id: int
    credential: str = Field(description="send as 'Authorization: Bearer <credential>'")
    agency_code: str
    commune_name: str
    limits: dict[str, int]


class WireEvent(BaseModel):
    uuid: str = Field(description="made by the desk; the event's identity")
    seq: int = Field(description="the desk's outbox sequence number")
    entity: str = Field(description="dossier | rating | ...")
    entity_uuid: str
    kind: str = Field(description="dossier.intake | dossier.status | dossier.extend | "
                                  "rating.recorded | ...")
    payload: dict[str, Any]
    created_at: str = Field(description="desk time, ISO 8601 with +07:00")


class PushIn(BaseModel):
    protocol: int
    events: list[WireEvent] = Field(max_length=p.MAX_BATCH_EVENTS)


class EventResultOut(BaseModel):
    uuid: str
    seq: int
    status: str = Field(description="stored | duplicate | conflict | rejected")
    reason: str = ""


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


class CodeIn(BaseModel):
    agency_code: str
    name: str = ""
    valid_days: int = Field(7, ge=1, le=90)


class CalendarIn(BaseModel):
    day: date
    kind: str = Field(pattern="^(off|work)$")
    note: str = ""
    agency_code: str | None = Field(None, description="None: every commune")


class StatusIn(BaseModel):
    to: str
    reason: str = ""
    by: str = ""


def create_app(database_url: str | None = None, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(database_url)
    app = FastAPI(
        title="Province hub - sync of commune one-stop desks",
        version=f"protocol {p.PROTOCOL_VERSION}",
        description="See docs/sync-protocol.md. Push bodies are gzip-compressed JSON "
                    "(Content-Encoding: gzip) of the PushIn schema.",
    )
    app.state.engine = engine
    app.add_middleware(GZipMiddleware, minimum_size=800)

    @app.middleware("http")
    async def protocol_and_clock(request: Request, call_next: Any) -> Any:
        asked = request.headers.get(p.HEADER_PROTOCOL)
        if asked is not None and (not asked.isdigit() or int(asked) not in p.SUPPORTED_VERSIONS):
            resp = JSONResponse(stamp({"error": "protocol_unsupported",
                                       "detail": f"supported: {sorted(p.SUPPORTED_VERSIONS)}"}),
                                status_code=426)
        else:
            resp = await call_next(request)
        resp.headers[p.HEADER_HUB_TIME] = p.utc_now_text(datetime.now(timezone.utc))
        resp.headers[p.HEADER_HUB_PROTOCOL] = str(p.PROTOCOL_VERSION)
        return resp

    @app.exception_handler(Fail)
    async def _fail(_r: Request, exc: Fail) -> JSONResponse:
        return JSONResponse(stamp({"error": exc.code, "detail": exc.detail}), exc.status)

    @app.exception_handler(auth.AuthError)
    async def _auth(_r: Request, exc: auth.AuthError) -> JSONResponse:
        return JSONResponse(stamp({"error": exc.code}), exc.status,
                            headers={"WWW-Authenticate": "Bearer"} if exc.status == 401 else {})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(stamp({"error": "invalid_request", "detail": str(exc.errors())[:500]}),
                            422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(stamp({"error": f"http_{exc.status_code}", "detail": exc.detail}),
                            exc.status_code)

    def admin(request: Request) -> None:
        with read(engine) as s:
            auth.check_admin(s, request.headers.get("authorization"))

    @app.get("/healthz", response_model=Stamped)
    def healthz() -> dict[str, Any]:
        return stamp({})

    @app.post(p.API + "/enrol", response_model=EnrolOut)
    def enrol(body: EnrolIn) -> dict[str, Any]:
        """Trade a one-time enrolment code for this desk's credential."""
        with write(engine) as s:
            d, c, credential = auth.enrol(s, body.code, body.agency_code, body.installation_id,
                                          body.desk_name, utcnow())
            out = {"desk_id": d.id, "credential": credential, "agency_code": c.agency_code,
                   "commune_name": c.name}
        log.info("desk %s enrolled for %s", out["desk_id"], out["agency_code"])
        return stamp(out | {"limits": {"max_batch_events": p.MAX_BATCH_EVENTS,
                                       "max_batch_bytes": p.MAX_BATCH_BYTES}})

    @app.post(p.API + "/push", response_model=PushOut, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/PushIn"}}}}})
    async def push(request: Request) -> Any:
        """Store a batch of events in one transaction; answers per event what was stored."""
        from starlette.concurrency import run_in_threadpool

        raw = await _read_body(request)  # bounded in bytes before anything else
        return await run_in_threadpool(_push_sync, request.headers.get("authorization"), raw)

    def _push_sync(header: str | None, raw: bytes) -> dict[str, Any]:
        with write(engine) as s:
            who = auth.desk_identity(s, header)  # first: nothing is parsed for a stranger
            try:
                body = json.loads(raw)
                events = body["events"]
                assert isinstance(events, list)
            except (ValueError, KeyError, AssertionError, TypeError) as exc:
                raise Fail(400, "bad_batch", str(exc)[:200]) from exc
            if len(events) > p.MAX_BATCH_EVENTS:
                raise Fail(413, "batch_too_large", f"at most {p.MAX_BATCH_EVENTS} events")
            results, last = ingest(s, who, events, utcnow())
        stored = sum(1 for r in results if r["status"] == p.STORED)
        return stamp({"results": results, "desk_last_seq": last, "stored": stored})

    async def _read_body(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > p.MAX_BATCH_BYTES:
            raise Fail(413, "batch_too_large", f"at most {p.MAX_BATCH_BYTES} bytes")
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > p.MAX_BATCH_BYTES:
                raise Fail(413, "batch_too_large", f"at most {p.MAX_BATCH_BYTES} bytes")
        if request.headers.get("content-encoding", "").lower() == "gzip":
            try:
                data = p.gunzip_bounded(data, p.MAX_BATCH_BYTES)
            except ValueError as exc:
                code = "batch_too_large" if str(exc) == "too_large" else "bad_gzip"
                raise Fail(413 if code == "batch_too_large" else 400, code) from exc
            except Exception as exc:  # zlib.error
                raise Fail(400, "bad_gzip") from exc
        return data

    @app.get(p.API + "/pull", response_model=PullOut)
    def pull(request: Request, after: int = Query(0, ge=0),
             limit: int = Query(p.MAX_PULL_ITEMS, ge=1, le=p.MAX_PULL_ITEMS)) -> dict[str, Any]:
        """Items after the desk's checkpoint: for every commune and for the desk's own."""
        with read(engine) as s:
            who = auth.desk_identity(s, request.headers.get("authorization"))
            return stamp(feed.pull(s, who, after, limit))

    @app.get(p.API + "/desk")
    def desk_info(request: Request) -> dict[str, Any]:
        """What the hub holds from this desk (for checks and support)."""
        from sqlalchemy import func

        with read(engine) as s:
            who = auth.desk_identity(s, request.headers.get("authorization"))
            n, top = s.execute(select(func.count(Event.id), func.max(Event.seq))
                               .where(Event.desk_id == who.desk_id)).one()
        return stamp({"desk_id": who.desk_id, "agency_code": who.agency_code,
                      "events": n, "max_seq": top or 0})

    @app.get(p.API + "/dossiers/{uuid}")
    def dossier(uuid: str, request: Request) -> dict[str, Any]:
        """The province's copy of one of this commune's dossiers (404 for any other)."""
        with read(engine) as s:
            who = auth.desk_identity(s, request.headers.get("authorization"))
            d = s.get(Dossier, uuid)
            if d is None or d.commune_id != who.commune_id:
                raise Fail(404, "not_found")
            return stamp({"uuid": d.uuid, "code": d.code, "status": d.status,
                          "due_at": d.due_at.isoformat() if d.due_at else None,
                          "snapshot": d.snapshot})

    # -- province administration ----------------------------------------------------------

    @app.post(p.API + "/admin/codes")
    def admin_code(body: CodeIn, request: Request) -> dict[str, Any]:
        """Issue a one-time enrolment code for a commune (created if new)."""
        admin(request)
        from datetime import timedelta

        with write(engine) as s:
            code = auth.issue_code(s, body.agency_code, body.name, utcnow(),
                                   timedelta(days=body.valid_days))
        return stamp({"code": code, "agency_code": body.agency_code})

    @app.get(p.API + "/admin/summary")
    def admin_summary(request: Request, start: date | None = None, end: date | None = None,
                      as_of: datetime | None = None) -> dict[str, Any]:
        """Per commune: received, on time, late, overdue (as of ``as_of``, Vietnam time;
        default now), satisfaction. ``start``/``end``: days of receipt, inclusive."""
        admin(request)
        now_local = as_of.replace(tzinfo=None) if as_of else datetime.now(VN_TZ).replace(
            tzinfo=None)
        with read(engine) as s:
            return stamp({"communes": summary(s, now_local, start, end)})

    @app.get(p.API + "/admin/problems")
    def admin_problems(request: Request, limit: int = Query(100, ge=1, le=1000)
                       ) -> dict[str, Any]:
        """The latest conflicts and refusals (events not stored), newest first, and desks
        whose rating chain has problems."""
        admin(request)
        from province_hub.models import Desk, EventProblem

        with read(engine) as s:
            rows = s.scalars(select(EventProblem).order_by(EventProblem.id.desc()).limit(limit))
            problems = [{"uuid": r.uuid, "desk_id": r.desk_id, "problem": r.problem,
                         "reason": r.reason, "received_at": r.received_at.isoformat(),
                         "kind": r.event.get("kind")} for r in rows]
            chains = [{"desk_id": d.id, "problems": d.chain_problems} for d in s.scalars(
                select(Desk).where(Desk.chain_problems != [])) if d.chain_problems]
        return stamp({"events": problems, "rating_chains": chains})

    @app.post(p.API + "/admin/catalogue")
    def admin_catalogue(body: dict[str, Any], request: Request) -> dict[str, Any]:
        """Publish a catalogue release (the JSON format of resources/catalogue) to all desks."""
        admin(request)
        with write(engine) as s:
            try:
                item = feed.publish_catalogue(s, body, utcnow())
            except ValueError as exc:
                raise Fail(422, "bad_catalogue", str(exc)[:300]) from exc
            return stamp({"cursor": item.id})

    @app.post(p.API + "/admin/calendar")
    def admin_calendar(body: CalendarIn, request: Request) -> dict[str, Any]:
        """Publish a day off / make-up working day (for one commune or all)."""
        admin(request)
        with write(engine) as s:
            commune_id = None
            if body.agency_code:
                c = feed.commune_by_code(s, body.agency_code)
                if c is None:
                    raise Fail(404, "unknown_commune")
                commune_id = c.id
            item = feed.publish_calendar(s, body.day.isoformat(), body.kind, body.note,
                                         utcnow(), commune_id)
            return stamp({"cursor": item.id})

    @app.post(p.API + "/admin/dossiers/{uuid}/status")
    def admin_status(uuid: str, body: StatusIn, request: Request) -> dict[str, Any]:
        """Record a status change made upstream; the commune's desks pull it."""
        admin(request)
        with write(engine) as s:
            try:
                item = feed.upstream_status(s, uuid, body.to, body.reason, body.by, utcnow())
            except ValueError as exc:
                raise Fail(422, "bad_status", str(exc)) from exc
            if item is None:
                raise Fail(404, "not_found")
            return stamp({"cursor": item.id})

    def openapi() -> dict[str, Any]:
        # the push body is read raw (gzip); put its schema in the components by hand
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)
            extra = PushIn.model_json_schema(ref_template="#/components/schemas/{model}")
            comps = schema.setdefault("components", {}).setdefault("schemas", {})
            comps.update(extra.pop("$defs", {}))
            comps["PushIn"] = extra
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
