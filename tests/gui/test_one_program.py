"""One program per data folder: a second start (the icon double-clicked again) says the program
is already open and touches nothing; once the first program is gone, even killed, it starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_app.paths import database_path
from tests.sync.servers import ROOT

pytestmark = pytest.mark.gui


ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _start_program(data_dir: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "desk_app", "--data-dir", str(data_dir)],
                            cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the store is made: the first window comes next
        if database_path(data_dir).exists() and (data_dir / "desk-store.json").exists():
            return proc
        assert proc.poll() is None, "the first program stopped by itself"
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the first program did not open its data folder")


def _smoke(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The icon double-clicked: a start that shows its first window and quits."""
    return subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(data_dir),
                           "--smoke"], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.requires_posix
def test_a_second_start_on_the_same_folder_is_refused_in_words(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = _start_program(data_dir)
    try:
        time.sleep(1.0)  # the first program's start-up writes are over
        before = {p.name: p.stat().st_mtime_ns for p in data_dir.iterdir() if p.is_file()}
        second = _smoke(data_dir)
        assert second.returncode == 2, (second.stdout, second.stderr)
        err = " ".join(second.stderr.split())
        assert "Traceback" not in second.stderr
        assert "đang mở với thư mục dữ liệu" in err and str(data_dir) in err
        assert f"tiến trình số {first.pid}" in err
        after = {p.name: p.stat().st_mtime_ns for p in data_dir.iterdir() if p.is_file()}
        assert after == before  # the second start wrote nothing in the folder
    finally:
        first.send_signal(signal.SIGKILL)  # the worst end: no stale lock may be left
        first.wait(timeout=30)
    again = _smoke(data_dir)
    assert again.returncode == 0 and "ready" in again.stdout, again.stderr
