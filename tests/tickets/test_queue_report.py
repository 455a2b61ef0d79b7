"""The leader's report shows the waiting times per field and per hour (issue 17).

Visits are saved through the real intake with tickets whose times are set by hand; the
averages and nearest-rank 90th percentiles below are computed by hand from them.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desk_app.clock import FixedClock
from desk_app.printing.report_export import report_xlsx
from desk_app.printing.report_pdf import report_pdf
from desk_app.services import intake, reports
from desk_app.services.queue import Visit
from desk_app.services.report_waits import WaitLine, p90
from desk_app.store.engine import Store
from tests.helpers import complete_request
from tests.tickets.test_queue_service import CLERK, LEADER

DAY = date(2026, 11, 23)


def _served(store: Store, clock: FixedClock, uuid: str, number: int, code: str,
            issued: datetime, wait_s: int) -> None:
    visit = Visit(uuid, number, issued.date(), code, 1, issued,
                  issued + timedelta(seconds=wait_s))
    with store.write() as s:
        req = complete_request(s)
        req.visit = visit
        intake.receive(s, clock, CLERK, req)


def test_the_nearest_rank_p90() -> None:
    assert p90([300, 60, 900, 120, 600]) == 900  # rank ceil(4.5) = 5
    assert p90(list(range(1, 11))) == 9  # rank 9 of 10
    assert p90(list(range(1, 21))) == 18
    assert p90([42]) == 42


def test_the_report_shows_the_waits_per_field_and_hour(store: Store, clock: FixedClock,
                                                       tmp_path: Path) -> None:
    clock.set(datetime(2026, 11, 23, 16, 0))
    at8, at14 = datetime(2026, 11, 23, 8, 10), datetime(2026, 11, 23, 14, 5)
    for n, (code, issued, wait) in enumerate([
            ("ho-tich", at8, 60), ("ho-tich", at8, 120), ("ho-tich", at14, 300),
            ("ho-tich", at14, 600), ("ho-tich", at14, 900), ("dat-dai", at8, 30)], start=1):
        _served(store, clock, f"00000000-0000-0000-0000-{n:012d}", n, code, issued, wait)
    # a second dossier handed in on ticket 1: the citizen waited once
    _served(store, clock, "00000000-0000-0000-0000-000000000001", 1, "ho-tich", at8, 60)
    # a ticket of October is outside the period
    _served(store, clock, "00000000-0000-0000-0000-000000000099", 99, "ho-tich",
            datetime(2026, 10, 30, 9, 0), 5000)
    with store.read() as s:
        report = reports.build_report(s, clock, LEADER, DAY, DAY)
    w = report.waits
    assert w.by_field == [
        WaitLine("dat-dai", "Đất đai", 1, 30, 30),
        # 60 + 120 + 300 + 600 + 900 = 1980 / 5 = 396; p90: rank 5 of 5
        WaitLine("ho-tich", "Hộ tịch", 5, 396, 900),
    ]
    assert w.by_hour == [
        WaitLine("08", "08:00-09:00", 3, 70, 120),  # 60, 120, 30: 210 / 3
        WaitLine("14", "14:00-15:00", 3, 600, 900),  # 300, 600, 900
    ]
    assert w.total == WaitLine("", "", 6, 335, 900)  # 2010 / 6 = 335
    path = tmp_path / "report.xlsx"
    report_xlsx(report, path)
    sheet = load_workbook(path)["Thời gian chờ"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[:3] == [("Lĩnh vực", "Số vé đã phục vụ", "Chờ trung bình (phút)",
                         "Chờ 90% (phút)"), ("Đất đai", 1, 0.5, 0.5), ("Hộ tịch", 5, 6.6, 15)]
    assert rows[5:7] == [("08:00-09:00", 3, 1.17, 2), ("14:00-15:00", 3, 10, 15)]
    assert rows[8][:4] == ("Tổng cộng", 6, 5.58, 15)


def test_a_report_without_tickets_has_no_waits(store: Store, clock: FixedClock) -> None:
    with store.read() as s:
        report = reports.build_report(s, clock, LEADER, DAY, DAY)
    assert report.waits.total is None and report.waits.by_field == []


def test_a_clerk_does_not_see_the_report(store: Store, clock: FixedClock) -> None:
    from desk_app.services.access import ForbiddenError

    with store.read() as s, pytest.raises(ForbiddenError):
        reports.build_report(s, clock, CLERK, DAY, DAY)


@pytest.mark.requires_poppler
def test_the_report_pdf_has_the_waits(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    at9 = datetime(2026, 11, 23, 9, 30)
    for n, wait in enumerate((60, 150), start=1):
        _served(store, clock, f"00000000-0000-0000-0000-{n:012d}", n, "ho-tich", at9, wait)
    with store.read() as s:
        report = reports.build_report(s, clock, LEADER, DAY, DAY)
    path = tmp_path / "report.pdf"
    report_pdf(report, path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "6. Thời gian chờ của công dân lấy số" in text
    # 60 and 150 s: mean 105 s = 1,75 -> "1,8" minutes; p90 rank 2 = 150 s = "2,5"
    waits = text[text.index("6. Thời gian chờ"):]
    assert " ".join(next(ln for ln in waits.splitlines() if "Hộ tịch" in ln).split()) == \
        "Hộ tịch 2 1,8 2,5"
    assert " ".join(next(ln for ln in waits.splitlines() if "09:00-10:00" in ln).split()) == \
        "09:00-10:00 2 1,8 2,5"
