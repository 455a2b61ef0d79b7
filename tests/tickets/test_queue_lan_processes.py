"""Two counters, each its own process with its own store, call the host's queue over HTTP
(a real port on loopback) while the kiosk, another process, issues into the host's store: no
ticket called twice, none lost."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.store.engine import Store
from desk_app.store.models_queue import QueueTicket
from tests.tickets.lan_helpers import counter_dir, make_host, serve

ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "tests" / "tickets" / "proc_queue.py"
COUNTER = ROOT / "tests" / "tickets" / "proc_lan_counter.py"
TICKETS = 80


def _start(script: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _lines(proc: subprocess.Popen[str], timeout: float = 240) -> list[list[str]]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return [line.split() for line in out.splitlines()]


@pytest.mark.slow
def test_two_counter_processes_call_the_hosts_queue_over_http_while_the_kiosk_issues(
        data_dir: Path, store: Store, clock: FixedClock, template_dir: Path,
        tmp_path: Path) -> None:
    key = make_host(store, clock)
    server = serve(store, clock)
    url = f"http://127.0.0.1:{server.port}"
    go, done = tmp_path / "go", tmp_path / "done"
    try:
        kiosk = _start(KIOSK, str(data_dir), "issue", str(TICKETS), "--go-file", str(go),
                       "--done-file", str(done))
        counters = [_start(COUNTER, str(counter_dir(template_dir, tmp_path, n)), url, key,
                           "3", "--go-file", str(go), "--done-file", str(done))
                    for n in (2, 3)]
        go.touch()
        issued = {uuid: int(number) for _, uuid, number in _lines(kiosk)}
        called = [_lines(proc) for proc in counters]
    finally:
        server.stop()
    assert sorted(issued.values()) == list(range(1, TICKETS + 1))
    every_call = Counter(uuid for lines in called for _, uuid, _ in lines)
    assert max(every_call.values()) == 1  # no ticket called twice, by one counter or both
    assert set(every_call) == set(issued)  # none lost
    assert all(called), f"both counters took tickets: {[len(c) for c in called]}"
    assert {c for _, _, c in called[0]} == {"2"} and {c for _, _, c in called[1]} == {"3"}
    with store.read() as s:
        status = Counter(s.scalars(select(QueueTicket.status)))
        by_counter = Counter(s.scalars(select(QueueTicket.counter)))
    assert status == {"done": TICKETS}
    assert by_counter == {2: len(called[0]), 3: len(called[1])}
