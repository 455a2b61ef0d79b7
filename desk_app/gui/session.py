"""Who is at the counter: the logged-in clerk, as plain values (no ORM object kept alive)."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.store.models import Clerk

LEADER_ROLES = frozenset({"leader", "admin"})


@dataclass(frozen=True)
class ClerkInfo:
    id: int
    username: str
    full_name: str
    role: str

    @property
    def is_leader(self) -> bool:
        return self.role in LEADER_ROLES

    @classmethod
    def of(cls, clerk: Clerk) -> ClerkInfo:
        return cls(clerk.id, clerk.username, clerk.full_name, clerk.role)
