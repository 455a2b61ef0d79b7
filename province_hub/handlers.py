"""What the hub does around every route: the protocol header check (426), the hub's clock and
protocol on every answer, and every refusal answered as ``{"error": code, "detail": ...}``
(``answer.ErrorOut``): a handler's ``Fail``, a credential's ``AuthError``, a request that does
not match the document (422), Starlette's own 404/405, and a database that cannot be reached
(503 ``hub_unavailable`` with ``Retry-After``).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import exc as sa_exc
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desk_app.sync import protocol as p
from province_hub import auth
from province_hub.answer import Fail, Json, stamp
from province_hub.clock import Clock

log = logging.getLogger("province_hub")

RETRY_AFTER_S = 30  # after a 503: how long a database restart takes, roughly
# the database cannot be reached, or gave up on this transaction (deadlock, pool exhausted)
UNAVAILABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


def _speaks(asked: str | None) -> bool:
    """True when the request names no protocol version, or one the hub speaks."""
    return asked is None or (asked.isascii() and asked.isdigit() and len(asked) < 10
                             and int(asked) in p.SUPPORTED_VERSIONS)


class ProtocolAndClock:
    """Refuses a protocol version the hub does not speak (426); puts the hub's clock and
    protocol on every answer. Plain ASGI: no task and no response stream of its own around
    every request, as Starlette's ``BaseHTTPMiddleware`` makes."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app, self.clock = app, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers[p.HEADER_HUB_TIME] = p.utc_now_text(self.clock.now())
                headers[p.HEADER_HUB_PROTOCOL] = str(p.PROTOCOL_VERSION)
            await send(message)

        if not _speaks(Headers(scope=scope).get(p.HEADER_PROTOCOL)):
            refused = Json(stamp({
                "error": "protocol_unsupported",
                "detail": f"supported: {sorted(p.SUPPORTED_VERSIONS)}"}, self.clock),
                status_code=426)
            await refused(scope, receive, stamped)
            return
        await self.app(scope, receive, stamped)


def install(app: FastAPI, clock: Clock) -> None:
    """Put the middleware and the exception handlers on ``app``."""
    app.add_middleware(GZipMiddleware, minimum_size=800)

    app.add_middleware(ProtocolAndClock, clock=clock)

    @app.exception_handler(Fail)
    async def _fail(r: Request, exc: Fail) -> Json:
        if exc.code == "upload_cut":  # nobody is left to read the answer: no alarm either
            log.info("%s %s: the client dropped its upload", r.method, r.url.path)
        return Json(stamp({"error": exc.code, "detail": exc.detail}, clock), exc.status)

    @app.exception_handler(auth.AuthError)
    async def _auth(_r: Request, exc: auth.AuthError) -> Json:
        return Json(stamp({"error": exc.code}, clock), exc.status,
                    headers={"WWW-Authenticate": "Bearer"} if exc.status == 401 else {})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> Json:
        return Json(stamp({"error": "invalid_request", "detail": str(exc.errors())[:500]},
                          clock), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> Json:
        # a 405 names the methods the path takes (Allow), as RFC 9110 asks
        return Json(stamp({"error": f"http_{exc.status_code}", "detail": str(exc.detail)},
                          clock), exc.status_code, headers=exc.headers)

    async def _unavailable(r: Request, exc: Exception) -> Json:
        log.warning("%s %s: database unavailable: %s", r.method, r.url.path,
                    (str(exc).splitlines() or [type(exc).__name__])[0][:200])
        return Json(stamp({"error": "hub_unavailable",
                           "detail": "the hub's database cannot be reached just now"}, clock),
                    503, headers={"Retry-After": str(RETRY_AFTER_S)})

    for unavailable in UNAVAILABLE:
        app.add_exception_handler(unavailable, _unavailable)
