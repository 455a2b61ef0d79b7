"""The hub's one clock: nothing else in province_hub reads the system time.

:class:`Clock` reads the real time; :class:`FixedClock` stands still until moved (tests pass
one to ``create_app(clock=...)``). The hub stores naive UTC in whole seconds (:meth:`utc`);
the summary counts days in Vietnam's time (:meth:`vn_local`); answers carry :meth:`now`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk_app.clock import VN_TZ


class Clock:
    """The system clock, in UTC."""

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        return datetime.now(UTC)

    def utc(self) -> datetime:
        """Naive UTC, whole seconds: how the hub's tables hold times."""
        return self.now().astimezone(UTC).replace(tzinfo=None, microsecond=0)

    def vn_local(self) -> datetime:
        """Naive Vietnam time: how desks write theirs (due dates, days of receipt)."""
        return self.now().astimezone(VN_TZ).replace(tzinfo=None)


class FixedClock(Clock):
    """A clock that stands still at ``at`` (aware; a naive time is read as UTC)."""

    def __init__(self, at: datetime) -> None:
        self._at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)

    def advance(self, **delta: float) -> None:
        self._at = self._at + timedelta(**delta)
