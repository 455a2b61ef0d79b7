"""A file far over the limit (a video dropped by mistake, a scanner left writing a huge
file) is refused by its size, never read whole into memory first: at the desk's 25 MB
limit, a 4 GB file read to be refused would take the desk's memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from desk_app.errors import ValidationError
from desk_app.scanning.content import MB, Limits, read_file
from desk_app.scanning.watch import WatchedFolder
from tests.scanning.conftest import picture

BIG = 64 * MB  # sparse: costs no disk


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def _peak(fn) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = _sparse(tmp_path / "video.pdf", BIG)

    def refuse() -> None:
        with pytest.raises(ValidationError) as exc:
            read_file(big)
        assert [e.code for e in exc.value.errors] == ["scan_file_too_large"]
    assert _peak(refuse) < 2 * MB
    small = tmp_path / "the.png"
    small.write_bytes(picture("PNG"))
    assert read_file(small) == picture("PNG")
    with pytest.raises(ValidationError):  # the limit given, not only the default
        read_file(small, Limits(file_bytes=100))


def test_the_watched_folder_puts_a_huge_file_aside_unread(tmp_path: Path) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    _sparse(folder / "scan-khong-dung.pdf", BIG)
    watch = WatchedFolder(folder)
    polls = []
    peak = _peak(lambda: polls.extend(watch.poll() for _ in range(5)))
    assert peak < 2 * MB
    assert [r for p in polls for r in p.refused] == [("scan-khong-dung.pdf",
                                                      "scan_file_too_large")]
    assert (folder / "khong-nhan" / "scan-khong-dung.pdf").exists()
