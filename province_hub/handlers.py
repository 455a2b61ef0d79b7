"""What the hub does around every route: the protocol header check (426), the hub's clock and
protocol on every answer, and every refusal answered as ``{"error": code, "detail": ...}``
(``answer.ErrorOut``): a handler's ``Fail``, a credential's ``AuthError``, a request that does
not match the document (422), Starlette's own 404/405, and a database that cannot be reached
(503 ``hub_unavailable`` with ``Retry-After``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

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


def install(app: FastAPI, clock: Clock) -> None:
    """Put the middleware and the exception handlers on ``app``."""
    app.add_middleware(GZipMiddleware, minimum_size=800)

    @app.middleware("http")
    async def protocol_and_clock(request: Request,
                                 call_next: Callable[[Request], Awaitable[Response]]
                                 ) -> Response:
        if not _speaks(request.headers.get(p.HEADER_PROTOCOL)):
            resp: Response = Json(stamp({
                "error": "protocol_unsupported",
                "detail": f"supported: {sorted(p.SUPPORTED_VERSIONS)}"}, clock), status_code=426)
        else:
            resp = await call_next(request)
        resp.headers[p.HEADER_HUB_TIME] = p.utc_now_text(clock.now())
        resp.headers[p.HEADER_HUB_PROTOCOL] = str(p.PROTOCOL_VERSION)
        return resp

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
