"""Real storage faults for tests: a damaged page, a read-only folder, a full disk.

* :func:`corrupt_table_page` overwrites one b-tree page of a table in the middle of a real
  SQLite file (found with SQLite's own ``dbstat``), never the header;
  :func:`corrupt_index_entry` changes one key inside an index page (structure intact).
* :func:`read_only` makes a folder read-only for real: a read-only bind mount over itself
  (root; the kernel answers EROFS), else ``chmod`` (EACCES for a normal user).
* :func:`small_disk` mounts a tiny tmpfs (root; ENOSPC when full); :func:`fill` fills it.
* :func:`file_size_limit` is a ``preexec_fn`` for a child process: ``RLIMIT_FSIZE`` with
  SIGXFSZ ignored, so a write past the limit fails with EFBIG (works for any user).

Tests that need a mount skip (saying why) where mounting is not allowed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def checkpoint(db: Path) -> None:
    """Fold the WAL into the main file, so every page is in ``db`` itself."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def table_pages(db: Path, table: str) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno",
                            (table,)).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    assert page_size == 4096
    return [r[0] for r in rows]


def corrupt_table_page(db: Path, table: str = "dossiers") -> int:
    """Overwrite (with a fixed garbage pattern) the middle page of ``table``'s b-tree; the
    file header (page 1) is never touched. Returns the byte offset written."""
    checkpoint(db)
    pages = [p for p in table_pages(db, table) if p > 1]
    assert pages, f"{table} has no page beyond the first"
    page = pages[len(pages) // 2]
    offset = (page - 1) * 4096
    size = db.stat().st_size
    assert 4096 <= offset < size - 4096 or len(pages) == 1
    garbage = bytes((i * 37 + 11) % 256 for i in range(4096))
    with open(db, "r+b") as fh:
        fh.seek(offset)
        fh.write(garbage)
        fh.flush()
        os.fsync(fh.fileno())
    return offset


def corrupt_index_entry(db: Path, index: str, old: bytes, new: bytes) -> int:
    """Change one key inside ``index``'s pages (same length, the page structure intact): the
    damage only ``integrity_check`` sees (an index entry no longer matching its row)."""
    assert len(old) == len(new)
    checkpoint(db)
    with open(db, "r+b") as fh:
        for page in table_pages(db, index):
            fh.seek((page - 1) * 4096)
            data = fh.read(4096)
            at = data.find(old)
            if at > 0:
                fh.seek((page - 1) * 4096 + at)
                fh.write(new)
                fh.flush()
                os.fsync(fh.fileno())
                return (page - 1) * 4096 + at
    raise AssertionError(f"{old!r} not found in {index}")


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True)


def can_mount() -> bool:
    return os.geteuid() == 0


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` and everything in it read-only while the block runs; yields how."""
    if can_mount():
        bound = _run("mount", "--bind", str(folder), str(folder))
        if bound.returncode == 0:
            try:
                ro = _run("mount", "-o", "remount,bind,ro", str(folder))
                assert ro.returncode == 0, ro.stderr
                yield "read-only bind mount"
            finally:
                _unmount(folder)
            return
        pytest.skip(f"cannot bind-mount here: {bound.stderr.strip()}")
    modes: dict[Path, int] = {}
    for path in [folder, *folder.rglob("*")]:
        modes[path] = path.stat().st_mode
        path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    try:
        yield "chmod a-w"
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. "4m") mounted on ``folder`` while the block runs."""
    if not can_mount():
        pytest.skip("a tmpfs needs root here")
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _unmount(folder)


def _unmount(folder: Path) -> None:
    if _run("umount", str(folder)).returncode != 0:
        _run("umount", "-l", str(folder))  # a file still open: detach now, free when closed


def fill(folder: Path) -> Path:
    """Write zeros into ``folder/filler`` until the disk answers ENOSPC."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (65536, 4096, 512, 1):  # down to the last byte
            while True:
                try:
                    if os.write(fd, b"\0" * size) < size:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def file_size_limit(limit: int) -> Callable[[], None]:
    """``preexec_fn``: files the child writes cannot grow past ``limit`` bytes (EFBIG)."""
    def apply() -> None:
        import resource  # POSIX only: imported here so the module loads on Windows

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply
