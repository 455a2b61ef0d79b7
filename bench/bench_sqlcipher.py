"""SQLCipher against plain SQLite at 1M dossiers (issue 13): is whole-store encryption cheap
enough? Adopted only if receive, search and register open each stay within 1.3x.

The same 1M-dossier store twice: the plain file (bench/out/million, made by gen_dossiers.py)
and an encrypted copy made once from it with ``sqlcipher_export`` (AES-256, SQLCipher 4
defaults: 4 KiB pages, HMAC-SHA512, PBKDF2 with 256,000 iterations, here bypassed with a raw
32-byte key as the program would hold it). Both opened through the program's own Store and
engine (WAL, synchronous=FULL, 32 MB page cache), the figures measured interleaved (A, B, A,
B...) in one run:

* receive a dossier (validate, code, insert, commit), as at the desk;
* folded search, 50 hits;
* register open: the first block of ids, the rows on screen and the status-bar counts
  (desk_app.gui.register.loading.reload, what the window runs on its read lane).

Prints p50/p95 for each, the ratio encrypted/plain and the load average. Receiving adds rows
to both files.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    import sqlcipher3  # type: ignore[import-not-found]
except ImportError:  # not a dependency of the program: this is an evaluation
    print("bench_sqlcipher: skipped (pip install sqlcipher3-binary to run it)")
    sys.exit(0)

from bench.bench_store import QUERIES, pct
from bench.gen_dossiers import person
from desk_app.clock import FixedClock
from desk_app.gui.register.loading import ReloadRequest, reload
from desk_app.paths import database_path
from desk_app.services.intake import IntakeRequest, Person, Received, receive
from desk_app.services.register import RegisterFilter, RegisterSort
from desk_app.services.search import search_ids
from desk_app.store.catalogue import versions_in_force
from desk_app.store.engine import BUSY_TIMEOUT_MS, Store, make_engine

KEY = "x'" + "11" * 32 + "'"  # a raw 256-bit key (no passphrase derivation per connection)


def cipher_store(path: Path) -> Store:
    def connect() -> Any:
        con = sqlcipher3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                                 check_same_thread=False)
        con.execute(f'PRAGMA key = "{KEY}"')
        return con
    return Store(path, engine=make_engine(path, connect=connect))


def export(plain: Path, encrypted: Path) -> None:
    encrypted.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    con = sqlcipher3.connect(str(plain))
    con.execute(f"ATTACH DATABASE '{encrypted}' AS enc KEY \"{KEY}\"")
    con.execute("SELECT sqlcipher_export('enc')")
    con.execute("DETACH DATABASE enc")
    con.close()
    print(f"encrypted copy made in {time.perf_counter() - t:.0f} s: {encrypted}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("bench/out/million"))
    ap.add_argument("--cipher", type=Path, default=None,
                    help="the encrypted copy's folder (default: <data>-cipher)")
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    plain_path = database_path(args.data)
    cipher_path = database_path(args.cipher or args.data.with_name(args.data.name + "-cipher"))
    if not plain_path.exists():
        sys.exit(f"no database at {plain_path}: run bench/gen_dossiers.py first")
    if not cipher_path.exists():
        export(plain_path, cipher_path)
    stores = {"plain": Store(plain_path), "sqlcipher": cipher_store(cipher_path)}
    clock = FixedClock(datetime(2026, 11, 23, 8, 0))
    rng = random.Random(13)
    with stores["plain"].read() as s:
        versions = [(v.id, [(c.position, c.originals, c.certified_copies, c.copies)
                            for c in v.components])
                    for v in versions_in_force(s, clock.now().date())]
    times: dict[str, dict[str, list[float]]] = {k: {"receive": [], "search": [], "register": []}
                                                for k in stores}

    def timed(kind: str, figure: str, fn: Callable[[], object]) -> None:
        t = time.perf_counter()
        fn()
        times[kind][figure].append((time.perf_counter() - t) * 1000)

    request = ReloadRequest(RegisterFilter(), RegisterSort(), keep=0, block=200, page=50,
                            counts=True, known_counts={}, lookups=None,
                            rows_from=0, rows_to=30)
    for store in stores.values():  # warm each once (first-use costs, page cache)
        with store.read() as s:
            search_ids(s, "warm up", limit=50)
        reload(store, clock, request)
    for i in range(args.rounds):
        p = person(rng)
        vid, comps = rng.choice(versions)
        req = IntakeRequest(
            procedure_version_id=vid,
            applicant=Person(full_name=p["name"], id_number=p["number"], birth_date=p["born"],
                             gender=p["gender"], address=p["address"], phone=p["phone"]),
            components=[Received(*c) for c in comps])
        clock.advance(seconds=20)
        query = QUERIES[i % len(QUERIES)]
        for kind, store in (list(stores.items()) if i % 2 == 0 else
                            list(reversed(stores.items()))):
            def write(store: Store = store, req: IntakeRequest = req) -> None:
                with store.write() as s:
                    receive(s, clock, 3, req)

            def find(store: Store = store, query: str = query) -> None:
                with store.read() as s:
                    search_ids(s, query, limit=50)

            timed(kind, "receive", write)
            timed(kind, "search", find)
            if i % 4 == 0:
                timed(kind, "register", lambda store=store: reload(store, clock, request))
    load = os.getloadavg()
    print(f"{'figure':<14}{'plain p50':>10}{'p95':>9}{'sqlcipher p50':>15}{'p95':>9}"
          f"{'ratio p50':>11}{'ratio p95':>11}")
    for figure in ("receive", "search", "register"):
        a, b = times["plain"][figure], times["sqlcipher"][figure]
        a50, a95, b50, b95 = statistics.median(a), pct(a, 0.95), statistics.median(b), pct(b, 0.95)
        print(f"{figure:<14}{a50:10.2f}{a95:9.2f}{b50:15.2f}{b95:9.2f}{b50 / a50:11.2f}"
              f"{b95 / a95:11.2f}")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; rounds={args.rounds}; "
          f"sizes: plain {plain_path.stat().st_size / 1e9:.2f} GB, "
          f"sqlcipher {cipher_path.stat().st_size / 1e9:.2f} GB")
    for store in stores.values():
        store.dispose()


if __name__ == "__main__":
    main()
