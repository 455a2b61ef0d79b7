"""The register's Qt-free queries on a real store: filters, keyset pages, colours, counts."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services.register import (
    ANY_OPEN,
    RegisterFilter,
    RegisterQuery,
    RegisterSort,
    Sizes,
    SortKey,
    deadlines,
    load_lookups,
    status_counts,
    versions_probe,
)
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from tests.register_data import Made, fill_small


@pytest.fixture
def made(store: Store) -> dict[str, Made]:
    return fill_small(store)


def _read_all(store: Store, clock: FixedClock, filt: RegisterFilter, sort: RegisterSort,
              page: int, sizes: Sizes | None) -> tuple[str, list[str]]:
    with store.read() as s:
        q = RegisterQuery(filt, sort, deadlines(s, clock), load_lookups(s), sizes)
        ids, cursor = q.id_window(s, None, page)
        while cursor is not None:
            more, cursor = q.id_window(s, cursor, page)
            assert more, "a cursor is only handed out when rows follow"
            ids += more
        assert len(ids) == len(set(ids))
        rows = q.rows(s, ids)
        assert q.count(s) == len(ids)
    return q.plan, [rows[i].applicant for i in ids]


def names(store: Store, clock: FixedClock, filt: RegisterFilter | None = None,
          sort: RegisterSort | None = None, page: int = 3) -> list[str]:
    """Applicant names of every row, read in keyset pages of ``page``.

    Read twice: as on a store where every status is big (the ordered covering index is
    walked) and with this store's real status sizes (small statuses walk the status index);
    both plans must give the same rows in the same order.
    """
    filt, sort = filt or RegisterFilter(), sort or RegisterSort()
    with store.read() as s:
        in_versions = None if filt.field is None and filt.procedure_id is None else \
            versions_probe(s, load_lookups(s).version_ids(field=filt.field,
                                                         procedure_id=filt.procedure_id))
        sizes = Sizes(status_counts(s, deadlines(s, clock)), in_versions)
    plan_big, big = _read_all(store, clock, filt, sort, page, None)
    plan_small, small = _read_all(store, clock, filt, sort, page, sizes)
    assert big == small, (plan_big, plan_small)
    narrowed = filt.status or filt.overdue or filt.due_soon or filt.field or filt.procedure_id
    if filt.search == "" and narrowed:
        assert plan_small in ("status", "version"), plan_small  # every set here is small
    return big


def test_default_order_is_newest_first_across_pages(store, clock, made) -> None:
    assert names(store, clock) == [
        "Phạm Minh Đạt", "Trần Văn An", "Đặng Văn Đức", "Hoàng Thị Mai", "Bùi Thị Thảo",
        "Lê Thị Lan", "Nguyễn Thị Hằng", "Vũ Quốc Khánh",
    ]
    assert names(store, clock, sort=RegisterSort(SortKey.RECEIVED, False), page=2)[0] == (
        "Vũ Quốc Khánh")


def test_due_order_puts_dossiers_without_due_date_last(store, clock, made) -> None:
    asc = names(store, clock, sort=RegisterSort(SortKey.DUE, False), page=2)
    desc = names(store, clock, sort=RegisterSort(SortKey.DUE, True), page=2)
    # refusals and supplement requests have no appointment
    assert set(asc[-2:]) == set(desc[-2:]) == {"Phạm Minh Đạt", "Hoàng Thị Mai"}
    assert asc[:-2] == list(reversed(desc[:-2]))
    assert asc[:2] == ["Bùi Thị Thảo", "Nguyễn Thị Hằng"]  # Thu 19/11 08:00 and 09:00
    for page in (1, 5, 6, 7, 8):  # the page boundary falls on either side of the switch
        assert names(store, clock, sort=RegisterSort(SortKey.DUE, True), page=page) == desc


def test_name_search_lists_newest_first_whatever_the_sort(store, clock, made) -> None:
    by_due = RegisterSort(SortKey.DUE, False)
    with store.read() as s:
        q = RegisterQuery(RegisterFilter(search="thi"), by_due, deadlines(s, clock),
                          load_lookups(s))
    assert q.plan == "fts" and q.sort == RegisterSort(SortKey.RECEIVED, True)
    # received 18/11, 17/11, 16/11 10:00, 16/11 09:00 (the fixture's ids now follow receipt
    # order, as the desk's stamps guarantee: the FTS plan's id order is the receipt order)
    assert names(store, clock, RegisterFilter(search="thi"), by_due, page=1) == [
        "Hoàng Thị Mai", "Bùi Thị Thảo", "Lê Thị Lan", "Nguyễn Thị Hằng"]


def test_plans(store, clock, made) -> None:
    with store.read() as s:
        limits, lookups = deadlines(s, clock), load_lookups(s)
    big = Sizes({"returned": 900_000, "received": 1_500, "in_processing": 7_000,
                 "waiting_supplement": 1_000, "overdue": 300, "due_soon": 200},
                20_000)

    def plan(sort: RegisterSort | None = None, **f: object) -> str:
        return RegisterQuery(RegisterFilter(**f), sort or RegisterSort(), limits, lookups, big).plan

    assert plan() == "received"
    assert plan(RegisterSort(SortKey.DUE)) == "due"
    assert plan(status="returned") == "received"
    assert plan(RegisterSort(SortKey.DUE), status="returned") == "status"
    assert plan(status="received") == plan(overdue=True) == "status"
    assert plan(status=ANY_OPEN) == "received"  # 9,500: walked in order
    assert plan(field="Hộ tịch") == "received"
    assert plan(field="Hộ tịch", overdue=True) == "status"
    assert plan(RegisterSort(SortKey.DUE), status="received") == "status"
    assert plan(search="nguyen") == "fts"
    assert plan(search="0912345001", status="returned") == "lookup"


def test_status_filters(store, clock, made) -> None:
    assert names(store, clock, RegisterFilter(status="received")) == [
        "Trần Văn An", "Nguyễn Thị Hằng"]
    assert set(names(store, clock, RegisterFilter(status=ANY_OPEN))) == {
        "Trần Văn An", "Nguyễn Thị Hằng", "Đặng Văn Đức", "Vũ Quốc Khánh"}
    assert names(store, clock, RegisterFilter(status="returned")) == ["Lê Thị Lan"]


def test_field_procedure_and_dates(store, clock, made) -> None:
    with store.read() as s:
        lookups = load_lookups(s)
    assert "Đất đai" in lookups.fields()
    assert names(store, clock, RegisterFilter(field="Đất đai")) == ["Vũ Quốc Khánh"]
    assert names(store, clock, RegisterFilter(field="Chứng thực")) == [
        "Hoàng Thị Mai", "Bùi Thị Thảo"]
    pid = next(p for p, code, _ in lookups.procedures("Chứng thực") if code == "2.001035")
    assert names(store, clock, RegisterFilter(procedure_id=pid)) == [
        "Hoàng Thị Mai", "Bùi Thị Thảo"]
    assert names(store, clock, RegisterFilter(field="Hộ tịch", procedure_id=pid)) == []
    in_range = RegisterFilter(received_from=date(2026, 11, 17), received_to=date(2026, 11, 19))
    assert names(store, clock, in_range) == ["Đặng Văn Đức", "Hoàng Thị Mai", "Bùi Thị Thảo"]


def test_due_soon_and_overdue_only_for_open_dossiers(store, clock, made) -> None:
    assert names(store, clock, RegisterFilter(overdue=True)) == ["Nguyễn Thị Hằng"]
    assert names(store, clock, RegisterFilter(due_soon=True)) == ["Đặng Văn Đức"]
    assert names(store, clock, RegisterFilter(overdue=True, due_soon=True)) == [
        "Đặng Văn Đức", "Nguyễn Thị Hằng"]
    with store.read() as s:
        limits = deadlines(s, clock)
        q = RegisterQuery(RegisterFilter(), RegisterSort(), limits, load_lookups(s))
        rows = q.rows(s, [m.id for m in made.values()])
    # Tue 24/11 is a day off: "within one working day" reaches the end of Wed 25/11
    assert limits.due_soon_until == datetime(2026, 11, 26)
    urgency = {r.applicant: r.urgency for r in rows.values()}
    assert urgency == {
        "Nguyễn Thị Hằng": "overdue", "Đặng Văn Đức": "due_soon", "Trần Văn An": "",
        "Lê Thị Lan": "", "Phạm Minh Đạt": "", "Hoàng Thị Mai": "", "Vũ Quốc Khánh": "",
        "Bùi Thị Thảo": "",  # result ready: the office has done its part
    }
    # a day later, Trần Văn An (due Thu 26/11 10:00) becomes due soon, Đức overdue
    clock.set(datetime(2026, 11, 25, 11, 0))
    assert names(store, clock, RegisterFilter(due_soon=True)) == ["Trần Văn An"]
    assert names(store, clock, RegisterFilter(overdue=True)) == [
        "Đặng Văn Đức", "Nguyễn Thị Hằng"]


@pytest.mark.parametrize("query", ["dang van duc", "DANG VAN", "hang", "phu dong",
                                   "0912345001", "0912 345 001", "001090000001"])
def test_search_agrees_with_search_service(store, clock, made, query) -> None:
    with store.read() as s:
        expected = search_ids(s, query)
        q = RegisterQuery(RegisterFilter(search=query), RegisterSort(), deadlines(s, clock),
                          load_lookups(s))
        got, _ = q.id_window(s, None, 100)
    # the same dossiers; the register lists them in its own order (newest received first)
    assert got and sorted(got) == sorted(expected)


def test_search_by_code_and_combined_with_filters(store, clock, made) -> None:
    code = made["Bùi Thị Thảo"].code
    assert names(store, clock, RegisterFilter(search=code)) == ["Bùi Thị Thảo"]
    assert names(store, clock, RegisterFilter(search=code.lower())) == ["Bùi Thị Thảo"]
    assert names(store, clock, RegisterFilter(search="thi", status="received")) == [
        "Nguyễn Thị Hằng"]
    assert names(store, clock, RegisterFilter(search="khong co ai")) == []
    assert names(store, clock, RegisterFilter(search="!!")) == []


def test_times_written_without_fraction_page_correctly(store, clock, made) -> None:
    """Bulk-imported rows store '2026-11-20 10:00:00' where SQLAlchemy writes '.000000'."""
    with store.write() as s:
        s.execute(text("UPDATE dossiers SET received_at = substr(received_at, 1, 19), "
                       "due_at = substr(due_at, 1, 19) WHERE id % 2 = 0"))
    assert names(store, clock, page=1) == names(store, clock, page=8)
    assert len(names(store, clock, page=1)) == 8
    assert names(store, clock, RegisterFilter(overdue=True)) == ["Nguyễn Thị Hằng"]
    assert names(store, clock, RegisterFilter(due_soon=True)) == ["Đặng Văn Đức"]


def test_status_counts(store, clock, made) -> None:
    with store.read() as s:
        counts = status_counts(s, deadlines(s, clock))
    assert counts["total"] == 8
    assert counts[Status.RECEIVED.value] == 2
    assert counts[Status.IN_PROCESSING.value] == 2
    assert counts[Status.RETURNED.value] == 1
    assert counts[Status.REFUSED.value] == 1
    assert counts[Status.SUPPLEMENT_REQUESTED.value] == 1
    assert counts[Status.RESULT_READY.value] == 1
    assert counts[Status.WITHDRAWN.value] == 0
    assert counts["open"] == 4
    assert counts["overdue"] == 1 and counts["due_soon"] == 1
    assert sum(counts[s.value] for s in Status) == counts["total"]


@pytest.mark.parametrize("sort, index", [
    (RegisterSort(SortKey.RECEIVED), "ix_dossiers_register_received"),
    (RegisterSort(SortKey.DUE, False), "ix_dossiers_register_due"),
])
def test_wide_filters_are_checked_inside_the_covering_index(store, clock, sort, index) -> None:
    """The walk in display order never reads the table to test a filter."""
    from sqlalchemy.dialects import sqlite

    from desk_app.services.register import D_DUE, D_ID, D_RECEIVED

    filt = RegisterFilter(field="Hộ tịch", received_from=date(2026, 1, 1),
                          received_to=date(2026, 11, 30))
    if sort.key is SortKey.RECEIVED:  # (a status in due order walks ix_dossiers_status_due)
        filt = filt.with_(status="returned")
    with store.read() as s:
        q = RegisterQuery(filt, sort, deadlines(s, clock), load_lookups(s))
        assert q.plan == ("received" if sort.key is SortKey.RECEIVED else "due")
        col = D_RECEIVED if sort.key is SortKey.RECEIVED else D_DUE
        stmt = q._base(D_ID, col).order_by(col.desc(), D_ID.desc()).limit(201)
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[3]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert f"USING COVERING INDEX {index}" in plan, plan
