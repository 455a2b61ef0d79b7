"""The background worker: backoff with jitter, trigger by hand, resumes after a restart and
when the line comes back; nothing unsynced is lost on re-open or upgrade."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx
import pytest

from desk_app.bootstrap import open_store
from desk_app.store.models_sync import SyncStatus
from desk_app.sync import state
from desk_app.sync.worker import SyncWorker, backoff_delay
from tests.helpers import upgrade_release
from tests.sync.helpers_sync import activity, assert_hub_holds_desk
from tests.sync.test_sync_protocol import enrolled


def wait(cond, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_backoff_grows_with_full_jitter_and_is_capped() -> None:
    rng = random.Random(5)
    for failures in range(1, 12):
        top = min(300, 2 * 2 ** (failures - 1))
        delays = [backoff_delay(failures, 2, 300, rng) for _ in range(50)]
        assert all(1 <= d <= top for d in delays)
        if top > 4:
            assert max(delays) - min(delays) > top / 4  # spread: desks do not knock together
    assert backoff_delay(30, 2, 300, rng) <= 300


class Line:
    """A line that can be cut: forwards to the hub when up, raises ConnectError when down."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.up, self.calls = inner, False, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if not self.up:
            raise httpx.ConnectError("network is unreachable", request=request)
        return self.inner.handle_request(request)


def test_worker_backs_off_then_resumes_when_the_line_comes_back(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 4)
    line = Line(hub.transport)
    seen = []
    worker = SyncWorker(desk.store, clock, transport=httpx.MockTransport(line),
                        on_change=seen.append, interval=0.05, base_backoff=0.02,
                        max_backoff=0.1, rng=random.Random(1))
    started = time.monotonic()
    worker.start()
    assert time.monotonic() - started < 0.5  # start() never waits for the network
    try:
        wait(lambda: worker.failures >= 3)
        with desk.store.read() as s:
            row = s.get(SyncStatus, 1)
            assert row.last_error_code == "unreachable" and row.last_success_at is None
        assert seen and seen[-1].pending > 0 and seen[-1].last_error_code == "unreachable"
        line.up = True  # no trigger: the backoff loop finds the line back by itself
        wait(lambda: seen[-1].pending == 0 and seen[-1].last_success_at is not None)
    finally:
        worker.stop()
    assert not worker.running
    assert_hub_holds_desk(hub.engine, desk.store)


def test_trigger_by_hand_skips_the_wait(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    line = Line(hub.transport)
    line.up = True
    worker = SyncWorker(desk.store, clock, transport=httpx.MockTransport(line),
                        interval=3600, base_backoff=3600, max_backoff=3600)
    worker.start()
    try:
        wait(lambda: worker.cycles == 1)
        activity(desk.store, clock, 2)
        worker.trigger()
        wait(lambda: worker.cycles == 2)
        with desk.store.read() as s:
            assert state.pending_count(s) == 0
    finally:
        worker.stop()


def test_unsynced_events_survive_restart_and_upgrade(
    hub, make_desk, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 3)
    with desk.store.read() as s:
        pending = state.pending_count(s)
    desk.store.dispose()
    # a new release with one more migration (the program was upgraded while offline)
    upgrade_release(tmp_path, monkeypatch)
    store = open_store(desk.data_dir, clock)
    try:
        with store.read() as s:
            assert state.pending_count(s) == pending
            assert state.active_enrolment(s) is not None
        done = threading.Event()
        worker = SyncWorker(store, clock, transport=hub.transport, interval=3600,
                            on_change=lambda snap: snap.pending == 0 and done.set())
        worker.start()  # a restart: the first cycle runs at once
        assert done.wait(10)
        worker.stop()
        assert_hub_holds_desk(hub.engine, store)
    finally:
        store.dispose()


def test_clock_skew_is_measured(hub, make_desk, clock) -> None:
    from datetime import datetime

    from desk_app.clock import SystemClock
    from desk_app.sync.cycle import run_cycle
    from tests.sync.test_sync_protocol import client_of

    desk = enrolled(hub, make_desk, clock)
    real = SystemClock().now()
    clock.set(real.replace(microsecond=0))
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        assert abs(s.get(SyncStatus, 1).clock_offset_s) <= 2
    clock.set(datetime.fromtimestamp(real.timestamp() - 600))  # desk 10 minutes slow
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        assert 598 <= s.get(SyncStatus, 1).clock_offset_s <= 602
