"""Store benchmark on a large database (default: bench/out/million, made by gen_dossiers.py).

Prints p50/p95 of
* receive-a-dossier: validate + allocate code + insert dossier, components, history, outbox +
  commit (synchronous=FULL), one transaction per dossier as at the desk (target p95 <= 20 ms);
* search by a folded name/address fragment, first 50 hits newest first (target p95 <= 30 ms);
and the database file size. Receiving adds rows to the database it measures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from bench.gen_dossiers import person
from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services.intake import IntakeRequest, Person, Received, receive
from desk_app.services.search import search_ids
from desk_app.store.catalogue import versions_in_force
from desk_app.store.engine import Store
from desk_app.store.models import Dossier

QUERIES = [
    "nguyen van", "tran thi hang", "dang duc", "le thi lan", "pham minh tuan", "hoang",
    "ea kao", "phu dong", "xom doai", "vu thi yen", "do ngoc anh", "bui van long",
    "thon dinh xuyen", "ngo thi thao", "duong quoc viet", "ly", "nguyen thi mai phu duc",
    "dong xuan", "ho van phuc", "lo thi", "kieu", "trinh cong dat", "mai thi hong nhung",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(name: str, ms: list[float], target: float) -> None:
    p95 = pct(ms, 0.95)
    print(f"{name:<34} n={len(ms):<5} p50={statistics.median(ms):7.2f} ms  "
          f"p95={p95:7.2f} ms  max={max(ms):7.2f} ms  target p95<={target} ms "
          f"{'OK' if p95 <= target else 'MISSED'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("bench/out/million"))
    ap.add_argument("--receives", type=int, default=500)
    ap.add_argument("--searches", type=int, default=400)
    args = ap.parse_args()
    path = database_path(args.data)
    if not path.exists():
        sys.exit(f"no database at {path}: run bench/gen_dossiers.py first")
    store = Store(path)
    clock = FixedClock(datetime(2026, 11, 23, 8, 0))
    rng = random.Random(11)
    with store.read() as s:
        rows = s.scalar(select(func.count(Dossier.id)))
        versions = [(v.id, [(c.position, c.originals, c.certified_copies, c.copies)
                            for c in v.components]) for v in versions_in_force(s, clock.now().date())]
    print(f"database {path}: {rows} dossiers, {path.stat().st_size / 1e9:.2f} GB")

    receive_ms = []
    for _ in range(args.receives):
        p = person(rng)
        vid, comps = rng.choice(versions)
        req = IntakeRequest(
            procedure_version_id=vid,
            applicant=Person(full_name=p["name"], id_number=p["number"], birth_date=p["born"],
                             gender=p["gender"], address=p["address"], phone=p["phone"]),
            components=[Received(*c) for c in comps],
        )
        clock.advance(seconds=20)
        t = time.perf_counter()
        with store.write() as s:
            receive(s, clock, 3, req)
        receive_ms.append((time.perf_counter() - t) * 1000)
    line("receive (validate+code+insert+commit)", receive_ms, 20)

    search_ms, hits = [], []
    with store.read() as s:
        search_ids(s, "warm up", limit=50)
        for i in range(args.searches):
            q = QUERIES[i % len(QUERIES)]
            t = time.perf_counter()
            found = search_ids(s, q, limit=50)
            search_ms.append((time.perf_counter() - t) * 1000)
            hits.append(len(found))
    line("search folded fragment (50 hits)", search_ms, 30)
    per_query = {}
    with store.read() as s:
        for q in QUERIES:
            t = time.perf_counter()
            n = len(search_ids(s, q, limit=50))
            per_query[q] = ((time.perf_counter() - t) * 1000, n)
    worst = sorted(per_query.items(), key=lambda kv: -kv[1][0])[:5]
    print("slowest queries: " + ", ".join(f"{q!r} {ms:.1f} ms ({n} hits)" for q, (ms, n) in worst))
    store.dispose()
    print(f"file_bytes={path.stat().st_size} rows={rows + args.receives}")


if __name__ == "__main__":
    main()
