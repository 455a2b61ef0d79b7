"""What every figure of bench/ratios.py shares: interleaved timing, percentiles, one result row.

A figure module exposes ``measure(ctx: Context) -> list[Row]``. Times are wall-clock
milliseconds from ``time.perf_counter``; the floor is always measured in the same run as the
figure, alternating with it, so the machine's noise falls on both alike."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# the million-dossier data folder made by bench/gen_dossiers.py (README: "Tests and benchmarks")
MILLION = Path(os.environ.get("DESK_BENCH_DATA", ROOT / "bench" / "out" / "million"))


@dataclass
class Context:
    data: Path          # the 1M-dossier data folder (desk.sqlite3 inside)
    quick: bool = False  # fewer repetitions, for a smoke run
    scratch: Path = Path("/tmp/desk-bench")  # room for throwaway copies

    def reps(self, full: int, quick: int = 20) -> int:
        return quick if self.quick else full


@dataclass
class Row:
    figure: str
    p50: float          # the program's figure (ms, or a throughput for rate rows)
    p95: float
    floor_p50: float    # the bare library's figure measured in the same run
    ratio: float        # figure / floor for times; floor / figure for rates (higher = worse)
    target: str         # the target in words, e.g. "<= 2x, p95 <= 3 ms"
    ok: bool
    unit: str = "ms"
    note: str = ""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def p50(values: list[float]) -> float:
    return statistics.median(values)


def interleaved(a: Callable[[], object], b: Callable[[], object], n: int,
                warm: int = 3) -> tuple[list[float], list[float]]:
    """Run ``a`` and ``b`` alternately ``n`` times each (after ``warm`` untimed rounds) and
    return their wall times in milliseconds."""
    for _ in range(warm):
        a()
        b()
    ta: list[float] = []
    tb: list[float] = []
    for i in range(n):
        for fn, out in ((a, ta), (b, tb)) if i % 2 == 0 else ((b, tb), (a, ta)):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
    return ta, tb


def time_row(figure: str, prog: list[float], floor: list[float], *, max_ratio: float,
             max_p95: float | None = None, note: str = "") -> Row:
    """A row for a time figure: within ``max_ratio`` of the floor (p50s), and p95 under
    ``max_p95`` ms when given."""
    ratio = p50(prog) / p50(floor)
    ok = ratio <= max_ratio and (max_p95 is None or pct(prog, 0.95) <= max_p95)
    target = f"<= {max_ratio:g}x" + (f", p95 <= {max_p95:g} ms" if max_p95 is not None else "")
    return Row(figure, p50(prog), pct(prog, 0.95), p50(floor), ratio, target, ok, note=note)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"
