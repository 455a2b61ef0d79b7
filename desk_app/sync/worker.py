"""The background sync loop: a plain thread (Qt-free) that never blocks the window.

It runs a cycle at start (so a restart resumes what was pending), then every ``interval``
seconds while things work. When the province cannot be reached it backs off exponentially,
each wait drawn at random up to the exponential top (so fifty desks coming back after a power
cut do not knock at the same second), never above ``max_backoff`` (:func:`backoff_delay`).
Scanned files left over a cycle's budget make the next cycle run at once. :meth:`SyncWorker.trigger` (the clerk's button, or the network coming back)
runs a cycle now and forgets the backoff. ``on_change`` is called from the worker thread after
every cycle with a fresh :class:`~desk_app.sync.state.Snapshot`; the GUI re-emits it as a
queued Qt signal.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

import httpx

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.store.engine import Store
from desk_app.sync import state
from desk_app.sync.client import Refused, SyncClient, SyncError
from desk_app.sync.cycle import CycleReport, clock_offset, run_cycle
from desk_app.sync.files import BUDGET_BYTES, Pace

log = logging.getLogger(__name__)


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Jittered exponential backoff: uniform in [min(base/2, top), top], where
    top = min(cap, base * 2**(failures - 1)).

    Not AWS's "full jitter" (uniform in [0, top]): the floor of ``base/2`` keeps a desk whose
    connection is refused at once from retrying within the same instant (a draw near 0 would),
    and is small beside the spread of the later tops, which is what keeps desks apart."""
    top = min(cap, base * (2 ** max(0, failures - 1)))
    return rng.uniform(min(base / 2, top), top)


class SyncWorker:
    def __init__(
        self, store: Store, clock: Clock, *,
        on_change: Callable[[state.Snapshot], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        interval: float = 60.0, base_backoff: float = 2.0, max_backoff: float = 300.0,
        timeout: float = 30.0, max_events: int = 200, max_bytes: int = 512_000,
        rng: random.Random | None = None, file_budget: int = BUDGET_BYTES,
    ) -> None:
        self.store, self.clock = store, clock
        self.on_change = on_change
        self.transport = transport
        self.interval, self.base_backoff, self.max_backoff = interval, base_backoff, max_backoff
        self.timeout, self.max_events, self.max_bytes = timeout, max_events, max_bytes
        self.rng = rng or random.Random()
        self.file_budget = file_budget
        self.failures = 0
        self.last_report: CycleReport | None = None
        self.last_error: KnownError | None = None
        self.cycles = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.pace = Pace()  # chunks a file request carries: learnt once, kept across cycles

    # -- control (any thread) ----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
            self._thread.start()

    def trigger(self) -> None:
        """Sync now (by hand, or the line came back): forget the backoff."""
        self.failures = 0
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the loop ----------------------------------------------------------------------------

    def run_once(self) -> float:
        """One cycle; returns how long to wait before the next one."""
        with self.store.read() as session:
            enrolment = state.active_enrolment(session)
            url = enrolment.hub_url if enrolment else ""
            credential = enrolment.credential if enrolment else ""
        if not enrolment:  # nothing to do until someone enrols the desk (which triggers us)
            self.cycles += 1
            self._notify()
            return self.interval
        if not credential:  # sealed with a key this PC has not got (a store brought here)
            log.warning("the province credential cannot be opened on this PC")
            self._record_error("credential_key_missing", "", None)
            self.cycles += 1
            self._notify()
            return self.interval
        try:
            with SyncClient(url, credential, transport=self.transport,
                            timeout=self.timeout) as client:
                try:
                    self.last_report = run_cycle(
                        self.store, self.clock, client, max_events=self.max_events,
                        max_bytes=self.max_bytes, should_stop=self._stop.is_set,
                        file_budget=self.file_budget, pace=self.pace)
                except SyncError as exc:
                    offset = clock_offset(client.last_server_time, self.clock.now())
                    raise _WithOffset(exc, offset) from exc
            self.failures = 0
            self.last_error = None
            # files left over the cycle's budget: the next cycle at once (its events first)
            delay = 0.0 if self.last_report.files.more else self.interval
        except _WithOffset as wrapped:
            error = wrapped.error
            self.failures += 1
            self.last_error = error
            log.warning("sync failed (%s): %s", error.code, error)
            self._record_error(error.code, str(error), wrapped.offset)
            delay = backoff_delay(self.failures, self.base_backoff, self.max_backoff, self.rng)
            if isinstance(error, Refused):
                delay = max(delay, min(self.max_backoff, self.interval))
        except KnownError as exc:  # the local database (locked, disk full)
            self.failures += 1
            self.last_error = exc
            log.warning("sync failed locally (%s): %s", exc.code, exc)
            delay = backoff_delay(self.failures, self.base_backoff, self.max_backoff, self.rng)
        self.cycles += 1
        self._notify()
        return delay

    def _record_error(self, code: str, detail: str, offset: int | None) -> None:
        try:
            with self.store.write() as session:
                state.record_error(session, self.clock.now(), code, detail, offset)
        except KnownError:
            log.exception("could not record the sync error")

    def _notify(self) -> None:
        if self.on_change is None:
            return
        try:
            with self.store.read() as session:
                snap = state.snapshot(session)
            self.on_change(snap)
        except Exception:  # the indicator must never stop the sync
            log.exception("sync on_change failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                delay = self.run_once()
            except Exception:  # a bug: log it, keep the loop alive, retry later
                log.exception("sync cycle crashed")
                self.failures += 1
                delay = backoff_delay(self.failures, self.base_backoff, self.max_backoff,
                                      self.rng)
            self._wake.wait(delay)


class _WithOffset(Exception):
    def __init__(self, error: SyncError, offset: int | None) -> None:
        super().__init__(str(error))
        self.error, self.offset = error, offset
