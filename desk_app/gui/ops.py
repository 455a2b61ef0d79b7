"""The one write path of the GUI, as Anki's CollectionOp: every change runs off the GUI thread.

:meth:`Ops.write` runs a service call ``fn(session, clock, clerk_id, *args)`` in one
``BEGIN IMMEDIATE`` transaction (:meth:`Store.write`) on ONE database worker thread (the ``db``
lane of :mod:`desk_app.gui.background`), and returns at once with a :class:`Write` handle. A
save that waits for SQLite's write lock (up to 15 s when another program holds it) no longer
freezes the window: the GUI thread keeps painting and taking keys meanwhile.

When the outcome lands, on the GUI thread:

* success: ``done(result)``, then :attr:`Ops.changesApplied` fires once with a :class:`Change`
  (each view decides whether to refresh);
* :class:`ValidationError`: ``invalid(errors)`` shows each code at its field (nothing was
  written); without ``invalid`` the codes are shown in a message box;
* any other :class:`KnownError` (database busy, illegal transition ...): ``failed(exc)``, or a
  message box when no ``failed`` was given;
* anything else is a bug: logged, crash dialog with the log's path.

Callbacks are skipped when their ``parent`` widget was deleted meanwhile (the change itself was
committed and is still broadcast). While a write of a ``parent`` is in flight, a second one from
the same parent is refused (:meth:`Ops.write` returns None): a second Enter on "Lưu" never
receives a second dossier. Progress shows only when the write takes longer than
:data:`PROGRESS_AFTER_MS` (a wait cursor, and ``busy(True)`` for the caller's own label); no
modal dialog ever steals the clerk's typing.

Before a clerk is logged in (login, first-run admin, password change) there is no ``Ops``:
:func:`submit` runs a plain ``work(session)`` on the same worker with the same error handling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.clock import Clock
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import background, crash, messages
from desk_app.gui.session import ClerkInfo

if TYPE_CHECKING:  # SQLAlchemy is not imported before the login window is painted
    from sqlalchemy.orm import Session

    from desk_app.store.engine import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

DB_LANE = "db"  # the one database worker thread every write runs on
PROGRESS_AFTER_MS = 150  # a write shorter than this shows no progress at all

_in_flight: list[Write[Any]] = []  # writes submitted and not yet landed


@dataclass(frozen=True)
class Change:
    """What a write changed: ``kind`` (intake, status, extend ...) and the dossiers touched."""

    kind: str
    dossier_ids: tuple[int, ...] = ()


class Write(Generic[T]):
    """One write in flight. ``running`` until its outcome landed (and its callbacks ran);
    then ``result`` or ``error`` says how it went."""

    def __init__(self, name: str, parent: QWidget | None,
                 busy: Callable[[bool], None] | None) -> None:
        self.name, self.parent, self.busy = name, parent, busy
        self.running = True
        self.result: T | None = None
        self.error: BaseException | None = None
        self._cursor = False
        self._progress = QTimer(singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress.timeout.connect(self._show_progress)
        self._progress.start()

    def _alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _show_progress(self) -> None:
        if not self.running:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._cursor = True
        if self.busy is not None and self._alive():
            self.busy(True)

    def _end_progress(self) -> None:
        self._progress.stop()
        if self._cursor:
            QGuiApplication.restoreOverrideCursor()
            if self.busy is not None and self._alive():
                self.busy(False)
        self._cursor = False


def in_flight() -> int:
    """How many writes are submitted and not landed yet (tests wait for 0)."""
    return len(_in_flight)


def submit(
    store: Store, name: str, work: Callable[[Session], T], *,
    parent: QWidget | None,
    done: Callable[[T], None] | None = None,
    invalid: Callable[[list[FieldError]], None] | None = None,
    failed: Callable[[KnownError], None] | None = None,
    busy: Callable[[bool], None] | None = None,
    log_path: str = "", gated: bool = True,
    after: Callable[[T], None] | None = None,
) -> Write[T] | None:
    """Run ``work(session)`` in one write transaction on the database worker (see module).

    ``after(result)`` follows ``done`` on success even when ``parent`` died (the broadcast).
    Returns None, running nothing, while a write of the same ``parent`` is in flight."""
    if parent is not None and any(w.parent is parent for w in _in_flight):
        log.info("write %s refused: the last one from this window is still running", name)
        return None
    handle: Write[T] = Write(name, parent, busy)
    _in_flight.append(handle)

    def job() -> tuple[T | None, Exception | None]:
        try:
            with store.write(gated=gated) as session:
                return work(session), None
        except Exception as exc:  # handed to the GUI thread, sorted there
            return None, exc

    def landed(outcome: tuple[T | None, Exception | None]) -> None:
        result, exc = outcome
        handle.result, handle.error = result, exc
        handle._end_progress()
        try:
            _deliver(handle, result, exc, done, invalid, failed, log_path)
            if exc is None and after is not None:
                after(cast(T, result))  # no exception: work() returned a T
        finally:
            handle.running = False
            if handle in _in_flight:
                _in_flight.remove(handle)

    background.lane(DB_LANE).run(job, landed, name=name)
    return handle


def _deliver(handle: Write[T], result: T | None, exc: Exception | None,
             done: Callable[[T], None] | None,
             invalid: Callable[[list[FieldError]], None] | None,
             failed: Callable[[KnownError], None] | None, log_path: str) -> None:
    alive = handle._alive()
    parent = handle.parent if alive else None
    if exc is None:
        if done is not None and alive:
            done(cast(T, result))  # no exception: work() returned a T
        return
    if isinstance(exc, ValidationError) and invalid is not None:
        if alive:
            invalid(exc.errors)
    elif isinstance(exc, KnownError):
        if failed is not None:
            if alive:
                failed(exc)
        else:
            _shown(parent, messages.show_known_error(parent, exc))
    else:  # a bug: keep the window alive, tell where the log is
        _shown(parent, messages.show_bug(parent, exc, log_path))


def _shown(parent: QWidget | None, box: QMessageBox) -> None:
    if parent is None:  # no window owns it: held until closed
        crash.keep(box)


class Ops(QObject):
    """The logged-in clerk's write path: :meth:`write` runs as that clerk, then broadcasts."""

    changesApplied = Signal(object)  # Change

    def __init__(
        self, store: Store, clock: Clock, clerk: ClerkInfo, log_path: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.clerk = clerk
        self.log_path = log_path

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    def write(
        self, kind: str, fn: Callable[..., T], *args: Any, parent: QWidget | None,
        done: Callable[[T], None] | None = None,
        invalid: Callable[[list[FieldError]], None] | None = None,
        failed: Callable[[KnownError], None] | None = None,
        busy: Callable[[bool], None] | None = None,
    ) -> Write[T] | None:
        """Run ``fn(session, clock, clerk_id, *args)`` on the database worker; ``done(result)``
        then :attr:`changesApplied` on the GUI thread (see the module for the errors)."""
        clock, clerk = self.clock, self.clerk

        def work(session: Session) -> T:
            return fn(session, clock, clerk.id, *args)

        def broadcast(result: T) -> None:
            ids = _dossier_ids(result)
            log.info("%s by %s on %s", kind, clerk.username, ids)
            if shiboken6.isValid(self):
                self.changesApplied.emit(Change(kind, ids))

        return submit(self.store, kind, work, parent=parent, done=done, invalid=invalid,
                      failed=failed, busy=busy, log_path=self.log_path, after=broadcast)


def _dossier_ids(result: object) -> tuple[int, ...]:
    dossier_id = getattr(result, "dossier_id", None)
    return (dossier_id,) if isinstance(dossier_id, int) else ()
