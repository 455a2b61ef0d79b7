"""The injectable clock. Nothing in desk_app reads the system time except :class:`SystemClock`.

All stored and computed times are naive local times of Vietnam (UTC+7, no daylight saving);
the sync layer adds the ``+07:00`` offset on the wire.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol

VN_TZ = timezone(timedelta(hours=7), "ICT")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current naive local (Vietnam) time."""
        ...


class SystemClock:
    """The real clock, read in Vietnam's time zone whatever the PC's zone is."""

    def now(self) -> datetime:
        return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)


class FixedClock:
    """A clock that stands still until moved; for tests and demos."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at

    def advance(self, **delta: float) -> None:
        self._at = self._at + timedelta(**delta)
