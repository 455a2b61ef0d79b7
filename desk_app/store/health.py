"""Is the data file sound, and may it be written? Qt-free.

* :func:`quick_check` runs SQLite's ``PRAGMA quick_check`` (every page of every b-tree is read
  and its structure checked; not the match of indexes to rows) on its own read-only connection.
* :class:`StoreGuard` runs that check in a background thread from start-up, so a big file does
  not delay the login window; :meth:`StoreGuard.before_write` makes every write wait for the
  verdict and refuses all writes once the check has failed (reading stays possible).
* :func:`diagnose` turns what SQLite or the OS said (read-only media, a full disk, a damaged
  file) into a :class:`~desk_app.errors.KnownError` naming the data folder, so the clerk reads
  what happened and where, never a traceback.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from desk_app.errors import KnownError, StoreProblemError

log = logging.getLogger(__name__)

# below this much free space a vague "disk I/O error" is taken for a full disk
LOW_SPACE = 1_000_000
PROBE_BYTES = 256 * 1024  # what the folder probe writes (a quota or file-size limit shows)
_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt")


def check_file(path: Path, pragma: str = "quick_check", *, max_errors: int = 20,
               immutable: bool = False,
               on_connect: Callable[[sqlite3.Connection], None] | None = None) -> list[str]:
    """Problems ``PRAGMA quick_check`` (or ``integrity_check``) finds in ``path``; ``[]`` when
    the file is sound.

    A file SQLite cannot read at all ("file is not a database") is one problem, not an
    exception. ``immutable``: a copy nothing writes (no locks, no ``-shm`` beside it).
    ``on_connect`` gets the connection, so a caller can interrupt the check.
    """
    assert pragma in ("quick_check", "integrity_check")
    uri = Path(path).resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        if on_connect is not None:
            on_connect(conn)
        rows = conn.execute(f"PRAGMA {pragma}({int(max_errors)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def quick_check(path: Path, *, immutable: bool = False) -> list[str]:
    """Every page of every b-tree read and its structure checked (not index-vs-row)."""
    return check_file(path, "quick_check", immutable=immutable)


class StoreGuard:
    """The verdict on the data file, and the gate every write passes.

    ``state`` is ``"unchecked"`` (a store opened without a check: tests, tools), ``"checking"``,
    ``"ok"`` or ``"failed"``. Writes wait while ``checking`` and are refused once ``failed``.

    Once ``quick_check`` passed (writes open), the same thread goes on with the full
    ``integrity_check`` (indexes against rows: a damaged index answers searches wrongly);
    ``full`` is ``"running"`` meanwhile, and a failure there refuses writes from then on.
    """

    def __init__(self, path: Path | None = None, folder: Path | None = None) -> None:
        self.path = path
        self.folder = folder if folder is not None else (path.parent if path else None)
        self.state = "unchecked"
        self.problems: list[str] = []
        self.seconds = 0.0
        self.started = time.monotonic()
        self.full = ""  # "", "running", "ok", "failed": the integrity_check after quick_check
        self.full_seconds = 0.0
        self._done = threading.Event()
        self._done.set()
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None
        self._stopping = False
        # called (in whichever thread found it) when the file is found damaged
        self.on_failed: list[Callable[[list[str]], None]] = []

    # -- running the check --------------------------------------------------------------
    def start(self, *, full: bool = True) -> None:
        """Begin ``quick_check`` (then ``integrity_check``) in a background thread."""
        assert self.path is not None
        self.state = "checking"
        self.started = time.monotonic()
        self._done.clear()
        self._spawn(lambda: self._run_both(full=full))

    def _run_both(self, *, full: bool) -> None:
        """The quick check, then (if it passed and is wanted) the full one."""
        if self._run() and full:
            self._run_full()

    def run_now(self, *, full: bool = True) -> None:
        """``quick_check`` in the calling thread (a file already found damaged once); the
        full check follows in the background."""
        assert self.path is not None
        self.state = "checking"
        self._done.clear()
        if self._run() and full:
            self._spawn(self._run_full)

    def _spawn(self, work: Callable[[], object]) -> None:
        def body() -> None:
            _lower_priority()  # the window and the clerk's typing come first
            work()

        self._thread = threading.Thread(target=body, name="store-check", daemon=True)
        self._thread.start()

    def _check(self, pragma: str) -> tuple[list[str], float] | None:
        """Run one check; None when interrupted at shutdown (no verdict either way)."""
        assert self.path is not None
        began = time.monotonic()
        try:
            problems = check_file(self.path, pragma, on_connect=self._keep)
        except Exception as exc:  # a bug in the check: say so, and trust nothing
            log.exception("store check could not run")
            problems = [f"check failed to run: {exc}"]
        self._conn = None
        seconds = time.monotonic() - began
        if self._stopping:
            log.info("%s of %s interrupted after %.1f s", pragma, self.path, seconds)
            return None
        if problems:
            log.error("%s of %s FAILED in %.1f s: %s", pragma, self.path, seconds,
                      "; ".join(problems[:5]))
        else:
            log.info("%s of %s ok in %.2f s", pragma, self.path, seconds)
        return problems, seconds

    def _run(self) -> bool:
        """The quick check; True when it passed."""
        result = self._check("quick_check")
        if result is None:
            self.state = "unchecked"
            self._done.set()
            return False
        problems, self.seconds = result
        if problems:
            self.fail(problems)
            return False
        self.state = "ok"
        self._done.set()
        return True

    def _run_full(self) -> None:
        self.full = "running"
        result = self._check("integrity_check")
        if result is None:
            self.full = ""
            return
        problems, self.full_seconds = result
        self.full = "failed" if problems else "ok"
        if problems:
            self.fail(problems)

    def _keep(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def wait(self, timeout: float | None = None) -> bool:
        """True once there is a verdict (or no check was started)."""
        return self._done.wait(timeout)

    def busy(self) -> bool:
        """A check (quick or full) is still running."""
        return self.state == "checking" or (self._thread is not None
                                            and self._thread.is_alive())

    def wait_since_start(self, budget: float) -> bool:
        """Wait until ``budget`` seconds after the check began; True once there is a verdict."""
        return self._done.wait(max(0.0, budget - (time.monotonic() - self.started)))

    def stop(self) -> None:
        """Interrupt a running check (shutdown) and wait for its thread."""
        self._stopping = True
        conn = self._conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.Error:
                pass
        if self._thread is not None:
            self._thread.join(timeout=10)

    # -- the gate -------------------------------------------------------------------------
    def fail(self, problems: list[str]) -> None:
        """The file is damaged (the check, or SQLite saying 'malformed' during work)."""
        first = self.state != "failed"
        self.problems = problems
        self.state = "failed"
        self._done.set()
        if first:
            for listener in list(self.on_failed):
                try:
                    listener(problems)
                except Exception:  # a listener must not hide the verdict
                    log.exception("store-failure listener failed")

    def error(self) -> StoreProblemError:
        return StoreProblemError(
            "store_corrupt", "; ".join(self.problems[:5]) or "damaged",
            folder=str(self.folder or ""), problems=list(self.problems[:5]),
        )

    def before_write(self) -> None:
        """Wait for the check's verdict; refuse the write if the file is damaged."""
        self._done.wait()
        if self.state == "failed":
            raise self.error()


def _lower_priority() -> None:
    """Linux gives each thread its own nice value; elsewhere this does nothing."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass


def diagnose(exc: BaseException, folder: Path) -> KnownError:
    """What a failed open or write means for the clerk, naming ``folder``."""
    where = str(folder)
    detail = str(exc)
    code = _errno_of(exc)
    text = detail.lower()
    if code in _FULL_ERRNOS or "disk is full" in text:
        return KnownError("disk_full", detail, folder=where)
    if code in _READ_ONLY_ERRNOS or "readonly" in text or "read-only" in text:
        return KnownError("folder_read_only", detail, folder=where)
    if any(word in text for word in _CORRUPT_WORDS):
        return StoreProblemError("store_corrupt", detail, folder=where, problems=[detail])
    if "locked" in text or "busy" in text:
        return KnownError("db_locked", detail, folder=where)
    # "unable to open database file", "disk I/O error": ask the folder itself
    probed = probe_folder(folder)
    if probed is not None:
        return probed
    return KnownError("db_error", detail, folder=where)


def probe_folder(folder: Path) -> KnownError | None:
    """Try to write a small file in ``folder``: None when that works."""
    where = str(folder)
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return KnownError("disk_full", f"less than {LOW_SPACE} bytes free", folder=where)
    except OSError:
        pass
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * PROBE_BYTES)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        if exc.errno in _FULL_ERRNOS:
            return KnownError("disk_full", str(exc), folder=where)
        return KnownError("folder_read_only", str(exc), folder=where)
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    return None


def _errno_of(exc: BaseException) -> int | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno is not None:
            return current.errno
        code = getattr(current, "sqlite_errorcode", None)
        if code is not None:
            return {sqlite3.SQLITE_FULL: errno.ENOSPC,
                    sqlite3.SQLITE_READONLY: errno.EROFS}.get(code & 0xFF)
        current = current.__cause__ or current.__context__ or getattr(current, "orig", None)
    return None
