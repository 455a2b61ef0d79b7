"""The layout records typed drawing operations, and painting them draws what they say
(issue 11). Positions are worked out by hand from the engine's rules: a line's baseline is
0.93 of the font size below the cursor, a paragraph's lines are ``size * leading`` apart, a
code's ``y`` is its bottom edge measured down from the frame's top.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from desk_app.printing.barcodes import Code128Bars, QrSquare
from desk_app.printing.draw import DrawBarcode, DrawLine, DrawQr, DrawRect, DrawText, paint_frame
from desk_app.printing.fonts import BOLD, REGULAR, register_fonts
from desk_app.printing.layout import Cell, Layout, Para, Table


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


def test_text_rules_and_cells_are_recorded_as_typed_values() -> None:
    lay = Layout(200.0, 500.0)
    lay.para(Para("Xin chào", 10.0, leading=1.2))  # one line: baseline 9.3, cursor to 12
    lay.hrule(dash=True)  # at the cursor, the whole width, 0.5 pt
    lay.table(Table([1.0], None, [[Cell("Ô")]], size=10.0, pad=3.0))
    text, rule, cell, inside = lay.ops
    assert text == DrawText(0.0, pytest.approx(9.3), REGULAR, 10.0, "Xin chào")
    assert rule == DrawLine(0.0, pytest.approx(12.0), 200.0, pytest.approx(12.0), 0.5,
                            dashed=True)
    # one 10 pt line in a cell padded 3 pt: 10 * 1.18 + 6 = 17.8 high
    assert cell == DrawRect(0.0, pytest.approx(12.0), 200.0, pytest.approx(17.8), 0.5)
    assert inside == DrawText(3.0, pytest.approx(12.0 + 3.0 + 9.3), REGULAR, 10.0, "Ô")
    with pytest.raises(AttributeError):  # frozen: a recorded operation is never edited
        text.x = 1.0  # type: ignore[misc]  # the assignment is the point of the test


def test_codes_are_recorded_with_their_bottom_edge() -> None:
    lay = Layout(300.0, 500.0)
    bars, qr = Code128Bars("000.00.12.H26-261123-1001", 0.85, 30.0), QrSquare("x", 50.0)
    lay.codes(bars, qr, "", mode="side")
    assert lay.ops[0] == DrawBarcode(bars, 0.0, 30.0)  # the bars' bottom: 30 pt down
    assert DrawQr(qr, 250.0, 50.0) in lay.ops  # right-aligned, its bottom 50 pt down
    lay = Layout(150.0, None)
    lay.codes(bars, None, "", mode="vertical")
    assert lay.ops[0] == DrawBarcode(bars, 0.0, bars.width, vertical=True)


def test_painting_puts_each_text_where_its_operation_says() -> None:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(400.0, 300.0))
    paint_frame(c, [DrawText(10.0, 20.0, BOLD, 12.0, "Phù Đổng"),
                    DrawText(50.0, 100.0, REGULAR, 9.0, "Liên 2")], x0=30.0, top=280.0)
    c.showPage()
    c.save()
    seen: list[tuple[str, float, float]] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            seen.append((text.strip(), tm[4], tm[5]))

    PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text(visitor_text=visit)
    # x: frame left + op x; y: frame top - op y (PDF's y grows upwards)
    assert seen == [("Phù Đổng", pytest.approx(40.0), pytest.approx(260.0)),
                    ("Liên 2", pytest.approx(80.0), pytest.approx(180.0))]


def _two_copies(shared: bool) -> bytes:
    from desk_app.printing.draw import FormKey, common_mask, paint_shared

    bars, qr = Code128Bars("000.00.12.H26-261123-1001", 0.85, 30.0), QrSquare("x", 50.0)
    body = [DrawText(10.0, 20.0, BOLD, 12.0, "Phù Đổng"), DrawLine(0.0, 30.0, 150.0, 30.0, 0.5),
            DrawBarcode(bars, 0.0, 80.0), DrawQr(qr, 200.0, 80.0)]
    copies = [[*body, DrawText(10.0, 100.0, REGULAR, 9.0, label),
               DrawRect(0.0, 110.0, 100.0, 20.0, 0.5),
               DrawText(10.0, 150.0, REGULAR, 9.0, "Trần Thị Lan")]
              for label in ("Liên 1", "Liên 2")]
    mask = common_mask(copies)
    assert mask == [True] * 4 + [False] + [True] * 2
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(600.0, 300.0))
    forms: dict[FormKey, str] = {}
    for k, ops in enumerate(copies):
        if shared:
            paint_shared(c, ops, mask, 0, 20.0 + 300.0 * k, 280.0, forms, (600.0, 300.0))
        else:
            paint_frame(c, ops, 20.0 + 300.0 * k, 280.0, forms)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.requires_poppler
def test_what_the_copies_share_is_drawn_once_and_looks_the_same(tmp_path: Path) -> None:
    from PIL import ImageChops

    from tests.printing.conftest import pdf_pages_png, pdf_text

    shared, direct = _two_copies(True), _two_copies(False)
    def xobjects(pdf: bytes) -> list[str]:
        return sorted(PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"])

    assert xobjects(shared) == ["/FormXob.frame0.0", "/FormXob.frame0.1"]  # codes drawn inside
    assert xobjects(direct) == ["/FormXob.code0", "/FormXob.code1"]
    (a,) = pdf_pages_png(shared, tmp_path, 100, stem="shared")
    (b,) = pdf_pages_png(direct, tmp_path, 100, stem="direct")
    assert ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None
    # the text reads in the same order: each copy's body, then its label, then the rest
    words = pdf_text(shared, tmp_path).split()
    assert words.count("Đổng") == 2 and words.index("Liên") < words.index("Trần")
