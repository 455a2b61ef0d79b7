"""The hub (issue 14): 50 desks pushing at once against 50 bare psycopg writers of the same
rows, and a 200-rating batch of a desk holding 50,000 ratings against one holding none.

Everything real, as bench/bench_sync.py: the hub runs as a uvicorn process (2 workers) on
loopback against a throwaway PostgreSQL cluster with fsync on (tests/sync/servers.py).

(a) A round: every desk pushes its batches (gzip JSON over HTTP, as the desk's client does),
    one after the other, all desks at once; events/s = events stored / wall time. The peer's
    round: as many threads, each with its own psycopg connection, write the same rows (the
    ``events`` rows and the ``dossiers`` rows the hub makes of them, under desks of their own)
    in the same batch sizes, one transaction per batch (the hub also takes its commune lock
    and moves the desk's ``last_seq``; the peer does neither). Rounds alternate hub, peer ...
    The note gives the CPU time per event of all taking part (client, hub, database), which
    the load of other work on the machine changes less than the rates.
(b) One desk holds 50,000 ratings (a chained record each, stored as the hub stores them, then
    one batch through the hub so that it has checked them); each round pushes the next 200 of
    its chain, and a new desk's first 200, alternately.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import threading
import time
import uuid as uuid_mod
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import Engine, insert, make_url, update

from bench.figures.common import Context, Row, interleaved, p50, pct, time_row
from desk_app.core.ratingchain import GENESIS, seal
from desk_app.sync import protocol as p

BATCH = 200
AT = "2026-11-23T09:00:00+07:00"


def measure(ctx: Context) -> list[Row]:
    from province_hub.db import make_engine
    from province_hub.migrate import upgrade
    from tests.sync.servers import running_cluster, start_hub, stop

    tmp = Path(tempfile.mkdtemp(prefix="hub-figure-", dir=ctx.scratch))
    try:
        template = intake_template(tmp)
        with running_cluster(durable=True) as pg:
            url = pg.create("hub")
            upgrade(url)
            engine = make_engine(url)
            proc, port = start_hub(url, workers=2, log=tmp / "hub.log")
            postmaster = int((pg.data / "postmaster.pid").read_text().split()[0])
            try:
                hub = f"http://127.0.0.1:{port}"
                return [throughput(ctx, hub, url, engine, template, (proc.pid, postmaster)),
                        rating_batch(ctx, hub, engine)]
            finally:
                stop(proc)
                engine.dispose()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- the desks ---------------------------------------------------------------------------------

def intake_template(folder: Path) -> dict[str, Any]:
    """One real intake event, as a desk sends it (a throwaway data folder, one dossier)."""
    from sqlalchemy import select

    from desk_app.bootstrap import open_store
    from desk_app.clock import FixedClock
    from desk_app.services.clerks import create_clerk
    from desk_app.services.counter import set_counter
    from desk_app.services.intake import receive
    from desk_app.store.models import OutboxEvent
    from desk_app.sync import state
    from tests.helpers import complete_request

    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    store = open_store(folder / "desk", clock)
    try:
        with store.write() as s:
            create_clerk(s, clock, "binh", "Nguyễn Văn Bình", "mat-khau-123")
            set_counter(s, 1)
        with store.write() as s:
            receive(s, clock, 1, complete_request(s, full_name="Trần Văn Đức",
                                                  id_number="001090012345"))
        with store.read() as s:
            e = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.intake"))
            assert e is not None
            return state.wire_event(e)
    finally:
        store.dispose()


def enrol(hub: str, engine: Engine, prefix: str, n: int) -> list[tuple[str, str, int, int]]:
    """``n`` new desks, one commune each: (agency code, credential, desk id, commune id)."""
    from province_hub import auth
    from province_hub.clock import Clock
    from province_hub.db import write

    with write(engine) as s:
        codes = [(f"000.{prefix}.{i:02d}.H99", auth.issue_code(
            s, f"000.{prefix}.{i:02d}.H99", f"Xã {prefix}-{i}", Clock().utc()))
            for i in range(n)]
    out = []
    with httpx.Client(base_url=hub, timeout=60) as c:
        for agency, code in codes:
            r = c.post("/api/v1/enrol", json={"code": code, "agency_code": agency,
                                              "installation_id": str(uuid_mod.uuid4()),
                                              "desk_name": "bench"})
            r.raise_for_status()
            got = r.json()
            out.append((agency, got["credential"], int(got["desk_id"]),
                        commune_of(engine, int(got["desk_id"]))))
    return out


def commune_of(engine: Engine, desk_id: int) -> int:
    from sqlalchemy import select

    from province_hub.models import Desk

    with engine.connect() as c:
        return int(c.scalar(select(Desk.commune_id).where(Desk.id == desk_id)) or 0)


def intakes(template: dict[str, Any], agency: str, first_seq: int, n: int
            ) -> list[dict[str, Any]]:
    out = []
    for seq in range(first_seq, first_seq + n):
        ev = copy.deepcopy(template)
        ent = str(uuid_mod.uuid4())
        ev.update(uuid=str(uuid_mod.uuid4()), seq=seq, entity_uuid=ent)
        ev["payload"].update(uuid=ent, agency_code=agency, code=f"{agency}-{seq}")
        out.append(ev)
    return out


def client(hub: str, credential: str) -> httpx.Client:
    return httpx.Client(base_url=hub, timeout=120, headers={
        "Authorization": f"Bearer {credential}", "Content-Encoding": "gzip",
        "Content-Type": "application/json", p.HEADER_PROTOCOL: "1"})


def all_at_once(work: list[Callable[[], None]]) -> float:
    """Run every callable in its own thread, started together; the wall time in seconds."""
    barrier = threading.Barrier(len(work) + 1)
    failed: list[BaseException] = []

    def run(fn: Callable[[], None]) -> None:
        barrier.wait()
        try:
            fn()
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=run, args=(fn,)) for fn in work]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    if failed:
        raise failed[0]
    return time.perf_counter() - t0


# -- (a) 50 desks at once ----------------------------------------------------------------------

def cpu_seconds(roots: tuple[int, ...]) -> float:
    """CPU time used so far by this process, the processes ``roots`` and their children (the
    hub's workers, the database's server processes); Linux only, 0 elsewhere."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        pid, ppid = int(entry.name), int(fields[1])
        if pid == os.getpid() or pid in roots or ppid in roots:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def throughput(ctx: Context, hub: str, url: str, engine: Engine,
               template: dict[str, Any], roots: tuple[int, ...]) -> Row:
    from province_hub.project import fold

    desks, per_desk = 50, (1 if ctx.quick else 2)
    rounds = 3 if ctx.quick else 5
    program = enrol(hub, engine, "51", desks)
    peer = enrol(hub, engine, "52", desks)
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conns = [psycopg.connect(dsn) for _ in peer]
    clients = [client(hub, cred) for _, cred, _, _ in program]
    seqs = {"program": 0, "peer": 0}

    def program_round() -> float:
        first = seqs["program"] + 1
        seqs["program"] += per_desk * BATCH
        bodies = [[p.gzip_json({"protocol": 1, "events": intakes(
            template, agency, first + b * BATCH, BATCH)}) for b in range(per_desk)]
            for agency, _, _, _ in program]
        for c in clients:  # a live connection each (the server drops one idle for 5 s)
            c.get("/api/v1/desk").raise_for_status()

        def desk(i: int) -> Callable[[], None]:
            def push() -> None:
                for body in bodies[i]:
                    r = clients[i].post("/api/v1/push", content=body)
                    assert r.status_code == 200 and r.json()["stored"] == BATCH, r.text[:300]
            return push
        return desks * per_desk * BATCH / measured("program", [desk(i) for i in range(desks)])

    def peer_round() -> float:
        first = seqs["peer"] + 1
        seqs["peer"] += per_desk * BATCH
        now = datetime.now().replace(microsecond=0)
        work = []
        for (agency, _, desk_id, commune_id), conn in zip(peer, conns, strict=True):
            batches = []
            for b in range(per_desk):
                events = [{**ev, "desk_id": desk_id, "commune_id": commune_id,
                           "content_hash": p.content_hash(ev), "received_at": now}
                          for ev in intakes(template, agency, first + b * BATCH, BATCH)]
                dossiers = []
                for ev in events:
                    folded = fold([SimpleNamespace(**ev)])
                    assert folded is not None
                    dossiers.append({"uuid": ev["entity_uuid"], "updated_at": now, **folded})
                batches.append((events, dossiers))
            work.append(bare_writer(conn, batches))
        return desks * per_desk * BATCH / measured("peer", work)

    cpu = {"program": 0.0, "peer": 0.0}

    def measured(side: str, work: list[Callable[[], None]]) -> float:
        before = cpu_seconds(roots)
        wall = all_at_once(work)
        cpu[side] += cpu_seconds(roots) - before
        return wall

    def timed(fn: Callable[[], float], out: list[float]) -> Callable[[], None]:
        return lambda: out.append(fn())

    prog: list[float] = []
    floor: list[float] = []
    try:
        interleaved(timed(program_round, prog), timed(peer_round, floor), rounds, warm=1)
    finally:
        for c in clients:
            c.close()
        for conn in conns:
            conn.close()
    prog, floor = prog[1:], floor[1:]  # the warm-up round's rate is not a figure
    ratio = p50(floor) / p50(prog)
    # CPU per event of everything that took part (client, hub, database), all rounds: what
    # the machine's other load does not change
    per = {k: v / ((rounds + 1) * desks * per_desk * BATCH) * 1e6 for k, v in cpu.items()}
    return Row(f"hub: {desks} desks pushing at once (events/s)", p50(prog), pct(prog, 0.05),
               p50(floor), ratio, "program >= 0.8x peer", ratio <= 1 / 0.8, unit="events/s",
               note=f"{rounds} rounds of {desks}x{per_desk}x{BATCH}; p95 column: 5th "
                    f"percentile rate; CPU/event {per['program']:.0f} us vs peer "
                    f"{per['peer']:.0f} us")


EVENT_COLS = ("uuid", "desk_id", "commune_id", "seq", "entity", "entity_uuid", "kind",
              "payload", "created_at", "content_hash", "received_at")
DOSSIER_COLS = ("uuid", "commune_id", "code", "procedure_code", "intake_status", "status",
                "received_at", "due_at", "returned_at", "return_timing", "snapshot", "events",
                "updated_at")


def bare_writer(conn: psycopg.Connection, batches: list[tuple[list[dict[str, Any]],
                                                                list[dict[str, Any]]]]
                ) -> Callable[[], None]:
    """The peer: the rows written with psycopg, one transaction per batch."""
    ev_sql = (f"INSERT INTO events ({', '.join(EVENT_COLS)}) "
              f"VALUES ({', '.join(['%s'] * len(EVENT_COLS))})")
    do_sql = (f"INSERT INTO dossiers ({', '.join(DOSSIER_COLS)}) "
              f"VALUES ({', '.join(['%s'] * len(DOSSIER_COLS))})")
    json_cols = {"payload", "snapshot"}

    def row(d: dict[str, Any], cols: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(Jsonb(d[c]) if c in json_cols else d[c] for c in cols)

    def write() -> None:
        for events, dossiers in batches:
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(ev_sql, [row(e, EVENT_COLS) for e in events])
                cur.executemany(do_sql, [row(d, DOSSIER_COLS) for d in dossiers])
    return write


# -- (b) a rating batch at 50,000 held and at 0 ------------------------------------------------

def rating_chain(agency: str, n: int) -> list[dict[str, Any]]:
    out, prev, desk = [], GENESIS, str(uuid_mod.uuid4())
    for seq in range(1, n + 1):
        rec = seal(prev, {"uuid": str(uuid_mod.uuid4()), "seq": seq, "desk": desk,
                          "agency_code": agency, "dossier_uuid": "", "overall": "satisfied",
                          "criteria": {"attitude": 2, "time": 1}, "at": AT})
        out.append(rec)
        prev = rec["hash"]
    return out


def rating_events(recs: list[dict[str, Any]], first_seq: int) -> list[dict[str, Any]]:
    return [{"uuid": str(uuid_mod.uuid4()), "seq": first_seq + i, "entity": "rating",
             "entity_uuid": r["uuid"], "kind": "rating.recorded", "payload": r,
             "created_at": AT} for i, r in enumerate(recs)]


def hold(engine: Engine, desk_id: int, commune_id: int, recs: list[dict[str, Any]]) -> None:
    """The desk's first ratings stored as the hub stores them (events and rating rows)."""
    from province_hub.db import write
    from province_hub.models import Desk, Event, Rating

    now = datetime.now().replace(microsecond=0)
    evs = rating_events(recs, 1)
    with write(engine) as s:
        for i in range(0, len(evs), 5000):
            chunk = evs[i:i + 5000]
            s.execute(insert(Event), [{**e, "desk_id": desk_id, "commune_id": commune_id,
                                       "content_hash": p.content_hash(e), "received_at": now}
                                      for e in chunk])
            s.execute(insert(Rating), [{
                "uuid": e["entity_uuid"], "desk_id": desk_id, "commune_id": commune_id,
                "chain_seq": e["payload"]["seq"], "dossier_uuid": "", "overall": "satisfied",
                "record": e["payload"], "received_at": now} for e in chunk])
        s.execute(update(Desk).where(Desk.id == desk_id).values(last_seq=len(evs)))


def rating_batch(ctx: Context, hub: str, engine: Engine) -> Row:
    held_n = 50_000
    reps, warm = ctx.reps(20, 8), 2
    busy, *fresh = enrol(hub, engine, "53", reps + warm + 1)
    agency, cred, desk_id, commune_id = busy
    chain = rating_chain(agency, held_n + (reps + warm + 1) * BATCH)
    hold(engine, desk_id, commune_id, chain[:held_n])
    next_at = {"i": held_n}

    bodies = {i: p.gzip_json({"protocol": 1, "events": rating_events(chain[i:i + BATCH], i + 1)})
              for i in range(held_n, len(chain), BATCH)}

    def push_busy(c: httpx.Client) -> None:
        i = next_at["i"]
        next_at["i"] += BATCH
        post_body(c, bodies[i], BATCH)

    zero_bodies = [(cred_f, p.gzip_json({"protocol": 1, "events": rating_events(
        rating_chain(agency_f, BATCH), 1)})) for agency_f, cred_f, _, _ in fresh]
    held_times: list[float] = []
    zero_times: list[float] = []
    with client(hub, cred) as c:
        push_busy(c)  # the hub checks the whole chain once: it now knows where it stopped

        def held() -> float:
            c.get("/api/v1/desk").raise_for_status()  # a live connection, as for the other
            t0 = time.perf_counter()
            push_busy(c)
            return (time.perf_counter() - t0) * 1000

        def zero() -> float:
            cred_f, body = zero_bodies.pop()
            with client(hub, cred_f) as fc:
                fc.get("/api/v1/desk").raise_for_status()  # connected before the clock starts
                t0 = time.perf_counter()
                post_body(fc, body, BATCH)
                return (time.perf_counter() - t0) * 1000

        for i in range(warm + reps):  # interleaved, the order swapped every round
            pair = (held, zero) if i % 2 == 0 else (zero, held)
            got = {fn: fn() for fn in pair}
            if i >= warm:
                held_times.append(got[held])
                zero_times.append(got[zero])
    return time_row(f"hub: 200-rating batch at {held_n:,} held vs at 0", held_times,
                    zero_times, max_ratio=1.2, note="floor: the same batch, a desk's first")


def post_body(c: httpx.Client, body: bytes, n: int) -> None:
    r = c.post("/api/v1/push", content=body)
    assert r.status_code == 200 and r.json()["stored"] == n, r.text[:300]

