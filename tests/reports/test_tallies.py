"""The leader's figures on a real store: dossiers made through the real services, counted by the
triggers of migration 0010, checked against counts worked out by hand and against the one rule
(`kinds_of`) on every row, after the services' writes, raw SQL writes and the migration's fill."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.indicators import kinds_of, score
from desk_app.services import intake, lifecycle, reports
from desk_app.services.access import ForbiddenError
from desk_app.store.engine import Store
from desk_app.store.migrate import migrate
from desk_app.store.models import Dossier
from tests.helpers import complete_request
from tests.rating.conftest import CLERK, LEADER
from tests.reports.month import month  # noqa: F401 (a fixture)

NOV = date(2026, 11, 1)


def _ts(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def by_rule(path: str) -> Counter[str]:
    """Every dossier of the file counted by `kinds_of`, read with bare sqlite3."""
    con = sqlite3.connect(path)
    got: Counter[str] = Counter()
    for status, original, due, returned in con.execute(
            "SELECT status, original_due_at, due_at, returned_at FROM dossiers"):
        got.update(kinds_of(status, _ts(original), _ts(due), _ts(returned)))
    con.close()
    return got


def kept(path: str) -> Counter[str]:
    con = sqlite3.connect(path)
    got = Counter({k: n for k, n in con.execute(
        "SELECT kind, sum(n) FROM report_tallies GROUP BY kind") if n})
    con.close()
    return got


def test_a_month_counted_by_hand(store: Store, clock: FixedClock, month: dict[str, int]) -> None:
    with store.read() as s:
        report = reports.build_report(s, clock, LEADER, NOV, NOV)
    k = report.total.kinds
    assert (k["received"], k["supplement_requested"], k["refused_intake"]) == (5, 1, 1)
    assert (k["solved_early"], k["solved_on_time"], k["solved_late"]) == (1, 0, 2)
    assert (k["apologised"], k["late_apologised"], k["withdrawn"]) == (1, 1, 1)
    assert report.total.by_channel["desk"] == 5
    # G is still open, past its due date, with no form 04
    assert (report.total.overdue_open, report.total.overdue_apologised) == (1, 0)
    # the repeat of A's visit is not counted; "satisfied" is positive on the slip
    assert (report.total.ratings, report.total.ratings_positive) == (2, 1)
    # B and C late, A not satisfied
    assert report.total.late_or_dissatisfied == 3
    scores = {sc.group.code: sc.points for sc in report.scores}
    assert scores["progress"] == round(20 * 1 / 3, 2)  # 1 of 3 solved by the legal date
    assert scores["satisfaction"] == 0.0  # (3 - 3) / 3
    assert [line.key for line in report.by["month"]] == ["2026-11"]
    assert [line.label for line in report.by["clerk"]] == ["Nguyễn Văn Bình"]
    assert report.by["procedure"][0].key == "1.004873"
    assert score(report.index, report.by["month"][0].counts) == report.scores


def test_the_triggers_follow_every_write(store: Store, month: dict[str, int]) -> None:
    path = str(store.path)
    assert kept(path) == by_rule(path)
    con = sqlite3.connect(path)
    with con:  # raw writes as another tool would make them
        con.execute("UPDATE dossiers SET status = 'stopped' WHERE id = ?", (month["G"],))
        con.execute("UPDATE dossiers SET due_at = '2027-01-05 09:00:00.000000',"
                    " channel = 'post' WHERE id = ?", (month["A"],))
        con.execute("UPDATE dossiers SET received_at = '2026-10-31 09:00:00.000000'"
                    " WHERE id = ?", (month["B"],))
        cols = [r[1] for r in con.execute("PRAGMA table_info(dossiers)") if r[1] != "id"]
        fresh = {"uuid": "'u-x'", "code": "'X-1'", "status": "'received'",
                 "channel": "'online'"}
        con.execute(f"INSERT INTO dossiers ({', '.join(cols)}) SELECT "
                    f"{', '.join(fresh.get(c, c) for c in cols)} FROM dossiers WHERE id = ?",
                    (month["A"],))
    assert kept(path) == by_rule(path)
    with con:
        con.execute("DELETE FROM dossiers WHERE uuid = 'u-x'")
    assert kept(path) == by_rule(path)
    months = dict(con.execute("SELECT month, sum(n) FROM report_tallies WHERE kind = 'received'"
                              " GROUP BY month"))
    assert months == {"2026-10": 1, "2026-11": 4}
    con.close()


def test_the_migration_fills_what_the_triggers_keep(store: Store, month: dict[str, int],
                                                    tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from desk_app.store import migrate as migrations

    path = str(store.path)
    before = kept(path), ratings_kept(path)
    cfg = migrations.alembic_config()
    with store.engine.begin() as conn:  # back to 0009, as a desk of the release before has it
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
    con = sqlite3.connect(path)
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%tallies%'"
                           ).fetchall()
    con.close()
    migrate(store, tmp_path)
    assert (kept(path), ratings_kept(path)) == before
    assert before[0] == by_rule(path)
    # A's repeat is not counted; B's answer to the criterion is
    assert before[1] == ({"unsatisfied": 1, "satisfied": 1}, {("attitude", "unsatisfied"): 1})


def ratings_kept(path: str) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    con = sqlite3.connect(path)
    overall = {k: n for k, n in con.execute(
        "SELECT overall, sum(n) FROM rating_tallies GROUP BY overall") if n}
    criteria = {(c, lv): n for c, lv, n in con.execute(
        "SELECT code, level, sum(n) FROM rating_criteria_tallies GROUP BY code, level") if n}
    con.close()
    return overall, criteria


def test_a_clerk_is_refused_the_reports(store: Store, clock: FixedClock,
                                        month: dict[str, int]) -> None:
    with store.read() as s, pytest.raises(ForbiddenError):
        reports.build_report(s, clock, CLERK, NOV, NOV)
    with store.read() as s:
        assert s.scalars(select(Dossier.id)).first() is not None


def test_the_clerks_day(store: Store, clock: FixedClock, month: dict[str, int]) -> None:
    from desk_app.services.today import today

    with store.read() as s:
        day = today(s, clock)
    ids = {k: [r.id for r in rows] for k, rows in day.rows.items()}
    # G: open, past its legal due date, no form 04: overdue and needs a letter
    assert ids["overdue"] == ids["needs_letter"] == [month["G"]]
    assert day.counts["overdue"] == day.counts["needs_letter"] == 1
    assert ids["waiting"] == ids["ready"] == []
    # A was rated "unsatisfied", B "satisfied" today; A's repeat is not counted
    assert (day.ratings, day.ratings_positive) == (2, 1)
    # form 04 gives G a new appointment: still overdue by the law, but it has its letter
    new_date = day.now.replace(hour=15, minute=0) + timedelta(days=1)
    while new_date.weekday() >= 5:  # Saturday, Sunday
        new_date += timedelta(days=1)
    with store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, month["G"], new_date, "Chờ xác minh")
    with store.read() as s:
        day = today(s, clock)
    g = day.rows["overdue"][0]
    assert g.id == month["G"] and g.apologised and day.rows["needs_letter"] == []


def test_due_soon_follows_the_working_days_setting(store: Store, clock: FixedClock) -> None:
    from desk_app.services.today import SOON_SETTING, today
    from desk_app.store.models import Setting

    clock.set(datetime(2026, 11, 27, 10, 0))  # a Friday: 3 working days -> Wed 2/12
    with store.write() as s:
        h = intake.receive(s, clock, CLERK, complete_request(s))
    assert h.due_at is not None and h.due_at.date() == date(2026, 12, 2)
    with store.read() as s:  # 1 working day (the default, as the register): Mon
        assert today(s, clock).rows["due_soon"] == []
    with store.write() as s:
        s.add(Setting(key=SOON_SETTING, value=3))
    with store.read() as s:
        assert [r.id for r in today(s, clock).rows["due_soon"]] == [h.dossier_id]
    clock.set(h.due_at.replace(hour=7))  # the appointment's day, before it
    with store.read() as s:
        assert [r.id for r in today(s, clock).rows["to_return"]] == [h.dossier_id]
