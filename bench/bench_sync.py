"""Sync benchmark: batching vs one request per event, and the hub under 50 desks at once.

Everything real: the hub runs as a uvicorn process (``--workers``, default 2) on loopback
against a throwaway PostgreSQL cluster with fsync on; desks are real SQLite data folders.

1. A month offline: a desk with a backlog of ``--events`` outbox events (default 10,000; made
   by the real intake and life-cycle services, then cloned to the count with fresh uuids) is
   pushed (a) in batches (the client's defaults: up to 200 events / 512 KB, gzip) and (b) one
   request per event, both in this run; prints wall time and bytes on the wire both ways
   (request + answer, headers included, as they cross the socket).
2. 50 desks pushing at once (``--desks``, ``--per-desk`` events each in batches of ``--batch``):
   the hub's ingest rate and the batch latency p50/p95/p99 seen by the desks.

    .venv/bin/python bench/bench_sync.py [--events 10000] [--desks 50] [--per-desk 2000]
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid as uuid_mod
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import func, insert, select, update

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.paths import database_path
from desk_app.services.clerks import create_clerk
from desk_app.services.counter import set_counter
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.store.engine import Store
from desk_app.store.models import Commune, OutboxEvent
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.client import SyncClient
from desk_app.sync.cycle import run_cycle
from desk_app.sync.enrolment import enrol_desk
from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from province_hub.models import Event
from tests.helpers import complete_request
from tests.sync.servers import cluster, start_hub, stop

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Hữu", "Ngọc", "Đức", "Thanh"]
GIVEN = ["Đức", "Hoa", "Tuấn", "Lan", "Nam", "Hằng", "Bảo", "Mai", "Hùng", "Thu", "Phương",
         "Dũng", "Yến", "Khánh", "Trang", "Sơn", "Nhung", "Long"]
HAMLETS = ["Thôn Phù Dực", "Thôn Đổng Viên", "Thôn Lê Xá", "Xóm Chợ", "Thôn Thiên Đức"]
NAMES = ["Trần Văn Đức", "Nguyễn Thị Hoa", "Lê Minh Tuấn", "Phạm Thị Lan", "Hoàng Văn Nam",
         "Vũ Thị Hằng", "Đặng Quốc Bảo", "Bùi Thị Mai", "Đỗ Văn Hùng", "Ngô Thị Thu"]
CLOCK = FixedClock(datetime(2026, 11, 23, 9, 0))


class WireCounter(httpx.BaseTransport):
    """Counts bytes as they cross the socket: request line, headers, body; answer likewise
    (the answer body still compressed)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.up = self.down = self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        head = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in request.headers.items()) + "\r\n"
        self.up += len(head.encode()) + len(request.content)
        self.requests += 1
        resp = self.inner.handle_request(request)
        try:
            raw = b"".join(resp.stream)  # raw = still gzip-encoded
        finally:
            resp.stream.close()  # gives the connection back to the pool
        self.down += len(f"HTTP/1.1 {resp.status_code} OK\r\n".encode()) + sum(
            len(k) + len(v) + 4 for k, v in resp.headers.raw) + 2 + len(raw)
        return httpx.Response(resp.status_code, headers=resp.headers, content=raw,
                              extensions=resp.extensions)

    def close(self) -> None:
        self.inner.close()


def make_backlog(folder: Path, events: int) -> None:
    """A desk with ``events`` unsent outbox events (real ones, cloned with fresh uuids)."""
    store = open_store(folder, CLOCK)
    with store.write() as s:
        create_clerk(s, CLOCK, "binh", "Nguyễn Văn Bình", "mat-khau-123")
        set_counter(s, 1)
    for i in range(200):
        with store.write() as s:
            res = receive(s, CLOCK, 1, complete_request(s, full_name=NAMES[i % 10],
                                                         id_number=f"0010900{i:05d}"))
            if i % 2 == 0:
                change_status(s, CLOCK, 1, res.dossier_id, Status.IN_PROCESSING)
                change_status(s, CLOCK, 1, res.dossier_id, Status.RESULT_READY)
    with store.write() as s:
        real = [(e.entity, e.entity_uuid, e.kind, e.payload, e.created_at)
                for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.id))]
        rows: list[dict[str, Any]] = []
        rng = random.Random(len(str(folder)))
        rnd = 0
        while len(real) + len(rows) < events:
            rnd += 1
            for entity, ent, kind, payload, at in real:
                if len(real) + len(rows) >= events:
                    break
                new_ent = str(uuid_mod.uuid5(uuid_mod.UUID(ent), str(rnd)))
                pl = copy.deepcopy(payload)
                pl["uuid"] = new_ent
                pl["code"] = f"{pl['code']}-{rnd}"
                if "applicant" in pl:  # another citizen: clones must not compress for free
                    pl["applicant"].update(
                        full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                        id_number=f"0{rng.randrange(10, 96):02d}{rng.randrange(10**8, 10**9)}",
                        phone=f"09{rng.randrange(10**7, 10**8)}",
                        birth_date=f"{rng.randrange(1940, 2020)}-{rng.randrange(1, 13):02d}-"
                                   f"{rng.randrange(1, 29):02d}",
                        address=f"Số {rng.randrange(1, 300)}, {rng.choice(HAMLETS)}, "
                                "xã Phù Đổng, thành phố Hà Nội",
                        email="")
                rows.append({"uuid": str(uuid_mod.uuid4()), "entity": entity,
                             "entity_uuid": new_ent, "kind": kind, "payload": pl,
                             "created_at": at, "attempts": 0})
        for i in range(0, len(rows), 2000):
            s.execute(insert(OutboxEvent), rows[i:i + 2000])
    store.dispose()


def push_backlog(folder: Path, label: str, max_events: int) -> dict[str, float]:
    store = Store(database_path(folder))
    with store.read() as s:
        en = state.active_enrolment(s)
        n = state.pending_count(s)
    wire = WireCounter()
    client = SyncClient(en.hub_url, en.credential, transport=wire, timeout=60)
    t0 = time.perf_counter()
    report = run_cycle(store, CLOCK, client, max_events=max_events)
    elapsed = time.perf_counter() - t0
    with store.read() as s:
        left = state.pending_count(s)
    client.close()
    store.dispose()
    assert left == 0 and report.sent == n, (left, report)
    print(f"  {label:<24} {n:>6} events {wire.requests:>6} requests {elapsed:8.1f} s "
          f"{n / elapsed:8.0f} ev/s  up {wire.up / 1e6:7.2f} MB  down {wire.down / 1e6:6.2f} MB"
          f"  ({(wire.up + wire.down) / n:5.0f} B/event)")
    return {"s": elapsed, "bytes": wire.up + wire.down}


def intake_template(folder: Path) -> dict[str, Any]:
    store = Store(database_path(folder))
    with store.read() as s:
        e = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.intake"))
        ev = state.wire_event(e)
    store.dispose()
    return ev


def concurrent(url: str, engine: Any, template: dict[str, Any], desks: int, per_desk: int,
               batch: int) -> None:
    creds = []
    with write(engine) as s:
        codes = [(f"000.50.{i:02d}.H99", auth.issue_code(s, f"000.50.{i:02d}.H99",
                                                         f"Xã {i}", Clock().utc()))
                 for i in range(desks)]
    for agency, code in codes:
        with SyncClient(url) as c:
            creds.append((agency, c.enrol(code, agency, str(uuid_mod.uuid4()), "bench").credential))
    bodies: list[list[bytes]] = []
    for agency, _ in creds:
        mine = []
        seq = 0
        for _b in range(per_desk // batch):
            evs = []
            for _ in range(batch):
                seq += 1
                ev = copy.deepcopy(template)
                ent = str(uuid_mod.uuid4())
                ev.update(uuid=str(uuid_mod.uuid4()), seq=seq, entity_uuid=ent)
                ev["payload"].update(uuid=ent, agency_code=agency, code=f"{agency}-{seq}")
                evs.append(ev)
            mine.append(p.gzip_json({"protocol": 1, "events": evs}))
        bodies.append(mine)
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(desks + 1)

    def desk(i: int) -> None:
        cred = creds[i][1]
        with httpx.Client(base_url=url, timeout=120, headers={
                "Authorization": f"Bearer {cred}", "Content-Encoding": "gzip",
                "Content-Type": "application/json", p.HEADER_PROTOCOL: "1"}) as c:
            barrier.wait()
            for body in bodies[i]:
                t = time.perf_counter()
                r = c.post("/api/v1/push", content=body)
                dt = time.perf_counter() - t
                assert r.status_code == 200 and r.json()["stored"] == batch, r.text[:200]
                with lock:
                    latencies.append(dt)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(desks)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    total = desks * (per_desk // batch) * batch
    with engine.connect() as c:
        stored = c.scalar(select(func.count(Event.id)).where(Event.commune_id.isnot(None)))
    q = statistics.quantiles(latencies, n=100)
    print(f"  {desks} desks x {per_desk // batch} batches x {batch} events = {total} events "
          f"in {wall:.1f} s: {total / wall:,.0f} events/s, {len(latencies) / wall:.1f} batches/s")
    print(f"  batch latency p50 {q[49] * 1000:.0f} ms  p95 {q[94] * 1000:.0f} ms  "
          f"p99 {q[98] * 1000:.0f} ms  max {max(latencies) * 1000:.0f} ms "
          f"(hub events now: {stored})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--desks", type=int, default=50)
    ap.add_argument("--per-desk", type=int, default=2_000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    # a plain kill still stops the hub and the PostgreSQL cluster (the finally blocks run)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        with cluster(durable=True) as url:
            upgrade(url)
            engine = make_engine(url)
            proc, port = start_hub(url, workers=args.workers)
            hub_url = f"http://127.0.0.1:{port}"
            try:
                print(f"hub: uvicorn x{args.workers} workers, PostgreSQL (fsync on), loopback")
                t = time.perf_counter()
                make_backlog(tmp / "a", args.events)
                print(f"backlog of {args.events} events built in {time.perf_counter() - t:.1f} s")
                make_backlog(tmp / "b", args.events)  # its own uuids: another commune's dossiers
                for i, name in enumerate(("a", "b")):
                    store = Store(database_path(tmp / name))
                    agency = f"000.00.{i + 1:02d}.H98"
                    with store.write() as s:
                        demo = s.scalar(select(Commune.agency_code))
                        s.execute(update(Commune).values(agency_code=agency))
                        # the clones' payloads name the desk's agency, their codes carry it
                    with store.write() as s:
                        for e in s.scalars(select(OutboxEvent)):
                            pl = dict(e.payload)
                            if "agency_code" in pl:
                                pl["agency_code"] = agency
                            if isinstance(pl.get("code"), str):
                                pl["code"] = pl["code"].replace(demo, agency)
                            e.payload = pl
                    with write(engine) as s:
                        code = auth.issue_code(s, agency, f"Xã {name}", Clock().utc())
                    enrol_desk(store, CLOCK, hub_url, code)
                    store.dispose()
                print("1. a month offline: the same backlog pushed two ways")
                batched = push_backlog(tmp / "a", "batched (200/512KB,gzip)", 200)
                single = push_backlog(tmp / "b", "one request per event", 1)
                print(f"  batching: {single['s'] / batched['s']:.0f}x faster, "
                      f"{single['bytes'] / batched['bytes']:.0f}x fewer bytes on the wire")
                template = intake_template(tmp / "a")
                print(f"2. {args.desks} desks pushing at once")
                concurrent(hub_url, engine, template, args.desks, args.per_desk, args.batch)
            finally:
                stop(proc)
                engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
