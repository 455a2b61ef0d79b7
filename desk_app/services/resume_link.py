"""The link between a dossier left waiting for a supplement (form 02) and the dossier that
resumed it when the citizen came back (see :mod:`desk_app.services.resume`).

Written in the new dossier's intake transaction (:mod:`desk_app.services.intake`):

* the new dossier's intake event data (and its ``dossier.intake`` sync payload, under
  ``intake``) gets ``resumed_from: {code, uuid}``;
* the first dossier gets a ``resumed`` history event with ``resumed_by: {code, uuid}`` (its
  status stays ``supplement_requested``) and a ``dossier.resumed`` outbox event.

A dossier can be resumed once: a second attempt raises ``already_resumed`` naming the dossier
that resumed it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.lifecycle import RESUMABLE, Status
from desk_app.errors import KnownError, NotFoundError
from desk_app.services.serialize import iso
from desk_app.store import outbox
from desk_app.store.models import Dossier, DossierEvent

RESUMED = "resumed"  # the history action on the first dossier


def link_of(d: Any) -> dict[str, str]:
    return {"code": d.code, "uuid": d.uuid}


def resumed_by(session: Session, dossier_id: int) -> dict[str, Any] | None:
    """The link to the dossier that resumed this one, if any."""
    data = session.scalar(
        select(DossierEvent.data).where(DossierEvent.dossier_id == dossier_id,
                                        DossierEvent.action == RESUMED).limit(1)
    )
    return dict(data["resumed_by"]) if data and isinstance(data.get("resumed_by"), dict) else None


def check_resumable(session: Session, dossier_id: int) -> Dossier:
    """The first dossier, if it may be resumed now; else a :class:`KnownError`."""
    d = session.get(Dossier, dossier_id)
    if d is None:
        raise NotFoundError("dossier_not_found", f"dossier {dossier_id}")
    if Status(d.status) not in RESUMABLE:
        raise KnownError("not_resumable", f"{d.code} is {d.status}", dossier=d.code,
                         status=d.status)
    by = resumed_by(session, d.id)
    if by is not None:
        raise KnownError("already_resumed", f"{d.code} resumed by {by.get('code')}",
                         dossier=d.code, by=str(by.get("code", "")))
    return d


def mark_resumed(session: Session, first: Dossier, new: Any, clerk: Any,
                 now: datetime) -> None:
    """The first dossier's side of the link: its history and its sync event."""
    link = link_of(new)
    first.updated_at = now
    session.add(DossierEvent(
        dossier_id=first.id, at=now, clerk_id=clerk.id, action=RESUMED,
        from_status=first.status, to_status=first.status, reason="",
        data={"resumed_by": link},
    ))
    outbox.append(
        session, entity="dossier", entity_uuid=first.uuid, kind="dossier.resumed",
        payload={"uuid": first.uuid, "code": first.code, "at": iso(now),
                 "clerk": clerk.username, "resumed_by": link},
        at=now,
    )
