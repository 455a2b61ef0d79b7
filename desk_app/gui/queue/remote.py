"""A counter's calls to the queue of another desk (the host) on the office LAN.

When this desk uses the host's queue (Hàng đợi → "Nối hàng đợi giữa các quầy…", mode
``client``), :class:`~desk_app.gui.queue.desk.QueueDesk` runs its calls here instead of
``Ops.write``: each one on the ``queue-lan`` worker lane (an HTTP call that waits up to a few
seconds for a host that is off never holds the window), one at a time. This desk's own clerk
is checked first (Action.QUEUE in this desk's store), then
:class:`~desk_app.queue_lan.client.QueueClient` calls the host with this counter's number and
the clerk's username. The outcome lands on the GUI thread as a local call's does; a host that
does not answer is ``queue_unreachable`` (said in words at the panel: the clerk keeps working
without tickets).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desk_app.errors import KnownError
from desk_app.gui import background
from desk_app.queue_lan.client import QueueClient
from desk_app.services.counter import desk_counter
from desk_app.services.queue import Board, Ticket
from desk_app.services.queue_host import QueueLink, link
from desk_app.store.engine import Store

LAN_LANE = "queue-lan"


def client_for(store: Store, clerk_id: int | None, counter: int, here: QueueLink
               ) -> QueueClient:
    """A client as this desk's clerk (checked in this desk's store); no clerk: the hall
    screen's reads, named as the counter only."""
    name = ""
    if clerk_id is not None:
        with store.read() as session:
            name = QueueClient.check_clerk(session, clerk_id)
    return QueueClient(here.url, here.key, counter, name)


def call(store: Store, clerk_id: int, counter: int, here: QueueLink, op: str,
         *args: Any) -> Any:
    """``op`` (call_next, recall ...) at the host, on a worker."""
    client = client_for(store, clerk_id, counter, here)
    try:
        return getattr(client, op)(*args)
    finally:
        client.close()


State = tuple[int | None, QueueLink, Ticket | None, int, KnownError | None]


def read_state(store: Store, local: Callable[[int | None], tuple[Ticket | None, int]]
               ) -> State:
    """This desk's counter and link, then its ticket and the waiting count: from the host
    (its fault kept, not raised: the panel says it) or from this store (``local``)."""
    with store.read() as session:
        number, here = desk_counter(session), link(session)
    if here.mode != "client":
        return (number, here, *local(number), None)
    if number is None:
        return number, here, None, 0, None
    client = QueueClient(here.url, here.key, number)
    try:
        return number, here, client.current(), client.board().waiting, None
    except KnownError as exc:
        return number, here, None, 0, exc
    finally:
        client.close()


def board_source(store: Store) -> Callable[[], Board] | None:
    """The hall screen's board from the host when this desk uses the host's queue."""
    with store.read() as session:
        here, number = link(session), desk_counter(session)
    if here.mode != "client":
        return None

    def board() -> Board:
        client = client_for(store, None, number or 1, here)
        try:
            return client.board()
        finally:
            client.close()
    return board


def kiosk_client(store: Store) -> Callable[[], QueueClient] | None:
    """The kiosk's client of the host when this desk uses the host's queue (no clerk: the
    kiosk is the citizens'; named as this desk's counter), else None."""
    with store.read() as session:
        here, number = link(session), desk_counter(session)
    if here.mode != "client":
        return None
    return lambda: QueueClient(here.url, here.key, number or 1)


def lane() -> background.Lane:
    return background.lane(LAN_LANE)
