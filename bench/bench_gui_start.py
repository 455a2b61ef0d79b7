"""Benchmark of the counter program's start-up and memory.

    .venv/bin/python bench/bench_gui_start.py [--runs 7] [--data bench/out/million]

Measures, each in a fresh subprocess (offscreen):

* process start -> login window painted: the real program (``python -m desk_app --smoke``) on a
  small data folder; timed from spawning the process to its "ready" line (target <= 1.5 s);
* login accepted -> main window painted, on the small folder and on the 1,000,000-dossier
  folder from ``bench/gen_dossiers.py`` (when it exists), after the warm-up the program does
  while the password is typed (:meth:`desk_app.gui.startup.Launcher.warm_up`);
* the peak resident memory (ru_maxrss) of the app with the 1M database open after a realistic
  minute of work: main window, register shown, a search, a dossier page (target <= 300 MB).

The 1M folder is opened read-mostly (no migration or seeding), so the benchmark never copies or
changes the shared 2 GB file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_main(data_dir: str, work: bool) -> None:
    """Runs in the subprocess: the login window, its warm-up, then the main window; report."""
    import resource

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desk_app.clock import SystemClock
    from desk_app.gui.fonts import install_fonts
    from desk_app.gui.session import ClerkInfo
    from desk_app.gui.startup import Launcher
    from desk_app.paths import database_path
    from desk_app.store.engine import Store

    store = Store(database_path(Path(data_dir)))
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication(sys.argv[:1])
    install_fonts(app)
    launcher = Launcher(store, SystemClock(), Path(tempfile.mkdtemp(prefix="bench-gui-")),
                        extensions=True)  # printing, rating screen, sync worker: as shipped
    dialog = launcher.start()
    dialog.repaint()
    app.processEvents()
    print("ready", flush=True)  # the login window is up
    for step in launcher.warm_steps():  # what happens while the password is typed
        step()
    t0 = time.perf_counter()
    dialog.loggedIn.emit(ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk"))
    window = launcher.window
    assert window is not None
    window.repaint()
    app.processEvents()
    print(f"window_s {time.perf_counter() - t0:.4f}", flush=True)
    if work:
        t0 = time.perf_counter()
        window.tabs.setCurrentWidget(window.register)
        window.repaint()
        app.processEvents()
        window.search.setText("nguyen van")
        window.run_search()
        while window.searching or window.register.model.loading:  # read on a worker
            app.processEvents()
            time.sleep(0.001)
        window.repaint()
        app.processEvents()
        hits = len(window.last_search_ids)
        if window.last_search_ids:
            window.open_dossier(window.last_search_ids[0])
            window.repaint()
            app.processEvents()
        print(f"work {time.perf_counter() - t0:.3f} s, search hits {hits}", flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"maxrss_kb {peak_kb}", flush=True)
    window.close()
    store.dispose()


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, list[str]]:
    """Seconds from spawn to the child's 'ready' line, and all its output lines."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    ready = float("nan")
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if line.startswith("ready"):
            ready = time.perf_counter() - t0
    proc.wait(timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(cmd)}\n{lines}")
    return ready, lines


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(label: str, values: list[float], target: float | None = None) -> None:
    line = (f"{label:<48} p50 {statistics.median(values) * 1000:7.0f} ms   "
            f"p95 {pct(values, 0.95) * 1000:7.0f} ms   (n={len(values)})")
    if target is not None:
        verdict = "OK" if pct(values, 0.95) <= target else "MISSED"
        line += f"   target <= {target * 1000:.0f} ms (p95): {verdict}"
    print(line, flush=True)


def small_folder() -> Path:
    from desk_app.bootstrap import open_store
    from desk_app.clock import SystemClock
    from desk_app.services.clerks import create_clerk, hash_password
    from desk_app.services.counter import set_counter

    folder = Path(tempfile.mkdtemp(prefix="bench-gui-small-"))
    store = open_store(folder, SystemClock())
    with store.write() as s:
        pw = hash_password("mat-khau-123")
        for user, name, role in (("admin", "Quản Trị Viên", "admin"),
                                 ("lan", "Trần Thị Lan", "leader"),
                                 ("binh", "Nguyễn Văn Bình", "clerk")):
            create_clerk(s, SystemClock(), user, name, "", role, password_hash=pw)
        set_counter(s, 1)
    store.dispose()
    return folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "million")
    ap.add_argument("--child-main", help=argparse.SUPPRESS)
    ap.add_argument("--work", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_main:
        child_main(args.child_main, args.work)
        return
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    py = sys.executable
    small = small_folder()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"small data folder {small}; runs per figure {args.runs}; "
          f"load average {load} on {os.cpu_count()} cores (figures scale with it)", flush=True)
    timed([py, "-m", "desk_app", "--data-dir", str(small), "--smoke"], env)  # warm the OS cache

    starts = [timed([py, "-m", "desk_app", "--data-dir", str(small), "--smoke"], env)[0]
              for _ in range(args.runs)]
    report("process start -> login window (real app)", starts, 1.5)
    report("login -> main window painted, small store", window_times(py, small, args.runs, env),
           1.5)

    big = args.data / "desk.sqlite3"
    if not big.exists():
        print(f"no {big}: run bench/gen_dossiers.py --rows 1000000 --out {args.data} first")
        return
    print(f"1M data folder {args.data} ({big.stat().st_size / 1e6:.0f} MB)", flush=True)
    report("login -> main window painted, 1M dossiers",
           window_times(py, args.data, max(3, args.runs // 2), env), 1.5)
    peaks = []
    work = ""
    for _ in range(3):
        _ready, lines = timed([py, __file__, "--child-main", str(args.data), "--work"], env)
        peaks.append(int(next(x for x in lines if x.startswith("maxrss_kb")).split()[1]))
        work = next((x for x in lines if x.startswith("work")), "")
    print(f"{'peak RSS, 1M dossiers (window+register+search+page)':<48} "
          f"max {max(peaks) / 1024:7.0f} MB   (runs: {', '.join(f'{p // 1024}' for p in peaks)})"
          f"   target <= 300 MB: {'OK' if max(peaks) / 1024 <= 300 else 'MISSED'}   [{work}]")


def window_times(py: str, folder: Path, runs: int, env: dict[str, str]) -> list[float]:
    out = []
    for _ in range(runs):
        _ready, lines = timed([py, __file__, "--child-main", str(folder)], env)
        out.append(float(next(x for x in lines if x.startswith("window_s")).split()[1]))
    return out

if __name__ == "__main__":
    main()
