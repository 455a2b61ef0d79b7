"""Nothing overflows or is cut: every word lies inside its page's content box, and extreme
content (40 long components, a 400-letter address, an unbroken 150-letter token) is all there.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from desk_app.clock import FixedClock
from desk_app.printing import render as r
from desk_app.printing import service
from desk_app.printing.context import ComponentView, DossierView, load_dossier
from desk_app.printing.templates import load_templates
from desk_app.store.engine import Store
from tests.printing.conftest import Dossiers, contains, pdf_text

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def words_out_of_bounds(pdf: bytes, layout: str, tmp_path: Path) -> list[str]:
    """Words outside the content box of their page (two-up: of their half)."""
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    tpl = load_templates()
    top, right, bottom, left = (v * mm for v in tpl["pages"][layout]["margins_mm"])
    tol = 1.5  # points: glyph side bearings and descenders
    bad = []
    for page in html.split("<page ")[1:]:
        pw, ph = map(float, PAGE.match("<page " + page).groups())  # type: ignore[union-attr]
        boxes = [(0.0, pw)] if layout != "a4_two_up" else [(0.0, pw / 2), (pw / 2, pw)]
        for m in WORD.finditer(page):
            x0, y0, x1, y1 = map(float, m.groups())
            inside_x = any(a + left - tol <= x0 and x1 <= b - right + tol for a, b in boxes)
            inside_y = top - tol <= y0 and y1 <= ph - bottom + tol
            word = page[m.end(): m.end() + 40].split("<")[0]
            in_footer = y0 > ph - bottom and re.fullmatch(r"Trang|\d+/\d+", word)
            if not (inside_x and inside_y) and not in_footer:
                bad.append(word)
    return bad


@pytest.mark.parametrize("form,layout", [
    ("01", "a4_two_up"), ("01", "a5"), ("01", "thermal80"), ("01", "a4"), ("02", "a4"),
    ("03", "a5"), ("04", "a4"), ("05", "a4"), ("06", "a4"),
])
@pytest.mark.requires_poppler
def test_stored_forms_stay_inside_margins(store: Store, clock: FixedClock, dossiers: Dossiers,
                                          tmp_path: Path, form: str, layout: str) -> None:
    dossier_id = {"01": dossiers.received, "02": dossiers.supplement, "03": dossiers.refused,
                  "04": dossiers.extended, "05": dossiers.stopped,
                  "06": dossiers.extended}[form]
    with store.read() as s:
        pdf = service.render_form(s, dossier_id, form, now=clock.now(), layout=layout).pdf
    assert words_out_of_bounds(pdf, layout, tmp_path) == []


def extreme(d: DossierView) -> DossierView:
    token = "https://dichvucong.example.vn/" + "abcdefghij" * 12  # no space to break at
    comps = [
        ComponentView(i, f"Giấy tờ số {i}: bản sao trích lục hộ tịch của người được nhận làm "
                         f"con nuôi, có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú "
                         f"({'rất ' * (i % 7)}dài) mã {i:03d}",
                      1 + i % 3, i % 2, i % 4)
        for i in range(1, 41)
    ]
    comps.append(ComponentView(41, token, 1, 0, 0))
    return replace(d, applicant_address=("Thôn Phù Dực Thượng, xã Phù Đổng, thành phố Hà Nội; "
                                         * 8).strip(),
                   applicant_email="a" * 60 + "@example.vn", components=comps)


@pytest.mark.requires_poppler
@pytest.mark.parametrize("layout", ["a4_two_up", "a5", "thermal80", "a4"])
def test_extreme_content_flows_onto_more_pages(store: Store, dossiers: Dossiers,
                                               tmp_path: Path, layout: str) -> None:
    with store.read() as s:
        d = extreme(load_dossier(s, dossiers.received))
    pdf = r.render_dossier_form("01", d, load_templates(),
                                r.Options(now=datetime(2026, 12, 1, 8), layout=layout))
    text = pdf_text(pdf, tmp_path)
    for c in d.components:
        assert contains(text, c.name), c.name
    assert contains(text, d.applicant_address)
    assert contains(text, "NGƯỜI TIẾP NHẬN HỒ SƠ")
    assert words_out_of_bounds(pdf, layout, tmp_path) == []
    pages = int(re.search(r"/Count (\d+)", pdf.decode("latin-1")).group(1))  # type: ignore[union-attr]
    assert pages >= (2 if layout != "thermal80" else 1)
    if layout == "a4_two_up":
        assert text.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 2  # both copies, each on its half
    if layout != "thermal80":
        assert "Trang 1/" in text and "Trang 2/" in text


@pytest.mark.requires_poppler
def test_the_bounds_check_sees_an_overflow(tmp_path: Path) -> None:
    """The check above can fail: a word drawn into the right margin is reported."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from desk_app.printing.fonts import REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(210 * mm, 297 * mm))
    c.setFont(REGULAR, 12)
    c.drawString(40 * mm, 250 * mm, "trong lề")
    c.drawString(190 * mm, 250 * mm, "tràn")
    c.save()
    assert words_out_of_bounds(buf.getvalue(), "a4", tmp_path) == ["tràn"]
