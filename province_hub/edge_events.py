"""The events of a push, judged at the edge before the hub stores or projects them.

* The **body** of a push (:class:`PushIn`, read by :func:`push_events`): the envelope is
  checked whole (a wrong one refuses the batch), the events one by one.
* **Events** are judged one by one (:func:`event_problem`): the envelope fields
  (:class:`WireEvent`, strict types, lengths, ranges), then the payload (depth, text, numbers),
  then the payload fields the projections read (:data:`PROJECTED`: lengths of the hub's
  columns, times it can place). A bad event gets a reason; the others of its batch are stored.
* What the hub keeps of a refused event, and says of it, is cleaned by :func:`storable` and
  :func:`answer_seq`.

The reasons are listed in docs/sync-protocol.md ("Refused events").
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from annotated_types import MaxLen
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from desk_app.sync import protocol as p
from province_hub.answer import Fail
from province_hub.edge import (
    INT_MAX,
    INT_MIN,
    MAX_BODY_DEPTH,
    MAX_PAYLOAD_DEPTH,
    YEARS,
    BadNumber,
    check_depth,
    json_depth,
    loads,
    quick_depth,
)
from province_hub.rules import record


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


def _short(n: int) -> MaxLen:
    """The longest text a hub column holds: ``Annotated[StrictStr | None, _short(36)]``."""
    return MaxLen(n)


class _Fields(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class IntakeFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    code: Annotated[StrictStr | None, _short(60)] = None
    agency_code: Annotated[StrictStr | None, _short(40)] = None
    procedure_code: Annotated[StrictStr | None, _short(40)] = None
    status: Annotated[StrictStr | None, _short(30)] = None
    received_at: WireTime | None = None
    due_at: WireTime | None = None


class StatusFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    code: Annotated[StrictStr | None, _short(60)] = None
    from_: Annotated[StrictStr | None, _short(30)] = Field(None, alias="from")
    to: Annotated[StrictStr | None, _short(30)] = None
    at: WireTime | None = None
    return_timing: Annotated[StrictStr | None, _short(10)] = None
    collector: dict[str, Any] | None = None


class ExtendFields(_Fields):
    at: WireTime | None = None
    old_due_at: WireTime | None = None
    new_due_at: WireTime | None = None


class ResumedFields(_Fields):
    at: WireTime | None = None
    resumed_by: dict[str, Any] | None = None


class ProvinceRejectedFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    code: Annotated[StrictStr | None, _short(60)] = None
    province_event: Annotated[StrictStr | None, _short(36)] = None
    to: Annotated[StrictStr | None, _short(30)] = None
    current: Annotated[StrictStr | None, _short(30)] = None
    reason: Annotated[StrictStr | None, _short(40)] = None
    at: WireTime | None = None


class RatingFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    seq: Annotated[StrictInt | None, Field(ge=0)] = None
    dossier_uuid: Annotated[StrictStr | None, _short(36)] = None
    overall: Annotated[StrictStr | None, _short(40)] = None
    agency_code: Annotated[StrictStr | None, _short(40)] = None
    at: WireTime | None = None


class AuditFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    seq: Annotated[StrictInt | None, Field(ge=0)] = None
    action: Annotated[StrictStr | None, _short(40)] = None
    agency_code: Annotated[StrictStr | None, _short(40)] = None
    at: WireTime | None = None


class TicketFields(_Fields):
    uuid: Annotated[StrictStr | None, _short(36)] = None
    agency_code: Annotated[StrictStr | None, _short(40)] = None
    day: Annotated[StrictStr | None, _short(10)] = None
    number: Annotated[StrictInt | None, Field(ge=0, le=INT_MAX)] = None
    field_code: Annotated[StrictStr | None, _short(100)] = None
    field_name: Annotated[StrictStr | None, _short(100)] = None
    status: Annotated[StrictStr | None, _short(10)] = None
    counter: Annotated[StrictInt | None, Field(ge=0, le=INT_MAX)] = None
    calls: Annotated[StrictInt | None, Field(ge=0, le=INT_MAX)] = None
    issued_at: WireTime | None = None
    called_at: WireTime | None = None
    finished_at: WireTime | None = None


# What the hub's projections read from a payload, by kind (a rating's from its record).
PROJECTED: dict[str, type[_Fields]] = {
    "dossier.intake": IntakeFields, "dossier.status": StatusFields,
    "dossier.extend": ExtendFields, "dossier.resumed": ResumedFields,
    "dossier.province_rejected": ProvinceRejectedFields, "rating.recorded": RatingFields,
    "audit.recorded": AuditFields,
    **{kind: TicketFields for kind in ("ticket.issued", "ticket.called", "ticket.absent",
                                       "ticket.transferred", "ticket.done")},
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


def _reason(err: ErrorDetails, envelope: bool) -> str:
    kind, field = err["type"], str(err["loc"][0]) if err["loc"] else ""
    if kind in ("bad_time", "bad_text"):
        return kind
    if kind == "string_too_long":
        return "bad_uuid" if envelope and field in ("uuid", "entity_uuid") else "too_long"
    if envelope:
        return "bad_uuid" if field in ("uuid", "entity_uuid") else f"bad_{field}"
    return "bad_payload"


def event_problem(ev: Any, *, plain: bool = False) -> str:
    """Why the hub refuses this pushed event (a reason code), or ``""`` if it takes it.
    ``plain``: the body it came in holds nothing :func:`content_problem` could find (see
    :func:`push_batch`), so its payload is not walked."""
    if not isinstance(ev, dict):
        return "not_an_object"
    for key in ("uuid", "entity", "entity_uuid", "kind", "created_at"):
        if isinstance(ev.get(key), str) and not _clean(ev[key]):
            return "bad_text"
    try:
        _ENVELOPE.validate_python(ev)
    except ValidationError as exc:
        return _reason(exc.errors()[0], envelope=True)
    if not plain and (why := content_problem(ev["payload"], 1)):
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
    fill_gaps: bool = Field(False, description=(
        "the desk resends events the hub had acknowledged and lost (reconciliation): an event "
        "at or below the desk's high-water mark is taken when the hub holds none at its seq"))
    _plain: bool = PrivateAttr(False)

    @property
    def plain(self) -> bool:
        """Set by :func:`push_batch`: no event's payload can hold what the hub refuses."""
        return self._plain

    @plain.setter
    def plain(self, value: bool) -> None:
        self._plain = value


_PUSH = TypeAdapter(PushIn)


def push_events(data: bytes) -> list[Any]:
    """The events of a push body (decompressed): 400 if it is no JSON or nests too deep, 422
    if the envelope is wrong, ``batch_too_large`` beyond :data:`p.MAX_BATCH_EVENTS`."""
    return push_batch(data).events


def push_batch(data: bytes) -> PushIn:
    """The whole push envelope (see :func:`push_events`). Its ``plain`` is True when the body
    holds no text, number or nesting :func:`content_problem` would refuse: no escaped NUL or
    surrogate (JSON text holds neither any other way), no number marked by :func:`loads`,
    nesting no deeper than a payload may hold."""
    depth = quick_depth(data)  # exact on JSON; anything it would refuse is checked exactly
    if depth > MAX_BODY_DEPTH:
        check_depth(data)
        depth = json_depth(data)
    marked: list[BadNumber] = []
    try:
        body = loads(data, marked)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError too
        check_depth(data)
        raise Fail(400, "bad_batch", str(exc)[:200]) from exc
    if isinstance(body, dict) and isinstance(body.get("events"), list) \
            and len(body["events"]) > p.MAX_BATCH_EVENTS:
        raise Fail(422, "batch_too_large", f"at most {p.MAX_BATCH_EVENTS} events")
    try:
        batch = _PUSH.validate_python(body)
    except ValidationError as exc:
        raise Fail(422, "bad_batch", str(exc.errors(include_url=False))[:500]) from exc
    # the body's own levels (object, events, event) above a payload's first
    batch.plain = not marked and depth <= MAX_PAYLOAD_DEPTH + 2 and not _ODD_TEXT.search(data)
    return batch


_ODD_TEXT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")  # an escaped NUL or surrogate
