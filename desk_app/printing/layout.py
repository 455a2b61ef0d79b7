"""A small layout engine: wrapped mixed-style text, columns, tables, codes, page breaks.

Layout and painting are separate. :class:`Layout` flows content into frames of a fixed content
size (or one frame of unlimited height, for receipt rolls), recording drawing operations with
``y`` measured down from the frame's top. :func:`paint` then places frames on sheets: one
frame per A4 page, two A5 frames side by side on an A4 landscape sheet, or a receipt whose
height is whatever the content needed. Nothing is ever clipped: a word wider than its column
is broken between letters, a paragraph or table that does not fit continues in the next frame
(table headers repeat).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth as _string_width
from reportlab.pdfgen.canvas import Canvas

from desk_app.printing.barcodes import Code128Bars, QrSquare
from desk_app.printing.fonts import font_for

# Words recur from slip to slip (the forms' wording, common names): caching their widths
# halves the layout time of a slip.
stringWidth = lru_cache(maxsize=65536)(_string_width)

Run = tuple[str, str]  # (text, style) with style in "", "b", "i", "bi"
Text = str | Sequence[Run]
Op = tuple[Any, ...]
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


@dataclass
class Para:
    """A paragraph to place: text, size, alignment and indents (in points)."""

    text: Text
    size: float = 12.0
    align: str = "left"  # left | center | right
    style: str = ""
    indent: float = 0.0  # left indent of every line after the first
    first_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    leading: float = 1.22


@dataclass
class Cell:
    text: Text
    align: str = "left"
    style: str = ""


@dataclass
class Table:
    widths: list[float]  # fractions of the available width, or points if sum > 1.5
    header: list[Cell] | None
    rows: list[list[Cell]]
    size: float = 11.0
    pad: float = 3.0
    header_style: str = "b"


@dataclass
class Layout:
    """Content flowing into frames of ``width`` x ``height`` points (height None = unlimited)."""

    width: float
    height: float | None
    frames: list[list[Op]] = field(default_factory=lambda: [[]])
    y: float = 0.0

    @property
    def ops(self) -> list[Op]:
        return self.frames[-1]

    def room(self) -> float:
        return float("inf") if self.height is None else self.height - self.y

    def new_frame(self) -> None:
        self.frames.append([])
        self.y = 0.0

    def need(self, h: float) -> None:
        """Start a new frame unless ``h`` points still fit (an empty frame always takes it)."""
        if h > self.room() and self.y > 0:
            self.new_frame()

    def space(self, h: float) -> None:
        self.y = self.y + h if h < self.room() else (self.height or self.y + h)

    # -- paragraphs -------------------------------------------------------------------------

    def _lines(self, p: Para, width: float) -> list[tuple[float, Line]]:
        return wrap(runs_of(p.text, p.style), width - 0.01, p.size, p.first_indent, p.indent)

    def para_height(self, p: Para, width: float | None = None) -> float:
        n = len(self._lines(p, width or self.width))
        return p.space_before + n * p.size * p.leading + p.space_after

    def para(self, p: Para, *, x: float = 0.0, width: float | None = None) -> None:
        """Flow a paragraph at the cursor, breaking to a new frame between lines if needed."""
        w = width or self.width
        self.y += p.space_before
        lh = p.size * p.leading
        for lw, frags in self._lines(p, w):
            if lh > self.room() and self.y > 0:
                self.new_frame()
            self._place_line(frags, lw, x, w, self.y + p.size * 0.93, p.align)
            self.y += lh
        self.y += p.space_after

    def text(self, text: Text, size: float = 12.0, **kw: Any) -> None:
        self.para(Para(text, size, **kw))

    def _place_line(self, frags: Line, lw: float, x: float, w: float, base: float,
                    align: str) -> None:
        shift = x + (w - lw) / 2 if align == "center" else x + (w - lw) if align == "right" else x
        if align != "left" and frags:
            shift -= frags[0][0]  # centred lines ignore the first-line indent
        ops = self.ops
        # one string per run of same-font fragments: the joining spaces are exactly the gaps
        # that wrap() measured, and one drawString per run is ~5x fewer PDF text objects
        run_x, run_text, run_font, run_size, end = 0.0, "", "", 0.0, 0.0
        for fx, t, font, size in frags:
            if run_text and font == run_font and size == run_size:
                gap = fx - end
                space = stringWidth(" ", font, size)
                if abs(gap - space) < 0.01:
                    run_text += " " + t
                    end = fx + stringWidth(t, font, size)
                    continue
            if run_text:
                ops.append(("s", shift + run_x, base, run_font, run_size, run_text))
            run_x, run_text, run_font, run_size = fx, t, font, size
            end = fx + stringWidth(t, font, size)
        if run_text:
            ops.append(("s", shift + run_x, base, run_font, run_size, run_text))

    def place(self, p: Para, x: float, y: float, width: float) -> float:
        """Place a paragraph at an absolute (x, y) of the current frame; returns its height."""
        y0 = y
        y += p.space_before
        lh = p.size * p.leading
        for lw, frags in self._lines(p, width):
            self._place_line(frags, lw, x, width, y + p.size * 0.93, p.align)
            y += lh
        return y + p.space_after - y0

    # -- blocks kept together ---------------------------------------------------------------

    def columns(self, cols: Sequence[tuple[float, float, Sequence[Para]]], *,
                rules: Sequence[tuple[int, float]] = ()) -> list[float]:
        """Side-by-side columns ``(x, width, paras)`` kept on one frame; the cursor moves below
        the tallest. ``rules`` draws, under paragraph ``index`` of column ``c``, a centred rule
        of ``length`` points: ``(c * 100 + index, length)``. Returns each column's height.
        """
        heights = [sum(self.para_height(p, w) for p in paras) for _, w, paras in cols]
        self.need(max(heights, default=0))
        top = self.y
        for ci, (x, w, paras) in enumerate(cols):
            y = top
            for pi, p in enumerate(paras):
                h = self.place(p, x, y, w)
                for key, length in rules:
                    if key == ci * 100 + pi:
                        ry = y + h - p.space_after + 2.5
                        self.ops.append(("l", x + (w - length) / 2, ry, x + (w + length) / 2,
                                         ry, 0.6))
                y += h
        self.y = top + max(heights, default=0)
        return heights

    def hrule(self, x1: float = 0.0, x2: float | None = None, width: float = 0.5,
              dash: bool = False) -> None:
        self.ops.append(("d" if dash else "l", x1, self.y, self.width if x2 is None else x2,
                         self.y, width))

    def codes(self, bars: Code128Bars | None, qr: QrSquare | None, caption: Text,
              caption_size: float = 10.0, *, mode: str = "side") -> None:
        """Barcode and QR code with the code in text under the bars.

        ``mode``: ``side`` (bars left, QR right), ``stack`` (QR on its own row under the bars,
        when both do not fit side by side) or ``vertical`` (bars turned 90 degrees beside the
        caption and the QR, for a receipt roll narrower than the code).
        """
        qr_side = qr.size if qr else 0.0
        cap = Para(caption, caption_size)
        if bars and mode == "vertical":
            self.need(max(bars.width, qr_side) + 2)
            top = self.y
            self.ops.append(("bv", bars, 0.0, top + bars.width))
            x_after = bars.height + 6
            cap_w = self.width - x_after
            cap_h = self.place(cap, x_after, top, cap_w)
            if qr:
                self.ops.append(("q", qr, x_after, top + cap_h + 4 + qr_side))
            self.y = top + max(bars.width, cap_h + 4 + qr_side) + 2
            return
        beside = qr_side + 8 if mode == "side" else 0.0
        cap_x = bars.module * 10 if bars else 0.0
        bar_h = (bars.height + 1 + self.para_height(cap, self.width - beside - cap_x)) \
            if bars else 0.0
        h = max(bar_h, qr_side) if mode == "side" else bar_h + (qr_side + 4 if qr else 0)
        self.need(h + 2)
        top = self.y
        if bars:
            self.ops.append(("b", bars, 0.0, top + bars.height))
            self.place(cap, cap_x, top + bars.height + 1, self.width - beside - cap_x)
        if qr and mode == "side":
            self.ops.append(("q", qr, self.width - qr_side, top + qr_side))
        elif qr:
            self.ops.append(("q", qr, (self.width - qr_side) / 2, top + bar_h + 4 + qr_side))
        self.y = top + h + 2

    # -- tables -----------------------------------------------------------------------------

    def table(self, t: Table) -> None:
        total = sum(t.widths)
        widths = [w if total > 1.5 else w * self.width for w in t.widths]
        if total > 1.5 and abs(sum(widths) - self.width) > 0.5:
            widths = [w * self.width / total for w in widths]
        lead = 1.18

        def measure(row: list[Cell], header: bool) -> tuple[float, list[list[tuple[float, Line]]]]:
            wrapped = []
            for cell, w in zip(row, widths, strict=False):
                style = t.header_style if header else cell.style
                wrapped.append(wrap(runs_of(cell.text, style), w - 2 * t.pad, t.size))
            h = max(len(c) for c in wrapped) * t.size * lead + 2 * t.pad
            return h, wrapped

        header = measure(t.header, True) if t.header else None

        def draw(row: list[Cell], h: float, wrapped: list[list[tuple[float, Line]]]) -> None:
            x = 0.0
            for cell, w, lines in zip(row, widths, wrapped, strict=False):
                self.ops.append(("r", x, self.y, w, h, 0.5))
                y = self.y + t.pad + t.size * 0.93
                for lw, frags in lines:
                    self._place_line(frags, lw, x + t.pad, w - 2 * t.pad, y, cell.align)
                    y += t.size * lead
                x += w
            self.y += h

        if header and t.header:
            self.need(header[0] + (measure(t.rows[0], False)[0] if t.rows else 0))
            draw(t.header, *header)
        for row in t.rows:
            h, wrapped = measure(row, False)
            if h > self.room() and self.y > 0:
                self.new_frame()
                if header and t.header:
                    draw(t.header, *header)
            if h > self.room():  # a row taller than a whole frame: split its lines
                self._split_row(row, widths, wrapped, t, lead)
                continue
            draw(row, h, wrapped)

    def _split_row(self, row: list[Cell], widths: list[float],
                   wrapped: list[list[tuple[float, Line]]], t: Table, lead: float) -> None:
        lh = t.size * lead
        idx = [0] * len(row)
        while any(i < len(c) for i, c in zip(idx, wrapped, strict=False)):
            fit = max(1, int((self.room() - 2 * t.pad) // lh))
            h = fit * lh + 2 * t.pad
            x = 0.0
            for ci, (cell, w, lines) in enumerate(zip(row, widths, wrapped, strict=False)):
                self.ops.append(("r", x, self.y, w, h, 0.5))
                y = self.y + t.pad + t.size * 0.93
                for lw, frags in lines[idx[ci]: idx[ci] + fit]:
                    self._place_line(frags, lw, x + t.pad, w - 2 * t.pad, y, cell.align)
                    y += lh
                idx[ci] += fit
                x += w
            self.y += h
            if any(i < len(c) for i, c in zip(idx, wrapped, strict=False)):
                self.new_frame()


# -- painting -------------------------------------------------------------------------------

def _reused(c: Canvas, forms: dict[Any, str] | None, key: Any, w: float, h: float,
            draw: Any, x: float, y: float) -> None:
    """Draw a code once per document as a form XObject and place it again for each copy."""
    if forms is None:
        c.saveState()
        c.translate(x, y)
        draw(c)
        c.restoreState()
        return
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"code{len(forms)}"
        c.beginForm(name, 0, 0, w, h)
        draw(c)
        c.endForm()
    c.saveState()
    c.translate(x, y)
    c.doForm(name)
    c.restoreState()


def paint_frame(c: Canvas, ops: list[Op], x0: float, top: float,
                forms: dict[Any, str] | None = None) -> None:
    """Draw one frame's operations with the frame's top-left corner at (x0, top).

    ``forms`` (one dict per canvas) lets identical codes on several copies share one drawing.
    """
    font_state: tuple[str, float] | None = None
    for op in ops:
        kind = op[0]
        if kind == "s":
            _, x, y, font, size, text = op
            if font_state != (font, size):
                c.setFont(font, size)
                font_state = (font, size)
            c.drawString(x0 + x, top - y, text)
        elif kind in ("l", "d"):
            _, x1, y1, x2, y2, w = op
            c.setLineWidth(w)
            if kind == "d":
                c.setDash(3, 2)
            c.line(x0 + x1, top - y1, x0 + x2, top - y2)
            if kind == "d":
                c.setDash()
        elif kind == "r":
            _, x, y, w, h, lw = op
            c.setLineWidth(lw)
            c.rect(x0 + x, top - y - h, w, h, stroke=1, fill=0)
        elif kind == "b":
            _, bars, x, ybottom = op
            _reused(c, forms, ("b", bars), bars.width, bars.height,
                    lambda cv, b=bars: b.draw(cv, 0, 0), x0 + x, top - ybottom)
        elif kind == "bv":
            _, bars, x, ybottom = op
            _reused(c, forms, ("bv", bars), bars.height, bars.width,
                    lambda cv, b=bars: b.draw(cv, 0, 0, vertical=True), x0 + x, top - ybottom)
        elif kind == "q":
            _, qr, x, ybottom = op
            _reused(c, forms, ("q", qr), qr.size, qr.size,
                    lambda cv, q=qr: q.draw(cv, 0, 0), x0 + x, top - ybottom)
