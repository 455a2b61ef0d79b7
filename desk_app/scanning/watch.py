"""The desk scanner's own folder: take each finished file once, never a half-written one.

On Windows (and with many USB scanners anywhere) the scanner's own software saves each scan
into a folder. :class:`WatchedFolder` is polled by the caller (every second or two, on a
worker lane): a file is taken when

* its name is not a temporary one (``.tmp``, ``.part``, ``.crdownload``, ``~`` or a leading
  dot: the usual names of a file being written), and
* its size and modification time are the same as at the previous poll (nothing is writing
  it any more), and
* its content is a complete JPEG, PNG or PDF (:func:`desk_app.scanning.content.inspect`:
  a file cut short fails to decode and is left to be looked at again at the next poll).

A file taken is moved into ``da-nhan/`` inside the folder (or, when the move is refused, e.g.
the scanner's software still holds it open on Windows, remembered so it is not taken twice);
a file that stays unreadable once stable is moved into ``khong-nhan/`` with the reason kept in
:attr:`Poll.refused`. Nothing is deleted.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.errors import ValidationError
from desk_app.scanning.content import DEFAULT_LIMITS, Limits, inspect, read_file

log = logging.getLogger(__name__)

TAKEN_DIR, REFUSED_DIR = "da-nhan", "khong-nhan"
TEMP_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".download")
STABLE_POLLS_FOR_REFUSAL = 3  # an unreadable file is refused only when still the same after


@dataclass(frozen=True)
class Taken:
    name: str
    data: bytes
    moved_to: Path | None  # None: could not be moved (remembered instead)


@dataclass
class Poll:
    taken: list[Taken] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, field code)
    waiting: list[str] = field(default_factory=list)  # seen, not finished yet


def inside(folder: Path, data_dir: Path) -> bool:
    """True when ``folder`` is the desk's data folder or in it: watched, its database and
    settings would be put aside into ``khong-nhan/`` and its scans taken into ``da-nhan/``."""
    try:
        folder, data_dir = folder.resolve(), data_dir.resolve()
    except OSError:
        return False
    return folder == data_dir or data_dir in folder.parents


def _temporary(name: str) -> bool:
    low = name.lower()
    return low.startswith((".", "~")) or low.endswith(("~", *TEMP_SUFFIXES))


class WatchedFolder:
    def __init__(self, folder: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.folder = folder
        self.limits = limits
        self._seen: dict[str, tuple[int, int, int]] = {}  # name -> (size, mtime_ns, polls)
        self._done: set[tuple[str, int, int]] = set()  # taken but not movable

    def poll(self) -> Poll:
        result = Poll()
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.name)
        except OSError as exc:
            log.warning("watched folder %s unreadable: %s", self.folder, exc)
            return result
        present = set()
        for entry in entries:
            if not entry.is_file() or _temporary(entry.name):
                continue
            st = entry.stat()
            key = (st.st_size, st.st_mtime_ns)
            present.add(entry.name)
            if (entry.name, *key) in self._done:
                continue
            before = self._seen.get(entry.name)
            polls = before[2] + 1 if before is not None and before[:2] == key else 0
            self._seen[entry.name] = (*key, polls)
            if polls == 0 or st.st_size == 0:
                result.waiting.append(entry.name)
                continue
            self._consider(Path(entry.path), key, polls, result)
        self._seen = {n: v for n, v in self._seen.items() if n in present}
        return result

    def _consider(self, path: Path, key: tuple[int, int], polls: int, result: Poll) -> None:
        try:
            data = read_file(path, self.limits)  # one far too large is refused unread
            if len(data) != key[0]:
                result.waiting.append(path.name)
                return
            inspect(data, self.limits)
        except OSError:
            result.waiting.append(path.name)  # locked by the writer (Windows)
            return
        except ValidationError as exc:
            if polls < STABLE_POLLS_FOR_REFUSAL:
                result.waiting.append(path.name)
                return
            moved = self._move(path, REFUSED_DIR)
            result.refused.append((path.name, exc.errors[0].code))
            if moved is None:
                self._done.add((path.name, *key))
            return
        moved = self._move(path, TAKEN_DIR)
        if moved is None:
            self._done.add((path.name, *key))
        result.taken.append(Taken(path.name, data, moved))

    def give_back(self, taken: list[Taken]) -> int:
        """Files taken that no dialog kept (it was saving, or closed, when they came) put
        back into the folder, to be taken again; how many were."""
        back = 0
        for t in taken:
            if t.moved_to is None:
                continue
            target = self.folder / t.name
            try:
                if not target.exists():
                    os.replace(t.moved_to, target)
                    back += 1
            except OSError as exc:
                log.warning("could not put %s back: %s", t.moved_to, exc)
        return back

    def _move(self, path: Path, sub: str) -> Path | None:
        target_dir = self.folder / sub
        try:
            target_dir.mkdir(exist_ok=True)
            target = target_dir / path.name
            n = 1
            while target.exists():
                target = target_dir / f"{path.stem}-{n}{path.suffix}"
                n += 1
            os.replace(path, target)
            return target
        except OSError as exc:
            log.warning("could not move %s into %s: %s", path, sub, exc)
            return None
