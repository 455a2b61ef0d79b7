"""The hub's edge: what a request may hold before anything behind it (the database, the
projections) sees it. Nothing a caller sends may make the hub answer 5xx. This module owns the
types of request fields and the reading of bodies; the events of a push are judged in
:mod:`province_hub.edge_events`.

* **Bodies** are read by :class:`EdgeRoute` before FastAPI parses them: at most the route's
  ``x-max-body-bytes`` (413), nested at most :data:`MAX_BODY_DEPTH` deep (400 ``too_deep``,
  counted on the raw text, before any parser recurses), and parsed by :func:`loads`, which
  turns what JSON allows but the hub cannot keep (``NaN``, ``Infinity``, ``1e400``, integers of
  thousands of digits) into :class:`BadNumber` markers instead of failing the whole body.
* **Text** the database cannot hold is refused: NUL (PostgreSQL refuses it in text and JSONB)
  and lone surrogates (not UTF-8). Request models use :func:`text` and :data:`AGENCY` (a
  ``pattern`` in the OpenAPI document, so a client knows it too); pydantic refuses lone
  surrogates in every ``str`` by itself.
* **Events** of a push are judged one by one (``edge_events.event_problem``).

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

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import (
    BeforeValidator,
    StringConstraints,
)
from starlette.requests import ClientDisconnect

from province_hub.answer import Fail

MAX_BODY_DEPTH = 64  # arrays and objects nested in one JSON body
MAX_PAYLOAD_DEPTH = 32  # inside one event's payload
MAX_JSON_BODY = 64 * 1024  # a request body, unless the route says otherwise
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what PostgreSQL's bigint and SQLite hold
YEARS = (1900, 2999)  # a time outside these years is no desk's clock

NO_NUL = r"^[^\u0000]*$"
# an agency code, an installation id: no control character, no space
TOKEN = r"^[^\u0000-\u0020\u007f]*$"


def limit(max_length: int, *, min_length: int = 0, pattern: str = NO_NUL) -> StringConstraints:
    """What makes a ``str`` one the hub can store: bounded, no NUL (pydantic refuses lone
    surrogates by itself). Written ``Annotated[str, edge.limit(40)]``."""
    return StringConstraints(min_length=min_length, max_length=max_length, pattern=pattern)


AGENCY = Annotated[str, limit(40, min_length=1, pattern=TOKEN)]


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


# An integer of a JSON body: ``Annotated[int, Interval(ge=1, le=9), edge.WHOLE]`` (the
# bounds before WHOLE: pydantic runs WHOLE first, then the int and its bounds)
WHOLE = BeforeValidator(_whole_number)


# dates and times as RFC 3339 writes them (not pydantic's other forms, such as Unix seconds);
# a time without an offset is read as Vietnam time
IsoDate = Annotated[date, BeforeValidator(_iso(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date"))]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?", "a time"))]
UUID_TEXT = Annotated[str, limit(36, min_length=1, pattern=r"^[^\u0000-\u001f\u007f]*$")]


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


def loads(data: bytes | str, marked: list[BadNumber] | None = None) -> Any:
    """JSON with the numbers the hub cannot keep marked (``ValueError`` if it is no JSON);
    the marks also go into ``marked`` when given."""
    if marked is None:
        return json.loads(data, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=BadNumber)

    def note(value: Any) -> Any:
        if isinstance(value, BadNumber):
            marked.append(value)
        return value

    # an integer beyond 64 bits has 19 digits or more: without such a run of digits (in the
    # numbers or the texts) every integer is read by the parser itself, no call per number
    hooked = long_digits(data) if isinstance(data, bytes) else True
    return json.loads(data, parse_int=(lambda s: note(_parse_int(s))) if hooked else None,
                      parse_float=lambda s: note(_parse_float(s)),
                      parse_constant=lambda s: note(BadNumber(s)))


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(data: bytes) -> int:
    """How deep arrays and objects nest in JSON text (strings skipped), without parsing it."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


_NOT_QUOTE_OR_BRACKET = bytes(b for b in range(256) if b not in b'"[]{}')
_CURLY_AS_SQUARE = bytes.maketrans(b"{}", b"[]")


def quick_depth(data: bytes) -> int:
    """:func:`json_depth` for valid JSON text, with no regular expression over the text: the
    escaped backslashes and quotes taken out, what lies between two quotes is a string. (On
    text that is no JSON it may count otherwise: callers check again with
    :func:`json_depth` before they refuse anything on its word.)"""
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.translate(None, _NOT_QUOTE_OR_BRACKET).split(b'"')[::2])
    # a balanced text loses one level each time every innermost pair is taken out
    pairs, depth = outside.translate(_CURLY_AS_SQUARE), 0
    while pairs and depth <= MAX_BODY_DEPTH:
        fewer = pairs.replace(b"[]", b"")
        if len(fewer) == len(pairs):
            break  # not balanced
        pairs, depth = fewer, depth + 1
    if not pairs:
        return depth
    return max(accumulate(map(_STEP.__getitem__, outside)), default=0)


def long_digits(data: bytes) -> bool:
    """True when the text holds a run of 19 digits or more (a number beyond 64 bits has one)."""
    return data.translate(_DIGITS_AS_ZERO).find(b"0" * 19) >= 0


_DIGITS_AS_ZERO = bytes(ord("0") if chr(b).isdigit() and b < 128 else b for b in range(256))


def check_depth(data: bytes) -> None:
    if json_depth(data) > MAX_BODY_DEPTH:
        raise Fail(400, "too_deep", f"JSON nested deeper than {MAX_BODY_DEPTH}")


def check_length(request: Request, limit: int, too_large: str) -> None:
    """413 at once when the declared ``Content-Length`` is over ``limit``."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and (len(length) > 15 or int(length) > limit):
        raise Fail(413, too_large, f"at most {limit} bytes")


async def read_body(request: Request, limit: int, too_large: str = "body_too_large") -> bytes:
    """The whole body, at most ``limit`` bytes; a client that drops its upload is a 400, not
    an error of the hub's."""
    check_length(request, limit, too_large)
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
        streamed = bool(extra.get("x-stream-body"))  # the handler reads it piece by piece

        async def edge(request: Request) -> Response:
            await self.before_body(request)
            if streamed:  # the handler bounds what it reads (file chunks: province_hub.files_api)
                check_length(request, limit, "body_too_large")
                return await handler(request)
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
