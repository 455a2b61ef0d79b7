"""Benchmark of printing: time to render form 01 (target p95 <= 30 ms) and 1,000 slips.

    .venv/bin/python bench/bench_print.py [--data DIR] [--runs 300] [--batch 1000]

Reads dossiers from the generated million-dossier folder (bench/out/million, read-only) when
it exists, else builds a throwaway folder with --batch realistic dossiers through the intake
service. Prints p50/p95 of: rendering form 01 from loaded data (per layout), the full path
from the store (load + render), and a batch of slips (total seconds, slips/s, bytes).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import load_dossier
from desk_app.printing.templates import load_templates
from desk_app.store.engine import Store
from desk_app.store.models import Dossier

NOW = datetime(2026, 11, 23, 9, 0)
MILLION = Path(__file__).resolve().parent / "out" / "million"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fmt(label: str, ms: list[float], cpu: list[float]) -> str:
    return (f"{label:<40} wall p50 {statistics.median(ms):6.2f} p95 {pct(ms, 0.95):6.2f} ms"
            f" | cpu p50 {statistics.median(cpu):6.2f} p95 {pct(cpu, 0.95):6.2f} ms"
            f"  n={len(ms)}")


def build_store(folder: Path, count: int) -> Store:
    """A throwaway data folder with ``count`` realistic dossiers received through the service."""
    from bench.gen_dossiers import person  # the generator's realistic names and addresses
    from desk_app.bootstrap import open_store
    from desk_app.services.clerks import create_clerk
    from desk_app.services.counter import set_counter
    from desk_app.services.intake import Person, receive
    from tests.helpers import complete_request

    clock = FixedClock(NOW)
    store = open_store(folder, clock)
    with store.write() as s:
        create_clerk(s, clock, "binh", "Nguyễn Văn Bình", "", "clerk", password_hash="x")
        set_counter(s, 1)
    rng = random.Random(7)
    codes = ["1.004873", "2.001263", "1.001193", "1.000894", "2.000635"]
    with store.write() as s:
        for _ in range(count):
            p = person(rng)
            req = complete_request(s, rng.choice(codes))
            req.applicant = Person(full_name=p["name"], id_number=p["number"],
                                   birth_date=p["born"], gender=p["gender"],
                                   address=p["address"], phone=p["phone"])
            receive(s, clock, 1, req)
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--batch", type=int, default=1000)
    args = ap.parse_args()

    tmp: Path | None = None
    data = args.data or (MILLION if database_path(MILLION).exists() else None)
    if data is None:
        tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
        t0 = time.perf_counter()
        store = build_store(tmp, args.batch)
        print(f"built a store of {args.batch} dossiers in {time.perf_counter() - t0:.1f} s")
        data = tmp
    else:
        store = Store(database_path(data))  # read sessions only: the file is shared
    db = sqlite3.connect(f"file:{database_path(data)}?mode=ro", uri=True)
    has_log = db.execute("SELECT 1 FROM sqlite_master WHERE name='printed_forms'").fetchone()
    db.close()
    reprint = None if has_log else False  # an older generated file has no printing table
    try:
        with store.read() as s:
            ids = list(s.scalars(select(Dossier.id).where(Dossier.status != "refused")
                                 .where(Dossier.due_at.is_not(None))
                                 .order_by(Dossier.id.desc()).limit(args.batch * 20)))
        rng = random.Random(1)
        ids = rng.sample(ids, min(len(ids), args.batch))
        print(f"data: {data} ({len(ids)} dossiers sampled)")
        tpl = load_templates()
        with store.read() as s:
            views = [load_dossier(s, i) for i in ids[: args.runs]]
        for v in views[:30]:  # a running desk has its fonts loaded and word widths cached
            r.render_dossier_form("01", v, tpl, r.Options(now=NOW))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(wall time grows with it; cpu time much less)")

        for layout in ("a4_two_up", "a5", "thermal80"):
            ms, cpu = [], []
            for v in views:
                t, c = time.perf_counter(), time.process_time()
                r.render_dossier_form("01", v, tpl, r.Options(now=NOW, layout=layout))
                ms.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            print(fmt(f"render form 01 ({layout}, 2 copies)", ms, cpu))

        ms, cpu = [], []
        with store.read() as s:
            for i in ids[: args.runs]:
                t, c = time.perf_counter(), time.process_time()
                service.render_form(s, i, "01", now=NOW, reprint=reprint)
                ms.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
        print(fmt("store -> form 01 PDF (load + render)", ms, cpu))

        t, c = time.perf_counter(), time.process_time()
        total_bytes = 0
        with store.read() as s:
            for i in ids:
                total_bytes += len(service.render_form(s, i, "01", now=NOW, reprint=reprint).pdf)
        secs, cpu_secs = time.perf_counter() - t, time.process_time() - c
        print(f"batch of {len(ids)} slips (store -> PDF): wall {secs:.2f} s, cpu {cpu_secs:.2f} s,"
              f" {len(ids) / secs:.0f} slips/s, {total_bytes / len(ids) / 1024:.1f} kB/slip")
    finally:
        store.dispose()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
