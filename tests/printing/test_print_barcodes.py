"""The slip's Code 128 and QR decode with a real decoder (zxing-cpp) at 200 dpi."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.printing import service
from desk_app.printing.barcodes import code128_pattern
from desk_app.store.engine import Store
from desk_app.store.models import Commune, Dossier
from tests.printing.conftest import Dossiers, pdf_pages_png

LOOKUP = "https://dichvucong.hanoi.gov.vn/tra-cuu?ma={code}"  # the demo commune's setting


def decode(img: Image.Image) -> list[tuple[str, str]]:
    found = zxingcpp.read_barcodes(img.convert("L"))
    return sorted((b.format.name, b.text) for b in found)


@pytest.mark.parametrize("layout,copies", [("a4_two_up", 2), ("a5", 1), ("thermal80", 1),
                                           ("a4", 1)])
def test_form01_codes_decode_at_200_dpi(store: Store, clock: FixedClock, dossiers: Dossiers,
                                        tmp_path: Path, layout: str, copies: int) -> None:
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout=layout)
        code = s.get(Dossier, dossiers.received).code
    img = pdf_pages_png(rendered.pdf, tmp_path, 200)[0]
    got = decode(img)
    assert got == sorted([("Code128", code)] * copies + [("QRCode", LOOKUP.format(code=code))]
                         * copies)


@pytest.mark.parametrize("form", ["02", "03", "04", "05", "06"])
def test_every_form_naming_a_dossier_carries_its_codes(store: Store, clock: FixedClock,
                                                       dossiers: Dossiers, tmp_path: Path,
                                                       form: str) -> None:
    dossier_id = {"02": dossiers.supplement, "03": dossiers.refused, "04": dossiers.extended,
                  "05": dossiers.stopped, "06": dossiers.extended}[form]
    with store.write() as s:  # a province that prints plain text in the QR
        commune = s.scalars(select(Commune)).one()
        commune.settings = {**commune.settings, "lookup_text": "Mã hồ sơ {code} - gọi 1022"}
    with store.read() as s:
        rendered = service.render_form(s, dossier_id, form, now=clock.now())
        code = s.get(Dossier, dossier_id).code
    assert decode(pdf_pages_png(rendered.pdf, tmp_path, 200)[0]) == [
        ("Code128", code), ("QRCode", f"Mã hồ sơ {code} - gọi 1022")]


def test_bars_are_vector_with_modules_of_at_least_0_3_mm(store: Store, clock: FixedClock,
                                                         dossiers: Dossiers) -> None:
    with store.read() as s:
        pdf = service.render_form(s, dossiers.received, "01", now=clock.now()).pdf
    assert b"/Subtype /Image" not in pdf  # nothing rasterised
    from desk_app.printing.templates import load_templates

    assert float(load_templates()["barcode"]["module_mm"]) >= 0.3


def test_code128_pattern_is_the_standard_one() -> None:
    # start B, "A", checksum, stop: well-known module widths
    assert code128_pattern("A").startswith("11010010000")  # START B
    assert code128_pattern("A").endswith("1100011101011")  # STOP


@pytest.mark.parametrize("text", [
    "https://dichvucong.hanoi.gov.vn/tra-cuu?ma=000.00.12.H26-261123-1001",
    "Mã hồ sơ 000.00.12.H26-261123-1001 - gọi 1022", "0" * 60 + "ABC DEF" * 5, "x",
    "000.00.12.H26-261123-1001", "https://dvc.example.vn/" + "a" * 300 + "1234567890" * 5,
])
def test_qr_codewords_are_qrcodes_own(text: str) -> None:
    """The fast codewords equal qrcode's create_data, and the matrix qrcode's own (mask 0)."""
    import qrcode
    from qrcode import util
    from qrcode.constants import ERROR_CORRECT_M

    from desk_app.printing.barcodes import qr_codewords, qr_matrix, qr_version

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    qr.add_data(text)
    qr.make(fit=True)
    assert qr_version(qr.data_list, ERROR_CORRECT_M) == qr.version
    assert qr_codewords(qr.version, ERROR_CORRECT_M, qr.data_list) == util.create_data(
        qr.version, ERROR_CORRECT_M, qr.data_list)
    qr_matrix.cache_clear()
    assert qr_matrix(text) == tuple(tuple(row) for row in qr.get_matrix())
