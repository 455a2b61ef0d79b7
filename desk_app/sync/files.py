"""The sync of scanned files (issue 16): each file goes to the province after its document's
event, in resumable chunks, on a step of its own after the events.

* **What is due** is derived from the store: a file (by SHA-256) named by a document whose
  ``document.attached`` event the hub acknowledged, and not yet in ``scan_uploads`` (migration
  0012). Nothing else is kept, so a restart, a kill or a power cut resumes where the hub is:
  the desk asks ``POST /files/status`` how much the hub holds of up to 100 files at once, and
  sends from there.
* **Chunks** of :data:`CHUNK` bytes, several in one ``PUT /files/{sha256}?offset=N`` (as many
  as the line carries in about a second, :class:`Pace`) with each chunk's SHA-256 in
  ``X-Chunk-Sha256``; the hub checks and appends each chunk as it arrives, and checks the whole
  file's SHA-256 when the last byte arrives. A cut costs at most one chunk; a lost answer costs
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
from typing import Any

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
STATUS_BATCH = 100  # files asked about in one call
MAX_CHUNKS = 16  # in one request: 4 MiB, the hub's bound
FAST, SLOW = 1.0, 4.0  # seconds a request may take before it carries more chunks, or fewer


@dataclass
class FilesReport:
    files: int = 0  # files the hub now holds whole, sent by this step
    already: int = 0  # files the hub held before (same bytes): marked, nothing sent
    bytes_sent: int = 0
    chunks: int = 0
    missing: int = 0  # due, but not readable here (gone or damaged): logged, left due
    more: bool = False  # the budget ran out with files still due


@dataclass
class Pace:
    """How many chunks go in one request: one at first, doubled while a request takes under
    :data:`FAST` seconds (at most :data:`MAX_CHUNKS`, the hub's 4 MiB), halved when it takes
    over :data:`SLOW`. Each request costs the hub a credential check and a lookup (~5 ms on
    loopback): 16 requests for a 4 MB scan made the upload 0.27x one plain PUT of the file;
    on a slow commune line a request still stays a few seconds, so a cut loses little and
    events wait little."""

    chunks: int = 1
    most: int = MAX_CHUNKS  # fewer once a request of more was refused as too large

    def took(self, chunks: int, seconds: float) -> None:
        if seconds < FAST and chunks >= self.chunks:
            self.chunks = min(self.most, self.chunks * 2)
        elif seconds > SLOW:
            self.chunks = max(1, self.chunks // 2)

    def too_large(self, chunks: int) -> bool:
        """A request of ``chunks`` was refused as too large (413: a proxy before the hub
        with a smaller body limit, nginx's 1 MB by default); False when one chunk was."""
        if chunks <= 1:
            return False
        self.chunks = self.most = max(1, chunks // 2)
        return True


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


def statuses(client: SyncClient, shas: list[str]) -> dict[str, dict[str, Any]]:
    """What the hub holds of each file; file by file from a hub without ``/files/status``."""
    try:
        return client.files_status(shas)
    except Refused as exc:
        if exc.params.get("status") not in (404, 405):
            raise
    held: dict[str, dict[str, Any]] = {}
    for sha in shas:
        try:
            held[sha] = client.file_status(sha)
        except Refused as exc:
            if exc.code != "unknown_file":
                raise
    return held


def _mark(store: Store, sha: str, size: int, sent: int, now: datetime) -> None:
    with store.write() as session:
        if session.get(ScanUpload, sha) is None:
            session.add(ScanUpload(sha256=sha, size=size, uploaded_at=now, sent_bytes=sent))


def upload_files(store: Store, client: SyncClient, now: Callable[[], datetime], *,
                 files: ScanFiles | None = None, chunk: int = CHUNK,
                 budget_bytes: int = BUDGET_BYTES, budget_seconds: float = BUDGET_SECONDS,
                 should_stop: Callable[[], bool] = lambda: False,
                 pace: Pace | None = None) -> FilesReport:
    """Send what is due within the budget. Raises the client's errors (the cycle's caller
    records them); a refusal about one file (``unknown_file``) skips that file this time.
    ``pace``: the worker's, kept from cycle to cycle (what the line carries, and a proxy's
    limit once learnt, are not learnt again every cycle)."""
    files = files or ScanFiles.of_data_dir(store.path.parent)
    report = FilesReport()
    started = time.monotonic()
    with store.read() as session:
        todo = due(session)

    def spent() -> bool:
        return (report.bytes_sent >= budget_bytes
                or time.monotonic() - started >= budget_seconds or should_stop())

    pace = pace or Pace()
    held_of: dict[str, dict[str, Any]] = {}
    for n, (sha, _size) in enumerate(todo):
        if spent():
            report.more = True
            break
        if n % STATUS_BATCH == 0:  # one question for many files, not one a file
            held_of = statuses(client, [s for s, _ in todo[n:n + STATUS_BATCH]])
        try:
            data = files.read(sha)  # checked against its name: never send damaged bytes
        except KnownError as exc:
            log.warning("scanned file %s cannot be sent: %s", sha, exc.code)
            report.missing += 1
            continue
        held = held_of.get(sha)
        if held is None:
            log.warning("the province does not know file %s yet", sha)
            continue
        if int(held["size"]) != len(data):
            # another size was declared for these bytes (a fault): the hub can never have the
            # file whole from here, and sending it would hold back every file after it
            log.warning("the province expects %s bytes of file %s, not %d: not sent",
                        held["size"], sha, len(data))
            report.missing += 1
            continue
        before = report.bytes_sent
        if held["complete"]:
            _mark(store, sha, len(data), 0, now())
            report.already += 1
            continue
        done = send_file(client, sha, data, int(held["received"]), chunk=chunk, pace=pace,
                         report=report, budget_bytes=budget_bytes, spent=spent)
        if not done:
            report.more = True
            return report
        _mark(store, sha, len(data), report.bytes_sent - before, now())
        report.files += 1
    return report


def send_file(client: SyncClient, sha: str, data: bytes, offset: int, *, chunk: int,
              pace: Pace, report: FilesReport, budget_bytes: int,
              spent: Callable[[], bool]) -> bool:
    """Send ``data`` from ``offset`` until the hub holds it whole (True) or ``spent()``."""
    while True:
        if spent():
            return False
        room = max(1, -(-(budget_bytes - report.bytes_sent) // chunk))  # chunks left
        span = data[offset:offset + chunk * min(pace.chunks, room)]
        pieces = [span[i:i + chunk] for i in range(0, len(span), chunk)]
        t0 = time.monotonic()
        try:
            answer = client.put_chunks(sha, offset, span, chunk,
                                       [hashlib.sha256(p).hexdigest() for p in pieces])
        except Refused as exc:
            if exc.params.get("status") == 413 and pace.too_large(len(pieces)):
                continue  # the same bytes again, in fewer chunks a request
            if exc.code not in ("offset_mismatch", "file_hash_mismatch", "chunk_hash_mismatch"):
                raise
            answer = client.file_status(sha)  # where the hub is (it may have started over)
        else:
            report.bytes_sent += len(span)
            report.chunks += len(pieces)
            pace.took(len(pieces), time.monotonic() - t0)
        offset = int(answer["received"])
        if answer["complete"]:
            return True
