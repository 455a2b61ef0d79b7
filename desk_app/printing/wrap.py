"""Text measured and broken into lines: runs of styled text, words, widths.

:func:`wrap` breaks mixed-style text into lines no wider than a column, a word wider than the
whole column between letters; :data:`stringWidth` is reportlab's, cached. The layout engine
(:mod:`desk_app.printing.layout`) places the lines it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth as _string_width

from desk_app.printing.fonts import font_for

# Words recur from slip to slip (the forms' wording, common names): caching their widths
# halves the layout time of a slip.
stringWidth = lru_cache(maxsize=65536)(_string_width)

Run = tuple[str, str]  # (text, style) with style in "", "b", "i", "bi"
Text = str | Sequence[Run]
Line = list[tuple[float, str, str, float]]  # fragments: (x offset, text, font, size)


def runs_of(text: Text, style: str = "") -> list[Run]:
    if isinstance(text, str):
        return [(text, style)]
    return [(t, (s + style) if style and style not in s else s) for t, s in text]


def _tokens(runs: Sequence[Run]) -> list[tuple[str, str, bool]]:
    """Words and single spaces, each with its style; newlines become hard breaks ("\n")."""
    out: list[tuple[str, str, bool]] = []
    for text, style in runs:
        for i, para in enumerate(text.split("\n")):
            if i:
                out.append(("\n", style, False))
            word = ""
            for ch in para:
                if ch == " ":
                    if word:
                        out.append((word, style, False))
                        word = ""
                    out.append((" ", style, True))
                else:
                    word += ch
            if word:
                out.append((word, style, False))
    return out


def wrap(runs: Sequence[Run], width: float, size: float, first_indent: float = 0.0,
         indent: float = 0.0) -> list[tuple[float, Line]]:
    """Break ``runs`` into lines no wider than ``width``; returns (line width, fragments)."""
    lines: list[tuple[float, Line]] = []
    frags: Line = []
    x = first_indent
    start = first_indent
    pending_space = 0.0

    def flush() -> None:
        nonlocal frags, x, start, pending_space
        lines.append((x - start, frags))
        frags, x, start, pending_space = [], indent, indent, 0.0

    for tok, style, is_space in _tokens(runs):
        font = font_for(style)
        if tok == "\n":
            flush()
            continue
        if is_space:
            if frags:
                pending_space += stringWidth(" ", font, size)
            continue
        w = stringWidth(tok, font, size)
        if frags and x + pending_space + w > width:
            flush()
        elif frags:
            x += pending_space
        pending_space = 0.0
        while x + w > width:  # a word wider than the whole column: break between letters
            cut = _fit_chars(tok, font, size, width - x)
            piece = tok[:cut]
            frags.append((x, piece, font, size))
            x += stringWidth(piece, font, size)
            flush()
            tok = tok[cut:]
            w = stringWidth(tok, font, size)
        if tok:
            frags.append((x, tok, font, size))
            x += w
    if frags or not lines:
        lines.append((x - start, frags))
    return lines


def _fit_chars(word: str, font: str, size: float, room: float) -> int:
    n = 1
    while n < len(word) and stringWidth(word[: n + 1], font, size) <= room:
        n += 1
    return n
