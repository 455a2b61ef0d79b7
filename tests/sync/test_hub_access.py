"""Who may call what at the hub, walked from its own OpenAPI document.

Every operation the document lists is called with no credential, garbage, an unknown, revoked
or expired credential, and a credential of the wrong kind (a desk's where an admin's is needed,
an admin's where a desk's is): all refused with 401/403, never served, never 5xx, and nothing
written. The same calls with the right credential are served (200): the path parameters and
bodies are plausible, so a refusal comes from the credential, not from validation. A stranger
with a broken body gets 401, never a 422 describing the schema.

The routes are not listed here: they come from the document, and the document must name, for
each operation, the credential it needs (its ``security``). Only the operations in ``PUBLIC``
may need none. Values are given per parameter name and per body schema: a new route with a new
schema fails here until it is given a plausible value.

Runs on SQLite and on a real PostgreSQL (its own database in the session's cluster).
"""

from __future__ import annotations

import hashlib
import re
import uuid as uuid_mod
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import Engine, func, select
from starlette.routing import BaseRoute

from desk_app.sync import protocol as p
from province_hub import auth
from province_hub.__main__ import main as hub_cli
from province_hub.app import create_app
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from province_hub.models import AdminToken, Commune, Desk, EnrolmentCode, Event, FeedItem
from tests.sync.servers import new_database
from tests.sync.test_sync_pull import new_release

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx still works here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# The only operations anyone may call, and why.
PUBLIC = {
    ("GET", "/healthz"): "liveness: load balancers and the desk's 'is this the hub?' check",
    ("POST", "/api/v1/enrol"): "a desk with no credential yet trades its one-time code for one",
    ("GET", "/tra-cuu/{code}"): "a citizen's status page: the key in the link opens it",
}
# Served outside the document (FastAPI's own pages): the schema and its viewers, public.
SCHEMA_PAGES = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
ADMIN_PREFIX = "/api/v1/admin/"
# The provincial staff's web pages: not an API, so not in the document; behind a staff
# session (tests/sync/test_hub_staff.py refuses desk and admin credentials there).
STAFF_PREFIX = "/tinh/"


@dataclass(frozen=True)
class Op:
    method: str
    path: str
    needs: str | None  # what the document says: "admin" | "desk" | None (public)
    params: tuple[tuple[str, str, bool], ...]  # (name, in, required)
    body: str | None  # the body schema's name

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def caller(self) -> str:
        """Who may call it, by the rule (not by the document): the province under
        /api/v1/admin, a desk elsewhere."""
        return "admin" if self.path.startswith(ADMIN_PREFIX) else "desk"


def _schema_name(op: dict[str, Any]) -> str | None:
    content = op.get("requestBody", {}).get("content", {})
    if not content:
        return None
    if "application/octet-stream" in content:  # raw bytes (a scanned file's chunk)
        return str(content["application/octet-stream"]["schema"]["title"])
    schema = content["application/json"]["schema"]
    return str(schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else schema["title"])


def _needs(op: dict[str, Any]) -> str | None:
    security = op.get("security")
    if not security:
        return None
    names = {name for requirement in security for name in requirement}
    assert len(names) == 1, f"one kind of credential per operation: {names}"
    return names.pop()


def operations() -> list[Op]:
    doc = create_app("sqlite://").openapi()
    out = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            params = tuple((x["name"], x["in"], bool(x.get("required")))
                           for x in op.get("parameters", []))
            out.append(Op(method.upper(), path, _needs(op), params, _schema_name(op)))
    return out


OPS = operations()
GUARDED = [op for op in OPS if (op.method, op.path) not in PUBLIC]


# -- the world every call is made in ---------------------------------------------------------

@dataclass
class World:
    client: TestClient
    engine: Engine
    agency_code: str
    dossier_uuid: str
    intake: dict[str, Any]
    file: bytes
    tokens: dict[str, str] = field(default_factory=dict)  # admin, desk, expired_admin, ...


@pytest.fixture(scope="module", params=["sqlite", pytest.param(
    "postgresql", marks=[pytest.mark.slow, pytest.mark.requires_postgresql])])
def hub_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('access') / 'hub.sqlite3'}"
    pg = request.getfixturevalue("postgres")
    return new_database(pg.url, f"access_{uuid_mod.uuid4().hex[:10]}")


@pytest.fixture(scope="module")
def world(hub_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    upgrade(hub_url)
    engine = make_engine(hub_url)
    agency, now = "000.00.31.H26", Clock().utc()
    with write(engine) as s:
        tokens = {
            "admin": auth.make_admin_token(s, "Văn phòng", now),
            "expired_admin": auth.make_admin_token(s, "cũ", now - timedelta(days=2),
                                                   timedelta(days=1)),
            "revoked_admin": auth.make_admin_token(s, "thu hồi", now),
        }
        auth.revoke_admin_token(s, int(tokens["revoked_admin"].split(".")[1]))
        codes = [auth.issue_code(s, agency, "Xã Phù Đổng", now) for _ in range(2)]
    with write(engine) as s:
        tokens["desk"] = auth.enrol(s, codes[0], agency, str(uuid_mod.uuid4()), "Máy 1", now)[2]
        revoked, _, tokens["revoked_desk"] = auth.enrol(s, codes[1], agency,
                                                        str(uuid_mod.uuid4()), "Máy 2", now)
        revoked.revoked = True
    dossier = str(uuid_mod.uuid4())
    at = "2026-11-23T09:00:00+07:00"
    intake = {"uuid": str(uuid_mod.uuid4()), "seq": 1, "entity": "dossier",
              "entity_uuid": dossier, "kind": "dossier.intake", "created_at": at,
              "payload": {"uuid": dossier, "code": f"{agency}-261123-0001",
                          "agency_code": agency, "procedure_code": "1.001000",
                          "status": "received", "received_at": at,
                          "due_at": "2026-11-26T09:00:00+07:00"}}
    file = b"%PDF-1.4 a scanned page"
    document = str(uuid_mod.uuid4())
    attached = {"uuid": str(uuid_mod.uuid4()), "seq": 2, "entity": "document",
                "entity_uuid": document, "kind": "document.attached", "created_at": at,
                "payload": {"uuid": document, "dossier_uuid": dossier, "agency_code": agency,
                            "role": "component", "component": 1, "pages": 1,
                            "sha256": hashlib.sha256(file).hexdigest(), "size": len(file),
                            "source": "scanner", "reused_from": None, "at": at}}
    files = tmp_path_factory.mktemp("files")
    with TestClient(create_app(engine=engine, files_dir=files),
                    base_url="http://testserver") as client:
        r = client.post("/api/v1/push", json={"protocol": 1, "events": [intake, attached]},
                        headers={"Authorization": f"Bearer {tokens['desk']}"})
        assert r.json()["stored"] == 2, r.text
        yield World(client, engine, agency, dossier, intake, file, tokens)
    engine.dispose()


# -- plausible values, by parameter name and by body schema ----------------------------------

PATH_VALUES: dict[str, Callable[[World], str]] = {
    "uuid": lambda w: w.dossier_uuid,
    # the revoked desk: revoking it again, or asking it to rotate, leaves the others alone
    "desk_id": lambda w: w.tokens["revoked_desk"].split(".")[1],
    "sha256": lambda w: hashlib.sha256(w.file).hexdigest(),  # a file a document declared
}
BODIES: dict[str, Callable[[World], Any]] = {
    "PushIn": lambda w: {"protocol": p.PROTOCOL_VERSION, "events": [w.intake]},
    "CodeIn": lambda w: {"agency_code": w.agency_code, "name": "Xã Phù Đổng", "valid_days": 7},
    "CatalogueRelease": lambda w: new_release(),
    "CalendarIn": lambda w: {"day": "2027-02-20", "kind": "off", "note": "Nghỉ bù",
                             "agency_code": w.agency_code},
    "StatusIn": lambda w: {"to": "in_processing", "reason": "Tỉnh tiếp nhận xử lý",
                           "by": "Sở Tư pháp"},
    "CounterIn": lambda w: {"counter": 3},
    # a next secret: the desk's current credential keeps working until this one is used
    "CredentialIn": lambda w: {"secret": "n" * 43},
    # a scanned file's bytes from offset 0 (the whole small file: it is then complete)
    "FileChunk": lambda w: w.file,
    "StatusesIn": lambda w: {"files": [hashlib.sha256(w.file).hexdigest()]},
}


def url_of(op: Op, w: World) -> str:
    path = op.path
    for name, where, required in op.params:
        if where == "path":
            assert name in PATH_VALUES, f"{op}: give PATH_VALUES a plausible {name!r}"
            path = path.replace("{" + name + "}", PATH_VALUES[name](w))
        else:
            assert not required, f"{op}: required {where} parameter {name!r} has no value here"
    return path


def call(w: World, op: Op, authorization: str | bytes | None, *,
         content: bytes | None = None, params: dict[str, str] | None = None) -> httpx.Response:
    headers: dict[str, str | bytes] = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    kw: dict[str, Any] = {"params": params}
    if content is not None:
        kw["content"] = content
    elif op.body is not None:
        assert op.body in BODIES, f"{op}: give BODIES a plausible {op.body!r}"
        value = BODIES[op.body](w)
        if isinstance(value, bytes):
            kw["content"] = value
            headers["Content-Type"] = "application/octet-stream"
            headers["X-Chunk-Sha256"] = hashlib.sha256(value).hexdigest()
        else:
            kw["json"] = value
    return w.client.request(op.method, url_of(op, w), headers=headers, **kw)


def bearer(w: World, name: str) -> str:
    return f"Bearer {w.tokens[name]}"


def wrong_secret(token: str) -> str:
    kind, ident, _secret = token.split(".", 2)
    return f"Bearer {kind}.{ident}.{'A' * 43}"


def written(w: World) -> tuple[int, ...]:
    with w.engine.connect() as c:
        return tuple(c.scalar(select(func.count()).select_from(t)) for t in (
            Event, FeedItem, EnrolmentCode, Commune, Desk, AdminToken))


def assert_refused(r: httpx.Response, status: int, error: str, what: str) -> None:
    assert (r.status_code, r.json().get("error")) == (status, error), f"{what}: {r.text}"
    assert set(r.json()) == {"protocol", "server_time", "error"}, f"{what} says more: {r.text}"
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"


# -- the document ----------------------------------------------------------------------------

def served_routes(routes: list[BaseRoute]) -> list[tuple[BaseRoute, str, set[str]]]:
    """(route, path, methods) of every route the app serves, included routers flattened."""
    try:  # FastAPI 0.16x keeps included routers nested; older ones copy their routes
        from fastapi.routing import iter_route_contexts
    except ImportError:
        return [(r, getattr(r, "path", ""), set(getattr(r, "methods", None) or ())) for r in routes]
    return [(c.original_route, c.path or "", set(c.methods or ()))
            for c in iter_route_contexts(routes)]


def test_the_document_names_the_credential_of_every_route_but_the_public_ones() -> None:
    app = create_app("sqlite://")
    routes = served_routes(app.routes)
    listed = {(op.method, op.path) for op in OPS}
    # the document writes a path parameter without its convertor ({code:path} as {code})
    served = {(m, re.sub(r"\{(\w+):\w+\}", r"{\1}", path)) for r, path, methods in routes
              if isinstance(r, APIRoute) for m in methods if not path.startswith(STAFF_PREFIX)}
    assert served == listed, "a route is hidden from the document, so from this walk"
    assert {path for r, path, _ in routes if not isinstance(r, APIRoute)} == SCHEMA_PAGES
    assert {(op.method, op.path) for op in OPS if op.needs is None} == set(PUBLIC)
    for op in GUARDED:
        assert op.needs == op.caller, f"{op}: the document names {op.needs!r}"
    # the walk is not empty: the three routes issue 9 names are in it, and the desks' own
    admin = {(op.method, op.path) for op in OPS if op.caller == "admin"}
    assert {("POST", ADMIN_PREFIX + "codes"), ("POST", ADMIN_PREFIX + "catalogue"),
            ("POST", ADMIN_PREFIX + "dossiers/{uuid}/status")} <= admin
    assert {("POST", "/api/v1/push"), ("GET", "/api/v1/pull"),
            ("GET", "/api/v1/files/{sha256}"), ("PUT", "/api/v1/files/{sha256}")} <= {
        (op.method, op.path) for op in OPS if op.caller == "desk"}


def test_the_public_routes_answer_strangers(world: World) -> None:
    assert world.client.get("/healthz").status_code == 200
    for page in SCHEMA_PAGES - {"/docs/oauth2-redirect"}:
        assert world.client.get(page).status_code == 200, page
    r = world.client.post("/api/v1/enrol", json={"code": "AAAA-BBBB-CCCC", "installation_id":
                                                 "x", "agency_code": world.agency_code})
    assert_refused(r, 403, "bad_enrolment_code", "enrol with a made-up code")


# -- every guarded route, every wrong caller -------------------------------------------------

GARBAGE: list[str | bytes] = [
    "", "Bearer", "Bearer ", "Bearer not-a-token", "Basic YWRtaW46c2VjcmV0",
    "Bearer adm", "Bearer adm.1", "Bearer adm..x", "Bearer dk.1.", "Bearer xyz.1.abc",
    "Bearer adm.-1.x", "Bearer adm.99999999999999999999.x", "Bearer dk.2147483648.x",
    "Bearer dk.\xb2.x".encode("latin-1"), "Bearer adm.1.x.y.z", "Bearer " + "a" * 5000,
]


def strangers(w: World, op: Op) -> list[tuple[str, str | bytes | None, str]]:
    """(what, Authorization, expected error) of every caller that names nobody valid."""
    out: list[tuple[str, str | bytes | None, str]] = [("no credential", None, "unauthorized")]
    out += [(f"garbage {g!r}", g, "unauthorized") for g in GARBAGE]
    out += [
        ("unknown admin id", "Bearer adm.999999.secret", "unauthorized"),
        ("unknown desk id", "Bearer dk.999999.secret", "unauthorized"),
        ("admin id, wrong secret", wrong_secret(w.tokens["admin"]), "unauthorized"),
        ("desk id, wrong secret", wrong_secret(w.tokens["desk"]), "unauthorized"),
        ("expired admin token", bearer(w, "expired_admin"), "token_expired"),
        ("revoked admin token", bearer(w, "revoked_admin"), "credential_revoked"),
        ("revoked desk credential", bearer(w, "revoked_desk"), "credential_revoked"),
    ]
    return out


@pytest.mark.parametrize("op", GUARDED, ids=str)
def test_strangers_are_refused_with_401(world: World, op: Op) -> None:
    before = written(world)
    for what, authorization, error in strangers(world, op):
        assert_refused(call(world, op, authorization), 401, error, f"{op}, {what}")
    assert written(world) == before, f"{op}: a refused call wrote something"


@pytest.mark.parametrize("op", GUARDED, ids=str)
def test_the_wrong_kind_of_credential_is_refused_with_403(world: World, op: Op) -> None:
    before = written(world)
    other, error = ("desk", "admin_only") if op.caller == "admin" else ("admin", "desk_only")
    assert_refused(call(world, op, bearer(world, other)), 403, error, f"{op}, {other} token")
    assert written(world) == before, f"{op}: a refused call wrote something"


@pytest.mark.parametrize("op", GUARDED, ids=str)
def test_a_stranger_with_a_broken_request_gets_401_not_422(world: World, op: Op) -> None:
    """Checked before the body is read: the schema's rules are not told to strangers."""
    broken: list[dict[str, Any]] = [{"params": {name: "not-a-value" for name, where, _ in
                                                op.params if where == "query"}}]
    if op.body is not None:
        broken += [{"content": b'{"events": [1, 2'}, {"content": b'{"unexpected": true}'},
                   {"content": b"\x1f\x8b not json"}]
    for kw in broken:
        for authorization in (None, "Bearer not-a-token"):
            r = call(world, op, authorization, **kw)
            assert_refused(r, 401, "unauthorized", f"{op} {kw}")
    # the same broken request from the right caller is refused by validation (so the walk
    # above did send something FastAPI would have judged)
    if op.body is not None:
        r = call(world, op, bearer(world, op.caller), content=b'{"events": [1, 2')
        assert 400 <= r.status_code < 500 and r.status_code not in (401, 403), r.text


@pytest.mark.parametrize("op", GUARDED, ids=str)
def test_the_right_caller_is_served_with_the_same_values(world: World, op: Op) -> None:
    r = call(world, op, bearer(world, op.caller))
    assert r.status_code == 200, f"{op}: {r.text}"


# -- admin token lifetime ----------------------------------------------------------------------

def test_an_admin_token_works_until_it_expires_and_stops_when_revoked(world: World) -> None:
    summary = "/api/v1/admin/summary"
    now = Clock().utc()
    with write(world.engine) as s:
        fresh = auth.make_admin_token(s, "một giờ", now - timedelta(minutes=59),
                                      timedelta(hours=1))
        just_over = auth.make_admin_token(s, "vừa hết", now - timedelta(hours=1, seconds=1),
                                          timedelta(hours=1))
        with pytest.raises(ValueError):
            auth.make_admin_token(s, "mãi mãi", now, timedelta(days=367))
        with pytest.raises(ValueError):
            auth.make_admin_token(s, "đã hết", now, timedelta(0))
    ok = world.client.get(summary, headers={"Authorization": f"Bearer {fresh}"})
    assert ok.status_code == 200
    assert_refused(world.client.get(summary, headers={"Authorization": f"Bearer {just_over}"}),
                   401, "token_expired", "an hour and a second old, one hour lifetime")
    with write(world.engine) as s:
        assert auth.revoke_admin_token(s, int(fresh.split(".")[1]))
        assert not auth.revoke_admin_token(s, 999999)
    assert_refused(world.client.get(summary, headers={"Authorization": f"Bearer {fresh}"}),
                   401, "credential_revoked", "revoked")


def test_the_command_line_makes_tokens_with_a_lifetime_and_revokes_them(
    hub_url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub_cli(["--db", hub_url, "admin-token", "Sở Nội vụ", "--days", "3"]) == 0
    out = capsys.readouterr()
    token = out.out.strip()
    token_id = int(token.split(".")[1])
    with world.engine.connect() as c:
        row = c.execute(select(AdminToken.created_at, AdminToken.expires_at)
                        .where(AdminToken.id == token_id)).one()
    assert row.expires_at - row.created_at == timedelta(days=3)
    assert f"valid until {row.expires_at.isoformat()}Z" in out.err
    headers = {"Authorization": f"Bearer {token}"}
    assert world.client.get("/api/v1/admin/problems", headers=headers).status_code == 200
    assert hub_cli(["--db", hub_url, "revoke-token", str(token_id)]) == 0
    assert_refused(world.client.get("/api/v1/admin/problems", headers=headers), 401,
                   "credential_revoked", "revoked from the command line")
    assert hub_cli(["--db", hub_url, "revoke-token", "999999"]) == 1
    assert hub_cli(["--db", hub_url, "admin-token", "x"]) == 0  # default lifetime: 90 days
    default = int(capsys.readouterr().out.strip().split(".")[1])
    with world.engine.connect() as c:
        row = c.execute(select(AdminToken.created_at, AdminToken.expires_at)
                        .where(AdminToken.id == default)).one()
    assert row.expires_at - row.created_at == timedelta(days=90)
    for days in ("0", "367"):
        with pytest.raises(SystemExit):
            hub_cli(["--db", hub_url, "admin-token", "x", "--days", days])
    capsys.readouterr()
