"""The citizen's status page: ``GET /tra-cuu/<code>?k=<key>``, the link in form 01's QR.

What it shows of a dossier the province holds: the procedure, when it was received, the
appointment, its state in plain Vietnamese, when the commune's desk last synced (the page is
as fresh as that), and the applicant's name masked (:func:`mask_name`). Never the ID number,
the address, the phone or anything else of the intake's snapshot.

**No enumeration.** Codes are sequential; the key (:mod:`desk_app.core.status_link`, from the
dossier's uuid, compared in constant time) is what opens the page. An unknown code, a wrong
key and a missing one get the same answer, byte for byte: one "not found" page, 404. Every
request counts against its client's rate limit (:mod:`province_hub.ratelimit`): past it, a 429
page in Vietnamese with ``Retry-After``.

The page is server-rendered (Jinja2, ``templates/tra_cuu``) with inline CSS only; its
``Content-Security-Policy`` lets it load nothing at all, not even from the hub, and no
referrer leaves it (the key is in its address).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, select

from desk_app.clock import VN_TZ
from desk_app.core.status_link import key_matches, status_key
from province_hub import edge
from province_hub.clock import Clock
from province_hub.db import read
from province_hub.models import Commune, Desk, Dossier, Event
from province_hub.ratelimit import RateLimit

MAX_CODE = 60  # the hub's dossiers.code column
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}
# the state in the citizen's words, by the desk's status (desk_app.core.lifecycle.Status)
STATES: dict[str, str] = {
    "received": "Đã tiếp nhận, đang chờ giải quyết",
    "in_processing": "Đang giải quyết",
    "supplement_requested": "Cần bổ sung hồ sơ: mời ông/bà đến bộ phận một cửa theo phiếu "
                            "hướng dẫn đã nhận",
    "waiting_supplement": "Tạm dừng, chờ ông/bà bổ sung giấy tờ",
    "result_ready": "Đã có kết quả: mời ông/bà đến bộ phận một cửa để nhận",
    "returned": "Đã trả kết quả",
    "refused": "Không tiếp nhận (đã có phiếu từ chối)",
    "withdrawn": "Đã rút hồ sơ",
    "stopped": "Đã dừng giải quyết",
}
# still the office's to finish: past the appointment, the page says it is late (a result
# waiting to be collected, or a dossier waiting for the citizen's papers, is not)
IN_HAND = frozenset({"received", "in_processing"})
_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates" / "tra_cuu"),
                   autoescape=select_autoescape(default=True), auto_reload=False)
_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


def mask_name(full_name: str) -> str:
    """The applicant's name as the page shows it: the family name (the first word: shared by
    millions, it names nobody) in full, every other word as its initial: "Nguyễn Văn An" ->
    "Nguyễn V. A.", "Đặng Văn Đức" -> "Đặng V. Đ."; a one-word name only as its initial."""
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        return ""
    initials = [w[0].upper() + "." for w in words[1:]]
    return " ".join([words[0] if len(words) > 1 else words[0][0].upper() + ".", *initials])


def when(t: datetime | None) -> str:
    """A Vietnam time as people write it: "09:00 ngày 23/11/2026"."""
    return f"{t:%H:%M} ngày {t:%d/%m/%Y}" if t is not None else ""


@dataclass(frozen=True)
class Found:
    code: str
    commune: str
    procedure: str
    applicant: str  # masked
    received: str
    due: str
    state: str
    overdue: bool
    returned: str
    synced: str  # when the desk that holds the dossier last sent the province anything


def find(engine: Engine, code: str, key: str, now_vn: datetime) -> Found | None:
    """The dossier with this code whose key is ``key``; None for any other case (the same
    work is done for a wrong key as for a right one)."""
    if not code or len(code) > MAX_CODE or not code.isprintable():
        key_matches(status_key(""), key)  # the same comparison as a found dossier costs
        return None
    with read(engine) as s:
        # by each commune's (commune_id, code) index: the communes are few, the dossiers many
        rows = s.execute(select(Dossier, Commune.name)
                         .join(Commune, Commune.id == Dossier.commune_id)
                         .where(Dossier.code == code).limit(5)).all()
        hit = None
        for d, commune in rows:  # every candidate compared: no early answer
            if key_matches(d.uuid, key) and hit is None:
                hit = (d, commune)
        if not rows:
            key_matches(status_key(""), key)
        if hit is None:
            return None
        d, commune = hit
        intake_desk = (select(Event.desk_id).where(
            Event.entity_uuid == d.uuid, Event.kind == "dossier.intake",
            Event.desk_id.is_not(None)).limit(1).scalar_subquery())
        seen = s.scalar(select(Desk.last_seen_at).where(Desk.id == intake_desk))
        return _found(d, commune, seen, now_vn)  # in the session: the rollback expires d


def _found(d: Dossier, commune: str, seen: datetime | None, now_vn: datetime) -> Found:
    snap: dict[str, Any] = d.snapshot if isinstance(d.snapshot, dict) else {}
    applicant = snap.get("applicant")
    name = applicant.get("full_name") if isinstance(applicant, dict) else ""
    synced = seen.replace(tzinfo=UTC).astimezone(VN_TZ).replace(tzinfo=None) if seen else None
    return Found(
        code=d.code, commune=commune,
        procedure=str(snap.get("procedure_name") or d.procedure_code),
        applicant=mask_name(str(name or "")), received=when(d.received_at), due=when(d.due_at),
        state=STATES.get(d.status, "Đang giải quyết"),
        overdue=d.status in IN_HAND and d.due_at is not None and d.due_at < now_vn,
        returned=when(d.returned_at) if d.status == "returned" else "",
        synced=when(synced))

def _page(template: str, status: int, headers: dict[str, str] | None = None,
          **values: Any) -> HTMLResponse:
    body = _env.get_template(template).render(**values)
    return HTMLResponse(body, status_code=status, headers={**HEADERS, **(headers or {})})


def not_found() -> HTMLResponse:
    """The one answer for an unknown code, a wrong key and a missing key."""
    return _page("not_found.html", 404)


def routes(engine: Engine, clock: Clock, limit: RateLimit | None = None) -> APIRouter:
    router = APIRouter(route_class=edge.EdgeRoute)
    limiter = limit or RateLimit(lambda: clock.now().timestamp())

    @router.get("/tra-cuu/{code:path}", response_class=HTMLResponse, responses={
        200: {"description": "the dossier's status page (Vietnamese)", **_HTML},
        404: {"description": "no dossier with this code and key (the same page for an "
                             "unknown code, a wrong key and a missing one)", **_HTML},
        429: {"description": "this client asked too often: try again after Retry-After "
                             "seconds", **_HTML, "headers": {"Retry-After": {
                                 "description": "seconds",
                                 "schema": {"type": "string", "pattern": "^[0-9]+$"}}}}})
    def status_page(code: str, request: Request, k: str = "") -> HTMLResponse:
        """A citizen's look-up of a dossier from the QR on form 01 (no credential; the key
        ``k`` printed in the link opens it)."""
        wait = limiter.take(request.client.host if request.client else None)
        if wait:
            return _page("too_many.html", 429, {"Retry-After": str(wait)}, seconds=wait)
        found = find(engine, code, k, clock.vn_local())
        if found is None:
            return not_found()
        return _page("status.html", 200, d=found)

    return router
