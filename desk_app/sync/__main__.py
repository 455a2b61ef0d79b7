"""Command line for sync (also what the end-to-end tests drive as a real desk process).

    python -m desk_app.sync --data-dir DIR counter N                  this desk's counter number
    python -m desk_app.sync --data-dir DIR enrol URL CODE [--counter N]
    python -m desk_app.sync --data-dir DIR sync [--until-done]
    python -m desk_app.sync --data-dir DIR rotate                     a new credential, now
    python -m desk_app.sync --data-dir DIR status
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from desk_app.bootstrap import open_store
from desk_app.clock import SystemClock
from desk_app.errors import KnownError
from desk_app.paths import default_data_dir
from desk_app.services.counter import set_counter
from desk_app.sync import state
from desk_app.sync.client import SyncClient
from desk_app.sync.enrolment import enrol_desk, rotate_credential
from desk_app.sync.worker import SyncWorker


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desk_app.sync")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--batch", type=int, default=200, help="events per push")
    ap.add_argument("--timeout", type=float, default=30.0)
    sub = ap.add_subparsers(dest="cmd", required=True)
    n = sub.add_parser("counter")
    n.add_argument("number", help="1-9, a different one on each PC of the commune")
    e = sub.add_parser("enrol")
    e.add_argument("url")
    e.add_argument("code")
    e.add_argument("--counter", default=None, help="the desk's counter number (default: the "
                                                  "one set with the counter command)")
    sub.add_parser("rotate")
    s = sub.add_parser("sync")
    s.add_argument("--until-done", action="store_true", help="retry until nothing is pending")
    sub.add_parser("status")
    args = ap.parse_args(argv)
    clock = SystemClock()
    store = open_store(args.data_dir or default_data_dir(), clock, seed=False)
    try:
        if args.cmd == "counter":
            with store.write() as session:
                number = set_counter(session, args.number)
            print(f"counter number {number}", flush=True)
        elif args.cmd == "enrol":
            en = enrol_desk(store, clock, args.url, args.code, counter=args.counter)
            print(f"enrolled desk {en.desk_id} for {en.agency_code}, counter {en.counter}",
                  flush=True)
        elif args.cmd == "rotate":
            with store.read() as session:
                current = state.active_enrolment(session)
            if current is None:
                raise KnownError("not_enrolled", "this desk has no credential yet")
            with SyncClient(current.hub_url, current.credential, timeout=args.timeout) as client:
                rotate_credential(store, clock, client)
            print(f"desk {current.desk_id}: new credential in use", flush=True)
        elif args.cmd == "sync":
            worker = SyncWorker(store, clock, timeout=args.timeout, max_events=args.batch,
                                base_backoff=0.2, max_backoff=2.0)
            while True:
                worker.run_once()
                with store.read() as session:
                    snap = state.snapshot(session)
                print(json.dumps({"pending": snap.pending, "held": snap.held,
                                  "error": worker.last_error.code if worker.last_error else ""}),
                      flush=True)
                if not args.until_done or (worker.last_error is None and snap.pending == 0):
                    break
                time.sleep(0.2)
        else:
            with store.read() as session:
                snap = state.snapshot(session)
            print(json.dumps(snap.__dict__, default=str))
    except KnownError as exc:
        print(f"error {exc.code}: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
