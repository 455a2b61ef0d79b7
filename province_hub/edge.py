"""The hub's edge: what a request may hold before anything behind it (the database, the
projections) sees it. Nothing a caller sends may make the hub answer 5xx.

* **Bodies** are read by :class:`EdgeRoute` before FastAPI parses them: at most the route's
  ``x-max-body-bytes`` (413), nested at most :data:`MAX_BODY_DEPTH` deep (400 ``too_deep``,
  counted on the raw text, before any parser recurses), and parsed by :func:`loads`, which
  turns what JSON allows but the hub cannot keep (``NaN``, ``Infinity``, ``1e400``, integers of
  thousands of digits) into :class:`BadNumber` markers instead of failing the whole body.
* **Text** the database cannot hold is refused: NUL (PostgreSQL refuses it in text and JSONB)
  and lone surrogates (not UTF-8). Request models use :func:`text` and :data:`AGENCY` (a
  ``pattern`` in the OpenAPI document, so a client knows it too); pydantic refuses lone
  surrogates in every ``str`` by itself.
* **Events** of a push are judged one by one (:func:`event_problem`): the envelope fields
  (:class:`WireEvent`, strict types, lengths, ranges), then the payload (depth, text, numbers),
  then the payload fields the projections read (:data:`PROJECTED`: lengths of the hub's
  columns, times it can place). A bad event gets a reason; the others of its batch are stored.

The reasons and limits are listed in docs/sync-protocol.md ("Limits", "Refused events").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from itertools import accumulate
from typing import Annotated, Any

from annotated_types import Interval
from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from starlette.requests import ClientDisconnect

from desk_app.sync import protocol as p
from province_hub.answer import Fail
from province_hub.rules import record

MAX_BODY_DEPTH = 64  # arrays and objects nested in one JSON body
MAX_PAYLOAD_DEPTH = 32  # inside one event's payload
MAX_JSON_BODY = 64 * 1024  # a request body, unless the route says otherwise
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what PostgreSQL's bigint and SQLite hold
YEARS = (1900, 2999)  # a time outside these years is no desk's clock

NO_NUL = r"^[^\u0000]*$"
# an agency code, an installation id: no control character, no space
TOKEN = r"^[^\u0000-\u0020\u007f]*$"


def text(max_length: int, *, min_length: int = 0, pattern: str = NO_NUL) -> Any:
    """A ``str`` type the hub can store: bounded, no NUL (pydantic refuses lone surrogates)."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length,
                                            pattern=pattern)]


AGENCY = text(40, min_length=1, pattern=TOKEN)


def _whole_number(value: Any) -> Any:
    """JSON's integer: 7 or 7.0 (JSON Schema calls both integers), never "7" or true."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("a whole number is needed")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("a whole number is needed")
        return int(value)
    return value


def _iso(pattern: str, what: str) -> Callable[[Any], Any]:
    shape = re.compile(pattern)

    def check(value: Any) -> Any:
        if not isinstance(value, str) or not shape.fullmatch(value):
            raise ValueError(f"{what} is written {pattern}")
        return value
    return check


def whole(ge: int, le: int) -> Any:
    """An integer of a JSON body, from ``ge`` to ``le``."""
    return Annotated[int, Interval(ge=ge, le=le), BeforeValidator(_whole_number)]


# dates and times as RFC 3339 writes them (not pydantic's other forms, such as Unix seconds);
# a time without an offset is read as Vietnam time
IsoDate = Annotated[date, BeforeValidator(_iso(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date"))]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?", "a time"))]
UUID_TEXT = text(36, min_length=1, pattern=r"^[^\u0000-\u001f\u007f]*$")


# -- bodies ------------------------------------------------------------------------------------

class BadNumber:
    """A number JSON can write but the hub cannot keep (NaN, ±Infinity, 1e400, huge integers)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"BadNumber({self.text[:20]!r})"


def _parse_int(s: str) -> int | BadNumber:
    if len(s) > 20:  # also spares int() its 4,300-digit ValueError
        return BadNumber(s)
    value = int(s)
    return value if INT_MIN <= value <= INT_MAX else BadNumber(s)


def _parse_float(s: str) -> float | BadNumber:
    value = float(s)
    return value if math.isfinite(value) else BadNumber(s)


def loads(data: bytes | str) -> Any:
    """JSON with the numbers the hub cannot keep marked (``ValueError`` if it is no JSON)."""
    return json.loads(data, parse_int=_parse_int, parse_float=_parse_float,
                      parse_constant=BadNumber)


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(data: bytes) -> int:
    """How deep arrays and objects nest in JSON text (strings skipped), without parsing it."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def check_depth(data: bytes) -> None:
    if json_depth(data) > MAX_BODY_DEPTH:
        raise Fail(400, "too_deep", f"JSON nested deeper than {MAX_BODY_DEPTH}")


async def read_body(request: Request, limit: int, too_large: str = "body_too_large") -> bytes:
    """The whole body, at most ``limit`` bytes; a client that drops its upload is a 400, not
    an error of the hub's."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and (len(length) > 15 or int(length) > limit):
        raise Fail(413, too_large, f"at most {limit} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Fail(413, too_large, f"at most {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise Fail(400, "upload_cut", "the client closed the connection mid-upload") from exc
    return b"".join(chunks)


class EdgeRoute(APIRoute):
    """A route that reads its body itself before FastAPI does: bounded in bytes (the route's
    ``openapi_extra["x-max-body-bytes"]``, else :data:`MAX_JSON_BODY`), bounded in depth, parsed
    by :func:`loads`. :meth:`before_body` runs first (the guards of ``access.GuardedRoute``)."""

    async def before_body(self, request: Request) -> None:
        return None

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        extra = self.openapi_extra or {}
        limit = int(extra.get("x-max-body-bytes", MAX_JSON_BODY))
        raw = bool(extra.get("x-raw-body"))  # the handler decodes the body itself (push)

        async def edge(request: Request) -> Response:
            await self.before_body(request)
            too_large = "batch_too_large" if raw else "body_too_large"
            body = await read_body(request, limit, too_large)
            request._body = body  # Starlette's cache: FastAPI and the handler read this
            if body and not raw:
                check_depth(body)
                try:
                    request._json = loads(body)  # FastAPI takes the parsed body from here
                except ValueError:
                    pass  # FastAPI parses again and answers 422 json_invalid
            return await handler(request)

        return edge


# -- events ------------------------------------------------------------------------------------

def _time(value: str) -> str:
    try:
        t = p.parse_time(value)
    except ValueError:
        raise PydanticCustomError("bad_time", "not an ISO 8601 time") from None
    if not YEARS[0] <= t.year <= YEARS[1]:
        raise PydanticCustomError("bad_time", "a time outside the years {lo}-{hi}",
                                  {"lo": YEARS[0], "hi": YEARS[1]})
    return value


WireTime = Annotated[StrictStr, StringConstraints(max_length=40), AfterValidator(_time)]
Seq = Annotated[StrictInt, Field(ge=1, le=INT_MAX)]


class WireEvent(BaseModel):
    """One event of a push. An event that does not match is refused alone (``rejected``)."""

    model_config = ConfigDict(strict=True, extra="ignore")

    uuid: StrictStr = Field(min_length=1, max_length=36,
                            description="made by the desk; the event's identity")
    seq: Seq = Field(description="the desk's outbox sequence number, 1 and up")
    entity: StrictStr = Field(max_length=30, description="dossier | rating | ...")
    entity_uuid: StrictStr = Field(min_length=1, max_length=36)
    kind: StrictStr = Field(max_length=40, description="dossier.intake | dossier.status | "
                            "dossier.extend | dossier.resumed | rating.recorded | ...")
    payload: dict[str, Any]
    created_at: WireTime = Field(description="desk time, ISO 8601 with its offset (+07:00)")


def _short(n: int) -> Any:
    return Annotated[StrictStr | None, Field(max_length=n)]


class _Fields(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class IntakeFields(_Fields):
    uuid: _short(36) = None
    code: _short(60) = None
    agency_code: _short(40) = None
    procedure_code: _short(40) = None
    status: _short(30) = None
    received_at: WireTime | None = None
    due_at: WireTime | None = None


class StatusFields(_Fields):
    uuid: _short(36) = None
    code: _short(60) = None
    from_: _short(30) = Field(None, alias="from")
    to: _short(30) = None
    at: WireTime | None = None
    return_timing: _short(10) = None
    collector: dict[str, Any] | None = None


class ExtendFields(_Fields):
    at: WireTime | None = None
    old_due_at: WireTime | None = None
    new_due_at: WireTime | None = None


class ResumedFields(_Fields):
    at: WireTime | None = None
    resumed_by: dict[str, Any] | None = None


class ProvinceRejectedFields(_Fields):
    uuid: _short(36) = None
    code: _short(60) = None
    province_event: _short(36) = None
    to: _short(30) = None
    current: _short(30) = None
    reason: _short(40) = None
    at: WireTime | None = None


class RatingFields(_Fields):
    uuid: _short(36) = None
    seq: Annotated[StrictInt | None, Field(ge=0)] = None
    dossier_uuid: _short(36) = None
    overall: _short(40) = None
    agency_code: _short(40) = None
    at: WireTime | None = None


# What the hub's projections read from a payload, by kind (a rating's from its record).
PROJECTED: dict[str, type[_Fields]] = {
    "dossier.intake": IntakeFields, "dossier.status": StatusFields,
    "dossier.extend": ExtendFields, "dossier.resumed": ResumedFields,
    "dossier.province_rejected": ProvinceRejectedFields, "rating.recorded": RatingFields,
}
_ENVELOPE = TypeAdapter(WireEvent)


def _clean(s: str) -> bool:
    """No NUL and no lone surrogate."""
    if "\x00" in s:
        return False
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def content_problem(value: Any, depth: int = 0) -> str:
    """What in a JSON value the hub cannot keep: ``too_deep``, ``bad_text``, ``bad_number``."""
    if isinstance(value, str):
        return "" if _clean(value) else "bad_text"
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return "" if INT_MIN <= value <= INT_MAX else "bad_number"
    if isinstance(value, float):
        return "" if math.isfinite(value) else "bad_number"
    if isinstance(value, (dict, list)):
        if depth >= MAX_PAYLOAD_DEPTH:
            return "too_deep"
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(key, str) and not _clean(key):
                return "bad_text"
            if why := content_problem(item, depth + 1):
                return why
        return ""
    return "bad_number"  # a BadNumber marker (or anything JSON cannot hold)


def _reason(err: dict[str, Any], envelope: bool) -> str:
    kind, field = err["type"], str(err["loc"][0]) if err["loc"] else ""
    if kind in ("bad_time", "bad_text"):
        return kind
    if kind == "string_too_long":
        return "bad_uuid" if envelope and field in ("uuid", "entity_uuid") else "too_long"
    if envelope:
        return "bad_uuid" if field in ("uuid", "entity_uuid") else f"bad_{field}"
    return "bad_payload"


def event_problem(ev: Any) -> str:
    """Why the hub refuses this pushed event (a reason code), or ``""`` if it takes it."""
    if not isinstance(ev, dict):
        return "not_an_object"
    for key in ("uuid", "entity", "entity_uuid", "kind", "created_at"):
        if isinstance(ev.get(key), str) and not _clean(ev[key]):
            return "bad_text"
    try:
        _ENVELOPE.validate_python(ev)
    except ValidationError as exc:
        return _reason(exc.errors()[0], envelope=True)
    payload = ev["payload"]
    if why := content_problem(payload, 1):
        return why
    fields = PROJECTED.get(ev["kind"])
    if fields is not None:
        try:
            fields.model_validate(record(ev))
        except ValidationError as exc:
            return _reason(exc.errors()[0], envelope=False)
    return ""


def storable(value: Any, depth: int = 0) -> Any:
    """A copy of anything a caller sent that the database can hold and an answer can carry:
    NUL and lone surrogates written as ``\\u`` text, numbers it cannot keep as their text,
    nesting cut at :data:`MAX_PAYLOAD_DEPTH`. Clean values come back unchanged."""
    if isinstance(value, str):
        if _clean(value):
            return value
        return value.replace("\x00", "\\u0000").encode("utf-8", "backslashreplace").decode()
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not content_problem(value):
        return value
    if isinstance(value, (dict, list)):
        if depth >= MAX_PAYLOAD_DEPTH:
            return "(too deep)"
        if isinstance(value, list):
            return [storable(v, depth + 1) for v in value]
        return {storable(str(k)): storable(v, depth + 1) for k, v in value.items()}
    return storable(getattr(value, "text", None) or repr(value))[:100]


def answer_seq(ev: Any) -> int:
    """The event's seq as the answer can name it (0 when it has none the hub can read)."""
    seq = ev.get("seq") if isinstance(ev, dict) else None
    return seq if type(seq) is int and INT_MIN <= seq <= INT_MAX else 0


# -- the push body -------------------------------------------------------------------------------

class PushIn(BaseModel):
    """A batch. The envelope is checked whole (a wrong one refuses the batch: 422
    ``bad_batch``); each item of ``events`` is judged alone against :class:`WireEvent`."""

    model_config = ConfigDict(strict=True, json_schema_extra={
        "description": "Each item of `events` should be a WireEvent (see components); one "
                       "that is not is answered `rejected` with a reason, and the other events "
                       "of the batch are stored."})

    protocol: StrictInt = Field(ge=p.PROTOCOL_VERSION, le=p.PROTOCOL_VERSION,
                                description="the wire protocol version of the batch")
    events: list[Any] = Field(max_length=p.MAX_BATCH_EVENTS,
                              description=f"at most {p.MAX_BATCH_EVENTS} events, oldest first")


_PUSH = TypeAdapter(PushIn)


def push_events(data: bytes) -> list[Any]:
    """The events of a push body (decompressed): 400 if it is no JSON or nests too deep, 422
    if the envelope is wrong, ``batch_too_large`` beyond :data:`p.MAX_BATCH_EVENTS`."""
    check_depth(data)
    try:
        body = loads(data)
    except ValueError as exc:  # UnicodeDecodeError too
        raise Fail(400, "bad_batch", str(exc)[:200]) from exc
    if isinstance(body, dict) and isinstance(body.get("events"), list) \
            and len(body["events"]) > p.MAX_BATCH_EVENTS:
        raise Fail(422, "batch_too_large", f"at most {p.MAX_BATCH_EVENTS} events")
    try:
        return _PUSH.validate_python(body).events
    except ValidationError as exc:
        raise Fail(422, "bad_batch", str(exc.errors(include_url=False))[:500]) from exc

