"""What must not grow with the store: each path timed on the million-dossier folder and on a
10,000-dossier one (bench/figures/search.py makes it), interleaved; the ratio is the p95 at a
million over the p95 at 10,000 (target <= 2x: O(1) or O(log n)). The minute's recolouring of
the register scrolled to row 6,200 has an absolute target too (p95 <= 50 ms)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from bench.figures.common import Context, Row, interleaved, p50, pct
from bench.figures.search import small_store

NOW = datetime(2026, 11, 23, 9, 0)


class Desk:
    """One data folder opened as the register opens it."""

    def __init__(self, data: Path) -> None:
        from desk_app.clock import FixedClock
        from desk_app.gui.register import loading
        from desk_app.paths import database_path
        from desk_app.services.register import RegisterFilter, RegisterSort
        from desk_app.store.engine import Store

        self.store = Store(database_path(data))
        self.clock = FixedClock(NOW)
        req = loading.ReloadRequest(RegisterFilter(), RegisterSort(), keep=6_300, block=200,
                                    page=50, counts=True, known_counts={}, lookups=None)
        self.loaded = loading.reload(self.store, self.clock, req)
        self.deep = self.loaded.ids[6_200:6_230] or self.loaded.ids[-30:]
        with self.store.read() as s:
            self.field = s.execute(_sql("SELECT field FROM procedure_versions "
                                        "GROUP BY field ORDER BY count(*) LIMIT 1")).scalar()
            self.clerk = s.execute(_sql("SELECT id FROM clerks ORDER BY id DESC")).scalar()

    def counts(self) -> None:
        from desk_app.services.register import deadlines, status_counts

        with self.store.read() as s:
            status_counts(s, deadlines(s, self.clock))

    def field_filter(self) -> None:
        from desk_app.gui.register import loading
        from desk_app.services.register import RegisterFilter, RegisterSort

        req = loading.ReloadRequest(RegisterFilter(field=self.field), RegisterSort(), keep=0,
                                    block=200, page=50, counts=False, known_counts={},
                                    lookups=self.loaded.lookups)
        loading.reload(self.store, self.clock, req)

    def tick(self) -> None:
        from desk_app.gui.register import loading

        got = loading.recolour(self.store, self.clock, self.loaded.query, self.loaded.marker,
                               self.deep)
        assert got.query is not None, "the store changed under the benchmark"

    def no_hit(self) -> None:
        from desk_app.services.search import search_ids

        with self.store.read() as s:
            search_ids(s, "mai thi hong nhung", limit=50)

    def clerk_page(self) -> None:
        """A clerk's newest 200 dossiers (the page a clerk filter or report shows first)."""
        with self.store.read() as s:
            s.execute(_sql("SELECT id FROM dossiers WHERE received_by = :c "
                           "ORDER BY received_at DESC LIMIT 200"), {"c": self.clerk}).all()


def _sql(text: str) -> Any:
    from sqlalchemy import text as t

    return t(text)


def measure(ctx: Context) -> list[Row]:
    big, small = Desk(ctx.data), Desk(small_store(ctx))
    n = ctx.reps(200, 20)
    rows = []
    # (name, path, max ratio to 10k or None, max p95 at 1M in ms or None)
    for name, fn, max_ratio, max_p95 in (
            ("status-bar counts", Desk.counts, 2.0, None),
            # bounded (at most SMALL_SET + 1 index entries probed, at most that many rows
            # sorted): the matches differ between the stores, so an absolute target
            ("first procedure-field filter (probe + first ids)", Desk.field_filter, None, 50.0),
            ("minute's recolour at row 6,200", Desk.tick, 2.0, 50.0),
            ("FTS no-hit 'mai thi hong nhung'", Desk.no_hit, 2.0, None),
            ("a clerk's newest 200 dossiers", Desk.clerk_page, 2.0, None)):
        a, b = interleaved(lambda fn=fn: fn(big), lambda fn=fn: fn(small), n)
        ratio = pct(a, 0.95) / max(pct(b, 0.95), 1e-6)
        ok = (max_ratio is None or ratio <= max_ratio) and (
            max_p95 is None or pct(a, 0.95) <= max_p95)
        target = ", ".join(t for t in (
            f"<= {max_ratio:g}x of 10k" if max_ratio else "",
            f"p95 <= {max_p95:g} ms" if max_p95 else "") if t)
        rows.append(Row(f"growth: {name} (1M vs 10k)", p50(a), pct(a, 0.95), p50(b), ratio,
                        target, ok, note=f"10k p95 {pct(b, 0.95):.2f} ms"))
    big.store.dispose()
    small.store.dispose()
    return rows
