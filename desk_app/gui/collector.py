"""Python's cyclic garbage collector, run on the GUI thread only (as Anki and pyqtgraph do).

Python runs its cyclic collector in whichever thread happens to allocate past the threshold.
With worker threads (the lanes of :mod:`.background`, the sync loop) that can be a worker: a
window or dialog caught in a reference cycle is then destroyed there, and Qt, whose widgets and
timers belong to the GUI thread, crashes the program ("QObject::~QObject: Timers cannot be
stopped from another thread", then a segmentation fault). It happened in the test suite, on
the search right after a previous test's window became garbage.

:func:`install` turns the automatic collector off and runs it from a GUI-thread timer instead
(every second the young generation, the older ones by Python's own thresholds). Plain reference
counting still frees everything that is not in a cycle at once, on any thread.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 1000

_installed: Collector | None = None


class Collector(QObject):
    """Runs ``gc.collect`` on the GUI thread every second (see :meth:`check`)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.runs = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.collect()
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    def check(self) -> None:
        """Collect the young generation (a closed dialog's cycles go within a second), and the
        older ones when their counts passed Python's own thresholds.

        Python collects generation 0 when allocations minus deallocations pass its threshold;
        a burst that a worker allocated and freed again leaves that count low, so the timer
        always collects the young generation (a fraction of a millisecond)."""
        counts, limits = gc.get_count(), self.thresholds
        generation = 0
        for g in (1, 2):
            if limits[g] and counts[g] > limits[g]:
                generation = g
            else:
                break
        gc.collect(generation)
        self.runs += 1


def install(app: QCoreApplication | None = None) -> Collector:
    """Move cyclic collection to the GUI thread of ``app`` (once per process); call it from
    that thread before starting any worker."""
    global _installed
    if _installed is None:
        owner = app or QCoreApplication.instance()
        assert owner is not None, "a QApplication is needed first"
        _installed = Collector(owner)
        _installed.start()
        log.debug("cyclic garbage collection runs on the GUI thread every %s ms", INTERVAL_MS)
    return _installed


def uninstall() -> None:
    """Give collection back to Python (the end of a test session)."""
    global _installed
    if _installed is not None:
        _installed.stop()
        _installed = None
