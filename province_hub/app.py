"""The hub's HTTP API (FastAPI), assembled: ``create_app()`` is the factory uvicorn runs:

    python -m province_hub serve --host 0.0.0.0 --port 8080 --workers 4

(uvicorn with ``TCP_NODELAY`` on each connection: :mod:`province_hub.serve` says why the bare
``uvicorn --factory province_hub.app:create_app --workers 4`` is 15 times slower per request.)

The routes come in three routers, by audience: the public calls (``public_api``: health,
enrolment), the desks' (``desk_api``, a desk's credential) and the province's
(``admin_api``, a province admin token); the credential is checked by the router the route is
on (``province_hub.access``). Citizens have one page: their dossier's status (``status_page``,
the link in form 01's QR). What a request may hold is checked at the edge
(``province_hub.edge``) before anything else reads it. Every answer carries ``X-Hub-Time`` and
``X-Hub-Protocol``, JSON answers repeat them (``handlers``); the time is the app's clock
(``province_hub.clock``, injectable: ``create_app(clock=FixedClock(...))``).

The OpenAPI schema at ``/openapi.json`` is the contract: it lists every answer each route
gives, errors included (``answer.refusals``; ``openapi_doc``), and the answers match it;
schemathesis checks both (tests/sync/test_hub_contract.py). No input answers 5xx; a database that cannot be reached
answers 503 ``hub_unavailable`` with ``Retry-After``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

from desk_app.sync import protocol as p
from province_hub import (
    admin_api,
    dashboard,
    desk_api,
    edge,
    files_api,
    handlers,
    public_api,
    status_page,
)
from province_hub.access import AdminGuard, DeskGuard
from province_hub.answer import Fail, Json
from province_hub.clock import Clock
from province_hub.db import make_engine
from province_hub.files import FileStore, default_root
from province_hub.openapi_doc import document

__all__ = ["Fail", "create_app"]


def create_app(database_url: str | None = None, engine: Engine | None = None,
               clock: Clock | None = None, files_dir: Path | None = None) -> FastAPI:
    """The hub on ``engine`` (else one made from ``database_url``, else from the environment),
    reading the time from ``clock`` (else the system's), keeping scanned files in
    ``files_dir`` (else ``PROVINCE_HUB_FILES``, province_hub.files)."""
    engine = engine or make_engine(database_url)
    clock = clock or Clock()
    app = FastAPI(
        title="Province hub - sync of commune one-stop desks",
        version=f"protocol {p.PROTOCOL_VERSION}",
        description="See docs/sync-protocol.md. Push bodies are gzip-compressed JSON "
                    "(Content-Encoding: gzip) of the PushIn schema. Every request may carry "
                    f"`{p.HEADER_PROTOCOL}` (the desk's protocol version); one the hub does "
                    "not speak is answered 426.",
        default_response_class=Json,
    )
    app.router.route_class = edge.EdgeRoute  # a route added here directly is bounded too
    app.state.engine = engine
    app.state.clock = clock
    handlers.install(app, clock)
    app.include_router(public_api.routes(engine, clock))
    files = FileStore(files_dir or default_root())
    desk_guard = DeskGuard(engine, clock.utc)
    app.include_router(desk_api.routes(engine, desk_guard, clock))
    app.include_router(files_api.routes(engine, desk_guard, clock, files))
    app.include_router(admin_api.routes(engine, AdminGuard(engine, clock.utc), clock))
    app.include_router(dashboard.routes(engine, clock, files))  # staff pages, outside the document
    app.include_router(status_page.routes(engine, clock))  # the citizens' page (form 01's QR)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
    return app
