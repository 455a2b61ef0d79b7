"""The embedded fonts survive Ghostscript, the converter of a default CUPS queue.

The CUPS tests (test_print_cups) print through real queues and need root; these run the same
Ghostscript conversion (cups-filters' pdftops with its default renderer, then a PostScript to PDF
step as cups-pdf does) on any machine with ``gs``, and check how the subsets are declared.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from desk_app.clock import FixedClock
from desk_app.printing import service
from desk_app.store.engine import Store
from tests.printing.conftest import LONG_ADDRESS, LONG_NAME, Dossiers, contains, pdf_text

# cups-filters 1.28 pdftops.c, renderer "gs" (the default): the PDF becomes PostScript
PDFTOPS_GS = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dNOMEDIAATTRS",
              "-sDEVICE=ps2write", "-dShowAcroForm", "-dLanguageLevel=3", "-r300",
              "-dCompressFonts=false", "-dNoT3CCITT", "-dNOINTERPOLATE"]
# cups-pdf 3.0 (and ps2pdf): the PostScript becomes a PDF again
PS_TO_PDF = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
             "-dCompatibilityLevel=1.4", "-dPDFSETTINGS=/prepress"]


def fonts_of(pdf: Path) -> list[DictionaryObject]:
    seen: dict[str, DictionaryObject] = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen[str(font["/BaseFont"]) + str(font["/Name"])] = font
    return list(seen.values())


def to_unicode(font: DictionaryObject) -> dict[int, int]:
    """code -> Unicode of a ToUnicode CMap (bfchar and bfrange entries)."""
    text = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    out: dict[int, int] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = int(uni, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, uni in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for k in range(int(lo, 16), int(hi, 16) + 1):
                out[k] = int(uni, 16) + k - int(lo, 16)
    return out


@pytest.fixture
def slip(store: Store, clock: FixedClock, dossiers: Dossiers, tmp_path: Path) -> Path:
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout="a5")
    path = tmp_path / "slip.pdf"
    path.write_bytes(rendered.pdf)
    return path


def test_subsets_are_non_symbolic_and_name_each_letter(slip: Path) -> None:
    """ISO 32000 9.6.6.4: a non-symbolic TrueType font with an /Encoding selects each glyph by
    its name's Unicode value in the font's (3,1) cmap; every reader does that first."""
    fonts = fonts_of(slip)
    assert len(fonts) >= 3  # regular, bold, italic
    for font in fonts:
        flags = int(font["/FontDescriptor"]["/Flags"])
        assert not flags & 4 and flags & 32, f"{font['/BaseFont']}: flags {flags}"
        names = list(font["/Encoding"]["/Differences"][1:])
        assert font["/Encoding"]["/Differences"][0] == 0
        named = 0
        for code, uni in to_unicode(font).items():
            if names[code] != "/.notdef":  # .notdef: a code with no glyph (U+0000, U+007F)
                assert names[code] == f"/uni{uni:04X}", (code, hex(uni), names[code])
                named += 1
        assert named > 40
    regular = next(f for f in fonts if str(f["/BaseFont"]).endswith("+LiberationSerif"))
    named = {str(n) for n in regular["/Encoding"]["/Differences"][1:]}
    assert {"/uni1EE6", "/uni0110", "/uni1ED5", "/uni00C2"} <= named  # Ủ Đ ổ Â


@pytest.mark.requires_poppler
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript is not installed")
def test_ghostscript_keeps_every_letter_and_every_shape(slip: Path, tmp_path: Path) -> None:
    ps, printed = tmp_path / "slip.ps", tmp_path / "printed.pdf"
    subprocess.run([*PDFTOPS_GS, f"-sOutputFile={ps}", "-c", "save pop", "-f", str(slip)],
                   check=True, timeout=120)
    subprocess.run([*PS_TO_PDF, f"-sOutputFile={printed}", str(ps)], check=True, timeout=120)
    text = pdf_text(printed, tmp_path)
    for expected in ("ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG", "Độc lập - Tự do - Hạnh phúc",
                     LONG_NAME, LONG_ADDRESS, "Đăng ký việc nuôi con nuôi trong nước"):
        assert contains(text, expected), expected
    # the same ink as the PDF that was sent: no letter lost, swapped or drawn as a box (names
    # on a symbolic font, the former embedding, moved 15% of the ink; rounding moves 0.1%)
    pages = []
    for pdf in (slip, printed):
        stem = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", str(pdf),
                        str(stem)], check=True)
        pages.append(Image.open(f"{stem}.png").convert("L"))
    sent, out = pages
    assert sent.size == out.size
    ink = sum(sent.histogram()[:128])
    moved = sum(ImageChops.difference(sent, out).histogram()[128:])
    assert ink > 10_000 and moved < ink / 100, (moved, ink)


def _one_line_pdf(text: str) -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from desk_app.printing.fonts import REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, initialFontName=REGULAR)
    c.setFont(REGULAR, 12)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.requires_poppler
def test_the_first_subset_is_the_same_in_every_document(tmp_path: Path) -> None:
    """Every Vietnamese letter takes its code up front, so the first subset (and its font
    program, built once per process) does not depend on what a document prints."""
    programs = []
    for i, text in enumerate(["Nguyễn Thị Hằng", "ĐỖ VĂN ỨNG, thôn Phù Dực"]):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(_one_line_pdf(text))
        (font,) = fonts_of(path)
        assert len(PdfReader(path).pages[0]["/Resources"]["/Font"]) == 1  # one subset
        programs.append(font["/FontDescriptor"]["/FontFile2"].get_object().get_data())
        assert contains(pdf_text(path, tmp_path), text)
    assert programs[0] == programs[1]


@pytest.mark.requires_poppler
def test_a_letter_outside_vietnamese_still_prints(tmp_path: Path) -> None:
    # more letters than the first subset has codes left after the fixed ones
    text = "Müller Ñuñez Łucja Øystein Åsa Çelik Ğül Şen Ździsław Æbelø Weiß - Trần Văn Ơn"
    path = tmp_path / "foreign.pdf"
    path.write_bytes(_one_line_pdf(text))
    assert len(PdfReader(path).pages[0]["/Resources"]["/Font"]) == 2  # a second subset
    assert contains(pdf_text(path, tmp_path), text)
    for font in fonts_of(path):
        flags = int(font["/FontDescriptor"]["/Flags"])
        assert not flags & 4 and flags & 32


class _Doc:
    """A stand-in document (reportlab keys a font's state by its document, weakly)."""


def test_the_fast_split_gives_reportlabs_codes() -> None:
    """Texts of fixed letters take their codes without reportlab's loop; any text, foreign
    letters and no-break spaces included, gets exactly the codes and subsets reportlab's own
    splitString gives."""
    import random

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from desk_app.printing import fonts

    fonts.register_fonts()
    pool = fonts.FIXED_CHARS + "abcxyz ABC0123456789.,;:-()/\xa0" + "ÑñŁłØøÅåÇçĞğŞş€"
    rng = random.Random(3)
    texts = ["", "Trần Văn Ơn"] + ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
                                   for _ in range(500)]
    for name in (fonts.REGULAR, fonts.BOLD):
        font = pdfmetrics.getFont(name)
        fast, own = _Doc(), _Doc()  # two documents
        TTFont.splitString(font, fonts.FIXED_CHARS, own)
        assert [font.splitString(t, fast) for t in texts] == \
            [TTFont.splitString(font, t, own) for t in texts]
        assert font.state[fast].subsets == font.state[own].subsets
