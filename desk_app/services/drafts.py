"""The crash-safe draft of a half-typed intake form: one JSON file in the data folder.

Written atomically (temporary file, ``fsync``, ``os.replace``, then ``fsync`` of the folder) so
that after a crash or a power cut the file is either the previous draft or the new one, never a
torn mix. A file that cannot be read is moved aside (kept for inspection), not deleted.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from desk_app.store.recovery import fsync_dir

log = logging.getLogger(__name__)

DRAFT_NAME = "intake-draft.json"
FORMAT = 1


def draft_path(data_dir: Path) -> Path:
    return data_dir / "drafts" / DRAFT_NAME


def save_draft(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` durably; returns when it is on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    body = json.dumps({"format": FORMAT, "form": data}, ensure_ascii=False, indent=1)
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def load_draft(path: Path) -> dict[str, Any] | None:
    """The saved form, or None if there is none; an unreadable file is moved aside."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT or not isinstance(data.get("form"), dict):
            raise ValueError("unknown draft format")
        return data["form"]
    except (ValueError, AttributeError) as exc:
        aside = path.with_suffix(".unreadable")
        os.replace(path, aside)
        log.warning("draft %s unreadable (%s); moved to %s", path, exc, aside)
        return None


def clear_draft(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)

