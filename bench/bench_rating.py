"""Rating benchmark: recording, the chain check and the leader's figures at a desk's scale.

A busy commune desk takes ~100 ratings a day, ~25,000 a year. On a throwaway data folder
this records ``--ratings`` ratings (default 50,000, two years) through the real service, then
prints p50/p95 of

* record-a-rating (one ``BEGIN IMMEDIATE`` transaction with synchronous=FULL, as at the desk);
* the stored-chain check (rebuild every record, re-hash, compare with the outbox copies);
* verify_chain alone over the outbox payloads (what the province runs per desk);
* the figures per clerk / procedure / month over a year;

and the bytes the ratings add to the database file.

    .venv/bin/python bench/bench_rating.py [--ratings 50000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid as uuid_mod
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.core.ratingchain import seal, verify_chain
from desk_app.services import intake, ratings
from desk_app.services.clerks import create_clerk
from desk_app.services.counter import set_counter
from desk_app.services.ratings import RatingInput
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier, OutboxEvent
from desk_app.store.models_rating import Rating
from tests.helpers import complete_request

LEVELS = ["very_satisfied"] * 5 + ["satisfied"] * 4 + ["unsatisfied"]
CODES = ["1.004873", "2.000815", "1.001193", "1.004837", "2.001035"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(name: str, ms: list[float]) -> None:
    print(f"{name:<36} n={len(ms):<6} p50={statistics.median(ms):9.2f} ms  "
          f"p95={pct(ms, 0.95):9.2f} ms  max={max(ms):9.2f} ms")


def timed(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ratings", type=int, default=50_000)
    parser.add_argument("--timed", type=int, default=1_000,
                        help="ratings recorded one transaction each and timed")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway data folder")
    args = parser.parse_args()
    rng = random.Random(6)
    folder = Path(tempfile.mkdtemp(prefix="bench-rating-"))
    clock = FixedClock(datetime(2026, 11, 23, 8, 0))
    store = open_store(folder, clock)
    with store.write() as s:
        clerks = [create_clerk(s, clock, f"cb{i}", f"Công Chức {i}", "", "clerk",
                               password_hash="x").id for i in range(4)]
        set_counter(s, 1)
    with store.write() as s:
        codes = [c for c in CODES if ratings_version_exists(s, c)]
        dossiers = [intake.receive(s, clock, clerks[0],
                                   complete_request(s, rng.choice(codes))).dossier_id
                    for _ in range(300)]
    size0 = store.path.stat().st_size + _wal(store.path)
    step = timedelta(minutes=max(1, (730 * 24 * 60) // max(1, args.ratings)))

    def one(s: object) -> None:
        clock.advance(seconds=step.total_seconds())
        dossier = rng.choice(dossiers)
        ratings.record_rating(s, clock, rng.choice(clerks), RatingInput(  # type: ignore[arg-type]
            dossier, "intake", rng.choice(LEVELS), {"attitude": rng.choice(LEVELS)}))

    per_rating = []
    for _ in range(min(args.timed, args.ratings)):
        t0 = time.perf_counter()
        with store.write() as s:
            one(s)
        per_rating.append((time.perf_counter() - t0) * 1000)
    bulk(store, clock, args.ratings - len(per_rating), dossiers, clerks, rng, step)
    size1 = store.path.stat().st_size + _wal(store.path)

    print(f"ratings: {args.ratings}, dossiers rated: {len(dossiers)}, desk folder {folder}")
    line("record a rating (own transaction)", per_rating)
    with store.read() as s:
        line("stored chain check (+ outbox)", timed(lambda: ratings.check_stored_chain(s), 3))
        payloads = list(s.scalars(select(OutboxEvent.payload)
                                  .where(OutboxEvent.kind == ratings.RECORDED)
                                  .order_by(OutboxEvent.id)))
    problems = verify_chain(payloads)
    line("verify_chain on the payloads", timed(lambda: verify_chain(payloads), 3))
    end = clock.now().date()
    start = end - timedelta(days=365)
    for by in ratings.GROUPS:
        with store.read() as s:
            line(f"figures by {by}, one year", timed(
                lambda: ratings.figures(s, start=start, end=end, by=by), 5))  # noqa: B023
    with store.read() as s:
        _rows, total = ratings.figures(s, start=date(2000, 1, 1), end=end, by="month")
    print(f"chain problems: {len(problems)}; counted {total.total} "
          f"(repeat visits among the timed ones left out: {args.ratings - total.total}); "
          f"satisfied {total.positive_pct:.1f} %")
    added = size1 - size0
    print(f"database growth: {added / 1e6:.1f} MB, {added / args.ratings:.0f} bytes per rating "
          "(row + outbox copy + indexes)")
    store.dispose()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


def bulk(store: Store, clock: FixedClock, n: int, dossiers: list[int], clerks: list[int],
         rng: random.Random, step: timedelta) -> None:
    """The volume, fast: rows chained with the same record_of/seal as the service and inserted
    in bulk with their outbox copies (the stored-chain check below proves them consistent).
    Unlike the service, these rows skip the repeat-visit rule, so all of them are counted."""
    with store.read() as s:
        last = s.scalars(select(Rating).order_by(Rating.seq.desc()).limit(1)).one()
        info = {d.id: (d.uuid, d.code, d.procedure_version.procedure.national_code)
                for d in s.scalars(select(Dossier).where(Dossier.id.in_(dossiers)))}
        names = {cid: name for cid, name in s.execute(select(Clerk.id, Clerk.username))}
    prev, seq = last.hash, last.seq
    while n > 0:
        rows, events = [], []
        for _ in range(min(5000, n)):
            clock.advance(seconds=step.total_seconds())
            dossier = rng.choice(dossiers)
            clerk = rng.choice(clerks)
            seq += 1
            cols = dict(
                uuid=str(uuid_mod.uuid4()), desk=last.desk, seq=seq,
                agency_code=last.agency_code, dossier_id=dossier, dossier_uuid=info[dossier][0],
                dossier_code=info[dossier][1], procedure_code=info[dossier][2],
                clerk_id=clerk, clerk=names[clerk], occasion="intake", at=clock.now(),
                form=last.form, overall=rng.choice(LEVELS),
                criteria={"attitude": rng.choice(LEVELS)}, comment="", flags=[],
                prev_hash=prev, hash="",
            )
            sealed = seal(prev, ratings.record_of(SimpleNamespace(**cols)))  # type: ignore[arg-type]
            cols["hash"] = prev = sealed["hash"]
            rows.append(cols)
            events.append(dict(uuid=str(uuid_mod.uuid4()), entity="rating",
                               entity_uuid=cols["uuid"], kind=ratings.RECORDED, payload=sealed,
                               created_at=cols["at"], attempts=0))
        with store.write() as s:
            s.execute(insert(Rating), rows)
            s.execute(insert(OutboxEvent), events)
        n -= len(rows)


def ratings_version_exists(session: object, code: str) -> bool:
    from tests.helpers import version_of
    return version_of(session, code) is not None  # type: ignore[arg-type]


def _wal(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


if __name__ == "__main__":
    main()
