"""What becomes of an error nobody caught, in any thread: the log, then the bug dialog.

:func:`install` sets both of Python's last-resort hooks at start-up:

* ``sys.excepthook``: a bug in a Qt slot (and a :class:`~desk_app.gui.background.Lane` task's
  bug, which the lane hands to it). A :class:`KnownError` that reached no handler is told in its
  words instead; anything else is logged and the crash dialog names the log file.
* ``threading.excepthook``: a Python thread the program started (the sync worker, the store's
  start-up check) that dies of an exception. It is logged at once, in that thread, and then
  handed to the GUI thread (a queued signal), which shows it as ``sys.excepthook`` would. Before
  this hook, such a thread died printing to a stderr nobody reads: the clerk saw nothing.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from desk_app.errors import KnownError

log = logging.getLogger("desk_app")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class _Relay(QObject):
    """Made on the GUI thread: a signal emitted by another thread is queued to its slot,
    which shows the error there."""

    caught = Signal(object)  # (kind, exc, tb)

    def __init__(self, hook: Hook) -> None:
        super().__init__()
        self.hook = hook
        self.caught.connect(self.show)

    @Slot(object)
    def show(self, args: tuple[type[BaseException], BaseException, TracebackType | None]) -> None:
        self.hook(*args)


_relay: _Relay | None = None  # kept alive for the program's life
_open: list[QMessageBox] = []  # a box without a parent lives only while Python holds it


def keep(box: QMessageBox) -> None:
    """Hold a parentless box until it closes (else Python deletes it at once)."""
    _open.append(box)
    box.finished.connect(lambda *_a: _open.remove(box) if box in _open else None)


def crash_dialog(log_path: str) -> Hook:
    """The hook that shows an uncaught error on the GUI thread (see the module)."""
    from desk_app.gui import messages

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KnownError):  # the environment (a damaged file, a full disk)
            keep(messages.show_known_error(None, exc))
            return
        log.error("unhandled error", exc_info=(kind, exc, tb))
        keep(messages.show_bug(None, exc, log_path))

    return hook


def install(log_path: str) -> None:
    """Install both hooks (call on the GUI thread, once the QApplication exists)."""
    global _relay
    hook = crash_dialog(log_path)
    sys.excepthook = hook
    relay = _relay = _Relay(hook)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error("unhandled error in thread %s", name,
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        relay.caught.emit((args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = thread_hook
