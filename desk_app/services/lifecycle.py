"""Status changes after intake, the return of results and extensions (form 04).

Each change checks the state machine (:mod:`desk_app.core.lifecycle`), records who, when and
why in the append-only history, and appends an outbox event, all in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.indicators import solve_timing
from desk_app.core.lifecycle import EXTENDABLE, REASON_REQUIRED, Status, refusal_reason
from desk_app.core.permissions import Action
from desk_app.core.text import nfc
from desk_app.errors import FieldError, NotFoundError, TransitionError, ValidationError
from desk_app.services import audit, ticket_visits
from desk_app.services.access import require
from desk_app.services.queue import Visit
from desk_app.services.serialize import iso
from desk_app.services.validation import check_text
from desk_app.services.working_hours import appointment_errors
from desk_app.store import outbox
from desk_app.store.models import Clerk, Dossier, DossierEvent
from desk_app.store.stamps import stamp


@dataclass(frozen=True)
class ChangeResult:
    dossier_id: int
    code: str
    from_status: Status
    to_status: Status
    at: datetime
    return_timing: str = ""


# Which permission a move into each status needs (core/permissions.py).
STATUS_ACTION: dict[Status, Action] = {
    Status.IN_PROCESSING: Action.PROCESS,
    Status.WAITING_SUPPLEMENT: Action.PROCESS,
    Status.RESULT_READY: Action.PROCESS,
    Status.RETURNED: Action.RETURN,
    Status.REFUSED: Action.REFUSE,
    Status.WITHDRAWN: Action.WITHDRAW,
    Status.STOPPED: Action.STOP,
}


def _load(session: Session, dossier_id: int, clerk_id: int,
          action: Action) -> tuple[Dossier, Clerk]:
    clerk = require(session, clerk_id, action)
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFoundError("dossier_not_found", f"dossier {dossier_id}")
    return dossier, clerk


def return_timing(returned_at: datetime, due_at: datetime | None) -> str:
    """'early' (a day or more before the due day), 'on_time' or 'late'
    (:func:`desk_app.core.indicators.solve_timing`, the reports' rule too)."""
    return solve_timing(returned_at, due_at)


def change_status(
    session: Session, clock: Clock, clerk_id: int, dossier_id: int, target: Status,
    reason: str = "", *, collector: dict[str, Any] | None = None, visit: Visit | None = None,
) -> ChangeResult:
    """Move the dossier to ``target``. ``visit`` (a return only): the queue ticket served,
    kept as a ``ticket_visits`` row and sent under ``"ticket"`` in the status event."""
    dossier, clerk = _load(session, dossier_id, clerk_id,
                           STATUS_ACTION.get(target, Action.PROCESS))
    current = Status(dossier.status)
    why = refusal_reason(current, target)
    if why is not None:
        raise TransitionError(
            f"transition_{why}", f"{current.value} -> {target.value}",
            current=current.value, target=target.value,
        )
    reason = nfc(reason)
    errors = check_text("reason", reason, required=target in REASON_REQUIRED)
    if errors:
        raise ValidationError(errors)
    now = stamp(session, clock.now())  # never earlier than the desk's last receipt or event
    timing = ""
    if target is Status.RETURNED:
        timing = return_timing(now, dossier.due_at)
        dossier.returned_at = now
        dossier.return_timing = timing
    dossier.status = target.value
    dossier.updated_at = now
    data: dict[str, Any] = {"return_timing": timing} if timing else {}
    if collector is not None and target is Status.RETURNED:  # checked by services.returns
        data["collector"] = collector
    if visit is not None and target is Status.RETURNED:
        ticket_visits.write(session, visit, dossier.id, "return", now)
        data["ticket"] = ticket_visits.payload_of(visit, now)
    session.add(
        DossierEvent(
            dossier_id=dossier.id, at=now, clerk_id=clerk.id, action="status",
            from_status=current.value, to_status=target.value, reason=reason, data=data,
        )
    )
    outbox.append(
        session, entity="dossier", entity_uuid=dossier.uuid, kind="dossier.status",
        payload={
            "uuid": dossier.uuid, "code": dossier.code, "from": current.value,
            "to": target.value, "at": iso(now), "reason": reason,
            "clerk": clerk.username, **data,
        },
        at=now,
    )
    audit.record(session, clerk.id, "dossier.status", now, dossier=dossier,
                 change={"from": current.value, "to": target.value, "reason": reason, **data})
    return ChangeResult(dossier.id, dossier.code, current, target, now, timing)


def extend_due(
    session: Session, clock: Clock, clerk_id: int, dossier_id: int, new_due_at: datetime,
    reason: str,
) -> ChangeResult:
    """Form 04: a desk leader sets a new appointment for a late dossier, with the reason."""
    dossier, clerk = _load(session, dossier_id, clerk_id, Action.EXTEND)
    current = Status(dossier.status)
    if current not in EXTENDABLE:
        raise TransitionError("transition_not_allowed", f"cannot extend a {current.value} dossier")
    errors = check_text("reason", nfc(reason), required=True)
    now = stamp(session, clock.now())  # never earlier than the desk's last receipt or event
    # later than now and than the current appointment, on a working day, in office hours
    due_errors = appointment_errors(session, now, new_due_at)
    if not due_errors and dossier.due_at is not None and new_due_at <= dossier.due_at:
        due_errors.append(FieldError("new_due_at", "not_later"))
    errors += due_errors
    if errors:
        raise ValidationError(errors)
    old = dossier.due_at
    dossier.due_at = new_due_at
    dossier.updated_at = now
    data = {"old_due_at": iso(old), "new_due_at": iso(new_due_at)}
    session.add(
        DossierEvent(
            dossier_id=dossier.id, at=now, clerk_id=clerk.id, action="extend",
            from_status=current.value, to_status=current.value, reason=nfc(reason), data=data,
        )
    )
    outbox.append(
        session, entity="dossier", entity_uuid=dossier.uuid, kind="dossier.extend",
        payload={"uuid": dossier.uuid, "code": dossier.code, "at": iso(now),
                 "reason": nfc(reason), "clerk": clerk.username, **data},
        at=now,
    )
    audit.record(session, clerk.id, "dossier.extend", now, dossier=dossier,
                 change={"reason": nfc(reason), **data})
    return ChangeResult(dossier.id, dossier.code, current, current, now)
