"""Scan to saved (issue 16): five pages from a real SANE device (Debian's ``test`` backend, an
A4 sheet at 200 dpi, grey) kept as one component's document, the way the scan dialog does it:
``scanning.sane.scan`` (scanimage on a worker lane), the pages read and checked by content,
assembled into one PDF (img2pdf), written content-addressed with fsync, and the row, the audit
record and the sync event committed in one write (``services.scans.attach``).

The floor is the same scan by a bare ``scanimage --batch`` into a folder, ``img2pdf.convert``
of its files and one fsync'd file: what any program that scans to a PDF must do. Each round's
file is removed before the next, so the program writes it again (content addressing would
otherwise keep the first copy and write nothing).

    .venv/bin/python bench/ratios.py --only scans   (or: python -m bench.figures.scans)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.figures.common import Context, Row, interleaved, time_row

PAGES = 5
A4 = ("-x", "210", "-y", "297", "--test-picture", "Color pattern")


def measure(ctx: Context) -> list[Row]:
    import img2pdf

    from desk_app.bootstrap import open_store
    from desk_app.clock import FixedClock
    from desk_app.scanning import sane
    from desk_app.scanning.assemble import pages_of
    from desk_app.scanning.files import ScanFiles
    from desk_app.services import scans
    from desk_app.services.clerks import create_clerk
    from desk_app.services.counter import set_counter
    from tests.scanning.conftest import clerk_id, received

    if shutil.which("scanimage") is None:
        return [Row("scan to saved, 5 pages (SANE test device)", 0, 0, 0, 0,
                    "needs sane-utils", False, note="scanimage is not installed")]
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    root = Path(tempfile.mkdtemp(prefix="scans-figure-", dir=ctx.scratch))
    try:
        store = open_store(root / "data", clock)
        with store.write() as s:
            create_clerk(s, clock, "binh", "Nguyễn Văn Bình", "", "clerk",
                         password_hash="x")
            set_counter(s, 1)
        dossier, comps = received(store, clock)
        files = ScanFiles.of_data_dir(root / "data")
        clerk = clerk_id(store)
        settings = sane.ScanSettings(device="test", resolution=200, mode="gray", fmt="png",
                                     pages=PAGES, extra=A4)
        sizes: list[int] = []

        def program() -> None:
            pages = [p for data in sane.scan(settings) for p in pages_of(data)]
            with store.write() as s:
                doc = scans.attach(s, clock, clerk, files, dossier, comps[0], pages,
                                   source="scanner")
            sizes.append(doc.size)
            os.unlink(root / "data" / doc.path)  # written again next round

        def floor() -> None:
            with tempfile.TemporaryDirectory(dir=root) as tmp:
                cmd = sane.command(settings, Path(tmp), shutil.which("scanimage") or "")
                subprocess.run(cmd, check=True, capture_output=True)
                pdf = img2pdf.convert(sorted(str(p) for p in Path(tmp).glob("page-*")))
                out = Path(tmp) / "out.pdf"
                with out.open("wb") as fh:
                    fh.write(pdf)
                    fh.flush()
                    os.fsync(fh.fileno())

        prog, flo = interleaved(program, floor, ctx.reps(20, 5))
        store.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return [time_row("scan to saved, 5 A4 pages (SANE test device) vs bare scanimage+img2pdf",
                     prog, flo, max_ratio=1.5,
                     note=f"PDF {sizes[-1] / 1024:.0f} KiB; attach = scan + checks + store write")]


if __name__ == "__main__":
    import sys

    from bench.ratios import show
    ctx = Context(data=Path("."), quick="--quick" in sys.argv)
    ctx.scratch.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    show(measure(ctx))
    print(f"({time.perf_counter() - t0:.0f} s)")
