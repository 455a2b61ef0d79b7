"""Registering the bundled Liberation Serif (Times New Roman metrics) with reportlab.

reportlab's built-in Times/Helvetica have no Vietnamese glyphs; Liberation Serif 2.x covers
every Vietnamese letter and is embedded (subset) in each PDF, so a slip prints the same on any
printer. Registration is process-wide and done once.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
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
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _done = True


def font_for(style: str) -> str:
    return STYLES[style]
