"""Folded search (a name or address fragment, 50 hits newest first) against the floor: the
same SQL statements the program ran for each query, run through a bare ``sqlite3`` connection
on the same file (what the program adds is its own Python and SQLAlchemy's).

Also the growth: the program's p95 over the same queries on a 10,000-dossier store (made once
in the scratch folder by bench/gen_dossiers.py) and on the million, target at most 2x."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.figures.common import ROOT, Context, Row, interleaved, p50, pct, time_row

QUERIES = [
    "nguyen van", "tran thi hang", "dang duc", "le thi lan", "pham minh tuan", "hoang",
    "ea kao", "phu dong", "xom doai", "vu thi yen", "do ngoc anh", "bui van long",
    "thon dinh xuyen", "ngo thi thao", "duong quoc viet", "ly", "nguyen thi mai phu duc",
    "dong xuan", "ho van phuc", "lo thi", "kieu", "trinh cong dat", "mai thi hong nhung",
]


def small_store(ctx: Context, rows: int = 10_000) -> Path:
    """A 10,000-dossier data folder made by the generator (once; kept in the scratch)."""
    out = ctx.scratch / f"store-{rows}"
    if not (out / "desk.sqlite3").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_dossiers.py"), "--rows",
                        str(rows), "--out", str(out)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    return out


def _statements(session: Any, fn: Any) -> list[tuple[str, Any]]:
    """The SELECTs ``fn`` ran on the session's connection, as SQLite ran them (values inlined
    by the trace callback: whatever path the program took, SQLAlchemy's or its own cursor)."""
    got: list[str] = []
    dbapi = session.connection().connection.driver_connection
    dbapi.set_trace_callback(got.append)
    try:
        fn()
    finally:
        dbapi.set_trace_callback(None)
    return [(stmt, ()) for stmt in got if stmt.lstrip().upper().startswith("SELECT")]


def _pair(data: Path, n: int) -> tuple[list[float], list[float]]:
    from desk_app.paths import database_path
    from desk_app.services.search import search_ids
    from desk_app.store.engine import Store

    path = database_path(data)
    store = Store(path)
    session_cm = store.read()
    session = session_cm.__enter__()
    search_ids(session, "warm up", limit=50)
    sql = {q: _statements(session, lambda q=q: search_ids(session, q, limit=50))
           for q in QUERIES}
    bare = sqlite3.connect(path)
    bare.execute("PRAGMA cache_size=-32000")
    bare.execute("BEGIN")  # one read transaction, as the program's session holds
    state = {"i": 0, "j": 0}

    def program() -> None:
        q = QUERIES[state["i"] % len(QUERIES)]
        state["i"] += 1
        search_ids(session, q, limit=50)

    def floor() -> None:
        q = QUERIES[state["j"] % len(QUERIES)]
        state["j"] += 1
        for stmt, params in sql[q]:
            bare.execute(stmt, params).fetchall()

    try:
        return interleaved(program, floor, n)
    finally:
        bare.close()
        session_cm.__exit__(None, None, None)
        store.dispose()


def measure(ctx: Context) -> list[Row]:
    n = ctx.reps(23 * 20, 23 * 2)
    prog, floor = _pair(ctx.data, n)
    small_prog, _small_floor = _pair(small_store(ctx), n)
    growth = pct(prog, 0.95) / pct(small_prog, 0.95)
    return [
        time_row("folded search (50 hits) vs the same SQL, bare", prog, floor, max_ratio=1.3),
        Row("folded search p95: 1M vs 10k dossiers", pct(prog, 0.95), pct(prog, 0.95),
            pct(small_prog, 0.95), growth, "<= 2x", growth <= 2,
            note=f"10k p50 {p50(small_prog):.2f} ms"),
    ]
