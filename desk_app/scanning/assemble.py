"""Pages into one PDF per component: pure functions over a list of pages.

A :class:`Page` is one page as handed in: an image (JPEG or PNG: a scan, a photo, a file) or
one page of a PDF, with the quarter turns the clerk gave it. :func:`pages_of` splits a file
into pages (after :func:`desk_app.scanning.content.inspect`); :func:`edit`, :func:`move`,
:func:`rotate` and :func:`delete` return a new list (the thumbnail strip of the GUI calls
them and keeps nothing else); :func:`assemble` makes the PDF.

How a page is put in the PDF (img2pdf, one page at a time, joined with pypdf):

* an image is brought to the chosen mode (``gray``, ``bw`` black-and-white, or ``color``)
  and, when scanned finer than the chosen resolution, down to it (default 200 dpi);
* a JPEG, or a plain PNG (not interlaced, no transparency: what scanners write), that already
  has that mode and resolution goes in **as it is**: img2pdf embeds the JPEG stream or the
  PNG's compressed data without decoding it, so nothing is lost; a JPEG that must change is
  re-encoded as JPEG (it was lossy already); a PNG stays lossless (PNG, 1-bit for
  black-and-white);
* a PDF page is copied as it is (vector text stays text; the mode does not apply);
* a turn is the page's ``/Rotate``: the picture itself is never re-encoded to turn it.

The same pages with the same choices give the same bytes (no creation date is written), so a
document saved twice is one file (:mod:`desk_app.scanning.files`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from desk_app.errors import FieldError, ValidationError
from desk_app.scanning.content import DEFAULT_LIMITS, JPEG, PDF, PNG, Limits, as_page, inspect

log = logging.getLogger(__name__)

MODES = ("gray", "bw", "color")
DEFAULT_DPI = 200
DPI_RANGE = (75, 600)
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Page:
    data: bytes  # the whole file the page comes from
    kind: str  # jpeg | png | pdf
    index: int = 0  # the page within a PDF
    rotation: int = 0  # clockwise quarter turns in degrees: 0, 90, 180, 270


@dataclass(frozen=True)
class Assembled:
    pdf: bytes
    pages: int
    page_info: list[dict[str, object]]  # per page: kind, rotation, kept (lossless as is)


def pages_of(data: bytes, limits: Limits = DEFAULT_LIMITS, field: str = "file") -> list[Page]:
    """A file's pages, once it is checked (:func:`inspect` raises on anything else)."""
    found = inspect(data, limits, field)
    return [Page(data, found.kind, i) for i in range(found.pages)]


def rotate(pages: Sequence[Page], i: int, degrees: int) -> list[Page]:
    """Page ``i`` turned by ``degrees`` (a multiple of 90, clockwise) more."""
    if degrees % 90:
        raise ValueError("quarter turns only")
    out = list(pages)
    out[i] = replace(out[i], rotation=(out[i].rotation + degrees) % 360)
    return out


def move(pages: Sequence[Page], src: int, dst: int) -> list[Page]:
    """Page ``src`` taken out and put at ``dst`` (the strip's drag and drop)."""
    out = list(pages)
    out.insert(dst, out.pop(src))
    return out


def delete(pages: Sequence[Page], i: int) -> list[Page]:
    return [p for k, p in enumerate(pages) if k != i]


def edit(pages: Sequence[Page], order: Sequence[int],
         turns: Mapping[int, int] | None = None) -> list[Page]:
    """The pages in ``order`` (indexes into ``pages``; one left out is deleted), each turned
    by ``turns[index]`` degrees more."""
    if len(set(order)) != len(order) or any(not 0 <= i < len(pages) for i in order):
        raise ValueError(f"bad order {list(order)} for {len(pages)} pages")
    out = []
    for i in order:
        p = pages[i]
        extra = (turns or {}).get(i, 0)
        if extra % 90:
            raise ValueError("quarter turns only")
        out.append(replace(p, rotation=(p.rotation + extra) % 360))
    return out


def check_choice(mode: str, dpi: int) -> None:
    errors = []
    if mode not in MODES:
        errors.append(FieldError("mode", "bad_choice"))
    if not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        errors.append(FieldError("dpi", "out_of_range", {"min": DPI_RANGE[0], "max": DPI_RANGE[1]}))
    if errors:
        raise ValidationError(errors)


def assemble(pages: Sequence[Page], mode: str = "gray", dpi: int = DEFAULT_DPI) -> Assembled:
    """One PDF of ``pages`` in their order (see the module)."""
    from pypdf import PdfReader, PdfWriter

    check_choice(mode, dpi)
    if not pages:
        raise ValidationError([FieldError("pages", "required")])
    writer = PdfWriter()
    info: list[dict[str, object]] = []
    readers: dict[int, PdfReader] = {}
    for n, page in enumerate(pages, 1):
        try:
            if page.kind == PDF:
                reader = readers.get(id(page.data))
                if reader is None:
                    reader = readers[id(page.data)] = PdfReader(io.BytesIO(page.data))
                source, kept = as_page(reader.pages[page.index]), True
            else:
                one, kept = _image_pdf(page, mode, dpi)
                source = PdfReader(io.BytesIO(one)).pages[0]
            added = writer.add_page(source)
            if page.rotation:
                added.rotate(page.rotation)
        except Exception as exc:  # a file's parsers raise anything (img2pdf: a bare
            # Exception): the save is refused at the page, the dialog keeps the pages
            log.warning("page %d cannot be made: %r", n, exc)
            raise ValidationError([FieldError("pages", "scan_page_damaged", {"page": n})]) \
                from exc
        info.append({"kind": page.kind, "rotation": page.rotation, "kept": kept})
    out = io.BytesIO()
    writer.write(out)
    return Assembled(out.getvalue(), len(pages), info)


def _image_pdf(page: Page, mode: str, dpi: int) -> tuple[bytes, bool]:
    """A one-page PDF of an image page; True when the image went in unchanged."""
    import img2pdf
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(page.data)) as img:
        raw_dpi = img.info.get("dpi")
        src_dpi = float(raw_dpi[0]) if raw_dpi and raw_dpi[0] and raw_dpi[0] > 1 else float(dpi)
        want = {"gray": ("L",), "bw": ("1",), "color": ("RGB", "L")}[mode]
        finer = src_dpi > dpi * 1.05
        plain_png = (page.kind == PNG and img.info.get("interlace", 0) == 0
                     and "transparency" not in img.info)
        # a phone's JPEG stored sideways says how to turn it (EXIF): img2pdf makes a quarter
        # turn the page's /Rotate; a mirrored one (2, 4, 5, 7) is turned here, re-encoded
        turn = img.getexif().get(0x0112, 1) if page.kind == JPEG else 1
        if (page.kind == JPEG or plain_png) and img.mode in want and not finer \
                and turn in (1, 3, 6, 8):
            # img2pdf copies a JPEG's bytes, and a plain PNG's compressed data, into the PDF
            # (no decoding): a scanner's page goes in as it came, and 5 A4 pages save in
            # ~0.1 s less than decoded and encoded again (bench/figures/scans.py)
            layout = img2pdf.get_fixed_dpi_layout_fun((src_dpi, src_dpi))
            try:
                return img2pdf.convert(page.data, layout_fun=layout, nodate=True), True
            except Exception:  # img2pdf's own reader is stricter than Pillow's (a PNG
                pass  # with bytes after its end): decoded and put in, as below
        img.load()
        work: Image.Image = img
        if turn != 1:
            work = ImageOps.exif_transpose(work)
        if work.mode.startswith("I"):  # 16-bit grey: Pillow's convert would clip it to white
            work = work.convert("I").point(lambda v: v / 256).convert("L")
        if finer:
            size = (max(1, round(work.width * dpi / src_dpi)),
                    max(1, round(work.height * dpi / src_dpi)))
            work = work.convert("RGB" if mode == "color" else "L").resize(size, Image.Resampling.LANCZOS)
        out_dpi = float(dpi) if finer else src_dpi
        if mode == "gray":
            work = work.convert("L")
        elif mode == "bw":
            work = work.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")
        elif work.mode not in ("RGB", "L"):
            work = work.convert("RGB")
        buf = io.BytesIO()
        if page.kind == JPEG and mode != "bw":
            work.save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(out_dpi, out_dpi))
        else:
            work.save(buf, "PNG", dpi=(out_dpi, out_dpi))
    layout = img2pdf.get_fixed_dpi_layout_fun((out_dpi, out_dpi))
    return img2pdf.convert(buf.getvalue(), layout_fun=layout, nodate=True), False
