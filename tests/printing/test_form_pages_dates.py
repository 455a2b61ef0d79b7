"""Forms as real slips print them (issue 12): the code and its barcode on every page, the date
line of the form's event (kept by a reprint, which says so), "Mã hồ sơ" before the copy label,
an agency name never ending on a lone word, and form 04's title within the page."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.catalogue import parse_catalogue
from desk_app.paths import resources_dir
from desk_app.printing import service
from desk_app.printing.fonts import BOLD, register_fonts
from desk_app.printing.render import geometry
from desk_app.printing.templates import load_templates
from desk_app.services import intake
from desk_app.services.intake import Received
from desk_app.store.catalogue import load_catalogue, version_in_force
from desk_app.store.engine import Store
from desk_app.store.models import Procedure
from tests.helpers import complete_request
from tests.printing.conftest import Dossiers, contains, pdf_pages_png, pdf_text

pytestmark = pytest.mark.requires_poppler


def _codes(img: Image.Image) -> list[str]:
    return sorted(b.text for b in zxingcpp.read_barcodes(img.convert("L"))
                  if b.format.name == "Code128")


def _long_dossier(store: Store, clock: FixedClock) -> tuple[int, str]:
    """A dossier of a procedure with 25 components (a province release), received now."""
    data = json.loads((resources_dir() / "catalogue" / "procedures.json").read_text("utf-8"))
    proc = next(p for p in data["procedures"] if p["code"] == "1.004873")
    proc["components"] = [{"name": f"Giấy tờ số {n} kèm theo hồ sơ (bản chính hoặc bản sao "
                                   f"có chứng thực theo quy định)", "originals": 1}
                          for n in range(1, 26)]
    release = data | {"catalogue_version": "2026.11.9", "effective_from": "2026-11-01",
                      "procedures": [proc]}
    with store.write() as s:
        load_catalogue(s, parse_catalogue(release), clock.now(), source="province")
    with store.write() as s:
        req = complete_request(s, "1.004873")
        proc = s.scalar(select(Procedure).where(Procedure.national_code == "1.004873"))
        req.procedure_version_id = version_in_force(s, proc.id, clock.now().date()).id
        req.components = [Received(n, 1, 0, 0) for n in range(1, 26)]
        res = intake.receive(s, clock, 3, req)
    return res.dossier_id, res.code


@pytest.mark.parametrize("layout", ["a4", "a4_two_up"])
def test_every_page_of_a_long_form01_carries_the_code_and_its_barcode(
        store: Store, clock: FixedClock, tmp_path: Path, layout: str) -> None:
    dossier_id, code = _long_dossier(store, clock)
    with store.read() as s:
        pdf = service.render_form(s, dossier_id, "01", now=clock.now(), layout=layout,
                                  copies=(1,)).pdf
    pages = pdf_pages_png(pdf, tmp_path, 200, last=9)
    assert len(pages) >= 2  # 25 components do not fit one page
    for number, page in enumerate(pages, 1):
        assert _codes(page) == [code], f"page {number}"
    text = pdf_text(pdf, tmp_path)
    assert contains(text, f"Mã hồ sơ: {code} (tiếp theo)")


def test_the_date_line_is_the_events_date_and_a_reprint_keeps_it(
        store: Store, clock: FixedClock, dossiers: Dossiers, tmp_path: Path) -> None:
    # the fixture's events (by hand): received Mon 23/11/2026; refused 23/11; extended and
    # stopped Thu 24/12/2026; the clock now reads Wed 23/12/2026 and moves on to 2027
    clock.set(datetime(2027, 1, 15, 10, 0))
    expected = {(dossiers.received, "01"): "ngày 23 tháng 11 năm 2026",
                (dossiers.supplement, "02"): "ngày 23 tháng 11 năm 2026",
                (dossiers.refused, "03"): "ngày 23 tháng 11 năm 2026",
                (dossiers.extended, "04"): "ngày 24 tháng 12 năm 2026",
                (dossiers.stopped, "05"): "ngày 24 tháng 12 năm 2026"}
    for (dossier_id, form), date_line in expected.items():
        with store.read() as s:
            text = pdf_text(service.render_form(s, dossier_id, form, now=clock.now()).pdf,
                            tmp_path)
            again = service.render_form(s, dossier_id, form, now=clock.now(), reprint=True)
        assert contains(text, date_line), form
        assert not contains(text, "Phù Đổng, ngày 15 tháng 01 năm 2027"), form
        assert not contains(text, "BẢN IN LẠI"), form
        reprinted = pdf_text(again.pdf, tmp_path)
        assert contains(reprinted, date_line) and contains(reprinted, "BẢN IN LẠI"), form


def test_form01_prints_the_code_before_the_copy_label(
        store: Store, clock: FixedClock, dossiers: Dossiers, tmp_path: Path) -> None:
    with store.read() as s:
        r = service.render_form(s, dossiers.received, "01", now=clock.now(), layout="a5")
    text = "".join(pdf_text(r.pdf, tmp_path).split())
    title = text.find("GIẤYTIẾPNHẬNHỒSƠVÀHẸNTRẢKẾTQUẢ")
    code_at, label_at = text.find("Mãhồsơ:"), text.find("(Liên1:Lưu)")
    assert 0 <= title < code_at < label_at


@pytest.mark.parametrize("layout", ["a4", "a4_two_up", "a5"])
def test_the_agency_block_never_ends_on_a_lone_word(
        store: Store, clock: FixedClock, dossiers: Dossiers, tmp_path: Path,
        layout: str) -> None:
    with store.read() as s:
        r = service.render_form(s, dossiers.received, "01", now=clock.now(), layout=layout)
    lines = [ln.strip() for ln in pdf_text(r.pdf, tmp_path).splitlines()]
    desk = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    assert any(desk in ln for ln in lines), lines[:6]  # on one line
    assert "QUẢ" not in lines  # never "QUẢ" alone


def test_form04_title_fits_one_line(store: Store, clock: FixedClock, dossiers: Dossiers,
                                    tmp_path: Path) -> None:
    register_fonts()
    tpl = load_templates()
    title = tpl["04"]["title"]
    # at the usual title size (text + 2 points) it is wider than the A4 frame: it must shrink
    assert stringWidth(title, BOLD, geometry("a4", tpl).size + 2) > geometry("a4", tpl).content_w
    with store.read() as s:
        r = service.render_form(s, dossiers.extended, "04", now=clock.now())
    assert title in [ln.strip() for ln in pdf_text(r.pdf, tmp_path).splitlines()]
