"""Benchmark of the dossier register on a large store (1,000,000 dossiers by default).

    .venv/bin/python bench/bench_register.py [--data bench/out/million] [--repeat 15]

Measures, offscreen, with the real widget:

* register open: ``RegisterView(...)`` built, shown and its first page painted;
* each filter change (and each sortable order): the query re-run and the first page painted;
* the status-bar counts (:func:`desk_app.services.register.status_counts`);
* fetching the next block of ids when the clerk scrolls to the end of what is loaded;
* the peak resident memory of the process.

The data folder comes from ``bench/gen_dossiers.py``. If it was generated before the
register's indexes existed, they are created first (once; the time is printed).
Targets: open and filter change p50/p95 <= 200 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.schema import CreateIndex  # noqa: E402

from desk_app.clock import FixedClock  # noqa: E402
from desk_app.gui.fonts import install_fonts  # noqa: E402
from desk_app.gui.register import RegisterView  # noqa: E402
from desk_app.paths import database_path  # noqa: E402
from desk_app.services.register import (  # noqa: E402
    ANY_OPEN,
    RegisterFilter,
    RegisterSort,
    SortKey,
    deadlines,
    status_counts,
)
from desk_app.store.engine import Store  # noqa: E402
from desk_app.store.models import Dossier  # noqa: E402

# The generated dossiers end on Fri 20/11/2026: a morning that day has open, due-soon and
# overdue work as a real desk would.
NOW = datetime(2026, 11, 20, 10, 0)
TARGET_MS = 200.0


def ensure_indexes(store: Store) -> None:
    """Create the dossiers indexes the models declare and the file lacks."""
    with store.engine.begin() as conn:
        have = {r[0] for r in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers'"))}
    for index in sorted(Dossier.__table__.indexes, key=lambda i: i.name or ""):
        if index.name in have:
            continue
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            conn.execute(CreateIndex(index))
            conn.execute(text(f"ANALYZE {index.name}"))
        print(f"created missing index {index.name}: {time.perf_counter() - t0:.1f} s")


def stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    flag = "" if p95 <= TARGET_MS else "   ** over target"
    return f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms{flag}"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def painted(app: QApplication, view: RegisterView) -> None:
    """Lay out and paint the table now (as the event loop would), loading the visible rows."""
    app.processEvents()
    if view.model.rowCount() and 0 not in view.model.loaded_pages:
        view.table.viewport().repaint()


def quiet_qt(kind: QtMsgType, _context: object, message: str) -> None:
    # showing a window on the offscreen platform logs this once per window
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "million")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    path = database_path(args.data)
    if not path.exists():
        sys.exit(f"{path} missing: run bench/gen_dossiers.py first")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    qInstallMessageHandler(quiet_qt)
    app = QApplication(sys.argv)
    install_fonts(app)
    store = Store(path)
    ensure_indexes(store)
    clock = FixedClock(NOW)
    with store.read() as s:
        rows = s.scalar(text("SELECT count(*) FROM dossiers"))
    print(f"database {path} ({path.stat().st_size / 1e6:.0f} MB), {rows:,} dossiers, "
          f"clock {NOW:%d/%m/%Y %H:%M}, repeat {args.repeat}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    # --- register open --------------------------------------------------------------------
    # "open" ends when the whole widget has been painted with the first page; the status-bar
    # counts are computed right after, from the event loop ("open + counts").
    views: list[RegisterView] = []
    painted_at: list[float] = []
    counted: list[float] = []

    def open_register() -> None:
        t0 = time.perf_counter()
        view = RegisterView(store, clock)
        view.resize(1360, 720)
        view.show()
        # render the whole widget as its first paint would (offscreen, a window is only
        # painted once exposed by the event loop, which then runs the deferred counts)
        view.grab()
        painted_at.append(time.perf_counter() - t0)
        assert view.model.rowCount() > 0 and view.model.loaded_pages == {0}
        app.processEvents()
        assert view.model.counts
        counted.append(time.perf_counter() - t0)
        for old in views:  # one register on screen at a time, as in the app
            old.close()
            old.deleteLater()
        views[:] = [view]
        app.processEvents()

    open_register()
    print(f"register open (first in process, cold)  {painted_at[0] * 1000:7.1f} ms   "
          f"+ counts {counted[0] * 1000:7.1f} ms")
    painted_at.clear()
    counted.clear()
    for _ in range(args.repeat):
        open_register()
    print(f"register open (first page painted)      {stats(painted_at)}")
    print(f"register open + status-bar counts       {stats(counted)}")
    view = views[-1]

    # --- filter changes -------------------------------------------------------------------
    lookups = view.model.lookups
    fields = lookups.fields()
    with store.read() as s:
        by_field = dict(s.execute(text(
            "SELECT v.field, count(*) FROM dossiers d JOIN procedure_versions v "
            "ON v.id = d.procedure_version_id GROUP BY v.field")).all())
        by_version = dict(s.execute(text(
            "SELECT procedure_version_id, count(*) FROM dossiers GROUP BY 1")).all())
        some = s.execute(select(Dossier.code, Dossier.applicant_phone, Dossier.applicant_id_number)
                         .where(Dossier.id == 123_457)).one()
    common_field = max(fields, key=lambda f: by_field.get(f, 0))
    rare_field = min((f for f in fields if by_field.get(f)), key=lambda f: by_field[f])
    vid_common = max(by_version, key=by_version.__getitem__)
    vid_rare = min(by_version, key=by_version.__getitem__)
    pid_common = lookups.versions[vid_common].procedure_id
    pid_rare = lookups.versions[vid_rare].procedure_id
    today = NOW.date()
    plain = RegisterFilter()
    scenarios: list[tuple[str, RegisterFilter, RegisterSort]] = [
        ("status: đang xử lý", plain.with_(status="in_processing"), RegisterSort()),
        ("status: đã trả kết quả (most rows)", plain.with_(status="returned"), RegisterSort()),
        ("status: từ chối", plain.with_(status="refused"), RegisterSort()),
        ("status: đang giải quyết (open)", plain.with_(status=ANY_OPEN), RegisterSort()),
        (f"field: {common_field} ({by_field[common_field]:,})",
         plain.with_(field=common_field), RegisterSort()),
        (f"field: {rare_field} ({by_field[rare_field]:,})",
         plain.with_(field=rare_field), RegisterSort()),
        (f"procedure: frequent ({by_version[vid_common]:,})",
         plain.with_(procedure_id=pid_common), RegisterSort()),
        (f"procedure: rare ({by_version[vid_rare]:,})",
         plain.with_(procedure_id=pid_rare), RegisterSort()),
        ("received: last 30 days", plain.with_(received_from=today - timedelta(days=30),
                                               received_to=today), RegisterSort()),
        ("received: one week in 2024", plain.with_(received_from=date(2024, 6, 3),
                                                   received_to=date(2024, 6, 9)), RegisterSort()),
        ("due soon", plain.with_(due_soon=True), RegisterSort()),
        ("overdue", plain.with_(overdue=True), RegisterSort()),
        ("overdue + due soon", plain.with_(overdue=True, due_soon=True), RegisterSort()),
        ("search: name 'nguyen van'", plain.with_(search="nguyen van"), RegisterSort()),
        ("search: name 'kieu thi'", plain.with_(search="kieu thi"), RegisterSort()),
        ("search: 'nguyễn thị hằng'", plain.with_(search="nguyễn thị hằng"), RegisterSort()),
        ("search: address 'ea kao'", plain.with_(search="ea kao"), RegisterSort()),
        ("search: scanned code", plain.with_(search=some.code), RegisterSort()),
        ("search: phone", plain.with_(search=some.applicant_phone), RegisterSort()),
        ("search: CCCD", plain.with_(search=some.applicant_id_number), RegisterSort()),
        ("open + field + search 'nguyen'",
         plain.with_(status=ANY_OPEN, field=common_field, search="nguyen"), RegisterSort()),
        ("status từ chối + search 'nguyen van'",
         plain.with_(status="refused", search="nguyen van"), RegisterSort()),
        ("rare field + last 30 days", plain.with_(field=rare_field,
                                                  received_from=today - timedelta(days=30),
                                                  received_to=today), RegisterSort()),
        ("sort: ngày nhận oldest first", plain, RegisterSort(SortKey.RECEIVED, False)),
        ("sort: hẹn trả ascending", plain, RegisterSort(SortKey.DUE, False)),
        ("sort: hẹn trả descending", plain, RegisterSort(SortKey.DUE, True)),
        ("sort: hẹn trả + status returned", plain.with_(status="returned"),
         RegisterSort(SortKey.DUE, False)),
        ("sort: hẹn trả + open", plain.with_(status=ANY_OPEN), RegisterSort(SortKey.DUE, False)),
        ("sort: hẹn trả + rare field", plain.with_(field=rare_field),
         RegisterSort(SortKey.DUE, False)),
        ("sort: hẹn trả + search 'nguyen van'", plain.with_(search="nguyen van"),
         RegisterSort(SortKey.DUE, False)),
    ]
    print("filter change (query re-run + first page painted):")
    worst = 0.0
    for label, filt, sort in scenarios:
        samples, shown = [], 0
        for _ in range(args.repeat):
            view.model.set_filter(plain)
            view.model.set_sort(RegisterSort())
            painted(app, view)
            t0 = time.perf_counter()
            view.model.set_sort(sort)
            view._apply_filter(filt)
            painted(app, view)
            samples.append(time.perf_counter() - t0)
            shown = view.model.rowCount()
        more = "+" if view.model.has_more() else ""
        worst = max(worst, sorted(samples)[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))])
        print(f"  {label:<40} {stats(samples)}  rows {shown}{more}")
    view.model.set_filter(plain)
    view.model.set_sort(RegisterSort())
    painted(app, view)

    # --- counts, scrolling, refresh -------------------------------------------------------
    with store.read() as s:
        limits = deadlines(s, clock)
        counts = status_counts(s, limits)
    samples = []
    for _ in range(args.repeat):
        with store.read() as s:
            t0 = time.perf_counter()
            status_counts(s, limits)
            samples.append(time.perf_counter() - t0)
    print(f"status-bar counts                       {stats(samples)}")
    print("  " + ", ".join(f"{k}={v:,}" for k, v in counts.items()))

    def fetch_block() -> None:
        view.model.fetchMore(view.table.rootIndex())
        view.table.scrollToBottom()
        painted(app, view)

    samples = timed(fetch_block, args.repeat)
    print(f"scroll: next block of {view.model.ID_BLOCK} ids + page  {stats(samples)}  "
          f"(rows now {view.model.rowCount():,})")
    deep = view.model.rowCount()
    samples = timed(lambda: (view.refresh(), painted(app, view)), args.repeat)
    assert view.model.rowCount() >= deep - 50, "refresh lost the scroll position"
    print(f"refresh, scrolled down to row {deep:,}     {stats(samples)}")
    view.table.scrollToTop()
    view.table.setCurrentIndex(view.model.index(0, 0))
    painted(app, view)
    samples = timed(lambda: (view.refresh(), painted(app, view)), args.repeat)
    print(f"refresh, at the top (after a change)     {stats(samples)}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process     {rss:.0f} MB")
    print(f"worst filter-change p95                  {worst * 1000:.1f} ms (target {TARGET_MS:.0f})")
    print(f"load average at the end                  {os.getloadavg()[0]:.1f}")
    view.close()
    store.dispose()


if __name__ == "__main__":
    main()
