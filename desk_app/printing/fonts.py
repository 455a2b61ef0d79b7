"""Registering the bundled Liberation Serif (Times New Roman metrics) with reportlab.

reportlab's built-in Times/Helvetica have no Vietnamese glyphs; Liberation Serif 2.x covers
every Vietnamese letter and is embedded (subset) in each PDF, so a slip prints the same on any
printer. Registration is process-wide and done once.
"""

from __future__ import annotations

import threading

from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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



class NamedTTFont(TTFont):
    """A TTFont whose PDF subsets carry an /Encoding with ``uniXXXX`` glyph names.

    reportlab embeds 256-glyph subsets with arbitrary codes, a ToUnicode map and no glyph
    names. A print spooler that converts the PDF to PostScript (CUPS's pdftops filter) drops
    the ToUnicode map and names the glyphs ``c01``, ``c02``...; the printed or PDF-printer
    output then loses every Vietnamese letter for search and copy. With names in the encoding
    the PostScript glyphs are ``uni1EA0``..., from which Ghostscript rebuilds the text. Fonts
    stay symbolic, so viewers still pick glyphs by code and rendering is unchanged.
    """

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets):
            fonts[name].Encoding = _RawObject(_differences(tuple(subset)))


class _RawObject(pdfdoc.PDFObject):
    """Pre-formatted PDF bytes (256 PDFName objects per subset cost ~20% of a slip)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _differences(subset: tuple[int, ...]) -> bytes:
    names = " ".join(f"/uni{c:04X}" if c < 0x10000 else f"/u{c:X}" for c in subset)
    return f"<< /Type /Encoding /Differences [ 0 {names} ] >>".encode("ascii")


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
            pdfmetrics.registerFont(NamedTTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _done = True


def font_for(style: str) -> str:
    return STYLES[style]
