"""The intake draft's writes, off the GUI thread: the latest one wins, a clear is final.

:func:`desk_app.services.drafts.save_draft` writes a temporary file, ``fsync``s it and renames
it: on a commune PC's slow disk (or a folder on a network share) that can take a long time,
and on the GUI thread it froze the clerk's typing. :class:`DraftWriter` runs every write and
every clear on one ``draft`` lane (one worker thread: they run in the order they were asked):

* the form's content is taken on the GUI thread when the write is asked (a snapshot), so the
  worker never touches a widget;
* a write overtaken by a newer write or clear before it started is skipped (the latest wins,
  and a slow disk is not made to write stale drafts);
* a clear (the dossier was saved, or the clerk discarded the form) runs after every write asked
  before it, so no late write brings a saved dossier's draft back;
* :meth:`DraftWriter.wait` blocks until all asked is on disk: closing the window uses it.

A write that fails (disk full, folder read only) is logged; ``failed`` is then called on the GUI
thread so the form marks itself unsaved and tries again at the next autosave.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk_app.gui import background
from desk_app.services import drafts

log = logging.getLogger(__name__)
DRAFT_LANE = "draft"


class DraftWriter:
    """Writes and clears one draft file on the ``draft`` lane (see the module)."""

    def __init__(self, path: Path, failed: Callable[[], None]) -> None:
        self.path = path
        self.failed = failed
        self._lock = threading.Lock()
        self._latest = 0  # the number of the last write or clear asked
        self.pending = 0  # asked and not landed yet (GUI thread only)

    def _ask(self) -> int:
        with self._lock:
            self._latest += 1
            return self._latest

    def _current(self, number: int) -> bool:
        with self._lock:
            return number == self._latest

    def save(self, data: dict[str, Any]) -> None:
        """Write ``data`` (a snapshot taken now) to the draft file, off the GUI thread."""
        number = self._ask()

        def job() -> bool:
            if not self._current(number):
                return True  # a newer write or a clear was asked: it wins
            try:
                drafts.save_draft(self.path, data)
            except OSError as exc:
                log.warning("could not save the intake draft %s: %s", self.path, exc)
                return False
            return True

        self._run(job, number, "draft save")

    def clear(self) -> None:
        """Delete the draft file after every write asked before (off the GUI thread)."""
        self._ask()

        def job() -> bool:
            try:
                drafts.clear_draft(self.path)
            except OSError as exc:
                log.warning("could not delete the intake draft %s: %s", self.path, exc)
            return True

        self._run(job, 0, "draft clear")

    def _run(self, job: Callable[[], bool], number: int, name: str) -> None:
        self.pending += 1

        def landed(ok: bool) -> None:
            self.pending -= 1
            if not ok and self._current(number):
                self.failed()

        background.lane(DRAFT_LANE).run(job, landed, name=name)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every write and clear asked so far is done (closing the window)."""
        return background.lane(DRAFT_LANE).wait(msecs)
