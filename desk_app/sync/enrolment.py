"""Enrolling this desk with the province, and rotating its credential.

Enrolment trades a one-time code for this desk's credential. The desk makes the secret itself
and keeps it before asking (``state.pending_secret``): when the answer is lost, asking again
with the same code sends the same installation id and secret, and the province answers the
same. It also sends its counter number (the province refuses one another desk of the commune
holds) and its last credential, the proof that it is the desk the province already knows under
this installation id (a fresh code alone never takes over an enrolled desk).

Re-enrolment (a new code, a new server address) only replaces the credential: events not yet
sent stay in the outbox and go out under the new credential. So does rotation: the new secret
is kept first, registered with the province, then used; the old one works until then.
"""

from __future__ import annotations

import socket
from typing import Any

import httpx
from sqlalchemy import select

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.errors import KnownError
from desk_app.services import audit
from desk_app.services import counter as desk_counter
from desk_app.services.access import require
from desk_app.store.engine import Store
from desk_app.store.models import Commune
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.client import Refused, SyncClient


def enrol_desk(
    store: Store, clock: Clock, hub_url: str, code: str, *, desk_name: str | None = None,
    counter: Any = None, transport: httpx.BaseTransport | None = None,
    clerk_id: int | None = None,
) -> p.Enrolment:
    """Enrol with a one-time code. ``clerk_id``: the clerk asking at the counter (must be an
    admin); None only for the command line run on the desk's own PC at installation.
    ``counter``: the desk's counter number as typed at enrolment (None: the one it has);
    it becomes the desk's number once the province accepts it."""
    with store.write() as session:
        if clerk_id is not None:
            require(session, clerk_id, Action.ENROL)
        number = (desk_counter.desk_counter(session) if counter is None
                  else desk_counter.check_counter(counter))
        if number is None:
            raise KnownError("counter_not_set", "choose the desk's counter number first")
        installation_id = state.status_row(session).installation_id
        agency_code = session.scalars(select(Commune.agency_code).limit(1)).one()
        secret = state.pending_secret(session, "enrol")
        previous = state.latest_credential(session)
    try:
        with SyncClient(hub_url, transport=transport) as client:
            enrolment = client.enrol(code.strip(), agency_code, installation_id,
                                     desk_name or socket.gethostname(), counter=number,
                                     secret=secret, previous_credential=previous)
    except Refused as exc:
        if exc.code == "counter_taken":
            with store.write() as session:
                if desk_counter.desk_counter(session) == number:
                    desk_counter.note_refused(session, number)
        raise
    with store.write() as session:
        state.save_enrolment(session, hub_url, enrolment, clock.now())
        state.clear_pending_secret(session)
        audit.record(session, clerk_id, "sync.enrol", clock.now(),
                     change={"hub_url": hub_url, "desk_id": enrolment.desk_id,
                             "agency_code": enrolment.agency_code})
        desk_counter.set_counter(session, number)
        if enrolment.counter == number:
            desk_counter.note_confirmed(session, enrolment.desk_id, number)
    return enrolment


def rotate_credential(store: Store, clock: Clock, client: SyncClient) -> str:
    """Move this desk to a new credential; returns it (and ``client`` uses it from now on).

    The new secret is kept before it is sent: if the answer is lost, the old credential still
    works (the province keeps both until the new one is used) and the next try sends the same
    secret again."""
    with store.write() as session:
        current = state.active_enrolment(session)
        if current is None:
            raise Refused("not_enrolled", "this desk has no credential yet")
        desk_id = current.desk_id
        secret = state.pending_secret(session, "rotate", desk_id)
    client.rotate(secret)
    with store.write() as session:
        adopted = state.adopt_rotated(session, secret, clock.now())
    client.credential = adopted.credential
    return adopted.credential


def declare_counter(store: Store, client: SyncClient) -> bool:
    """Tell the province this desk's counter number when it has not accepted it yet; True when
    it was told now. A number another desk of the commune holds is refused ``counter_taken``
    and remembered: the desk stops receiving under it until an admin chooses another."""
    with store.read() as session:
        current = state.active_enrolment(session)
        number = desk_counter.desk_counter(session)
        if current is None or number is None:
            return False
        if desk_counter.confirmed(session, current.desk_id) == number:
            return False
        desk_id = current.desk_id
    try:
        client.declare_counter(number)
    except Refused as exc:
        if exc.code == "counter_taken":
            with store.write() as session:
                desk_counter.note_refused(session, number)
        raise
    with store.write() as session:
        desk_counter.note_confirmed(session, desk_id, number)
    return True
