"""A year's report for the leader (issue 15: <= 300 ms at a million dossiers) against the floor:
bare sqlite3 summing the same year's kept counts (report_tallies) by kind.

The generated million-dossier folder has no ratings; a busy desk rates about a third of its
returns, so the first run adds that many for 2025 (about 100,000: marked desk 'bench-ratings',
a repeat now and then, criteria answered), as a year at the counter would have. The report is
built as the window builds it (:func:`desk_app.services.reports.build_report`)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from bench.figures.common import Context, Row, interleaved, time_row

YEAR = "2025"
DESK = "bench-ratings"


def _add_ratings(path: str) -> int:
    con = sqlite3.connect(path, isolation_level=None)
    have = con.execute("SELECT count(*) FROM ratings WHERE desk = ?", (DESK,)).fetchone()[0]
    if have:
        con.close()
        return int(have)
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO ratings (uuid, desk, seq, agency_code, dossier_id, dossier_uuid,"
        " dossier_code, procedure_code, clerk_id, clerk, occasion, at, form, overall, criteria,"
        " comment, flags, prev_hash, hash)"
        " SELECT 'bench-' || d.id, ?, d.id, '', d.id, d.uuid, d.code, '', d.received_by, '',"
        " 'return', d.returned_at, 'mac-dinh-1',"
        " CASE d.id % 10 WHEN 0 THEN 'unsatisfied' WHEN 1 THEN 'satisfied'"
        " ELSE 'very_satisfied' END,"
        " CASE d.id % 4 WHEN 0 THEN '{\"attitude\": \"satisfied\", \"timeliness\": \"on_time\"}'"
        " ELSE '{}' END, '', CASE d.id % 50 WHEN 0 THEN '[\"repeat\"]' ELSE '[]' END, '', ''"
        " FROM dossiers d WHERE d.status = 'returned' AND d.returned_at >= ? AND"
        " d.returned_at < ? AND d.id % 3 = 0", (DESK, f"{YEAR}-01-01", f"{int(YEAR) + 1}-01-01"))
    n = con.execute("SELECT count(*) FROM ratings WHERE desk = ?", (DESK,)).fetchone()[0]
    con.execute("COMMIT")
    con.close()
    return int(n)


def measure(ctx: Context) -> list[Row]:
    from desk_app.clock import FixedClock
    from desk_app.paths import database_path
    from desk_app.services import reports
    from desk_app.store.engine import Store

    path = database_path(ctx.data)
    ratings = _add_ratings(str(path))
    store = Store(path)
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    with store.read() as s:
        leader = s.execute(reports.text(
            "SELECT id FROM clerks WHERE role IN ('leader', 'admin') ORDER BY id")).scalar()
    got: list[int] = []

    def program() -> None:
        with store.read() as s:
            report = reports.build_report(s, clock, leader, date(2025, 1, 1), date(2025, 12, 1))
        got.append(report.total.kinds["received"])

    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def floor() -> None:
        bare.execute("SELECT kind, sum(n) FROM report_tallies WHERE month >= ? AND month < ?"
                     " GROUP BY kind", (f"{YEAR}-01", f"{int(YEAR) + 1}-01")).fetchall()

    try:
        prog, flo = interleaved(program, floor, ctx.reps(40, 8))
    finally:
        bare.close()
        store.dispose()
    return [time_row("a year's report (2025) vs bare sum of its tallies", prog, flo,
                     max_ratio=float("inf"), max_p95=300,
                     note=f"{got[-1]:,} dossiers received, {ratings:,} ratings in the year")]
