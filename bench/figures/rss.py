"""Peak RSS with the 1M store open: the real program against a bare Qt + sqlite3 peer.

Each run is a fresh process, offscreen, alternating program and peer, on the 1M folder as it is
(no copy; the program changes only what its own start writes: log, marker, the check).

* The program: ``desk_app.app.main(["--data-dir", folder])`` as a clerk starts it; a driver
  on the event loop types a clerk's name and password into the login window, waits for the main
  window, shows the register and waits for its first page of rows and the status-bar counts,
  then reports the process's peak resident memory (``ru_maxrss``) and closes the program.
* The peer: a QApplication and a QMainWindow whose QTableWidget shows the same first page of
  rows (the 50 newest dossiers) read with a bare sqlite3 connection, shown and painted.

The row also notes the peak measured after login (``VmHWM`` reset once the main window is up):
the password check (argon2id, 64 MiB of memory by design) is part of the whole-life peak.
Peaks are VmHWM (the process's own high-water mark): ru_maxrss starts at the size of the
parent that spawned the child (Linux keeps it across exec), here the whole benchmark.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script (the child)

from bench.figures.common import ROOT, Context, Row, p50, pct

USER, PASSWORD = "binh", "mat-khau-123"  # bench/gen_dossiers.py's clerk
PAGE_SQL = ("SELECT id, code, applicant_name, status, received_at, due_at FROM dossiers "
            "ORDER BY received_at DESC, id DESC LIMIT 50")

PEER = r"""
import sqlite3, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(sys.argv[2]).fetchall()
table = QTableWidget(len(rows), len(rows[0]))
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(str(value)))
window = QMainWindow()
window.setCentralWidget(table)
window.resize(1200, 700)
window.show()

def ready():
    window.repaint()
    # VmHWM: this process's own peak (ru_maxrss starts at the parent's size: kept across exec)
    peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM"))
    print(f"peak_kb {peak} after_login_kb {peak}", flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""


def vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def open_files(suffix: str) -> int:
    """How many of this process's file descriptors are open on a file named ``*suffix``."""
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            n += os.readlink(f"/proc/self/fd/{fd}").endswith(suffix)
        except OSError:  # the descriptor listdir itself used
            pass
    return n


def program_child(folder: str) -> int:
    """Runs in the child: the real program, driven from its event loop."""

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication(sys.argv[:1])  # the program takes the running instance
    state: dict[str, object] = {"step": "login", "ticks": 0}
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        state["ticks"] = int(state["ticks"]) + 1  # type: ignore[call-overload]
        if int(state["ticks"]) > 12000:  # type: ignore[call-overload]
            print("timed out at step", state["step"], flush=True)
            timer.stop()
            app.exit(3)
            return
        windows = {type(w).__name__: w for w in app.topLevelWidgets() if w.isVisible()}
        if state["step"] == "login" and "LoginDialog" in windows:
            dialog = windows["LoginDialog"]
            if getattr(dialog, "store", None) is None:
                return  # the login window is up before the store is open
            dialog.findChild(QLineEdit, "username").setText(USER)
            dialog.findChild(QLineEdit, "password").setText(PASSWORD)
            dialog.submit()
            state["step"] = "window"
        elif state["step"] == "window" and "MainWindow" in windows:
            window = windows["MainWindow"]
            state["before"] = vm("VmHWM")  # the peak so far (the password check's included)
            Path("/proc/self/clear_refs").write_text("5")  # VmHWM from here on
            window.tabs.setCurrentWidget(window.register)
            state["step"], state["window"] = "register", window
        elif state["step"] == "register":
            window = state["window"]
            model = window.register.model  # type: ignore[attr-defined]
            if model.loading or not model.counts or model.rowCount() == 0:
                return
            window.repaint()  # type: ignore[attr-defined]
            app.processEvents()
            # VmHWM, not ru_maxrss: that one starts at the parent's size (kept across exec)
            peak = max(int(state["before"]), vm("VmHWM"))  # type: ignore[call-overload]
            print(f"peak_kb {peak} after_login_kb {vm('VmHWM')} rows {model.rowCount()} "
                  f"connections {open_files('desk.sqlite3')}", flush=True)
            state["step"] = "done"
            timer.stop()
            app.quit()

    timer.timeout.connect(tick)
    timer.start()
    from desk_app import app as desk

    return desk.main(["--data-dir", folder])


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    line = next((x for x in out.stdout.splitlines() if x.startswith("peak_kb")), None)
    if line is None:
        raise SystemExit(f"child failed ({out.returncode}): {' '.join(cmd)}\n{out.stdout}\n"
                         f"{out.stderr[-3000:]}")
    words = line.split()
    return int(words[1]) / 1024, int(words[3]) / 1024


def measure(ctx: Context) -> list[Row]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               DESK_APP_KEYS=str(ctx.scratch / "keys"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled bytecode
    folder = str(ctx.data)
    program = [sys.executable, str(Path(__file__).resolve()), "--child", folder]
    peer = [sys.executable, "-c", PEER, str(ctx.data / "desk.sqlite3"), PAGE_SQL]
    run(peer, env)  # warm the OS cache
    n = ctx.reps(5, 2)
    prog: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    for i in range(n):
        order = ((program, prog), (peer, floor)) if i % 2 == 0 else ((peer, floor),
                                                                    (program, prog))
        for cmd, out in order:
            out.append(run(cmd, env))
    peaks = [p for p, _ in prog]
    after = [a for _, a in prog]
    bare = [p for p, _ in floor]
    ratio = p50(peaks) / p50(bare)
    return [Row("peak RSS with the 1M store open", p50(peaks), pct(peaks, 0.95), p50(bare),
                ratio, "<= 2x", ratio <= 2.0, unit="MiB",
                note=f"n={n}; peak after login p50 {p50(after):.0f} MiB "
                     f"({p50(after) / p50(bare):.2f}x)")]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(program_child(sys.argv[2]))
