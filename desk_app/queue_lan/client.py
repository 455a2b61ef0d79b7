"""A counter's calls to the queue's host on the office LAN (Qt-free; the GUI runs them on a
worker lane, never on its own thread).

The same operations as :mod:`desk_app.services.queue`, returning the same values
(:class:`~desk_app.services.queue.Ticket` ...). The calling desk checks its own clerk's right
to queue (:meth:`QueueClient.check_clerk`) before it calls: the host knows only the counter
number and the username it is told. Errors are KnownError codes the GUI has words for
(:mod:`desk_app.gui.queue_words`):

* ``queue_unreachable``: the host does not answer (off, another address, the firewall), or
  not within :data:`TIMEOUT` seconds;
* ``queue_key_refused``: the host refuses the key (a 401), or no longer hosts;
* ``queue_bad_answer``: something answered that is not a queue host;
* the host's own codes passed through (``ticket_none``, ``db_locked`` ...), and a refused
  input as a ValidationError with the host's field codes (``bad_counter``, ``same_counter``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from sqlalchemy.orm import Session

from desk_app.core.permissions import Action
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.queue_lan import wire
from desk_app.services.access import require
from desk_app.services.queue import Board, FieldChoice, Ticket

# seconds: the host is on the same LAN (an answer may wait for the host's SQLite write lock;
# a call whose answer is lost anyway shows at the next refresh, which reads the host's state)
TIMEOUT = httpx.Timeout(15.0, connect=3.0)
T = TypeVar("T")


class QueueClient:
    def __init__(self, url: str, key: str, counter: int, clerk: str = "", *,
                 transport: httpx.BaseTransport | None = None,
                 timeout: float | httpx.Timeout = TIMEOUT) -> None:
        self.url, self.counter, self.clerk = url.rstrip("/"), counter, clerk
        self.http = httpx.Client(base_url=self.url + wire.ROOT, transport=transport,
                                 timeout=timeout, trust_env=False,
                                 headers={"Authorization": f"Bearer {key.strip()}"}
                                 if key.strip() else {})

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> QueueClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def check_clerk(session: Session, clerk_id: int) -> str:
        """This desk's clerk may call tickets (Action.QUEUE, in this desk's store): their
        username, which the host records."""
        return require(session, clerk_id, Action.QUEUE).username

    def _post(self, route: str, read: Callable[[Any], T], **values: Any) -> T:
        body = {"counter": self.counter, "clerk": self.clerk, **values}
        try:
            resp = self.http.post(route, json=body)
        except httpx.HTTPError as exc:  # refused, timed out, no route to the host ...
            raise KnownError("queue_unreachable", str(exc), url=self.url) from exc
        if resp.status_code == 401:
            raise KnownError("queue_key_refused", "the host refused the key", url=self.url)
        try:
            answer = resp.json()
            if resp.status_code == 200:
                return read(answer["result"])
            code, params = answer["error"], answer.get("params") or {}
            fields = answer.get("fields")
            if not isinstance(code, str) or not isinstance(params, dict):
                raise TypeError("no error code")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KnownError("queue_bad_answer", f"HTTP {resp.status_code}",
                             url=self.url) from exc
        if code == "validation" and isinstance(fields, list):
            raise ValidationError([
                FieldError(str(f.get("field")), str(f.get("code")), dict(f.get("params") or {}))
                for f in fields if isinstance(f, dict)])
        raise KnownError(code, f"the host refused: {code}", **{str(k): v for k, v in params.items()})

    # -- the queue's operations, as desk_app.services.queue's ---------------------------

    def fields(self) -> list[FieldChoice]:
        return self._post("fields", wire.fields_of)

    def board(self) -> Board:
        return self._post("board", wire.board_of)

    def current(self) -> Ticket | None:
        return self._post("current", wire.ticket_of)

    def issue(self, field_code: str, cccd_number: str | None = None) -> Ticket:
        return _some(self._post("issue", wire.ticket_of, field_code=field_code,
                                cccd_number=cccd_number))

    def call_next(self) -> Ticket | None:
        return self._post("call-next", wire.ticket_of)

    def recall(self) -> Ticket:
        return _some(self._post("recall", wire.ticket_of))

    def absent(self) -> Ticket:
        return _some(self._post("absent", wire.ticket_of))

    def transfer(self, to_counter: int) -> Ticket:
        return _some(self._post("transfer", wire.ticket_of, to_counter=to_counter))

    def finish(self) -> Ticket:
        return _some(self._post("finish", wire.ticket_of))


def _some(ticket: Ticket | None) -> Ticket:
    if ticket is None:
        raise KnownError("queue_bad_answer", "a ticket was expected")
    return ticket
