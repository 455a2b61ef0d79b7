"""Every path of the program against its floor, measured in the same run (issue 14).

    .venv/bin/python bench/ratios.py [--data bench/out/million] [--only receive,search]
                                     [--quick]

Each figure lives in ``bench/figures/<name>.py`` and measures the program's path and the same
work written with the bare library (sqlite3, a reportlab canvas, a bare QApplication window,
psycopg), interleaved A, B, A, B… Prints: figure, p50, p95, floor p50, ratio, target, and the
load average before and after. Exits 1 when a row misses its target. Receiving adds rows to
the data folder it measures (as a day at the desk would)."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.figures.common import MILLION, Context, Row, loadavg

FIGURES = ["receive", "search", "form01", "start", "register", "rss", "hub", "growth", "reports",
           "uploads", "scans"]


def show(rows: list[Row]) -> None:
    print(f"{'figure':<52} {'p50':>9} {'p95':>9} {'floor p50':>10} {'ratio':>7}  target")
    for r in rows:
        print(f"{r.figure:<52} {r.p50:>9.2f} {r.p95:>9.2f} {r.floor_p50:>10.2f} "
              f"{r.ratio:>6.2f}x  {r.target:<26} {'OK' if r.ok else 'MISSED'}"
              f"{'  (' + r.unit + ')' if r.unit != 'ms' else ''}{'  ' + r.note if r.note else ''}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=MILLION)
    ap.add_argument("--only", default=",".join(FIGURES))
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if not (args.data / "desk.sqlite3").exists():
        sys.exit(f"no desk.sqlite3 in {args.data}: make it with bench/gen_dossiers.py")
    ctx = Context(data=args.data, quick=args.quick)
    ctx.scratch.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    print(f"data {args.data}  load average before: {loadavg()}", flush=True)
    for name in args.only.split(","):
        t0 = time.perf_counter()
        mod = importlib.import_module(f"bench.figures.{name}")
        got = mod.measure(ctx)
        rows.extend(got)
        show(got)
        print(f"  ({name}: {time.perf_counter() - t0:.0f} s, load {loadavg()})", flush=True)
    print("\n== all figures")
    show(rows)
    print(f"load average after: {loadavg()}")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
