"""What the desk accepts as a document: JPEG, PNG or PDF, told by content, never by name.

A file is first recognised by its leading bytes (JPEG ``FF D8 FF``, PNG's eight-byte
signature, PDF ``%PDF-``), then really parsed: Pillow decodes the whole image (a cut JPEG or
PNG fails here: a half-written file from the scanner's folder is not taken), pypdf reads every
page of a PDF that ends with ``%%EOF``. Anything else is refused with a field code the GUI
words (``desk_app/gui/scan_words.py``).

:class:`Limits` bounds a page (bytes, pixels: a decompression bomb is refused before it is
decoded), a component and a dossier (bytes and pages).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.errors import FieldError, ValidationError

if TYPE_CHECKING:
    from pypdf import PageObject

MB = 1024 * 1024
JPEG, PNG, PDF = "jpeg", "png", "pdf"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Limits:
    """Upper bounds; the defaults fit a commune's dossiers (an ID card copy is one page of
    100-300 kB at 200 dpi greyscale; a land dossier may reach a few dozen pages)."""

    file_bytes: int = 25 * MB  # one file handed in (a PDF may hold several pages)
    page_pixels: int = 60_000_000  # A3 at 600 dpi in colour is 70 M; A4 at 600 dpi 35 M
    component_bytes: int = 30 * MB
    component_pages: int = 100
    dossier_bytes: int = 200 * MB
    dossier_pages: int = 500


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Inspected:
    kind: str  # jpeg | png | pdf
    pages: int
    size: int


def sniff(data: bytes) -> str | None:
    """The kind the leading bytes announce, or None."""
    if data[:3] == b"\xff\xd8\xff":
        return JPEG
    if data[:8] == PNG_MAGIC:
        return PNG
    if data[:5] == b"%PDF-":
        return PDF
    return None


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS, field: str = "file") -> bytes:
    """A file's bytes, refused (``scan_file_too_large``) by its size before it is read: a
    video dropped by mistake is never read whole into memory. Raises :class:`OSError` as
    reading does."""
    too_large = ValidationError([FieldError(field, "scan_file_too_large",
                                            {"limit": limits.file_bytes // MB})])
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size > limits.file_bytes:
            raise too_large
        data = fh.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:  # it grew while read
        raise too_large
    return data


def inspect(data: bytes, limits: Limits = DEFAULT_LIMITS, field: str = "file") -> Inspected:
    """Check one file handed in; raises :class:`ValidationError` with ``scan_not_document``
    (not JPEG/PNG/PDF), ``scan_damaged`` (looks like one, does not parse: cut, corrupt),
    ``scan_pdf_encrypted``, ``scan_file_too_large`` or ``scan_page_too_many_pixels``."""
    if len(data) > limits.file_bytes:
        raise ValidationError([FieldError(field, "scan_file_too_large",
                                          {"limit": limits.file_bytes // MB})])
    kind = sniff(data)
    if kind is None:
        raise ValidationError([FieldError(field, "scan_not_document")])
    if kind == PDF:
        return Inspected(PDF, pdf_pages(data, field), len(data))
    check_image(data, kind, limits, field)
    return Inspected(kind, 1, len(data))


def check_image(data: bytes, kind: str, limits: Limits, field: str = "file") -> None:
    from PIL import Image  # not at start-up

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != kind.upper():
                raise ValidationError([FieldError(field, "scan_not_document")])
            if img.width * img.height > limits.page_pixels:
                raise ValidationError([FieldError(field, "scan_page_too_many_pixels",
                                                  {"mp": limits.page_pixels // 1_000_000})])
            img.load()  # the whole image: a cut file fails here
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError([FieldError(field, "scan_damaged", {"why": str(exc)[:120]})]) \
            from exc


def pdf_pages(data: bytes, field: str = "file") -> int:
    """The number of pages of a complete, readable, unencrypted PDF."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    if b"%%EOF" not in data[-2048:]:  # cut short (still being written, or truncated)
        raise ValidationError([FieldError(field, "scan_damaged", {"why": "no %%EOF"})])
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError([FieldError(field, "scan_pdf_encrypted")])
        n = len(reader.pages)
        writer = PdfWriter()
        for page in reader.pages:
            page.mediabox  # noqa: B018 - every page object really resolves
            writer.add_page(as_page(page))
        writer.write(io.BytesIO())  # copied as the save copies it: what a page names is read
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError([FieldError(field, "scan_damaged", {"why": str(exc)[:120]})]) \
            from exc
    if n == 0:
        raise ValidationError([FieldError(field, "scan_damaged", {"why": "no page"})])
    return n


def as_page(page: PageObject) -> PageObject:
    """``page`` marked ``/Type /Page`` (sloppy generators leave it out; viewers show such a
    page, pypdf's writer refuses it)."""
    from pypdf.generic import NameObject

    if page.get("/Type") != "/Page":
        page[NameObject("/Type")] = NameObject("/Page")
    return page


def check_component(pages: int, size: int, limits: Limits, field: str = "pages") -> None:
    """One component's assembled document against the limits."""
    errors = []
    if pages > limits.component_pages:
        errors.append(FieldError(field, "scan_too_many_pages",
                                 {"pages": pages, "max": limits.component_pages}))
    if size > limits.component_bytes:
        errors.append(FieldError(field, "scan_component_too_large",
                                 {"mb": round(size / MB, 1), "limit": limits.component_bytes // MB}))
    if errors:
        raise ValidationError(errors)


def check_dossier(pages: int, size: int, limits: Limits, field: str = "pages") -> None:
    """Every document of a dossier (the new one included) against the limits."""
    errors = []
    if pages > limits.dossier_pages:
        errors.append(FieldError(field, "scan_dossier_too_many_pages",
                                 {"pages": pages, "max": limits.dossier_pages}))
    if size > limits.dossier_bytes:
        errors.append(FieldError(field, "scan_dossier_too_large",
                                 {"mb": round(size / MB, 1), "limit": limits.dossier_bytes // MB}))
    if errors:
        raise ValidationError(errors)
