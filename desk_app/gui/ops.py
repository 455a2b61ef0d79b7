"""The one write path of the GUI: every change runs through :meth:`Ops.write`.

A service call ``fn(session, clock, clerk_id, ...)`` runs in one ``BEGIN IMMEDIATE``
transaction (:meth:`Store.write`). Service calls take a few milliseconds, so they run on the GUI
thread under a wait cursor rather than on a worker (no cross-thread session juggling); what
keeps the window responsive is that no view reloads on its own: after a successful write
:attr:`Ops.changesApplied` fires once and each view decides whether to refresh.

Errors: a :class:`ValidationError` goes back to the caller, which shows each code at its field;
any other :class:`KnownError` (database busy, illegal transition ...) is shown in a message box
and the call returns None; anything else is a bug: logged, crash dialog with the log path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.errors import KnownError, ValidationError
from desk_app.gui import messages
from desk_app.gui.session import ClerkInfo
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What a write changed: ``kind`` (intake, status, extend ...) and the dossiers touched."""

    kind: str
    dossier_ids: tuple[int, ...] = ()


@contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class Ops(QObject):
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
        self.last_error: KnownError | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    def write(
        self, kind: str, fn: Callable[..., T], *args: Any, parent: QWidget | None = None,
        **kwargs: Any,
    ) -> T | None:
        """Run ``fn(session, clock, clerk_id, *args)`` in one transaction, then broadcast."""
        self.last_error = None
        try:
            with wait_cursor(), self.store.write() as session:
                result = fn(session, self.clock, self.clerk.id, *args, **kwargs)
        except ValidationError:
            raise
        except KnownError as exc:
            self.last_error = exc
            messages.show_known_error(parent, exc)
            return None
        except Exception as exc:  # a bug: keep the window alive, tell where the log is
            messages.show_bug(parent, exc, self.log_path)
            return None
        ids = _dossier_ids(result)
        log.info("%s by %s on %s", kind, self.clerk.username, ids)
        self.changesApplied.emit(Change(kind, ids))
        return result


def _dossier_ids(result: object) -> tuple[int, ...]:
    dossier_id = getattr(result, "dossier_id", None)
    return (dossier_id,) if isinstance(dossier_id, int) else ()
