"""Dossier codes under concurrent writer processes, and survival of a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.store.engine import Store
from desk_app.store.models import Dossier, OutboxEvent

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "proc_receive.py"


def _spawn(data_dir: Path, count: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), str(count), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )


@pytest.mark.slow
def test_concurrent_processes_never_duplicate_or_skip_a_code(
    data_dir: Path, store: Store, tmp_path: Path
) -> None:
    procs, per_proc = 4, 25
    go = tmp_path / "go"
    workers = [_spawn(data_dir, per_proc, "--go-file", str(go)) for _ in range(procs)]
    time.sleep(0.5)  # let every process import and open the store
    go.touch()
    printed: list[str] = []
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        printed += [line.split()[1] for line in out.splitlines() if line.startswith("CODE ")]
    assert len(printed) == procs * per_proc
    with store.read() as s:
        stored = s.scalars(select(Dossier.code).order_by(Dossier.code)).all()
        outbox = s.scalars(select(OutboxEvent.entity_uuid).where(OutboxEvent.kind != "audit.recorded")).all()
    assert sorted(printed) == list(stored)
    assert len(set(stored)) == len(stored)
    seqs = sorted(int(code.rsplit("-", 1)[1]) for code in stored)
    # counter 1, then the day's count: no duplicate, no gap
    assert seqs == list(range(1001, 1001 + procs * per_proc))
    assert len(outbox) == len(stored)


@pytest.mark.requires_posix
@pytest.mark.slow
def test_dossier_survives_kill_right_after_save(data_dir: Path, store: Store) -> None:
    worker = _spawn(data_dir, 3, "--hang")
    assert worker.stdout is not None
    codes = []
    while True:
        line = worker.stdout.readline()
        assert line, worker.stderr.read() if worker.stderr else "worker died"
        if line.startswith("CODE "):
            codes.append(line.split()[1])
        if line.startswith("SAVED"):
            break
    os.kill(worker.pid, signal.SIGKILL)  # no clean shutdown, no checkpoint, WAL left behind
    worker.wait(timeout=10)
    worker.stdout.close()
    if worker.stderr is not None:
        worker.stderr.close()
    assert worker.returncode == -signal.SIGKILL
    with store.read() as s:
        stored = s.scalars(select(Dossier.code).order_by(Dossier.id)).all()
    assert list(stored) == codes
    # the counter is not reused after the crash: the next code follows
    worker = _spawn(data_dir, 1)
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    assert out.split()[1].endswith("-1004")
