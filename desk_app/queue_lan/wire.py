"""What the queue's host and counters send each other: JSON objects of plain values.

* a request: ``{"counter": 2, "clerk": "binh", ...}`` plus the route's own values
  (``field_code``/``cccd_number`` for issue, ``to_counter`` for transfer), with the header
  ``Authorization: Bearer <office queue key>``;
* an answer: 200 ``{"result": ...}`` (a ticket, a list of fields, a board, or null);
  otherwise ``{"error": "<code>", "params": {...}}`` and, for a refused input (400
  ``validation``), ``"fields": [{"field", "code", "params"}]``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk_app.errors import FieldError
from desk_app.services.queue import Board, FieldChoice, Ticket

ROOT = "/queue/v1/"
COUNTER_ROUTES = ("call-next", "recall", "absent", "transfer", "finish")
ROUTES = ("fields", "issue", "current", "board", *COUNTER_ROUTES)
MAX_BODY = 4096  # bytes: every request is a few small values


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="microseconds")


def _parse_time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def ticket_json(t: Ticket | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"uuid": t.uuid, "day": t.day.isoformat(), "number": t.number,
            "field_code": t.field_code, "field_name": t.field_name, "status": t.status,
            "counter": t.counter, "issued_at": _time(t.issued_at),
            "called_at": _time(t.called_at), "calls": t.calls, "ahead": t.ahead}


def ticket_of(value: Any) -> Ticket | None:
    """A ticket as sent; raises KeyError/TypeError/ValueError on anything else."""
    if value is None:
        return None
    issued = _parse_time(value["issued_at"])
    if issued is None:
        raise ValueError("a ticket without its time of issue")
    counter = value["counter"]
    return Ticket(str(value["uuid"]), date.fromisoformat(str(value["day"])),
                  int(value["number"]), str(value["field_code"]), str(value["field_name"]),
                  str(value["status"]), None if counter is None else int(counter), issued,
                  _parse_time(value["called_at"]), int(value["calls"]), int(value["ahead"]))


def board_json(b: Board) -> dict[str, Any]:
    return {"called": [ticket_json(t) for t in b.called], "waiting": b.waiting}


def board_of(value: Any) -> Board:
    called = [ticket_of(t) for t in value["called"]]
    return Board([t for t in called if t is not None], int(value["waiting"]))


def fields_json(choices: list[FieldChoice]) -> list[dict[str, Any]]:
    return [{"code": f.code, "name": f.name, "waiting": f.waiting} for f in choices]


def fields_of(value: Any) -> list[FieldChoice]:
    return [FieldChoice(str(f["code"]), str(f["name"]), int(f["waiting"])) for f in value]


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def error_json(code: str, params: dict[str, Any] | None = None,
               fields: list[FieldError] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code,
                            "params": {k: _plain(v) for k, v in (params or {}).items()}}
    if fields is not None:
        body["fields"] = [{"field": e.field, "code": e.code,
                           "params": {k: _plain(v) for k, v in e.params.items()}}
                          for e in fields]
    return body
