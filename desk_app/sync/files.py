"""The sync of scanned files (issue 16): each file goes to the province after its document's
event, in resumable chunks, on a step of its own after the events.

* **What is due** is derived from the store: a file (by SHA-256) named by a document whose
  ``document.attached`` event the hub acknowledged, and not yet in ``scan_uploads`` (migration
  0012). Nothing else is kept, so a restart, a kill or a power cut resumes where the hub is:
  the desk asks ``GET /files/{sha256}`` how much the hub holds and sends from there.
* **Chunks** of :data:`CHUNK` bytes, ``PUT /files/{sha256}?offset=N`` with the chunk's own
  SHA-256 in ``X-Chunk-Sha256``; the hub checks it, appends, and checks the whole file's
  SHA-256 when the last byte arrives. A cut costs at most one chunk; a lost answer costs
  nothing (the next status says where the hub is). A file the hub holds already (the same
  bytes from another document of the commune) is marked without a byte sent.
* **Never holding back events**: the step has a budget per cycle (bytes and seconds); what is
  left makes the worker run the next cycle at once, and every cycle pushes its events first.
  So an event written while a large file goes waits at most one budget, never the whole file.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.errors import KnownError
from desk_app.scanning.files import ScanFiles
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent
from desk_app.store.models_scans import ScanDocument, ScanUpload
from desk_app.sync.client import Refused, SyncClient

log = logging.getLogger(__name__)

CHUNK = 256 * 1024  # a few hundred kB: a cut line costs little, and the overhead stays small
BUDGET_BYTES = 16 * 1024 * 1024  # per cycle; the rest goes in the next cycle, after its events
BUDGET_SECONDS = 20.0


@dataclass
class FilesReport:
    files: int = 0  # files the hub now holds whole, sent by this step
    already: int = 0  # files the hub held before (same bytes): marked, nothing sent
    bytes_sent: int = 0
    chunks: int = 0
    missing: int = 0  # due, but not readable here (gone or damaged): logged, left due
    more: bool = False  # the budget ran out with files still due


def due(session: Session) -> list[tuple[str, int]]:
    """(sha256, size) of the files due, oldest document first."""
    acked = select(OutboxEvent.entity_uuid).where(
        OutboxEvent.entity == "document", OutboxEvent.sent_at.is_not(None))
    rows = session.execute(
        select(ScanDocument.sha256, func.max(ScanDocument.size), func.min(ScanDocument.id))
        .where(ScanDocument.uuid.in_(acked),
               ScanDocument.sha256.not_in(select(ScanUpload.sha256)))
        .group_by(ScanDocument.sha256).order_by(func.min(ScanDocument.id)))
    return [(sha, int(size)) for sha, size, _ in rows]


def pending_files(session: Session) -> int:
    """Files not yet held by the province (their event sent or not): for the indicator."""
    return session.scalar(select(func.count(func.distinct(ScanDocument.sha256))).where(
        ScanDocument.sha256.not_in(select(ScanUpload.sha256)))) or 0


def _mark(store: Store, sha: str, size: int, sent: int, now: datetime) -> None:
    with store.write() as session:
        if session.get(ScanUpload, sha) is None:
            session.add(ScanUpload(sha256=sha, size=size, uploaded_at=now, sent_bytes=sent))


def upload_files(store: Store, client: SyncClient, now: Callable[[], datetime], *,
                 files: ScanFiles | None = None, chunk: int = CHUNK,
                 budget_bytes: int = BUDGET_BYTES, budget_seconds: float = BUDGET_SECONDS,
                 should_stop: Callable[[], bool] = lambda: False) -> FilesReport:
    """Send what is due within the budget. Raises the client's errors (the cycle's caller
    records them); a refusal about one file (``unknown_file``) skips that file this time."""
    files = files or ScanFiles.of_data_dir(store.path.parent)
    report = FilesReport()
    started = time.monotonic()
    with store.read() as session:
        todo = due(session)

    def spent() -> bool:
        return (report.bytes_sent >= budget_bytes
                or time.monotonic() - started >= budget_seconds or should_stop())

    for sha, _size in todo:
        if spent():
            report.more = True
            break
        try:
            data = files.read(sha)  # checked against its name: never send damaged bytes
        except KnownError as exc:
            log.warning("scanned file %s cannot be sent: %s", sha, exc.code)
            report.missing += 1
            continue
        try:
            held = client.file_status(sha)
        except Refused as exc:
            if exc.code != "unknown_file":
                raise
            log.warning("the province does not know file %s yet", sha)
            continue
        offset, sent = int(held["received"]), 0
        if held["complete"]:
            _mark(store, sha, len(data), 0, now())
            report.already += 1
            continue
        while True:
            if spent():
                report.more = True
                return report
            piece = data[offset:offset + chunk]
            try:
                answer = client.put_chunk(sha, offset, piece, hashlib.sha256(piece).hexdigest())
            except Refused as exc:
                if exc.code not in ("offset_mismatch", "file_hash_mismatch", "chunk_hash_mismatch"):
                    raise
                answer = client.file_status(sha)  # where the hub is (it may have started over)
            else:
                report.bytes_sent += len(piece)
                sent += len(piece)
                report.chunks += 1
            offset = int(answer["received"])
            if answer["complete"]:
                _mark(store, sha, len(data), sent, now())
                report.files += 1
                break
    return report
