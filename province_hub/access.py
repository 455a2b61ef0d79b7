"""Who may call what: the hub's guarded routers.

Every route under ``/api/v1/admin`` is added to ``admin_router``, every desk call (push, pull,
desk, dossier read-back) to ``desk_router``. The router carries the check as its dependency,
so a handler cannot forget it and a new route is covered the moment it is added:

* no credential, a malformed, unknown or revoked one, an expired admin token: **401**;
* a credential of the wrong kind (a desk's on an admin route, an admin token on a desk
  route): **403** (``admin_only`` / ``desk_only``); the credential is checked first, so a
  desk credential that names nobody is a 401 there too.

The check runs before FastAPI reads and validates the body (``GuardedRoute``): a stranger gets
401 and never a 422 describing the schema, and his body is not even read. The caller found is
kept in the request scope, so FastAPI's own call of the dependency (which hands it to the
handler) does not look it up again. The dependency also names its bearer scheme (``admin`` or
``desk``), so each operation of the OpenAPI document says which credential it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute, APIRouter
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from desk_app.sync import protocol as p
from province_hub import auth
from province_hub.db import read, write

ADMIN_SCHEME = HTTPBearer(scheme_name="admin", auto_error=False, description=(
    "A province admin token `adm.<id>.<secret>` from `python -m province_hub admin-token`; "
    "it expires (90 days unless made with another `--days`)."))
DESK_SCHEME = HTTPBearer(scheme_name="desk", auto_error=False, description=(
    "A desk's credential `dk.<desk id>.<secret>`, from `POST /api/v1/enrol`."))
_CALLER = "province_hub.caller"


class Guard:
    """Finds the caller once per request; the subclasses say which kind of caller passes."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.engine, self.clock = engine, clock

    def _identify(self, header: str | None) -> auth.Caller:
        with read(self.engine) as s:
            who = auth.identify(s, header, self.clock())
        if isinstance(who, auth.DeskIdentity) and who.promote is not None:
            with write(self.engine) as s:  # a rotated credential's first use retires the old
                auth.promote(s, who)
        return who

    async def caller(self, request: Request) -> auth.Caller:
        found: auth.Caller | None = request.scope.get(_CALLER)
        if found is None:
            found = await run_in_threadpool(self._identify, request.headers.get("authorization"))
            request.scope[_CALLER] = found
        return found

    async def check(self, request: Request) -> auth.Caller:
        raise NotImplementedError


class AdminGuard(Guard):
    async def check(self, request: Request) -> auth.AdminIdentity:
        who = await self.caller(request)
        if not isinstance(who, auth.AdminIdentity):
            raise auth.AuthError("admin_only", 403)
        return who

    async def __call__(self, request: Request,
                       _: HTTPAuthorizationCredentials | None = Depends(ADMIN_SCHEME)
                       ) -> auth.AdminIdentity:
        return await self.check(request)


class DeskGuard(Guard):
    async def check(self, request: Request) -> auth.DeskIdentity:
        who = await self.caller(request)
        if not isinstance(who, auth.DeskIdentity):
            raise auth.AuthError("desk_only", 403)
        return who

    async def __call__(self, request: Request,
                       _: HTTPAuthorizationCredentials | None = Depends(DESK_SCHEME)
                       ) -> auth.DeskIdentity:
        return await self.check(request)


class GuardedRoute(APIRoute):
    """A route whose guards (the ``Guard`` dependencies of its router) run before FastAPI reads
    and validates the request body. Only guards given to ``APIRouter(dependencies=...)`` or to
    the route itself are seen here; one given to ``include_router(dependencies=...)`` would
    still run, but after the body (tests/sync/test_hub_access.py would say so)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        guards = [d.dependency for d in self.dependencies if isinstance(d.dependency, Guard)]

        async def guarded(request: Request) -> Response:
            for guard in guards:
                await guard.check(request)
            return await handler(request)

        return guarded


def admin_router(guard: AdminGuard) -> APIRouter:
    return APIRouter(prefix=p.API + "/admin", tags=["province administration"],
                     dependencies=[Depends(guard)], route_class=GuardedRoute)


def desk_router(guard: DeskGuard) -> APIRouter:
    return APIRouter(prefix=p.API, tags=["desk"], dependencies=[Depends(guard)],
                     route_class=GuardedRoute)
