"""Enrolling this desk with the province: a one-time code becomes this desk's credential.

Re-enrolment (a new code, a new server address) only replaces the credential: events not yet
sent stay in the outbox and go out under the new credential.
"""

from __future__ import annotations

import socket

import httpx
from sqlalchemy import select

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.services.access import require
from desk_app.store.engine import Store
from desk_app.store.models import Commune
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.client import SyncClient


def enrol_desk(
    store: Store, clock: Clock, hub_url: str, code: str, *, desk_name: str | None = None,
    transport: httpx.BaseTransport | None = None, clerk_id: int | None = None,
) -> p.Enrolment:
    """Enrol with a one-time code. ``clerk_id``: the clerk asking at the counter (must be an
    admin); None only for the command line run on the desk's own PC at installation."""
    with store.write() as session:
        if clerk_id is not None:
            require(session, clerk_id, Action.ENROL)
        installation_id = state.status_row(session).installation_id
        agency_code = session.scalars(select(Commune.agency_code).limit(1)).one()
    with SyncClient(hub_url, transport=transport) as client:
        enrolment = client.enrol(code.strip(), agency_code, installation_id,
                                 desk_name or socket.gethostname())
    with store.write() as session:
        state.save_enrolment(session, hub_url, enrolment, clock.now())
    return enrolment
