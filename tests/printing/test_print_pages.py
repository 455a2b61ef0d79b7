"""What every page of a form shows, read back from the rendered PDF: the dossier code and its
barcode on every page (zxing-cpp on each page rasterised at 200 dpi), an agency header that
never leaves one word alone on a line, a form title that fits the page.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import ComponentView, load_dossier
from desk_app.printing.fonts import BOLD, register_fonts
from desk_app.printing.templates import load_templates
from desk_app.store.engine import Store
from desk_app.store.models import Commune
from tests.printing.conftest import Dossiers, pdf_pages_png, pdf_text
from tests.printing.test_print_barcodes import decode

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")


def page_count(pdf: bytes) -> int:
    return int(re.search(rb"/Count (\d+)", pdf).group(1))  # type: ignore[union-attr]


@pytest.mark.requires_poppler
@pytest.mark.parametrize("layout,copies", [("a4_two_up", 2), ("a5", 1), ("a4", 1)])
def test_every_page_of_a_long_slip_carries_the_code_and_its_barcode(
        store: Store, dossiers: Dossiers, tmp_path: Path, layout: str, copies: int) -> None:
    """A form 01 with 25 components runs over two pages (or more); each page names the
    dossier in bars and in text, and a reprint says so on each page."""
    with store.read() as s:
        d = load_dossier(s, dossiers.received)
    d = replace(d, components=[
        ComponentView(i, f"Giấy tờ số {i}: bản sao giấy khai sinh của người được nhận làm con "
                         "nuôi", 1, i % 2, 0) for i in range(1, 26)])
    pdf = r.render_dossier_form("01", d, load_templates(), r.Options(
        now=datetime(2027, 1, 11, 10), layout=layout, reprint=True))
    pages = page_count(pdf)
    # the A4 sheet holds one copy per page: Liên 1's pages, then Liên 2's
    assert pages >= (2 if layout == "a4_two_up" else 4)
    for page in range(1, pages + 1):
        img = pdf_pages_png(pdf, tmp_path, 200, stem=f"p{page}", first=page, last=page)[0]
        bars = [text for kind, text in decode(img) if kind == "Code128"]
        assert bars == [d.code] * copies, f"page {page}"
        path = tmp_path / "one.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-raw",
                               str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert text.count(f"Mã hồ sơ: {d.code}") == copies, f"page {page}"
        assert text.count("BẢN IN LẠI") >= copies, f"page {page}"


def header_lines(pdf: bytes, tmp_path: Path) -> list[list[list[str]]]:
    """The agency block's lines on the first page, per copy (per half of a two-up sheet): the
    words above the date line and left of the motto ("CỘNG HÒA ..."), grouped by their top."""
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = [(float(x0), float(y0), float(x1), float(y1), w)
             for x0, y0, x1, y1, w in WORD.findall(html)]
    mottos = sorted(w[0] for w in words if w[4] == "CỘNG")
    half = page_w / len(mottos)
    copies = []
    for k, motto_x in enumerate(mottos):
        mine = [w for w in words if k * half <= w[0] < (k + 1) * half]
        dated = min(w[1] for w in mine if w[4] == "ngày")
        lines: dict[float, list[str]] = {}
        for _x0, y0, x1, y1, w in mine:
            if x1 < motto_x and y1 < dated:
                assert x1 < motto_x - 4, f"{w} runs into the motto"  # a visible gap
                lines.setdefault(round(y0), []).append(w)
        copies.append([lines[y] for y in sorted(lines)])
    return copies


@pytest.mark.requires_poppler
@pytest.mark.parametrize("layout", ["a4_two_up", "a5", "a4"])
@pytest.mark.parametrize("commune", [
    "Ủy ban nhân dân xã Phù Đổng",
    "Ủy ban nhân dân phường Thủ Dầu Một",  # a little wider than the A5 column at 8.5 pt
    "Ủy ban nhân dân xã Phước Thạnh Đông",  # wider still: two lines
])
def test_the_agency_header_never_leaves_a_word_alone(
        store: Store, clock: FixedClock, dossiers: Dossiers, tmp_path: Path, layout: str,
        commune: str) -> None:
    with store.write() as s:
        s.scalars(select(Commune)).one().name = commune
    with store.read() as s:
        pdf = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                  layout=layout).pdf
    agency = [commune.upper().split(), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ".split()]
    copies = header_lines(pdf, tmp_path)
    assert len(copies) == (2 if layout == "a4_two_up" else 1)
    for lines in copies:
        assert [w for line in lines for w in line] == agency[0] + agency[1]
        assert all(len(line) >= 2 for line in lines), lines
        if layout != "a4" and "PHƯỚC" not in agency[0]:
            assert lines == agency  # on an A5 slip these names each keep to one line


@pytest.mark.requires_poppler
def test_the_apology_title_fits_the_page_width(store: Store, clock: FixedClock,
                                               dossiers: Dossiers, tmp_path: Path) -> None:
    with store.read() as s:
        pdf = service.render_form(s, dossiers.extended, "04", now=clock.now()).pdf
    title = load_templates()["04"]["title"]
    assert title == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    assert title in pdf_text(pdf, tmp_path).splitlines()  # one line, not cut
    sizes: set[float] = set()

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if text.strip() and text.strip() in title:
            sizes.add(size)

    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    register_fonts()
    size = max(sizes)
    assert 13 <= size <= 15  # not smaller than the body text, at most its 15 pt
    frame = (210 - 30 - 15) * mm  # A4 less the 30 mm left and 15 mm right margins
    assert stringWidth(title, BOLD, size) <= frame
