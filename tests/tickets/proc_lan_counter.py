"""A counter desk in its own process, with its own store, calling the queue's host over HTTP.

Usage: python tests/tickets/proc_lan_counter.py DATA_DIR URL KEY CLERK_ID --go-file P
       --done-file P

Its counter number is its store's; its clerk's right to queue is checked in its store. It
calls the next ticket until the queue is empty after --done-file appeared, printing
"CALLED <uuid>" per ticket taken, right after the host answered.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desk_app.paths import database_path
from desk_app.queue_lan.client import QueueClient
from desk_app.services.counter import desk_counter
from desk_app.store.engine import Store


def main() -> None:
    data_dir, url, key, clerk_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    go = Path(sys.argv[sys.argv.index("--go-file") + 1])
    done = Path(sys.argv[sys.argv.index("--done-file") + 1])
    store = Store(database_path(data_dir))
    with store.read() as session:
        counter = desk_counter(session)
        name = QueueClient.check_clerk(session, clerk_id)
    assert counter is not None
    client = QueueClient(url, key, counter, name)
    while not go.exists():
        time.sleep(0.005)
    while True:
        finished = done.exists()  # read before the call: a ticket issued after it is seen
        called = client.call_next()
        if called is not None:
            print(f"CALLED {called.uuid} {called.counter}", flush=True)
            time.sleep(0.003)  # a clerk never presses F2 twice within milliseconds
        elif finished:
            return
        else:
            time.sleep(0.002)


if __name__ == "__main__":
    main()
