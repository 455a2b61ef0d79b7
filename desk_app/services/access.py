"""The services' own check of who is acting: an active clerk whose role allows the action.

Every service that writes calls :func:`require` first, in its own transaction, so an action the
GUI hides is refused just the same when something calls the service directly.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.core.permissions import Action, allowed
from desk_app.errors import KnownError, NotFoundError
from desk_app.store.models import Clerk


class ForbiddenError(KnownError):
    """The clerk's role does not allow this action (``params['action']`` says which)."""


def require(session: Session, clerk_id: int, action: Action) -> Clerk:
    clerk = session.get(Clerk, clerk_id)
    check(clerk_id, clerk is not None and clerk.active, clerk.role if clerk else "", action)
    assert clerk is not None
    return clerk


def check(clerk_id: int, active: bool, role: str, action: Action) -> None:
    """:func:`require` on a clerk already read (whether found and active, and the role)."""
    if not active:
        raise NotFoundError("clerk_not_found", f"clerk {clerk_id}")
    if not allowed(role, action):
        raise ForbiddenError("forbidden", f"{role} may not {action.value}",
                             action=action.value, role=role)
