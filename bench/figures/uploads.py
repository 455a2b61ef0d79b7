"""Upload of scanned files (issue 16): ~100 MB of scans sent the desk's way (the sync
client's status call, then chunks of the desk's size (256 KiB) each with its SHA-256, several
in a request at the desk's pace (desk_app.sync.files.Pace), the hub verifying each chunk
and the whole file) against a plain upload of the same bytes to the same hub process in the
same run (one ``PUT`` of each whole file, the same route and checks, another commune's folder).
A second row: a 5 ms timer on the GUI thread of the same process while another 100 MB goes
from a thread (where the sync worker runs), against the same timer idle: the desk must stay
responsive (no stall over 50 ms).

Everything real: the hub as a uvicorn process (2 workers) on a throwaway PostgreSQL cluster
with fsync on (tests/sync/servers.py), its files folder on the same disk. Files alternate:
chunked, plain, plain, chunked ... Per-file times give p50/p95; the row's figure is MB/s and
the ratio plain / chunked (target: chunked at least 0.8x the plain throughput).

    .venv/bin/python bench/ratios.py --only uploads   (or: python -m bench.figures.uploads)
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import tempfile
import time
import uuid as uuid_mod
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.figures.common import Context, Row, p50, pct
from desk_app.sync.client import SyncClient
from desk_app.sync.files import CHUNK, FilesReport, Pace, send_file, statuses

FILE_BYTES = 4 * 1024 * 1024  # a 20-page grey component at 200 dpi is 2-5 MB

AT = "2026-11-23T09:00:00+07:00"


def _declare(url: str, credential: str, agency: str, shas: list[tuple[str, int]],
             seq: int = 1, day: int = 1) -> None:
    """A dossier of the commune and one document per file (the record goes first)."""
    dossier = str(uuid_mod.uuid4())
    events: list[dict[str, Any]] = [{
        "uuid": str(uuid_mod.uuid4()), "seq": seq, "entity": "dossier", "entity_uuid": dossier,
        "kind": "dossier.intake", "created_at": AT,
        "payload": {"uuid": dossier, "code": f"{agency}-261123-{day:04d}", "agency_code": agency,
                    "procedure_code": "1.001000", "status": "received", "received_at": AT,
                    "due_at": "2026-11-26T09:00:00+07:00"}}]
    for i, (sha, size) in enumerate(shas):
        doc = str(uuid_mod.uuid4())
        events.append({"uuid": str(uuid_mod.uuid4()), "seq": seq + i + 1, "entity": "document",
                       "entity_uuid": doc, "kind": "document.attached", "created_at": AT,
                       "payload": {"uuid": doc, "dossier_uuid": dossier, "agency_code": agency,
                                   "role": "component", "component": i + 1, "pages": 20,
                                   "sha256": sha, "size": size, "source": "scanner",
                                   "reused_from": None, "at": AT}})
    r = httpx.post(url + "/api/v1/push", json={"protocol": 1, "events": events}, timeout=60,
                   headers={"Authorization": f"Bearer {credential}"})
    assert r.json()["stored"] == len(events), r.text


def chunked(client: SyncClient, sha: str, data: bytes, pace: Pace, offset: int) -> None:
    """As desk_app.sync.files sends a file (its own code, its pace kept from file to file)."""
    assert send_file(client, sha, data, offset, chunk=CHUNK, pace=pace, report=FilesReport(),
                     budget_bytes=1 << 40, spent=lambda: False)


def plain(http: httpx.Client, credential: str, sha: str, data: bytes) -> None:
    r = http.put(f"/api/v1/files/{sha}", content=data, headers={
        "Authorization": f"Bearer {credential}", "Content-Type": "application/octet-stream",
        "X-Chunk-Sha256": sha})
    assert r.status_code == 200 and r.json()["complete"], r.text


BEAT_MS = 5


def _heartbeat_gaps(busy: Callable[[], None] | None, seconds: float) -> list[float]:
    """Gaps (ms) between the beats of a 5 ms timer on the GUI thread while ``busy`` runs on a
    thread of the same process (the sync worker's place), or for ``seconds`` when idle."""
    import threading

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication([])
    window = QMainWindow()  # a window on screen, as the clerk's
    window.resize(1366, 768)
    window.show()
    beats: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(BEAT_MS)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    done = threading.Event()

    def work() -> None:
        try:
            if busy is not None:
                busy()
            else:
                time.sleep(seconds)
        finally:
            done.set()

    beats.append(time.perf_counter())
    timer.start()
    threading.Thread(target=work, daemon=True).start()
    while not done.is_set():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    timer.stop()
    beats.append(time.perf_counter())
    window.close()
    QCoreApplication.processEvents()
    return [(b - a) * 1000 for a, b in itertools.pairwise(beats)]


def measure(ctx: Context) -> list[Row]:
    from province_hub import auth
    from province_hub.clock import Clock
    from province_hub.db import make_engine, write
    from province_hub.migrate import upgrade
    from tests.sync.servers import running_cluster, start_hub, stop

    n = ctx.reps(25, 5)
    tmp = Path(tempfile.mkdtemp(prefix="uploads-figure-", dir=ctx.scratch))
    try:
        with running_cluster(durable=True) as pg:
            url = pg.create("hub")
            upgrade(url)
            engine = make_engine(url)
            creds = []
            for agency in ("000.00.81.H81", "000.00.82.H82"):
                with write(engine) as s:
                    code = auth.issue_code(s, agency, f"Xã {agency}", Clock().utc())
                with write(engine) as s:
                    creds.append((auth.enrol(s, code, agency, str(uuid_mod.uuid4()), "Máy 1",
                                             Clock().utc())[2], agency))
            engine.dispose()
            proc, port = start_hub(url, workers=2, log=tmp / "hub.log", files=tmp / "files")
            try:
                hub = f"http://127.0.0.1:{port}"
                blobs = [os.urandom(FILE_BYTES) for _ in range(n)]
                shas = [(hashlib.sha256(b).hexdigest(), len(b)) for b in blobs]
                for credential, agency in creds:
                    _declare(hub, credential, agency, shas)
                ta: list[float] = []
                pace = Pace()
                tb: list[float] = []
                with SyncClient(hub, creds[0][0], timeout=60) as client, \
                        httpx.Client(base_url=hub, timeout=60) as http:
                    # the desk asks once for many files (statuses): its time is shared out
                    t0 = time.perf_counter()
                    held = {s: int(h["received"])
                            for s, h in statuses(client, [s for s, _ in shas]).items()}
                    share = (time.perf_counter() - t0) * 1000 / n
                    for i, data in enumerate(blobs):
                        sha = shas[i][0]
                        runs = [(lambda s=sha, d=data: chunked(client, s, d, pace, held[s]), ta),
                                (lambda s=sha, d=data: plain(http, creds[1][0], s, d), tb)]
                        for fn, out in runs if i % 2 == 0 else runs[::-1]:
                            t0 = time.perf_counter()
                            fn()
                            out.append((time.perf_counter() - t0) * 1000
                                       + (share if out is ta else 0.0))
                # the desk while a 100 MB upload goes: new files (the first are held now)
                more = [os.urandom(FILE_BYTES) for _ in range(n)]
                more_shas = [(hashlib.sha256(b).hexdigest(), len(b)) for b in more]
                _declare(hub, creds[0][0], creds[0][1], more_shas, seq=len(shas) + 2, day=2)
                took: list[float] = []

                def upload() -> None:
                    t0 = time.perf_counter()
                    with SyncClient(hub, creds[0][0], timeout=60) as c:
                        got = statuses(c, [s for s, _ in more_shas])
                        for (s, _), data in zip(more_shas, more, strict=True):
                            chunked(c, s, data, Pace(), int(got[s]["received"]))
                    took.append(time.perf_counter() - t0)

                busy_gaps = _heartbeat_gaps(upload, 0)
                idle_gaps = _heartbeat_gaps(None, took[0])
            finally:
                stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    mb = FILE_BYTES / 1e6
    rate, floor = mb * len(ta) / (sum(ta) / 1000), mb * len(tb) / (sum(tb) / 1000)
    ratio = floor / rate
    note = (f"{n} files x {mb:.1f} MB; per file ms chunked p50 {p50(ta):.0f} p95 "
            f"{pct(ta, 0.95):.0f}, plain p50 {p50(tb):.0f} p95 {pct(tb, 0.95):.0f}; "
            f"chunked = {1 / ratio:.2f}x plain")
    stall = max(busy_gaps) - BEAT_MS
    return [Row("scans upload, 256 KiB chunks (paced) vs one PUT per file (MB/s)", rate, rate, floor,
                ratio, "chunked >= 0.8x plain", 1 / ratio >= 0.8, unit="MB/s", note=note),
            Row("GUI heartbeat gap during a 100 MB upload on the worker thread (ms)",
                p50(busy_gaps), pct(busy_gaps, 0.95), p50(idle_gaps),
                pct(busy_gaps, 0.95) / pct(idle_gaps, 0.95), "no stall over 50 ms", stall <= 50,
                note=f"{len(busy_gaps)} beats of 5 ms over {took[0]:.1f} s; longest stall "
                     f"{stall:.0f} ms (idle: {max(idle_gaps) - BEAT_MS:.0f} ms); "
                     f"ratio = p95 busy / p95 idle")]


if __name__ == "__main__":
    import sys

    from bench.ratios import show
    ctx = Context(data=Path("."), quick="--quick" in sys.argv)
    ctx.scratch.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    show(measure(ctx))
    print(f"({time.perf_counter() - t0:.0f} s)")
