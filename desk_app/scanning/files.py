"""The scanned documents on disk: content-addressed, written atomically, never twice.

A document is stored under the data folder as ``scans/<first two hex digits>/<sha256>.pdf``:
its name is the SHA-256 of its bytes, so the same bytes saved twice (a re-used ID card, a
second click) are one file, and a file whose bytes no longer match its name is known damaged.

A file is written before the row that names it commits (:mod:`desk_app.services.scans`):
temporary file in the same folder, ``fsync``, ``os.replace`` onto the final name, ``fsync`` of
the folder. A process killed at any point leaves either no file, a finished file, or a
``.tmp`` beside it; never a row without its file. A file no row names (the transaction failed
or was killed after the write) is an orphan: :meth:`ScanFiles.remove_orphans` takes them away,
only when older than a grace period, so a save in flight in another window keeps its file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import KnownError
from desk_app.store.recovery import fsync_dir

SUFFIX = ".pdf"
FOLDER = "scans"


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    path: Path
    written: bool  # False: the same bytes were on disk already


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_name(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


class ScanFiles:
    """The content-addressed folder (``<data folder>/scans``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def of_data_dir(cls, data_dir: Path) -> ScanFiles:
        return cls(data_dir / FOLDER)

    def path_of(self, sha256: str) -> Path:
        if not _is_name(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / (sha256 + SUFFIX)

    def relative(self, sha256: str) -> str:
        """The file's path relative to the data folder, as the store and backups name it."""
        return f"{FOLDER}/{sha256[:2]}/{sha256}{SUFFIX}"

    def put(self, data: bytes) -> Stored:
        """Store ``data`` durably under its hash; the same bytes already there are kept (and
        their time refreshed, so a clean-up in progress does not take them as an orphan)."""
        sha = digest(data)
        final = self.path_of(sha)
        if final.exists() and self._intact(final, sha):
            os.utime(final)
            return Stored(sha, len(data), final, False)
        tmp = final.parent / f".{sha}.{os.getpid()}.tmp"
        try:
            folder_new = not final.parent.exists()
            final.parent.mkdir(parents=True, exist_ok=True)
            try:
                with tmp.open("wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError:
                tmp.unlink(missing_ok=True)  # a full disk: give back what was written
                raise
            os.replace(tmp, final)
            fsync_dir(final.parent)
            if folder_new:  # the new shard folder's own name must survive too
                fsync_dir(self.root)
                fsync_dir(self.root.parent)
        except OSError as exc:
            raise KnownError("scan_not_saved", str(exc), folder=str(self.root)) from exc
        return Stored(sha, len(data), final, True)

    def read(self, sha256: str) -> bytes:
        """The document's bytes, checked against their name."""
        path = self.path_of(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise KnownError("scan_file_missing", str(exc), path=str(path)) from exc
        if digest(data) != sha256:
            raise KnownError("scan_file_damaged", "hash differs", path=str(path))
        return data

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def _intact(self, path: Path, sha256: str) -> bool:
        try:
            return digest(path.read_bytes()) == sha256
        except OSError:
            return False

    def hashes(self) -> set[str]:
        """Every document on disk (by name)."""
        if not self.root.is_dir():
            return set()
        return {p.stem for p in self.root.glob("??/*" + SUFFIX) if _is_name(p.stem)}

    def remove_orphans(self, referenced: Iterable[str], older_than: float) -> list[Path]:
        """Delete the files no row names and the ``.tmp`` left by a killed save, when their
        modification time (seconds since the epoch, as ``os.stat``) is before ``older_than``."""
        keep = set(referenced)
        gone: list[Path] = []
        if not self.root.is_dir():
            return gone
        for path in [*self.root.glob("??/*" + SUFFIX), *self.root.glob("??/.*.tmp")]:
            if path.suffix == SUFFIX and path.stem in keep:
                continue
            try:
                if path.stat().st_mtime >= older_than:
                    continue
                path.unlink()
                gone.append(path)
            except OSError:
                continue
        for folder in {p.parent for p in gone}:
            fsync_dir(folder)
        return gone
