"""Writing a file so that a crash never leaves half of it: a temporary file beside the final
name, fsynced, moved over it, the folder fsynced (the exports of issue 15)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from desk_app.store.recovery import fsync_dir


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """``write(tmp)`` into a temporary file beside ``path``, then move it over ``path``
    (fsynced), so ``path`` is either the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
