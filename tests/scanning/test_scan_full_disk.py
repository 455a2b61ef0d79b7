"""A scan saved on a full disk: refused in words (``scan_not_saved``), and the part written
before the disk filled is taken away at once, not left to hold the little room there is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk_app.errors import KnownError
from desk_app.scanning.files import ScanFiles
from tests.fs_faults import small_disk


@pytest.mark.requires_posix
def test_a_save_on_a_full_disk_leaves_no_part_behind(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "1m") as disk:
        files = ScanFiles(disk / "scans")
        filler = disk / "filler"
        filler.write_bytes(b"\0" * 600_000)  # ~400 kB left of 1 MB
        data = os.urandom(700_000)
        with pytest.raises(KnownError) as exc:
            files.put(data)
        assert exc.value.code == "scan_not_saved"
        left = [p.name for p in (disk / "scans").rglob("*") if p.is_file()]
        assert left == []  # the part written was taken away
        assert files.hashes() == set()
        filler.unlink()  # room again: the same save goes through
        stored = files.put(data)
        assert stored.written and files.read(stored.sha256) == data
