"""Registering the bundled Liberation Serif (Times New Roman metrics) with reportlab.

reportlab's built-in Times/Helvetica have no Vietnamese glyphs; Liberation Serif 2.x covers
every Vietnamese letter and is embedded (subset) in each PDF, so a slip prints the same on any
printer. Registration is process-wide and done once.

How the subsets are embedded is what lets a slip survive a print spooler. reportlab writes each
256-glyph subset as a *symbolic* TrueType font with no /Encoding and only a (1,0) "cmap" from
byte code to glyph. A default CUPS queue sends the PDF through Ghostscript (cups-filters'
pdftops, ``ps2write``): with such a font Ghostscript keeps the shapes but names the glyphs
``~gs~gName~0001``..., so a PDF printer or a PostScript printer's text loses every letter
outside ASCII; the earlier fix (uniXXXX names in an /Encoding, font still symbolic) was worse:
Ghostscript then looks each name up in a (3,1) Unicode cmap the subset did not have, and the
accented letters vanished from the paper itself. So each subset here is what PDF readers agree
on for a simple TrueType font (ISO 32000 9.6.6.4; Ghostscript, pdfium, poppler and Acrobat all
try it first): *non-symbolic*, an /Encoding /Differences naming every code ``uniXXXX``, and a
(3,1) cmap from those Unicode values to the subset's glyphs. Ghostscript then keeps the names
through PostScript and rebuilds the text from them; the ToUnicode map stays for direct viewers.

Building a subset (cutting the font program, compressing it, its widths, ToUnicode and
encoding) was a third of a slip's time, redone in every document. So every Vietnamese letter
and the punctuation the forms print get their codes up front, in one fixed order
(:data:`FIXED_CHARS`): the first subset of a face is then the same in every document, and its
PDF objects are formatted once per process and reused (:class:`_Frozen`). A letter outside that
set (a foreign name) still lands in a later subset, built for its document as before.
"""

from __future__ import annotations

import struct
import threading
import unicodedata
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    TTFontFace,
    TTFontMaker,
    makeToUnicodeCMap,
)

from desk_app.paths import resources_dir

FAMILY = "DeskSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic"
)
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
# style letters used by the layout engine: "" regular, "b" bold, "i" italic, "bi" both
STYLES = {"": REGULAR, "b": BOLD, "i": ITALIC, "bi": BOLD_ITALIC, "ib": BOLD_ITALIC}


def _vietnamese_letters() -> str:
    """The 134 precomposed Vietnamese letters beyond ASCII: vowels with their tone marks, đ."""
    bases = "aăâeêioôơuưy"
    letters = [unicodedata.normalize("NFC", b + tone) for b in bases
               for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")]
    lower = [ch for ch in letters if ord(ch) > 127] + ["đ"]
    return "".join(lower) + "".join(ch.upper() for ch in lower)


# Codes given up front in every document, in this order. reportlab's first subset keeps ASCII
# readable (codes 32-127) and has 159 other codes (1-31, 128-255): these fill at most that.
FIXED_CHARS = _vietnamese_letters() + "…–—“”‘’•°№×«»"
assert len(FIXED_CHARS) <= 159


class UnicodeTTFont(TTFont):
    """A TTFont whose subsets are non-symbolic, named ``uniXXXX`` and carry a (3,1) cmap; the
    first subset holds every Vietnamese letter, and a subset's objects are built once."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _UnicodeFace  # reportlab builds its face itself
        # (subset number, its characters, compressed) -> the subset's frozen PDF objects
        self._built: dict[tuple[int, tuple[int, ...], bool], _Subset] = {}
        self._fixed: dict[int, int] | None = None  # character -> code of FIXED_CHARS and ASCII

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        if doc not in self.state:  # a new document: the fixed characters take codes first
            super().splitString(FIXED_CHARS, doc)
            if self._fixed is None:  # the same codes in every document: keep them
                assigned = self.state[doc].assignments
                self._fixed = {cp: n for cp, n in assigned.items() if 0 < n < 256}
        # a text of ASCII and Vietnamese letters only (nearly all): its codes straight from
        # the fixed ones, without reportlab's loop over the characters
        fixed = self._fixed
        assert fixed is not None
        try:
            return [(0, bytes([fixed[cp] for cp in map(ord, text)]))] if text else []
        except KeyError:
            return super().splitString(text, doc, encoding)

    def _subset(self, n: int, subset: list[int], base_name: str, compressed: bool) -> _Subset:
        key = (n, tuple(subset), compressed)
        built = self._built.get(key)
        if built is None:
            if len(self._built) >= 64:  # later subsets vary with foreign names: keep a few
                self._built.clear()
            built = self._built[key] = _Subset(self.face, subset, base_name, compressed)
        return built

    def addObjects(self, doc: Any) -> None:
        """reportlab's own (ttfonts.TTFont.addObjects) with each subset's objects reused."""
        state = self._assignState(doc)
        state.frozen = 1
        fonts = doc.idToObject["BasicFonts"].dict
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", self.face.name,
                                  self.face.subfontNameX)).decode("pdfdoc")
            built = self._subset(n, subset, base_name, bool(doc.compression))
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Frozen(built.widths)
            font.Encoding = _RawObject(built.encoding)
            font.ToUnicode = doc.Reference(_FrozenStream(built.to_unicode),
                                           "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.descriptor(doc, base_name,
                                                       _FrozenStream(built.font_file))
            doc.Reference(font, internal)
            fonts[internal] = font


class _UnicodeFace(TTFontFace):
    def makeSubset(self, subset: list[int]) -> bytes:
        return with_unicode_cmap(super().makeSubset(subset), subset)

    def descriptor(self, doc: Any, base_name: str, font_file: _Frozen) -> Any:
        """reportlab's FontDescriptor (ttfonts.TTFontFace.addSubsetObjects), non-symbolic."""
        file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({base_name})")
        return doc.Reference(pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "Ascent": self.ascent, "CapHeight": self.capHeight,
            "Descent": self.descent, "Flags": (self.flags & ~FF_SYMBOLIC) | FF_NONSYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(self.bbox), "FontName": pdfdoc.PDFName(base_name),
            "ItalicAngle": self.italicAngle, "StemV": self.stemV, "FontFile2": file_ref,
            "MissingWidth": self.defaultWidth,
        }), "fontDescriptor:" + base_name)


class _Once:
    """A PDF object formatted once and reused in later documents (none is encrypted)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.data: bytes | None = None

    def format(self, document: Any) -> bytes:
        if not isinstance(document.encrypt, pdfdoc.NoEncryption):
            return bytes(self.inner.format(document))
        if self.data is None:
            self.data = bytes(self.inner.format(document))
        return self.data


class _Frozen(pdfdoc.PDFObject):
    """One document's use of a :class:`_Once` (a document marks the objects it registers)."""

    def __init__(self, once: _Once) -> None:
        self.once = once

    def format(self, document: Any) -> bytes:
        return self.once.format(document)


class _FrozenStream(_Frozen):
    __RefOnly__ = 1  # a stream is always an indirect object


class _Subset:
    """The PDF objects of one subset of a face that do not refer to other objects."""

    def __init__(self, face: _UnicodeFace, subset: list[int], base_name: str,
                 compressed: bool) -> None:
        filters = [pdfdoc.PDFZCompress] if compressed else None
        program = face.makeSubset(subset)
        font_file = pdfdoc.PDFStream(content=program, filters=filters)
        font_file.dictionary["Length1"] = len(program)
        self.font_file = _Once(font_file)
        self.to_unicode = _Once(pdfdoc.PDFStream(
            content=makeToUnicodeCMap(base_name, subset), filters=filters))
        self.widths = _Once(pdfdoc.PDFArray([face.getCharWidth(cp) for cp in subset]))
        self.encoding = _differences(glyph_names(subset, face.charToGlyph))


def glyph_name(cp: int) -> str:
    return f"uni{cp:04X}" if cp < 0x10000 else f"u{cp:X}"


def glyph_names(subset: list[int], char_to_glyph: dict[int, int]) -> list[str]:
    """The name of each code of a subset: ``uniXXXX`` of the first character drawn with that
    glyph (two characters sharing a glyph share a name, so the name always finds it)."""
    first: dict[int, str] = {}
    names = []
    for cp in subset:
        gid = char_to_glyph.get(cp, 0)
        names.append(first.setdefault(gid, glyph_name(cp)) if gid else ".notdef")
    return names


def _tables(font: bytes) -> dict[str, bytes]:
    count = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        out[tag.decode("latin-1")] = font[offset:offset + length]
    return out


def _format4(pairs: list[tuple[int, int]]) -> bytes:
    """A cmap format 4 subtable, one segment per character (a subset has at most 256)."""
    segs = [(cp, (gid - cp) & 0xFFFF) for cp, gid in pairs] + [(0xFFFF, 1)]
    n = len(segs)
    search = 2 * (1 << (n.bit_length() - 1))
    codes = [cp for cp, _ in segs]
    body = (struct.pack(f">{n}H", *codes) + b"\0\0" + struct.pack(f">{n}H", *codes)
            + struct.pack(f">{n}H", *(delta for _, delta in segs)) + b"\0\0" * n)
    return struct.pack(">7H", 4, 14 + len(body), 0, 2 * n, search, n.bit_length() - 1,
                       2 * n - search) + body


def with_unicode_cmap(font: bytes, subset: list[int]) -> bytes:
    """reportlab's subset with a (3,1) Unicode cmap beside its (1,0) code cmap."""
    tables = _tables(font)
    old = tables["cmap"]
    # reportlab's cmap: one (1,0) format 6 subtable at offset 12, codes 0..len(subset)-1
    _fmt, _len, _lang, first, count = struct.unpack_from(">5H", old, 12)
    gids = struct.unpack_from(f">{count}H", old, 22)
    code_table = old[12:22 + 2 * count]
    unicode_gid: dict[int, int] = {}
    for cp, gid in zip(subset[first:], gids, strict=False):
        if gid and cp < 0x10000:  # Liberation Serif has no glyph beyond the BMP
            unicode_gid.setdefault(cp, gid)
    unicode_table = _format4(sorted(unicode_gid.items()))
    tables["cmap"] = (struct.pack(">HH", 0, 2) + struct.pack(">HHL", 1, 0, 20)
                      + struct.pack(">HHL", 3, 1, 20 + len(code_table))
                      + code_table + unicode_table)
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, data)
    return maker.makeStream()


class _RawObject(pdfdoc.PDFObject):
    """Pre-formatted PDF bytes (256 PDFName objects per subset cost ~20% of a slip)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _differences(names: list[str]) -> bytes:
    return f"<< /Type /Encoding /Differences [ 0 /{' /'.join(names)} ] >>".encode("ascii")


_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register the four faces and the family (idempotent, thread-safe)."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        folder = resources_dir() / "fonts"
        for name, file in _FILES.items():
            pdfmetrics.registerFont(UnicodeTTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _done = True


def font_for(style: str) -> str:
    return STYLES[style]


def font_path(style: str) -> str:
    """The TTF file of a style letter ("", "b", "i", "bi"): for renderers other than
    reportlab (the ticket's raster image for an ESC/POS printer)."""
    return str(resources_dir() / "fonts" / _FILES[STYLES[style]])
