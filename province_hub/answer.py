"""What every answer of the hub carries, and how a handler refuses.

``stamp`` adds the protocol version and the hub's clock to a JSON body; ``Fail`` is the refusal
a handler raises (the app turns it into ``{"error": code, "detail": ...}`` with its status,
documented as :class:`ErrorOut`); the time comes from the app's clock
(:mod:`province_hub.clock`). :func:`refusals` documents, per route, the error answers it can give: the OpenAPI
document lists every answer a route gives (tests/sync/test_hub_contract.py holds it to that).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from desk_app.sync import protocol as p
from province_hub.clock import Clock


def stamp(body: dict[str, Any], clock: Clock) -> dict[str, Any]:
    """``body`` with the hub's protocol version and its clock's time."""
    return {"protocol": p.PROTOCOL_VERSION, "server_time": p.utc_now_text(clock.now()), **body}


class Fail(Exception):
    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


class Stamped(BaseModel):
    protocol: int = Field(description="protocol version of the hub")
    server_time: str = Field(description="the hub's clock, UTC, ISO 8601")


class ErrorOut(Stamped):
    """Every refusal: a code (docs/sync-protocol.md) and, for some, a detail for people."""

    error: str = Field(description="what went wrong, as a code: unauthorized, bad_batch, ...")
    detail: str = Field("", description="more words for a person (never needed by a program)")


class Json(JSONResponse):
    """JSON that can always be sent: a lone surrogate in an echoed value is written as its
    ``\\u`` escape (JSON text still), not a UnicodeEncodeError."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                          separators=(",", ":")).encode("utf-8", "backslashreplace")


WHY: dict[int, str] = {
    400: "The body is not JSON, nests too deep, or was cut off mid-upload "
         "(`bad_batch`, `too_deep`, `upload_cut`, `bad_gzip`).",
    401: "No credential, or one the hub does not know, revoked, or expired "
         "(`unauthorized`, `credential_revoked`, `token_expired`).",
    403: "A valid credential of the wrong kind (`admin_only`, `desk_only`), or an enrolment "
         "code that is wrong, used, expired or of another commune "
         "(`bad_enrolment_code`, `wrong_commune`).",
    404: "No such thing for this caller (`not_found`, `unknown_commune`).",
    409: "The request contradicts itself (`duplicate_procedure`).",
    413: "The body is larger than the route takes (`batch_too_large`, `body_too_large`).",
    422: "The request does not match this document (`invalid_request`, `bad_batch`, "
         "`batch_too_large` for too many events); the detail says where.",
    426: "`X-Desk-Protocol` names a protocol version the hub does not speak "
         "(`protocol_unsupported`).",
    503: "The hub's database cannot be reached just now (`hub_unavailable`): try again later "
         "(`Retry-After`, seconds).",
}


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route for these error statuses (all answered with ErrorOut)."""
    return {s: {"model": ErrorOut, "description": WHY[s]} for s in statuses}
