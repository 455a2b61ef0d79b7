"""What is accepted (by content, not name), and pages into one PDF: lossless JPEGs, turns,
order, deletions, grey and black-and-white, resolution."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desk_app.errors import ValidationError
from desk_app.scanning import assemble as asm
from desk_app.scanning.content import Limits, inspect
from tests.scanning.conftest import picture, two_page_pdf


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e.code for e in exc.value.errors]


def test_jpeg_png_pdf_are_accepted_by_content() -> None:
    assert inspect(picture("JPEG")).kind == "jpeg"
    assert inspect(picture("PNG")).kind == "png"
    found = inspect(two_page_pdf())
    assert (found.kind, found.pages) == ("pdf", 2)


@pytest.mark.parametrize("data", [
    b"Xin chao, day la mot tep van ban",  # text named .pdf
    b"GIF89a" + b"\x00" * 100,  # a GIF: an image, not one of ours
    b"PK\x03\x04" + b"\x00" * 100,  # a .docx (zip)
    b"",
])
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        inspect(data)
    assert _codes(exc) == ["scan_not_document"]


@pytest.mark.parametrize("make", [lambda: picture("JPEG")[:-400], lambda: picture("PNG")[:300],
                                  lambda: two_page_pdf()[:-60],
                                  lambda: b"\xff\xd8\xff" + b"\x00" * 500])
def test_a_cut_or_fake_file_is_damaged(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        inspect(make())
    assert _codes(exc) == ["scan_damaged"]


def test_limits_of_a_file_and_its_pixels() -> None:
    with pytest.raises(ValidationError) as exc:
        inspect(picture("PNG"), Limits(file_bytes=100))
    assert _codes(exc) == ["scan_file_too_large"]
    with pytest.raises(ValidationError) as exc:  # 400 x 566 = 226,400 pixels
        inspect(picture("PNG"), Limits(page_pixels=200_000))
    assert _codes(exc) == ["scan_page_too_many_pixels"]


def test_a_grey_jpeg_at_the_chosen_resolution_goes_in_as_it_is() -> None:
    jpg = picture("JPEG")  # greyscale, 200 dpi
    made = asm.assemble(asm.pages_of(jpg), "gray", 200)
    assert jpg in made.pdf  # the JPEG stream itself: nothing decoded, nothing lost
    page = PdfReader(io.BytesIO(made.pdf)).pages[0]
    # 400 x 566 pixels at 200 dpi = 144 x 203.76 points
    assert [round(float(v), 2) for v in page.mediabox] == [0, 0, 144.0, 203.76]
    assert made.page_info == [{"kind": "jpeg", "rotation": 0, "kept": True}]
    # the same pages again: the same bytes (one file on disk)
    assert asm.assemble(asm.pages_of(jpg), "gray", 200).pdf == made.pdf


def test_a_scanners_grey_png_goes_in_undecoded_and_lossless() -> None:
    png = picture("PNG")  # greyscale, 200 dpi, not interlaced: as scanimage writes it
    made = asm.assemble(asm.pages_of(png), "gray", 200)
    assert made.page_info == [{"kind": "png", "rotation": 0, "kept": True}]
    image = PdfReader(io.BytesIO(made.pdf)).pages[0].images[0].image
    from PIL import Image
    with Image.open(io.BytesIO(png)) as original:
        assert image is not None and image.mode == "L"
        assert image.tobytes() == original.tobytes()  # every pixel as scanned
    # one with transparency cannot go in as it is: flattened, still grey
    rgba = picture("PNG", mode="RGBA")
    assert asm.assemble(asm.pages_of(rgba), "gray", 200).page_info[0]["kept"] is False


def test_colour_finer_scan_is_brought_to_grey_at_200_dpi() -> None:
    jpg = picture("JPEG", (600, 849), mode="RGB", dpi=300)
    made = asm.assemble(asm.pages_of(jpg), "gray", 200)
    assert jpg not in made.pdf and made.page_info[0]["kept"] is False
    page = PdfReader(io.BytesIO(made.pdf)).pages[0]
    # 600 x 849 at 300 dpi -> 400 x 566 at 200 dpi: the same paper, 144 x 203.76 points
    assert [round(float(v), 2) for v in page.mediabox] == [0, 0, 144.0, 203.76]
    image = page.images[0].image
    assert image is not None and image.mode == "L" and image.size == (400, 566)


def test_black_and_white_is_one_bit() -> None:
    made = asm.assemble(asm.pages_of(picture("PNG")), "bw", 200)
    image = PdfReader(io.BytesIO(made.pdf)).pages[0].images[0].image
    assert image is not None and image.mode == "1"


def test_order_turns_and_deletions_before_saving() -> None:
    a, b = picture("PNG", (200, 300)), picture("PNG", (300, 200))
    pages = [*asm.pages_of(a), *asm.pages_of(two_page_pdf()), *asm.pages_of(b)]
    assert [p.kind for p in pages] == ["png", "pdf", "pdf", "png"]
    # the strip: delete the PDF's second page, put b first, turn a a quarter clockwise
    edited = asm.edit(pages, [3, 0, 1], {0: 90})
    assert [(p.data, p.rotation) for p in edited] == [(b, 0), (a, 90), (pages[1].data, 0)]
    assert asm.rotate(asm.move(asm.delete(pages, 2), 2, 0), 1, 270)[1].rotation == 270
    made = asm.assemble(edited, "gray", 200)
    reader = PdfReader(io.BytesIO(made.pdf))
    assert made.pages == len(reader.pages) == 3
    assert [p.get("/Rotate", 0) for p in reader.pages] == [0, 90, 0]
    # b is 300 x 200 px = 108 x 72 pt; a 200 x 300 = 72 x 108 (turned by /Rotate only)
    assert [round(float(p.mediabox.width)) for p in reader.pages][:2] == [108, 72]
    with pytest.raises(ValueError):
        asm.edit(pages, [0, 0])


def test_bad_mode_or_resolution() -> None:
    with pytest.raises(ValidationError) as exc:
        asm.assemble(asm.pages_of(picture("PNG")), "sepia", 1200)
    assert {e.field for e in exc.value.errors} == {"mode", "dpi"}
