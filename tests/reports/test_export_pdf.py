"""The report as a PDF: a real month made through the real services, rendered by poppler, its
Vietnamese text read back, its charts vector (no raster image anywhere in the file)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.clock import FixedClock
from desk_app.printing.report_pdf import report_pdf
from desk_app.services import reports
from desk_app.store.engine import Store
from tests.rating.conftest import LEADER
from tests.reports.month import month  # noqa: F401 (a fixture)

NOV = date(2026, 11, 1)


def _images(reader: PdfReader) -> list[str]:
    """Every image XObject of every page (and of the forms the pages draw)."""
    found: list[str] = []

    def walk(resources: object) -> None:
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        for name, ref in (xobjects or {}).items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(name)
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources") or {})

    for page in reader.pages:
        walk(page.get("/Resources") or {})
    return found


@pytest.mark.requires_poppler
def test_the_report_pdf(store: Store, clock: FixedClock, month: dict[str, int],
                        tmp_path: Path) -> None:
    with store.read() as s:
        report = reports.build_report(s, clock, LEADER, NOV, NOV)
    out = tmp_path / "out"
    path = out / "bao-cao.pdf"
    report_pdf(report, path)
    assert [p.name for p in out.iterdir()] == ["bao-cao.pdf"]  # no temporary left

    reader = PdfReader(path)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert _images(reader) == []  # the charts are drawn, not pasted as pictures
    fonts = {str(f.get_object().get("/BaseFont", ""))
             for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("LiberationSerif" in f for f in fonts)  # the desk's embedded face

    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("BÁO CÁO KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                  "Tháng 11/2026", "Số liệu tổng hợp", "Trễ hạn có xin lỗi (04)",
                  "Tiến độ, kết quả giải quyết", "Mức độ hài lòng", "chưa có dữ liệu",
                  "Tỷ lệ trả kết quả đúng hạn theo tháng (%)",
                  "Tỷ lệ hài lòng theo công chức tiếp nhận", "Hồ sơ trả trễ hạn theo thủ tục",
                  "Nguyễn Văn Bình", "Công chức tiếp nhận"):
        assert words in text, words
    # the figures by hand (test_tallies): 1 of 3 returned on time, progress 20 x 1/3 points,
    # 1 of 2 ratings satisfied; the charts print the same values as the tables
    assert "33,3%" in text and "6,67" in text and "50,0%" in text
    assert "50,0% (1/2)" in text  # the clerk's bar
    assert "2 / 3 đã trả" in text  # the procedure's late bar: B and C of A, B, C

    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(out / "page")],
                   check=True)
    pages = sorted(out.glob("page-*.png"))
    assert len(pages) == len(reader.pages) >= 2


def test_the_trend_leaves_a_gap_where_a_month_returned_nothing() -> None:
    """Three months: 3 of 4 on time, none returned, 1 of 2: two runs, labels over their months."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import String

    from desk_app.core.indicators import Counts, default_index, score
    from desk_app.printing.report_charts import on_time_by_month
    from desk_app.services.reports import Line, Report

    def c(early: int, late: int) -> Counts:
        out = Counts()
        out.kinds.update(received=early + late, solved_early=early, solved_late=late)
        return out

    lines = [Line("2026-01", "01/2026", c(3, 1)), Line("2026-02", "02/2026", c(0, 0)),
             Line("2026-03", "03/2026", c(1, 1))]
    total = Counts()
    for ln in lines:
        total.add(ln.counts)
    index = default_index()
    report = Report("2026-01", "2026-03", datetime(2026, 4, 1), index, total,
                    score(index, total), {"month": lines})
    d = on_time_by_month(report, 300)
    chart = next(x for x in d.contents if isinstance(x, HorizontalLineChart))
    assert chart.data == [[75.0, None, None], [None, None, 50.0]]
    labels = [(s.x, s.text) for s in d.contents if isinstance(s, String) and "%" in s.text
              and s.text != "Tỷ lệ trả kết quả đúng hạn theo tháng (%)"]
    step = chart.width / 3
    assert labels == [(chart.x + step / 2, "75,0%"), (chart.x + step * 2.5, "50,0%")]
