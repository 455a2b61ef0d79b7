"""Running a plain function on a worker thread and getting its outcome back on the GUI thread.

Some work must not run on the GUI thread: rendering a register of 1,500 dossiers takes most of a
second, and a print spooler that hangs holds ``lp`` for its whole timeout. A :class:`Lane` runs
such a function on a worker thread (``QThreadPool``) and calls back on the GUI thread:

* ``done(result)`` when it returned;
* ``failed(exc)`` when it raised a :class:`KnownError` (the environment's fault, shown in words);
  without ``failed`` the error is shown in a message box (``messages.show_known_error``);
* anything else is a bug: logged and handed to ``sys.excepthook`` (the crash dialog with the
  log's path in the program, a test failure under pytest-qt).

The callbacks are dropped when their ``context`` object was deleted meanwhile (a dialog the clerk
closed), and a :class:`Task` can be cancelled: a queued one never starts, a running one's result
is dropped. A lane with one thread (the default) runs its functions one after another, in order.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from desk_app.errors import KnownError

log = logging.getLogger(__name__)
T = TypeVar("T")

_live: set[_Relay] = set()  # relays waiting for their worker: kept alive until delivered


class Task(Generic[T]):
    """One function run on a lane; ``cancel()`` drops its outcome."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cancelled = False
        self.started = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self.cancelled = True


class _Relay(QObject):
    """Lives on the GUI thread; its signal, emitted by the worker, is queued to it.

    Everything that may hold a widget (the function and its closure, the callbacks, the
    context, the outcome with an exception's traceback) is kept here and let go on the GUI
    thread, in :meth:`_deliver`: were the worker to drop the last reference to a top-level
    window, Qt would destroy that window on the worker thread and the program would crash.
    For the same reason the relay has a parent (the application), so a reference to it
    dropped on the worker never destroys it there; ``deleteLater`` does, on the GUI thread.
    """

    landed = Signal()  # the outcome is in self.outcome (no Python object in the event)

    def __init__(self, task: Task[Any], fn: Callable[[], Any], done: Callable[[Any], None],
                 failed: Callable[[KnownError], None] | None, context: QObject | None,
                 parent_for_errors: Callable[[], Any]) -> None:
        super().__init__(QCoreApplication.instance())
        self.task = task
        self.fn: Callable[[], Any] | None = fn
        self.done: Callable[[Any], None] | None = done
        self.failed = failed
        self.context = context
        self.parent_for_errors: Callable[[], Any] | None = parent_for_errors
        self.outcome: tuple[object, BaseException | None] = (None, None)
        self.landed.connect(self._deliver)

    @Slot()
    def _deliver(self) -> None:
        (result, exc), done, failed = self.outcome, self.done, self.failed
        context, parent_for_errors = self.context, self.parent_for_errors
        self.outcome, self.fn, self.done, self.failed = (None, None), None, None, None
        self.context = self.parent_for_errors = None
        _live.discard(self)
        self.deleteLater()
        self.task.finished = True
        alive = context is None or shiboken6.isValid(context)
        if exc is not None and not isinstance(exc, KnownError):
            log.error("background task %s failed", self.task.name, exc_info=exc)
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        if self.task.cancelled or not alive:
            log.debug("background task %s: outcome dropped", self.task.name)
            return
        if isinstance(exc, KnownError):
            if failed is not None:
                failed(exc)
            else:
                from desk_app.gui import messages

                messages.show_known_error(parent_for_errors() if parent_for_errors else None,
                                          exc)
            return
        assert done is not None
        done(result)


class _Job(QRunnable):
    """Runs the relay's function on a worker; holds nothing that may hold a widget."""

    def __init__(self, task: Task[Any], relay: _Relay) -> None:
        super().__init__()
        self.task, self.relay = task, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.started.set()
        relay = self.relay
        if not self.task.cancelled and relay.fn is not None:
            try:
                relay.outcome = (relay.fn(), None)
            except BaseException as error:
                relay.outcome = (None, error)
        relay.landed.emit()


class Lane:
    """Worker threads for one kind of work (``threads=1``: one task at a time, in order)."""

    def __init__(self, name: str, threads: int = 1) -> None:
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.pool.setObjectName(f"lane-{name}")

    def run(self, fn: Callable[[], T], done: Callable[[T], None], *,
           failed: Callable[[KnownError], None] | None = None,
           context: QObject | None = None, name: str = "") -> Task[T]:
        """Run ``fn()`` on a worker; call ``done``/``failed`` on the GUI thread (see module)."""
        task: Task[T] = Task(name or getattr(fn, "__name__", self.name))
        parent = context if context is not None and hasattr(context, "window") else None
        relay = _Relay(task, fn, done, failed, context,
                       lambda: parent if parent is not None and shiboken6.isValid(parent)
                       else None)
        _live.add(relay)
        self.pool.start(_Job(task, relay))
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait until every task of the lane ran (shutdown, tests); True when idle."""
        return bool(self.pool.waitForDone(msecs))


def wait_all(msecs: int = 30_000) -> bool:
    """Wait until every lane is idle (shutdown, tests); True when all are."""
    return all([ln.wait(msecs) for ln in list(_lanes.values())])


_lanes: dict[str, Lane] = {}
_lanes_lock = threading.Lock()


def lane(name: str, threads: int = 1) -> Lane:
    """The process-wide lane called ``name`` (made on first use)."""
    with _lanes_lock:
        if name not in _lanes:
            _lanes[name] = Lane(name, threads)
        return _lanes[name]
