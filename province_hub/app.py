"""The hub's HTTP API (FastAPI). ``create_app()`` is the factory uvicorn runs:

    uvicorn --factory province_hub.app:create_app --host 0.0.0.0 --port 8080 --workers 4

Every answer carries ``X-Hub-Time`` and ``X-Hub-Protocol``; JSON answers repeat them. Every
call but ``/healthz``, ``/api/v1/enrol`` and the schema needs a credential, checked by the
router the route is on (``province_hub.access``): a desk's for the desk calls
(``desk_api``), a province admin token for ``/api/v1/admin/...`` (``admin_api``). The OpenAPI
schema is at ``/openapi.json``.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk_app.sync import protocol as p
from province_hub import admin_api, auth, desk_api
from province_hub.access import AdminGuard, DeskGuard
from province_hub.answer import Fail, Stamped, stamp, utcnow
from province_hub.db import make_engine, write
from province_hub.desk_api import PushIn

__all__ = ["Fail", "create_app", "stamp", "utcnow"]

log = logging.getLogger("province_hub")


class EnrolIn(BaseModel):
    code: str = Field(description="one-time code issued by the province, e.g. ABCD-EFGH-JKLM")
    agency_code: str = Field(description="the desk's commune agency code")
    installation_id: str = Field(description="a UUID the desk made once; same desk on re-enrol")
    desk_name: str = ""
    counter: int | None = Field(None, strict=True, ge=1, le=9, description=(
        "the desk's counter number, the first digit of the daily sequence of its dossier "
        "codes; unique among the commune's desks (409 counter_taken)"))
    secret: str | None = Field(None, pattern=p.SECRET_PATTERN, description=(
        "the desk's own new secret (43-86 URL-safe characters): the same request again (its "
        "answer was lost) gets the same credential back"))
    previous_credential: str | None = Field(None, max_length=200, description=(
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

    @app.get("/healthz", response_model=Stamped)
    def healthz() -> dict[str, Any]:
        return stamp({})

    @app.post(p.API + "/enrol", response_model=EnrolOut)
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
