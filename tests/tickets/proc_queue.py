"""A separate process working the queue of a data folder (for the concurrency and crash tests).

Usage: python tests/tickets/proc_queue.py DATA_DIR issue COUNT [--go-file P] [--done-file P]
       python tests/tickets/proc_queue.py DATA_DIR call CLERK COUNTER --go-file P --done-file P

``issue`` prints "TICKET <uuid> <number>" per ticket, flushed right after its transaction
committed, then touches --done-file; COUNT 0 issues until killed. ``call`` calls the next ticket
at COUNTER until the queue is empty after --done-file appeared, printing "CALLED <uuid>" per
ticket it took, right after the commit. --go-file makes a process wait until the file exists,
so that all of them start at the same moment.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services import queue
from desk_app.store.engine import Store


def _option(name: str) -> Path | None:
    return Path(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else None


def main() -> None:
    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    store = Store(database_path(data_dir))
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    go, done = _option("--go-file"), _option("--done-file")
    while go is not None and not go.exists():
        time.sleep(0.005)
    if mode == "issue":
        count = int(sys.argv[3])
        n = 0
        while count == 0 or n < count:
            with store.write() as session:
                ticket = queue.issue(session, clock, "ho-tich" if n % 3 else "chung-thuc")
            print(f"TICKET {ticket.uuid} {ticket.number}", flush=True)
            n += 1
        if done is not None:
            done.touch()
        return
    clerk, counter = int(sys.argv[3]), int(sys.argv[4])
    assert done is not None
    while True:
        finished = done.exists()  # read before the call: a ticket issued after it is seen
        with store.write() as session:
            called = queue.call_next(session, clock, clerk, counter)
        if called is not None:
            print(f"CALLED {called.uuid}", flush=True)
            # a clerk never presses F2 twice within milliseconds; without this pause SQLite's
            # busy wait (growing sleeps, no queue) lets one process take every ticket
            time.sleep(0.003)
        elif finished:
            return
        else:
            time.sleep(0.002)


if __name__ == "__main__":
    main()
