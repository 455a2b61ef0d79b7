"""Files a clerk really hands in that are not the scanner's plain 8-bit pages: a 16-bit grey
PNG (scanners' "16-bit grey" setting, SANE ``--depth 16``) and phone photos whose JPEG is
stored sideways with an EXIF orientation. Each becomes the page the clerk saw, in every
mode; none breaks the save."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from pypdf import PdfReader

from desk_app.errors import ValidationError
from desk_app.scanning import assemble as asm
from tests.scanning.conftest import picture


def _png_grey16(w: int, h: int, left: int, right: int = 65535) -> bytes:
    """A 16-bit greyscale PNG written by hand (as a scanner writes one): the left half's
    samples ``left`` of 65535, the right half's ``right`` (white by default)."""
    row = struct.pack(">H", left) * (w // 2) + struct.pack(">H", right) * (w - w // 2)
    raw = b"".join(b"\x00" + row for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    ppm = round(200 / 0.0254)  # 200 dpi in pixels per metre
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _first_image(pdf: bytes) -> Image.Image:
    image = PdfReader(io.BytesIO(pdf)).pages[0].images[0].image
    assert image is not None
    return image


@pytest.mark.parametrize("mode", ["gray", "color"])
def test_a_16_bit_grey_png_keeps_its_greys(mode: str) -> None:
    # 30000 of 65535 is a mid grey: 30000 / 65535 * 255 = 116.7, not white
    png = _png_grey16(100, 140, 30000)
    made = asm.assemble(asm.pages_of(png), mode, 200)
    image = _first_image(made.pdf).convert("L")
    assert image.size == (100, 140)
    assert 112 <= image.getpixel((25, 70)) <= 121  # type: ignore[operator]
    assert image.getpixel((75, 70)) == 255


def test_a_16_bit_grey_png_in_black_and_white_is_not_blank() -> None:
    # 20000 of 65535 (78 of 255) is below the half: black in black-and-white
    made = asm.assemble(asm.pages_of(_png_grey16(100, 140, 20000)), "bw", 200)
    image = _first_image(made.pdf).convert("L")
    assert (image.getpixel((25, 70)), image.getpixel((75, 70))) == (0, 255)


def _photo(orientation: int) -> bytes:
    """A phone photo stored 400 wide and 200 high, the left half black; its EXIF says how
    it is to be turned to be seen upright."""
    img = Image.new("RGB", (400, 200), "white")
    img.paste((0, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), dpi=(200, 200), quality=95)
    return buf.getvalue()


def _seen(pdf: bytes) -> tuple[float, float]:
    """The page's width and height as a viewer shows it (its /Rotate applied)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    return (h, w) if int(page.get("/Rotate", 0)) % 180 else (w, h)


@pytest.mark.parametrize("mode", ["gray", "bw", "color"])
@pytest.mark.parametrize("orientation", [6, 8, 5, 7])
def test_a_photo_turned_by_exif_is_upright_in_every_mode(mode: str, orientation: int) -> None:
    # stored 400 x 200 pixels at 200 dpi (144 x 72 points); orientations 5 to 8 turn it a
    # quarter (5 and 7 also mirror it): seen 72 x 144 points, upright
    made = asm.assemble(asm.pages_of(_photo(orientation)), mode, 200)
    assert [round(v) for v in _seen(made.pdf)] == [72, 144]
    # a turn the clerk adds is on top of it (what the strip shows, turned once more)
    turned = asm.assemble(asm.rotate(asm.pages_of(_photo(orientation)), 0, 90), mode, 200)
    assert [round(v) for v in _seen(turned.pdf)] == [144, 72]


@pytest.mark.parametrize("mode", ["gray", "color"])
@pytest.mark.parametrize("orientation", [2, 4])
def test_a_mirrored_photo_saves(mode: str, orientation: int) -> None:
    # 2 and 4 mirror without a quarter turn: still 144 x 72 points, and saved, not a crash
    made = asm.assemble(asm.pages_of(_photo(orientation)), mode, 200)
    assert [round(v) for v in _seen(made.pdf)] == [144, 72]


# -- files that pass a first look but broke the save ------------------------------------------

def _pdf(objs: list[bytes]) -> bytes:
    """A PDF of the objects given (1: the catalogue), with a right cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)


HEAD = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]


def test_a_png_with_bytes_after_its_end_saves() -> None:
    # some phones and editors write data after IEND: Pillow reads it, img2pdf's own PNG
    # reader refused it and the save raised
    png = picture("PNG") + b"trailer data of a phone"
    made = asm.assemble(asm.pages_of(png), "gray", 200)
    with Image.open(io.BytesIO(png)) as original:
        assert _first_image(made.pdf).tobytes() == original.tobytes()  # lossless still


def test_a_pdf_page_without_its_type_saves() -> None:
    # /Type /Page left out (sloppy generators do): viewers show it, pypdf's writer refused it
    data = _pdf([*HEAD, b"<< /Parent 2 0 R /MediaBox [0 0 612 792] >>"])
    made = asm.assemble(asm.pages_of(data), "gray", 200)
    page = PdfReader(io.BytesIO(made.pdf)).pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]


def test_a_pdf_with_a_damaged_picture_is_refused_when_handed_in() -> None:
    # the page reads, its picture (read only when copied) is cut: refused at once, by name,
    # not at the save
    data = _pdf([*HEAD, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                        b"/Resources << /XObject << /Im0 4 0 R >> >> >>",
                 b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length 4 >>\n"
                 b"stream\nabcdXYZ"])
    with pytest.raises(ValidationError) as exc:
        asm.pages_of(data)
    assert [e.code for e in exc.value.errors] == ["scan_damaged"]


def test_a_page_that_cannot_be_made_is_refused_at_save_naming_it() -> None:
    # whatever a page holds, the save is refused with the page's number, never a crash
    good = asm.pages_of(picture("PNG"))[0]
    bad = asm.Page(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "png")
    with pytest.raises(ValidationError) as exc:
        asm.assemble([good, bad], "gray", 200)
    assert [(e.code, e.params["page"]) for e in exc.value.errors] == [("scan_page_damaged", 2)]
