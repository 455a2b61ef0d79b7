"""The hub's HTTP API (FastAPI). ``create_app()`` is the factory uvicorn runs:

    uvicorn --factory province_hub.app:create_app --host 0.0.0.0 --port 8080 --workers 4

Every answer carries ``X-Hub-Time`` and ``X-Hub-Protocol``; JSON answers repeat them. Every
call but ``/healthz``, ``/api/v1/enrol`` and the schema needs a credential, checked by the
router the route is on (``province_hub.access``): a desk's for the desk calls
(``desk_api``), a province admin token for ``/api/v1/admin/...`` (``admin_api``). What a
request may hold is checked at the edge (``province_hub.edge``) before anything else reads it.

The OpenAPI schema at ``/openapi.json`` is the contract: it lists every answer each route
gives, errors included (``answer.refusals``), and the answers match it; schemathesis checks
both (tests/sync/test_hub_contract.py). No input answers 5xx; a database that cannot be reached
answers 503 ``hub_unavailable`` with ``Retry-After``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk_app.sync import protocol as p
from province_hub import admin_api, auth, desk_api, edge
from province_hub.access import AdminGuard, DeskGuard
from province_hub.answer import WHY, ErrorOut, Fail, Json, Stamped, refusals, stamp, utcnow
from province_hub.db import make_engine, write
from province_hub.edge import PushIn, WireEvent

__all__ = ["Fail", "create_app", "stamp", "utcnow"]

log = logging.getLogger("province_hub")


RETRY_AFTER_S = 30  # after a 503: how long a database restart takes, roughly
# the database cannot be reached, or gave up on this transaction (deadlock, pool exhausted)
UNAVAILABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


class EnrolIn(BaseModel):
    code: edge.text(40) = Field(description="one-time code issued by the province, e.g. "
                                            "ABCD-EFGH-JKLM")
    agency_code: edge.AGENCY = Field(description="the desk's commune agency code")
    installation_id: edge.text(36, min_length=1, pattern=edge.TOKEN) = Field(
        description="a UUID the desk made once; same desk on re-enrol")
    desk_name: edge.text(1000) = Field("", description="kept to its first 200 characters")
    counter: edge.whole(1, 9) | None = Field(None, description=(
        "the desk's counter number, the first digit of the daily sequence of its dossier "
        "codes; unique among the commune's desks (409 counter_taken)"))
    secret: edge.text(86, pattern=p.SECRET_PATTERN) | None = Field(None, description=(
        "the desk's own new secret (43-86 URL-safe characters): the same request again (its "
        "answer was lost) gets the same credential back"))
    previous_credential: edge.text(200) | None = Field(None, description=(
        "the desk's current credential (even revoked): proves that a re-enrolling desk is "
        "the one enrolled with this installation id (else 409 installation_taken)"))


class EnrolOut(Stamped):
    desk_id: int
    credential: str = Field(description="send as 'Authorization: Bearer <credential>'")
    agency_code: str
    commune_name: str
    counter: int | None = Field(None, description="the desk's counter number at the hub")
    limits: dict[str, int]


def create_app(database_url: str | None = None, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(database_url)
    app = FastAPI(
        title="Province hub - sync of commune one-stop desks",
        version=f"protocol {p.PROTOCOL_VERSION}",
        description="See docs/sync-protocol.md. Push bodies are gzip-compressed JSON "
                    "(Content-Encoding: gzip) of the PushIn schema. Every request may carry "
                    f"`{p.HEADER_PROTOCOL}` (the desk's protocol version); one the hub does "
                    "not speak is answered 426.",
        default_response_class=Json,
    )
    app.router.route_class = edge.EdgeRoute  # the public routes' bodies are bounded too
    app.state.engine = engine
    app.add_middleware(GZipMiddleware, minimum_size=800)

    @app.middleware("http")
    async def protocol_and_clock(request: Request, call_next: Any) -> Any:
        asked = request.headers.get(p.HEADER_PROTOCOL)
        if asked is not None and not (asked.isascii() and asked.isdigit() and len(asked) < 10
                                      and int(asked) in p.SUPPORTED_VERSIONS):
            resp = Json(stamp({"error": "protocol_unsupported",
                                       "detail": f"supported: {sorted(p.SUPPORTED_VERSIONS)}"}),
                                status_code=426)
        else:
            resp = await call_next(request)
        resp.headers[p.HEADER_HUB_TIME] = p.utc_now_text(datetime.now(UTC))
        resp.headers[p.HEADER_HUB_PROTOCOL] = str(p.PROTOCOL_VERSION)
        return resp

    @app.exception_handler(Fail)
    async def _fail(r: Request, exc: Fail) -> Json:
        if exc.code == "upload_cut":  # nobody is left to read the answer: no alarm either
            log.info("%s %s: the client dropped its upload", r.method, r.url.path)
        return Json(stamp({"error": exc.code, "detail": exc.detail}), exc.status)

    @app.exception_handler(auth.AuthError)
    async def _auth(_r: Request, exc: auth.AuthError) -> Json:
        return Json(stamp({"error": exc.code}), exc.status,
                    headers={"WWW-Authenticate": "Bearer"} if exc.status == 401 else {})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> Json:
        return Json(stamp({"error": "invalid_request", "detail": str(exc.errors())[:500]}), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> Json:
        # a 405 names the methods the path takes (Allow), as RFC 9110 asks
        return Json(stamp({"error": f"http_{exc.status_code}", "detail": str(exc.detail)}),
                    exc.status_code, headers=exc.headers)

    async def _unavailable(r: Request, exc: Exception) -> Json:
        log.warning("%s %s: database unavailable: %s", r.method, r.url.path,
                    (str(exc).splitlines() or [type(exc).__name__])[0][:200])
        return Json(stamp({"error": "hub_unavailable",
                           "detail": "the hub's database cannot be reached just now"}),
                    503, headers={"Retry-After": str(RETRY_AFTER_S)})

    for unavailable in UNAVAILABLE:
        app.add_exception_handler(unavailable, _unavailable)

    @app.get("/healthz", response_model=Stamped)
    def healthz() -> dict[str, Any]:
        return stamp({})

    @app.post(p.API + "/enrol", response_model=EnrolOut,
              responses=refusals(400, 403, 409, 413, 422))
    def enrol(body: EnrolIn) -> dict[str, Any]:
        """Trade a one-time enrolment code for this desk's credential."""
        with write(engine) as s:
            d, c, credential = auth.enrol(s, body.code, body.agency_code, body.installation_id,
                                          body.desk_name, utcnow(), secret=body.secret,
                                          counter=body.counter,
                                          previous_credential=body.previous_credential)
            out = {"desk_id": d.id, "credential": credential, "agency_code": c.agency_code,
                   "commune_name": c.name, "counter": d.counter}
        log.info("desk %s enrolled for %s", out["desk_id"], out["agency_code"])
        return stamp(out | {"limits": {"max_batch_events": p.MAX_BATCH_EVENTS,
                                       "max_batch_bytes": p.MAX_BATCH_BYTES}})

    app.include_router(desk_api.routes(engine, DeskGuard(engine, utcnow)))
    app.include_router(admin_api.routes(engine, AdminGuard(engine, utcnow)))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


_HUB_HEADERS = {
    p.HEADER_HUB_TIME: {"description": "the hub's clock, UTC, ISO 8601",
                        "schema": {"type": "string"}},
    p.HEADER_HUB_PROTOCOL: {"description": "the hub's protocol version",
                            "schema": {"type": "string", "pattern": "^[0-9]+$"}},
}


def _document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document: FastAPI's, plus what every route answers whatever it is (426,
    503, the hub's headers), the push body's schema (the route reads it raw) and the event's."""
    from fastapi.openapi.utils import get_openapi

    doc = get_openapi(title=app.title, version=app.version, description=app.description,
                      routes=app.routes)
    comps = doc.setdefault("components", {}).setdefault("schemas", {})
    for model in (PushIn, WireEvent, ErrorOut):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        comps.update(schema.pop("$defs", {}))
        comps[model.__name__] = schema
    for name in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422, never answered
        comps.pop(name, None)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for ops in doc["paths"].values():
        for op in ops.values():
            answers = op.setdefault("responses", {})
            for status in (426, 503):
                answers.setdefault(str(status), {"description": WHY[status], "content": error})
            for status, answer in answers.items():
                headers = answer.setdefault("headers", {})
                headers.update(_HUB_HEADERS)
                if status == "401":
                    headers["WWW-Authenticate"] = {"description": "Bearer",
                                                   "schema": {"type": "string"}}
                if status == "503":
                    headers["Retry-After"] = {"description": "seconds",
                                              "schema": {"type": "string",
                                                         "pattern": "^[0-9]+$"}}
    return doc
