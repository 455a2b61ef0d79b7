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
"""

from __future__ import annotations

import struct
import threading
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, TTFontFace, TTFontMaker

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


class UnicodeTTFont(TTFont):
    """A TTFont whose subsets are non-symbolic, named ``uniXXXX`` and carry a (3,1) cmap."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _UnicodeFace  # reportlab builds its face itself

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        internal = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(internal, subsets, strict=False):
            fonts[name].Encoding = _RawObject(_differences(
                glyph_names(subset, self.face.charToGlyph)))


class _UnicodeFace(TTFontFace):
    def makeSubset(self, subset: list[int]) -> bytes:
        return with_unicode_cmap(super().makeSubset(subset), subset)

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        ref = super().addSubsetObjects(doc, fontname, subset)
        descriptor = doc.idToObject["fontDescriptor:" + fontname].dict
        descriptor["Flags"] = (descriptor["Flags"] & ~FF_SYMBOLIC) | FF_NONSYMBOLIC
        return ref


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
