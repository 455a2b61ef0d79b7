"""The dossier life cycle as an explicit state machine.

Intake ends in one of three states: ``received`` (complete, has a due date), ``supplement_requested``
(form 02: incomplete, nothing kept) or ``refused`` (form 03). A received dossier then moves:

    received -> in_processing -> result_ready -> returned
                      |  ^
                      v  |
               waiting_supplement

and may end early as ``refused``, ``withdrawn`` (the citizen takes it back) or ``stopped``
(form 05). A late dossier gets an apology letter (form 04) with a new appointment: the
``extend`` action, allowed to desk leaders, which keeps the status and moves the due date.

A ``supplement_requested`` dossier stays so, but can be *resumed* once when the citizen comes
back with the missing papers: a new intake, linked to it (the ``resumed`` action, which keeps
its status; see :mod:`desk_app.services.resume`).
"""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    REFUSED = "refused"
    IN_PROCESSING = "in_processing"
    WAITING_SUPPLEMENT = "waiting_supplement"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


INTAKE_OUTCOMES = frozenset({Status.RECEIVED, Status.SUPPLEMENT_REQUESTED, Status.REFUSED})

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {Status.IN_PROCESSING, Status.RESULT_READY, Status.WAITING_SUPPLEMENT, Status.REFUSED,
         Status.WITHDRAWN, Status.STOPPED}
    ),
    Status.IN_PROCESSING: frozenset(
        {Status.WAITING_SUPPLEMENT, Status.RESULT_READY, Status.REFUSED, Status.WITHDRAWN,
         Status.STOPPED}
    ),
    Status.WAITING_SUPPLEMENT: frozenset(
        {Status.IN_PROCESSING, Status.WITHDRAWN, Status.STOPPED}
    ),
    Status.RESULT_READY: frozenset({Status.RETURNED}),
    Status.RETURNED: frozenset(),
    Status.SUPPLEMENT_REQUESTED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.STOPPED: frozenset(),
}

# Transitions that must say why (the reason is printed on forms 03/05 or kept in the history).
REASON_REQUIRED = frozenset(
    {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.WAITING_SUPPLEMENT}
)

# Statuses in which the legal clock runs (used for "due soon" and "overdue").
OPEN = frozenset({Status.RECEIVED, Status.IN_PROCESSING, Status.WAITING_SUPPLEMENT})
FINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
EXTENDABLE = OPEN
RESUMABLE = frozenset({Status.SUPPLEMENT_REQUESTED})


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def refusal_reason(current: Status, target: Status) -> str | None:
    """None if allowed, else a code: 'final' (nothing follows) or 'not_allowed'."""
    if can_transition(current, target):
        return None
    return "final" if current in FINAL else "not_allowed"
