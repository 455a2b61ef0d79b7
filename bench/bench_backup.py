"""Encrypted, verified backups against their floor (issue 13).

On a data folder (default: the 1M-dossier store, bench/out/million or /work/bench-data/million),
interleaved in one run:

* floor: the bare online backup API (``sqlite3.Connection.backup``) into a file in the same
  temporary folder, nothing else;
* the program's backup (``desk_app.store.backup.make_backup``): the same copy in a read
  transaction with every table counted, compressed and sealed with AES-256-GCM (scrypt key),
  written and fsync'd, then read back, decrypted, ``integrity_check``ed and counted again.

Prints seconds p50 for each, the ratio, the backup's size against the store's, the time to read
one back for a restore (decrypt + integrity_check + summary), and the load average.

    .venv/bin/python bench/bench_backup.py [--data DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk_app.paths import database_path
from desk_app.store import backup as bk

PASS = "mùa lúa chín 2026"


def floor(db: Path, dest: Path) -> float:
    t = time.perf_counter()
    src, dst = sqlite3.connect(db), sqlite3.connect(dest)
    try:
        src.backup(dst, pages=4096)
    finally:
        dst.close()
        src.close()
    dest.unlink()
    return time.perf_counter() - t


def program(db: Path, folder: Path, n: int) -> tuple[float, Path]:
    t = time.perf_counter()
    made = bk.make_backup(db, folder, PASS, now=datetime(2026, 11, 23, 17, n),
                          agency="000.00.12.H26", commune="Ủy ban nhân dân xã Phù Đổng",
                          reason="manual", keep=1)
    return time.perf_counter() - t, made.path


def main() -> None:
    ap = argparse.ArgumentParser()
    default = next((p for p in (Path("bench/out/million"), Path("/work/bench-data/million"))
                    if database_path(p).exists()), Path("bench/out/million"))
    ap.add_argument("--data", type=Path, default=default)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    db = database_path(args.data)
    size = db.stat().st_size
    bare, ours = [], []
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        folder = Path(tmp)
        last: Path | None = None
        for n in range(args.rounds):
            bare.append(floor(db, folder / "floor.sqlite3"))
            seconds, last = program(db, folder / "usb", n)
            ours.append(seconds)
        assert last is not None
        packed = last.stat().st_size
        t = time.perf_counter()
        summary = bk.read_backup(last, PASS, folder / "restore.sqlite3")
        restore = time.perf_counter() - t
    f, o = statistics.median(bare), statistics.median(ours)
    print(f"store {size / 1e9:.2f} GB, {summary.dossiers} dossiers; backup {packed / 1e9:.2f} GB "
          f"({packed / size:.0%} of the store)")
    print(f"{'figure':10} {'p50 s':>8} {'floor p50 s':>12} {'ratio':>6}")
    print(f"{'backup':10} {o:8.1f} {f:12.1f} {o / f:6.1f}")
    print(f"{'read back':10} {restore:8.1f}")
    print(f"rounds={args.rounds}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
