"""A save killed with SIGKILL half-way: the store and the folder stay consistent (every row
has its file, byte for byte; the file of the killed save is only an orphan the clean-up takes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.scanning.files import ScanFiles
from desk_app.services import scans
from desk_app.store.engine import Store
from desk_app.store.models import DossierComponent
from desk_app.store.models_scans import ScanDocument
from tests.scanning.conftest import received

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.requires_posix
@pytest.mark.slow
def test_a_save_killed_after_its_file_leaves_only_an_orphan(
        data_dir: Path, store: Store, clock: FixedClock) -> None:
    dossier, comps = received(store, clock)
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "scanning" / "proc_attach.py"), str(data_dir),
         str(dossier), str(comps[0]), "2", "--hang-after-file"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    saved, orphan = [], None
    while orphan is None:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "the child died"
        kind, sha = line.split()
        if kind == "SAVED":
            saved.append(sha)
        else:
            orphan = sha
    os.kill(child.pid, signal.SIGKILL)  # its file is on disk, its row not committed
    child.wait(timeout=10)
    child.stdout.close()
    if child.stderr is not None:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    files = ScanFiles.of_data_dir(data_dir)
    with store.read() as s:
        rows = list(s.scalars(select(ScanDocument).order_by(ScanDocument.id)))
        comp = s.get(DossierComponent, comps[0])
        assert [r.sha256 for r in rows] == saved
        assert comp is not None and comp.scan_document_id == rows[-1].id
        for r in rows:  # no row without its file, and the file is the one named
            assert len(files.read(r.sha256)) == r.size
        assert scans.referenced(s) == set(saved)
    assert files.hashes() == {*saved, orphan}
    assert not list((data_dir / "scans").rglob("*.tmp"))  # the rename had happened
    far_future = files.path_of(orphan).stat().st_mtime + 1
    with store.read() as s:
        assert scans.remove_orphans(s, files, older_than=far_future) == 1
    assert files.hashes() == set(saved)
