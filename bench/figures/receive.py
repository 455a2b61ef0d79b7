"""Receive a dossier (validate, allocate its code, insert it with its components, first event,
outbox events and audit record, commit with synchronous=FULL) against the floor: the same rows
written with bare sqlite3 in one transaction on the same file.

The floor's rows are the program's own: the INSERTs of one real receive are captured (table,
columns, values as the driver got them) and replayed through a bare ``sqlite3`` connection with
fresh unique values (uuid, code, audit seq), so both write the same bytes into the same indexes
and fire the same triggers. The floor's rows are deleted at the end."""

from __future__ import annotations

import random
import sqlite3
import uuid as uuid_mod
from datetime import datetime
from typing import Any

from bench.figures.common import Context, Row, interleaved, pct, time_row

FLOOR_AGENCY = "FLOOR.BENCH"


def _requests(ctx: Context, store: Any, clock: Any) -> Any:
    from bench.gen_dossiers import person
    from desk_app.services.intake import IntakeRequest, Person, Received
    from desk_app.store.catalogue import versions_in_force

    with store.read() as s:
        versions = [(v.id, [(c.position, c.originals, c.certified_copies, c.copies)
                            for c in v.components])
                    for v in versions_in_force(s, clock.now().date())]
    rng = random.Random(14)

    def make() -> Any:
        p = person(rng)
        vid, comps = rng.choice(versions)
        return IntakeRequest(
            procedure_version_id=vid,
            applicant=Person(full_name=p["name"], id_number=p["number"], birth_date=p["born"],
                             gender=p["gender"], address=p["address"], phone=p["phone"]),
            components=[Received(*c) for c in comps])
    return make


TABLES = ("dossiers", "dossier_components", "dossier_events", "outbox", "audit_log")


def _capture(path: Any, fn: Any) -> list[tuple[str, list[str], list[tuple]]]:
    """The rows ``fn`` writes, read back from the file: (table, columns, [rows]) in the order
    the program writes them, the code's counter first."""
    look = sqlite3.connect(path)
    before = {t: look.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
              for t in TABLES}
    fn()
    got: list[tuple[str, list[str], list[tuple]]] = [("code_counters", [], [(None, "2026-11-23")])]
    read: dict[str, tuple[list[str], list[tuple]]] = {}
    for t in TABLES:
        cur = look.execute(f"SELECT * FROM {t} WHERE rowid > ? ORDER BY rowid", (before[t],))
        keep = [i for i, d in enumerate(cur.description) if d[0] != "id"]
        read[t] = ([cur.description[i][0] for i in keep],
                   [tuple(r[i] for i in keep) for r in cur.fetchall()])
    for t in TABLES[:3]:
        got.append((t, *read[t]))
    cols, events = read["outbox"]  # the dossier's event, then the audit record and its event
    got += [("outbox", cols, events[:1]), ("audit_log", *read["audit_log"]),
            ("outbox", cols, events[1:])]
    look.close()
    return got


def measure(ctx: Context) -> list[Row]:
    from desk_app.clock import FixedClock
    from desk_app.paths import database_path
    from desk_app.services.intake import receive
    from desk_app.store.engine import Store
    from desk_app.store.stamps import last_stamp

    path = database_path(ctx.data)
    store = Store(path)
    clock = FixedClock(datetime(2026, 11, 23, 8, 0))
    with store.read() as s:  # a day at the desk in the folder (a real display's) moved its time
        last = last_stamp(s)
    if last is not None and last > clock.now():
        clock.set(last.replace(microsecond=0))
    make = _requests(ctx, store, clock)
    with store.read() as s:
        clerk = s.execute(_text("SELECT id FROM clerks WHERE active ORDER BY id LIMIT 1")).scalar()

    def program() -> None:
        clock.advance(seconds=20)
        req = make()
        with store.write() as s:
            receive(s, clock, clerk, req)

    captured = _capture(path, program)
    bare = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   "busy_timeout=15000"):
        bare.execute(f"PRAGMA {pragma}")
    _clean(bare)  # what an interrupted run left
    n_floor = [0]

    def floor() -> None:
        n_floor[0] += 1
        k = n_floor[0]
        cur = bare.cursor()
        cur.execute("BEGIN IMMEDIATE")
        dossier_id = None
        for table, cols, rows in captured:
            if table == "code_counters":
                cur.execute("INSERT INTO code_counters (agency_code, day, last_seq) VALUES (?, ?, 1)"
                            " ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = last_seq + 1"
                            " RETURNING last_seq", (FLOOR_AGENCY, rows[0][1])).fetchone()
                continue
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            fresh = []
            for r in rows:
                v = dict(zip(cols, r, strict=True))
                if "uuid" in v:
                    v["uuid"] = str(uuid_mod.uuid4())
                if table == "dossiers":
                    v["code"] = f"FLOOR-{k:07d}"
                if table in ("dossier_components", "dossier_events") and dossier_id is not None:
                    v["dossier_id"] = dossier_id
                if table == "audit_log":
                    v["seq"] = -k
                fresh.append(tuple(v[c] for c in cols))
            if len(fresh) == 1:
                cur.execute(sql, fresh[0])
            else:
                cur.executemany(sql, fresh)
            if table == "dossiers":
                dossier_id = cur.lastrowid
        cur.execute("COMMIT")

    n = ctx.reps(400, 40)
    try:
        prog, flo = interleaved(program, floor, n)
    finally:
        _clean(bare)
        bare.close()
        store.dispose()
    rows_written = sum(len(r) for _t, _c, r in captured)
    return [time_row("receive a dossier vs bare sqlite3, same rows", prog, flo, max_ratio=2,
                     max_p95=3, note=f"{rows_written} rows/dossier; p99 {pct(prog, .99):.2f}")]


def _clean(bare: sqlite3.Connection) -> None:
    if bare.in_transaction:
        bare.execute("ROLLBACK")
    cur = bare.cursor()
    cur.execute("BEGIN IMMEDIATE")
    # the history is append-only for the program: the bench lifts that for its own rows only,
    # inside this transaction
    guards = cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                         " AND tbl_name = 'dossier_events' AND sql LIKE '%append-only%'").fetchall()
    for name, _sql in guards:
        cur.execute(f'DROP TRIGGER "{name}"')
    ids = [r[0] for r in cur.execute("SELECT id FROM dossiers WHERE code LIKE 'FLOOR-%'")]
    uuids = [r[0] for r in cur.execute("SELECT uuid FROM dossiers WHERE code LIKE 'FLOOR-%'")]
    audit = [r[0] for r in cur.execute("SELECT uuid FROM audit_log WHERE seq < 0")]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ",".join("?" * len(part))
        cur.execute(f"DELETE FROM dossier_components WHERE dossier_id IN ({marks})", part)
        cur.execute(f"DELETE FROM dossier_events WHERE dossier_id IN ({marks})", part)
        cur.execute(f"DELETE FROM dossiers WHERE id IN ({marks})", part)
    for group in (uuids, audit):
        for chunk in range(0, len(group), 500):
            part = group[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            cur.execute(f"DELETE FROM outbox WHERE entity_uuid IN ({marks})", part)
    cur.execute("DELETE FROM audit_log WHERE seq < 0")
    cur.execute("DELETE FROM code_counters WHERE agency_code = ?", (FLOOR_AGENCY,))
    for _name, sql in guards:
        cur.execute(sql)
    cur.execute("COMMIT")


def _text(sql: str) -> Any:
    from sqlalchemy import text
    return text(sql)
