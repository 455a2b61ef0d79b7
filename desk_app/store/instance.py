"""One program per data folder.

A clerk who double-clicks the icon again, or a second session on the same PC, must not open a
second program on the same store: two sync workers, two citizen screens and two intake forms
saving one draft file would overwrite each other's typing. The first program holds an OS lock
on ``desk.lock`` in the data folder for as long as it runs; the OS drops it when the process
ends in any way (closed, crashed, killed), so there is never a stale lock to clean by hand.
The file holds the holder's process id, only to name it in the message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desk_app.errors import KnownError

LOCK_NAME = "desk.lock"
# Windows locks byte ranges and a locked range cannot be read: lock a byte far past the pid
_LOCK_OFFSET = 1 << 20


class AlreadyRunningError(KnownError):
    """Another program has this data folder open (code ``already_running``)."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class InstanceLock:
    """Held from :meth:`acquire` until :meth:`release` or the end of the process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the folder, or raise :class:`AlreadyRunningError` naming the holder. A folder
        that cannot be written is left to the store's own start-up to explain."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # unbuffered: nothing is left to flush (and fail) on a full disk at close
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError:
            return
        if not _try_lock(fd):
            os.lseek(fd, 0, os.SEEK_SET)
            holder = os.read(fd, 20).decode("ascii", "replace").strip()
            os.close(fd)
            raise AlreadyRunningError("already_running", folder=str(self.data_dir),
                                      pid=holder if holder.isdigit() else "?")
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError:  # a full disk: the lock holds all the same, only without the number
            pass

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops the lock
            self._fd = None
