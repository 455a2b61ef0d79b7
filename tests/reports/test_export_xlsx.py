"""The report and the register (form 07) exported to Excel: a real month made through the real
services (tests/reports/month.py), exported, opened again with openpyxl and read cell by cell
against the counts worked out by hand (see test_tallies.py) and against ``build_report``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desk_app.clock import FixedClock
from desk_app.core.report_labels import FIGURES, NO_DATA
from desk_app.printing.report_export import register_xlsx, report_xlsx, write_atomic
from desk_app.services import reports
from desk_app.services.register import RegisterFilter
from desk_app.store.engine import Store
from tests.rating.conftest import LEADER
from tests.reports.month import month  # noqa: F401 (a fixture)

NOV = date(2026, 11, 1)
# November by hand: A early, B late, C late with form 04, F withdrawn, G open and overdue;
# D a supplement request (02), E refused at intake (03); A rated unsatisfied, B satisfied,
# A's second rating a repeat (not counted)
BY_HAND: dict[str, int | float | None] = {
    "Tiếp nhận": 5, "Trực tiếp": 5, "Trực tuyến": 0, "Bưu chính": 0,
    "Yêu cầu bổ sung (02)": 1, "Từ chối (03)": 1, "Đã trả": 3, "Trước hạn": 1, "Đúng hạn": 0,
    "Trễ hạn": 2, "Trễ hạn có xin lỗi (04)": 1, "Tỷ lệ đúng hạn": 1 / 3,
    "Quá hạn chưa trả": 1, "Quá hạn đã có 04": 0, "Đã có mẫu 04": 1,
    "Từ chối sau tiếp nhận": 0, "Rút hồ sơ": 1, "Dừng (05)": 0, "Số hóa kết quả": None,
    "Lượt đánh giá": 2, "Hài lòng": 1, "Tỷ lệ hài lòng": 0.5,
    "Trễ hạn hoặc không hài lòng": 3,
}


def _report(store: Store, clock: FixedClock) -> reports.Report:
    with store.read() as s:
        return reports.build_report(s, clock, LEADER, NOV, NOV)


def _rows(ws: Worksheet) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _check_sheet_rules(ws: Worksheet) -> None:
    assert ws.freeze_panes == "A2", ws.title  # the header row stays on screen
    header = [c.value for c in ws[1]]
    while header and header[-1] is None:  # the summary's groups below are wider than it
        header.pop()
    assert all(isinstance(v, str) and v for v in header), ws.title
    for col in range(1, len(header) + 1):
        letter = ws.cell(row=1, column=col).column_letter
        width = ws.column_dimensions[letter].width
        assert width is not None and width >= len(str(header[col - 1])) * 0.5, (ws.title, col)


def test_the_report_workbook(store: Store, clock: FixedClock, month: dict[str, int],
                             tmp_path: Path) -> None:
    report = _report(store, clock)
    path = tmp_path / "bao-cao.xlsx"
    report_xlsx(report, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Tổng hợp", "Theo tháng", "Theo lĩnh vực", "Theo thủ tục",
                             "Theo công chức", "Theo kênh", "Hài lòng theo tiêu chí"]
    for ws in wb.worksheets:
        _check_sheet_rules(ws)

    summary = wb["Tổng hợp"]
    rows = {r[0]: (r[1], summary.cell(row=i, column=2)) for i, r in
            enumerate(_rows(summary), 1) if r[0]}
    assert rows["Từ tháng"][0] == datetime(2026, 11, 1)  # a date, shown as a month
    assert rows["Từ tháng"][1].number_format == "mm/yyyy"
    assert isinstance(rows["Lập lúc"][0], datetime)
    for label, expected in BY_HAND.items():
        value, _cell = rows[label]
        if expected is None:
            assert value == NO_DATA, label
        else:
            assert value == pytest.approx(expected), label
            assert isinstance(value, int | float), label  # numbers, not text
    assert rows["Tỷ lệ đúng hạn"][1].number_format == "0.0%"
    # the figures equal build_report's, one by one
    for f in FIGURES:
        got = rows[f.label][0]
        assert got == (NO_DATA if f.of(report.total) is None else pytest.approx(f.of(report.total)))

    groups = {r[0]: r for r in _rows(summary)
              if r[0] in {sc.group.name for sc in report.scores}}
    progress = groups["Tiến độ, kết quả giải quyết"]
    assert progress[1:4] == [20, pytest.approx(1 / 3), pytest.approx(6.67)]
    assert "(solved_early + solved_on_time) / solved" == progress[5]
    assert "766" in str(progress[6])
    assert groups["Mức độ hài lòng"][2:4] == [0, 0]  # (3 - 3) / 3
    assert groups["Công khai, minh bạch"][2:4] == [NO_DATA, NO_DATA]
    assert groups["Số hóa hồ sơ"][2:4] == [NO_DATA, NO_DATA]  # no scans kept yet

    by_month = _rows(wb["Theo tháng"])
    assert by_month[0][0] == "Tháng" and by_month[0][1:] == list(BY_HAND)
    assert by_month[1][0] == datetime(2026, 11, 1)
    assert wb["Theo tháng"].cell(row=2, column=1).number_format == "mm/yyyy"
    assert by_month[1][1:] == pytest.approx([v for v in BY_HAND.values()])
    assert by_month[2][0] == "Tổng cộng" and by_month[2][1:] == by_month[1][1:]
    assert wb["Theo tháng"].cell(row=2, column=13).number_format == "0.0%"
    clerk = _rows(wb["Theo công chức"])
    assert [r[0] for r in clerk] == ["Công chức tiếp nhận", "Nguyễn Văn Bình", "Tổng cộng"]
    channel = _rows(wb["Theo kênh"])
    assert channel[1][:2] == ["Trực tiếp", 5]
    procedure = _rows(wb["Theo thủ tục"])
    assert "(1.004873)" in str(procedure[1][0]) and procedure[1][1] == 5

    criteria = {r[0]: r for r in _rows(wb["Hài lòng theo tiêu chí"])[1:]}
    assert criteria["attitude"][2:] == [1, 0, 0]  # B answered "unsatisfied"
    assert criteria["attitude"][1]  # the slip's question
    assert wb["Hài lòng theo tiêu chí"]["E2"].number_format == "0.0%"


def test_the_register_workbook_has_form_07s_rows(store: Store, clock: FixedClock,
                                                 month: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "so-theo-doi.xlsx"
    with store.read() as s:
        n = register_xlsx(s, clock, path, date(2026, 11, 1), date(2026, 11, 30))
    assert n == 7  # A, B, C, F, G received; D (02) and E (03) written in the register too
    ws = load_workbook(path).active
    _check_sheet_rules(ws)
    rows = _rows(ws)
    assert rows[0] == ["STT", "Mã hồ sơ", "Tên thủ tục hành chính",
                       "Tổ chức, cá nhân nộp hồ sơ (họ tên, địa chỉ, điện thoại)",
                       "Ngày nhận", "Hẹn trả", "Ngày trả", "Tình trạng", "Ký nhận"]
    body = rows[1:8]
    assert [r[0] for r in body] == [1, 2, 3, 4, 5, 6, 7]
    assert all(r[4] == datetime(2026, 11, 23) for r in body)  # received Mon 23/11: a date
    assert ws["E2"].number_format == "dd/mm/yyyy"
    assert body[0][3].startswith("Đặng Văn Đức; Thôn Phù Dực")
    states = [r[7] for r in body]
    assert states[0] == "Đã trả kết quả (Trước hạn)"  # A
    assert states[1] == "Đã trả kết quả (Quá hạn)"  # B
    # C: late by the law (the report counts it late) but returned within form 04's new
    # appointment, and form 07 prints the timing against the appointment in force
    assert states[2] == "Đã trả kết quả (Trước hạn)"
    assert "Rút hồ sơ" in states and "Yêu cầu bổ sung" in states
    assert isinstance(body[0][6], datetime)  # A's return day
    assert rows[9][1] == "Tổng số: 7 hồ sơ"


def test_the_register_workbook_follows_the_registers_filter(
        store: Store, clock: FixedClock, month: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "so.xlsx"
    with store.read() as s:
        n = register_xlsx(s, clock, path, date(2026, 11, 1), date(2026, 11, 30),
                          RegisterFilter(status="returned"))
    assert n == 3  # A, B, C
    rows = _rows(load_workbook(path).active)
    assert [r[0] for r in rows[1:4]] == [1, 2, 3]
    assert rows[5][1] == "Tổng số: 3 hồ sơ"
    with store.read() as s:  # the register's dates and the export's: both apply
        assert register_xlsx(s, clock, path, date(2026, 11, 1), date(2026, 11, 30),
                             RegisterFilter(received_from=date(2026, 11, 24))) == 0
        assert register_xlsx(s, clock, path, date(2026, 11, 1), date(2026, 11, 30),
                             RegisterFilter(received_to=date(2026, 11, 23))) == 7
        assert register_xlsx(s, clock, path, date(2026, 12, 1), date(2026, 12, 31)) == 0


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"old")

    def crash(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(path, crash)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.xlsx"]
