"""Which characters the desk can both show and print: the glyphs of the bundled fonts.

A citizen's name, address or a reason typed at the counter is shown in the interface (Noto Sans,
:mod:`desk_app.gui.fonts`) and printed on forms 01-07 in the four Liberation Serif faces
(:mod:`desk_app.printing.fonts`; a field may be set regular, bold or italic depending on the
form's template). A character missing from one of those faces is a box on screen or a hole on
paper, so the rule is: after NFC normalisation, a character is acceptable when every one of
those eight faces has a glyph for it. That is the intersection of their character maps (about
2,060 characters: Latin with every Vietnamese letter, Greek, Cyrillic, common punctuation and
currency signs such as ₫; no emoji, no arrows or maths symbols, which Noto Sans lacks).

Control characters (tab, new line, NUL...) are not judged here: the text rules
(:func:`desk_app.core.text.nfc`) deal with them. The character maps are read once per
process (about 0.1 s for the eight files) and kept.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

from desk_app.paths import resources_dir

FORM_FACES = (
    "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
)
UI_FACES = (
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
)

_lock = threading.Lock()
_charset: frozenset[int] | None = None


def font_codepoints(path: Path) -> frozenset[int]:
    """The code points a TrueType font maps to a glyph (its cmap)."""
    return frozenset(c for c, glyph in TTFontFile(str(path)).charToGlyph.items() if glyph)


def desk_charset() -> frozenset[int]:
    """The code points every form face and every interface face can draw (read once)."""
    global _charset
    if _charset is None:
        with _lock:
            if _charset is None:
                folder = resources_dir() / "fonts"
                sets = [font_codepoints(folder / name) for name in FORM_FACES + UI_FACES]
                _charset = frozenset.intersection(*sets)
    return _charset


def unprintable(text: str, charset: frozenset[int] | None = None) -> list[str]:
    """The distinct characters of ``text`` (NFC) the fonts cannot draw, in order of appearance."""
    covered = desk_charset() if charset is None else charset
    bad: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) in covered or ch in bad or unicodedata.category(ch) == "Cc":
            continue
        bad.append(ch)
    return bad
