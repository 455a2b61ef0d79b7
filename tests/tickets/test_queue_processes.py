"""The queue under real processes on one store file: two counters calling while the kiosk
issues (no ticket called twice, none lost), and a kiosk killed mid-run (no number twice)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.store.engine import Store
from desk_app.store.models_queue import QueueTicket
from tests.tickets.test_queue_service import issue

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "tickets" / "proc_queue.py"
TICKETS = 120


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _lines(proc: subprocess.Popen[str], timeout: float = 240) -> list[list[str]]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return [line.split() for line in out.splitlines()]


@pytest.mark.slow
def test_two_counters_call_concurrently_while_the_kiosk_issues(
        data_dir: Path, store: Store, tmp_path: Path) -> None:
    go, done = tmp_path / "go", tmp_path / "done"
    kiosk = _start(str(data_dir), "issue", str(TICKETS), "--go-file", str(go),
                   "--done-file", str(done))
    counters = [_start(str(data_dir), "call", clerk, counter, "--go-file", str(go),
                       "--done-file", str(done)) for clerk, counter in (("3", "1"), ("2", "2"))]
    go.touch()
    issued = {uuid: int(number) for _, uuid, number in _lines(kiosk)}
    called = [[uuid for _, uuid in _lines(proc)] for proc in counters]
    assert sorted(issued.values()) == list(range(1, TICKETS + 1))
    every_call = Counter(called[0] + called[1])
    assert max(every_call.values()) == 1  # no ticket called twice, by one counter or both
    assert set(every_call) == set(issued)  # none lost
    assert all(called), f"both counters took tickets: {len(called[0])}, {len(called[1])}"
    with store.read() as s:
        status = Counter(s.scalars(select(QueueTicket.status)))
        by_counter = Counter(s.scalars(select(QueueTicket.counter)))
    # the last call of each found nobody waiting and closed its current ticket
    assert status == {"done": TICKETS}
    assert by_counter == {1: len(called[0]), 2: len(called[1])}


@pytest.mark.requires_posix
@pytest.mark.slow
def test_a_kiosk_killed_mid_run_never_gives_a_number_twice(
        data_dir: Path, store: Store, clock: FixedClock) -> None:
    kiosk = _start(str(data_dir), "issue", "0")  # issues until killed
    assert kiosk.stdout is not None
    printed: list[int] = []
    while len(printed) < 40:
        line = kiosk.stdout.readline()
        assert line, kiosk.stderr.read() if kiosk.stderr else "the kiosk died"
        printed.append(int(line.split()[2]))
    os.kill(kiosk.pid, signal.SIGKILL)  # most likely inside a transaction: it never commits
    kiosk.wait(timeout=10)
    rest = kiosk.stdout.read()
    kiosk.stdout.close()
    if kiosk.stderr is not None:
        kiosk.stderr.close()
    assert kiosk.returncode == -signal.SIGKILL
    printed += [int(line.split()[2]) for line in rest.splitlines() if line.count(" ") == 2]
    with store.read() as s:
        stored = list(s.scalars(select(QueueTicket.number).order_by(QueueTicket.number)))
    assert set(printed) <= set(stored)  # every ticket handed out is on disk
    assert stored == list(range(1, len(stored) + 1))  # no gap, no repeat
    after = [issue(store, clock).number for _ in range(3)]
    assert after == [len(stored) + 1, len(stored) + 2, len(stored) + 3]
