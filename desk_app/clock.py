"""The injectable clock. Nothing in desk_app reads the system time except this module
(:class:`SystemClock`, and :func:`file_stamp` for the names of backup files).

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


def file_stamp(*, micro: bool = False) -> str:
    """The PC's time as a file-name stamp (``20261123-090000``), for backups and files moved
    aside. Deliberately not the injectable clock: a name must be new each time and sort in the
    order the files were made, even while a test (or a demo) holds the desk's clock still."""
    return datetime.now().strftime("%Y%m%d-%H%M%S" + ("-%f" if micro else ""))
