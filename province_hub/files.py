"""The scanned files desks send (issue 16): kept outside the database, in a folder per commune.

Layout under the hub's files folder (``PROVINCE_HUB_FILES``, or ``create_app(files_dir=...)``):
``c<commune id>/<first two hex digits>/<sha256>.pdf``, content-addressed as at the desk
(:mod:`desk_app.scanning.files`): the same bytes from a re-use or another dossier of the
commune are one file, and a file whose bytes no longer match its name is known damaged. A file
being received is ``c<id>/partial/<sha256>.part``; its length is how far the desk got.

**Why a folder, not PostgreSQL large objects**: a commune's scans grow to tens of gigabytes a
year, ten to a hundred times its rows; in the database they would make every ``pg_dump``, base
backup and restore of the records carry them, and ``pg_largeobject`` never shrinks without a
``VACUUM FULL``. Files named by their hash need no transaction: they are written atomically
(temporary part, ``fsync``, ``os.replace``, ``fsync`` of the folder), checked by their name,
copied by ``rsync`` incrementally (a file never changes once named), and served by the OS's
page cache. The database keeps what is counted and who may see it (``documents``); a commune
folder can move to another disk, or be archived, on its own.

A chunk is appended only at the length the partial holds (``offset_mismatch`` otherwise) after
its own SHA-256 is checked; when the last byte arrives the whole file's SHA-256 must be its
name, or the partial is dropped (``file_hash_mismatch``) and the desk starts again. A partial
already as long as the file (the hub stopped between its last byte and its name) is checked and
named, or dropped, when its status is asked: the desk has nothing left to send. Requests
for one file are serialised by an ``flock`` on a lock file beside the partial: the hub's
workers are processes.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desk_app.store.recovery import fsync_dir
from province_hub.answer import Fail

MAX_CHUNK = 4 * 1024 * 1024  # one request's body; the desk sends 256 KiB


@dataclass(frozen=True)
class Held:
    size: int  # as the document declared it
    received: int
    complete: bool

    def json(self) -> dict[str, int | bool]:
        return {"size": self.size, "received": self.received, "complete": self.complete}


def default_root() -> Path:
    return Path(os.environ.get("PROVINCE_HUB_FILES", "province_hub_files"))


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def final(self, commune_id: int, sha: str) -> Path:
        return self.root / f"c{commune_id}" / sha[:2] / f"{sha}.pdf"

    def partial(self, commune_id: int, sha: str) -> Path:
        return self.root / f"c{commune_id}" / "partial" / f"{sha}.part"

    @contextmanager
    def _locked(self, commune_id: int, sha: str) -> Iterator[None]:
        part = self.partial(commune_id, sha)
        part.parent.mkdir(parents=True, exist_ok=True)
        with open(part.with_suffix(".lock"), "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _held(self, commune_id: int, sha: str, size: int) -> Held:
        if self.final(commune_id, sha).is_file():
            return Held(size, size, True)
        part = self.partial(commune_id, sha)
        return Held(size, part.stat().st_size if part.is_file() else 0, False)

    def status(self, commune_id: int, sha: str, size: int) -> Held:
        """How much is held. A partial as long as the file (the hub stopped between its last
        byte and its name) is finished here: the desk has nothing left to send from there."""
        held = self._held(commune_id, sha, size)
        if held.complete or held.received < size:
            return held
        with self._locked(commune_id, sha):
            held = self._held(commune_id, sha, size)
            if held.complete or held.received < size:
                return held
            named = self._name(commune_id, sha, size)
        return named or Held(size, 0, False)

    def put(self, commune_id: int, sha: str, size: int, offset: int, data: bytes,
            chunk_sha: str) -> Held:
        """Append ``data`` at ``offset``; the file is named when whole and verified."""
        if hashlib.sha256(data).hexdigest() != chunk_sha:
            raise Fail(400, "chunk_hash_mismatch", "the chunk's bytes differ from its hash")
        with self._locked(commune_id, sha):
            held = self._held(commune_id, sha, size)
            if held.complete:
                return held  # a retry after a lost answer, or the same bytes again
            if offset != held.received:
                raise Fail(409, "offset_mismatch", str(held.received))
            if not data or offset + len(data) > size:
                raise Fail(400, "beyond_size", f"the document declared {size} bytes")
            part = self.partial(commune_id, sha)
            with part.open("ab") as fh:  # only the whole file is synced (in _name): a partial
                fh.write(data)           # one lost or torn by a crash costs a resend
            received = offset + len(data)
            if received < size:
                return Held(size, received, False)
            named = self._name(commune_id, sha, size)
            if named is None:
                raise Fail(422, "file_hash_mismatch", "the whole file differs from its name")
            return named

    def _name(self, commune_id: int, sha: str, size: int) -> Held | None:
        """The whole partial (under the file's lock) named, when its SHA-256 is its name;
        dropped otherwise (None: the desk starts again from 0)."""
        part = self.partial(commune_id, sha)
        if part.stat().st_size != size or _digest(part) != sha:
            part.unlink()
            return None
        with part.open("rb") as fh:  # its chunks were appended without a sync
            os.fsync(fh.fileno())
        final = self.final(commune_id, sha)
        new_folder = not final.parent.exists()
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        fsync_dir(final.parent)
        fsync_dir(part.parent)
        if new_folder:
            fsync_dir(final.parent.parent)
        return Held(size, size, True)

    def open_final(self, commune_id: int, sha: str) -> Path | None:
        path = self.final(commune_id, sha)
        return path if path.is_file() else None


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
