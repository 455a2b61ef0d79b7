"""A real desk as a separate process: receives dossiers through the real services while the
background sync worker pushes them (for the SIGKILL and two-desks tests).

Usage: python tests/sync/desk_proc.py DATA_DIR COUNT [--batch N] [--timeout S]
Receives COUNT dossiers (every third is then moved on to in_processing), printing "WROTE n"
after each, while a SyncWorker runs; then waits until nothing is pending and prints "DONE".
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.paths import database_path
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.store.engine import Store
from desk_app.sync import state
from desk_app.sync.worker import SyncWorker
from tests.helpers import complete_request
from tests.sync.helpers_sync import NAMES


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("count", type=int)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=3.0)
    args = ap.parse_args()
    store = Store(database_path(args.data_dir))
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    worker = SyncWorker(store, clock, interval=0.2, base_backoff=0.1, max_backoff=0.5,
                        timeout=args.timeout, max_events=args.batch)
    worker.start()
    for i in range(args.count):
        with store.write() as s:
            res = receive(s, clock, 3, complete_request(s, full_name=NAMES[i % len(NAMES)]))
            if i % 3 == 0:
                change_status(s, clock, 3, res.dossier_id, Status.IN_PROCESSING)
        print(f"WROTE {i + 1}", flush=True)
        time.sleep(0.01)
    while True:
        with store.read() as s:
            if state.pending_count(s) == 0 and worker.last_error is None:
                break
        worker.trigger()
        time.sleep(0.1)
    worker.stop()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
