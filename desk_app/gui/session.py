"""Who is at the counter: the logged-in clerk, as plain values (no ORM object kept alive)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

LEADER_ROLES = frozenset({"leader", "admin"})


class _Account(Protocol):
    """Anything naming a clerk account: a service's ``ClerkRow`` or a stored clerk."""

    @property
    def id(self) -> int: ...
    @property
    def username(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def role(self) -> str: ...


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
    def of(cls, clerk: _Account) -> ClerkInfo:
        return cls(clerk.id, clerk.username, clerk.full_name, clerk.role)
