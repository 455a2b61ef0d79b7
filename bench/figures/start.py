"""start -> login window painted: the real program against a bare QApplication + QMainWindow.

Each run is a fresh process, offscreen, alternating program and peer. The program is
``python -m desk_app --data-dir <small folder> --smoke`` on a small folder made once by the
program's own start-up (migrated, demo commune, bundled catalogue, three clerks), so the login
window is what comes up. Timed from spawning the process to its first line saying the first
window is painted (``painted: ...``, or ``ready: ...`` from a program that prints only that);
the process is then waited for, untimed. The peer does the least a Qt program can: a
QApplication, a QMainWindow with a label, shown, painted, the same line printed.

Both children get compiled bytecode (PYTHONDONTWRITEBYTECODE dropped): an installed program
ships its ``.pyc`` files, and compiling the sources at every start would be measured otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.figures.common import ROOT, Context, Row, time_row

PEER = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Đăng nhập"))
window.show()

def ready():
    window.repaint()
    print("painted: QMainWindow", flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""

MAKE_FOLDER = r"""
import sys
from pathlib import Path
from desk_app.bootstrap import open_store
from desk_app.clock import SystemClock
from desk_app.services.clerks import create_clerk, hash_password
from desk_app.services.counter import set_counter

store = open_store(Path(sys.argv[1]), SystemClock())
with store.write() as s:
    pw = hash_password("mat-khau-123")
    for user, name, role in (("admin", "Quản Trị Viên", "admin"),
                             ("lan", "Trần Thị Lan", "leader"),
                             ("binh", "Nguyễn Văn Bình", "clerk")):
        create_clerk(s, SystemClock(), user, name, "", role, password_hash=pw)
    set_counter(s, 1)
store.dispose()
"""


def child_env(ctx: Context) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               DESK_APP_KEYS=str(ctx.scratch / "keys"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def small_folder(ctx: Context) -> Path:
    """A fresh small data folder with three clerks, made by the program's own start-up."""
    folder = ctx.scratch / "start-small"
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-c", MAKE_FOLDER, str(folder)], cwd=ROOT,
                   env=child_env(ctx), check=True)
    return folder


def until_painted(cmd: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning ``cmd`` to its first 'painted'/'ready' line."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    took = float("nan")
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if took != took and line.startswith(("painted", "ready")):
            took = (time.perf_counter() - t0) * 1000
    proc.wait(timeout=120)
    if proc.returncode != 0 or took != took:
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(cmd)}\n{lines}")
    return took


def measure(ctx: Context) -> list[Row]:
    env = child_env(ctx)
    folder = small_folder(ctx)
    program = [sys.executable, "-m", "desk_app", "--data-dir", str(folder), "--smoke"]
    peer = [sys.executable, "-c", PEER]
    for _ in range(2):  # warm the OS cache and write the bytecode
        until_painted(program, env)
        until_painted(peer, env)
    n = ctx.reps(30, 10)
    prog: list[float] = []
    floor: list[float] = []
    for i in range(n):  # A, B, B, A, ...: neither always goes first
        order = ((program, prog), (peer, floor)) if i % 2 == 0 else ((peer, floor),
                                                                    (program, prog))
        for cmd, out in order:
            out.append(until_painted(cmd, env))
    return [time_row("start -> login window painted", prog, floor, max_ratio=2.0,
                     note=f"n={n}, fresh processes, small folder")]
