"""The provincial staff's dashboard, under ``/tinh/``: server-rendered pages (Jinja2, in
Vietnamese, no script, nothing loaded from outside the hub: inline CSS and SVG only).

* ``GET /tinh/dang-nhap``, ``POST /tinh/dang-nhap``: the login form (its own CSRF token in a
  short cookie), then a staff session (:mod:`province_hub.staff`): cookie ``hub_staff``,
  HttpOnly, SameSite=Strict, Secure when the hub is reached over https.
* ``GET /tinh/``: the figures (``?tu=YYYY-MM&den=YYYY-MM&ngay=N``); ``POST /tinh/dang-xuat``.
* ``GET /tinh/tai-lieu/{uuid}``: a digitised document's PDF (issue 16), once its file arrived.

Every page but the login refuses anyone without a live staff session, whatever else the
request carries (a desk's credential or an admin token count for nothing here): a page is sent
to the login form (303), a POST is refused (403). Every POST carries the session's CSRF token.
The pages are not in the API's OpenAPI document (they are not an API).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from province_hub import dashboard_view, staff
from province_hub.clock import Clock
from province_hub.db import read, write
from province_hub.edge import EdgeRoute
from province_hub.files import FileStore
from province_hub.models import Document

PREFIX = "/tinh"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
COOKIE, LOGIN_COOKIE = "hub_staff", "hub_login"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store", "X-Frame-Options": "DENY",
}
LOGIN_WORDS = {
    "bad_credentials": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "too_many": "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
    "expired": "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ. Vui lòng đăng nhập lại.",
}
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)
TEMPLATES.filters["pct"] = lambda v: "—" if v is None else f"{100 * v:.1f}%".replace(".", ",")
TEMPLATES.filters["num"] = lambda v: "—" if v is None else (
    f"{v:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ","))


def _page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(name).render(**values)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int,
            path: str = PREFIX) -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", "replace")
    try:
        fields = parse_qs(body, max_num_fields=20)
    except ValueError:
        return {}
    return {k: v[0] for k, v in fields.items()}


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def routes(engine: Engine, clock: Clock, files: FileStore) -> APIRouter:
    router = APIRouter(prefix=PREFIX, include_in_schema=False, route_class=EdgeRoute)

    def user(request: Request) -> staff.StaffUser | None:
        with read(engine) as s:
            return staff.user_of(s, request.cookies.get(COOKIE), clock.utc())

    def login_page(request: Request, status: int = 200, error: str = "") -> HTMLResponse:
        token = staff.new_token()
        page = _page("login.html", status, csrf=token, error=LOGIN_WORDS.get(error, ""))
        _cookie(request, page, LOGIN_COOKIE, token, 900, PREFIX + "/dang-nhap")
        return page

    @router.get("/dang-nhap")
    async def login_form(request: Request) -> Response:
        return login_page(request)

    @router.post("/dang-nhap")
    async def login(request: Request) -> Response:
        form = await _form(request)
        sent, expected = form.get("csrf", ""), request.cookies.get(LOGIN_COOKIE, "")
        if not expected or not staff.same(sent, expected):
            return login_page(request, 403, "expired")

        def attempt() -> tuple[str, staff.StaffUser] | staff.LoginRefused:
            with write(engine) as s:
                return staff.login(s, form.get("username", ""), form.get("password", ""),
                                   _address(request), clock.utc())
        done = await run_in_threadpool(attempt)
        if isinstance(done, staff.LoginRefused):
            return login_page(request, 429 if done.code == "too_many" else 401, done.code)
        secret = done[0]
        page = RedirectResponse(PREFIX + "/", status_code=303, headers=HEADERS)
        _cookie(request, page, COOKIE, secret, int(staff.SESSION_TTL.total_seconds()))
        page.delete_cookie(LOGIN_COOKIE, path=PREFIX + "/dang-nhap")
        return page

    @router.post("/dang-xuat")
    async def logout(request: Request) -> Response:
        who = await run_in_threadpool(user, request)
        form = await _form(request)
        if who is None or not staff.csrf_ok(who, form.get("csrf")):
            return _page("refused.html", 403)

        def end() -> None:
            with write(engine) as s:
                staff.logout(s, request.cookies.get(COOKIE, ""))
        await run_in_threadpool(end)
        page = RedirectResponse(PREFIX + "/dang-nhap", status_code=303, headers=HEADERS)
        page.delete_cookie(COOKIE, path=PREFIX)
        return page

    @router.get("/")
    async def dashboard(request: Request) -> Response:
        who = await run_in_threadpool(user, request)
        if who is None:
            return RedirectResponse(PREFIX + "/dang-nhap", status_code=303, headers=HEADERS)
        today = clock.vn_local().date()
        q = request.query_params
        try:
            first, last = dashboard_view.month_bounds(
                q.get("tu") or _months_back(today, 5), q.get("den") or f"{today:%Y-%m}")
            days = int(q.get("ngay") or 7)
            if not 1 <= days <= 3650 or (last - first).days > 3 * 366 or \
                    not 2000 <= first.year <= last.year <= 2099:  # 12/9999 + 1 day overflows
                raise ValueError("out of range")
        except ValueError:
            return _page("refused.html", 400, why="Khoảng thời gian hoặc số ngày không hợp lệ.")

        def build() -> dashboard_view.View:
            with read(engine) as s:
                return dashboard_view.build(s, first, last, clock.vn_local(), clock.utc(), days)
        view = await run_in_threadpool(build)
        return _page("dashboard.html", v=view, who=who, now=clock.vn_local())

    @router.get("/tai-lieu/{uuid}")
    async def document(request: Request, uuid: str) -> Response:
        who = await run_in_threadpool(user, request)
        if who is None:
            return RedirectResponse(PREFIX + "/dang-nhap", status_code=303, headers=HEADERS)

        def find() -> Path | None:
            if not _UUID.fullmatch(uuid):  # PostgreSQL refuses a NUL in a string: a 500
                return None
            with read(engine) as s:
                doc = s.get(Document, uuid)
                held = None if doc is None else (doc.commune_id, doc.sha256)
            return None if held is None else files.open_final(*held)
        path = await run_in_threadpool(find)
        if path is None:
            return _page("refused.html", 404, why="Tài liệu chưa có trên máy chủ tỉnh.")
        return FileResponse(path, media_type="application/pdf", headers=HEADERS | {
            "Content-Disposition": f'inline; filename="{uuid}.pdf"',
            "Cache-Control": "private, no-store"})

    return router


def _months_back(today: date, n: int) -> str:
    y, m = today.year, today.month - n
    while m < 1:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}"

