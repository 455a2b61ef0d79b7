"""A small layout engine: wrapped mixed-style text, columns, tables, codes, page breaks.

Layout and painting are separate. :class:`Layout` flows content into frames of a fixed content
size (or one frame of unlimited height, for receipt rolls), recording drawing operations (typed values,
:mod:`desk_app.printing.draw`) with ``y`` measured down from the frame's top; lines are broken
by :mod:`desk_app.printing.wrap`. The renderer then paints frames on sheets: one
frame per A4 page, two A5 frames side by side on an A4 landscape sheet, or a receipt whose
height is whatever the content needed. Nothing is ever clipped: a word wider than its column
is broken between letters, a paragraph or table that does not fit continues in the next frame
(table headers repeat, and ``continued`` draws what every later frame starts with).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desk_app.printing.barcodes import Code128Bars, QrSquare
from desk_app.printing.draw import DrawBarcode, DrawLine, DrawQr, DrawRect, DrawText, Op
from desk_app.printing.wrap import Line, Run, Text, runs_of, stringWidth, wrap

__all__ = ["Cell", "Layout", "Op", "Para", "Run", "Table", "Text"]

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
    # lines of even length (a heading, a centred name): the narrowest width that still takes
    # as many lines, so a line never ends up holding one word the others had no room for
    balance: bool = False


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
    # drawn at the top of every frame after the first (a form's dossier code and its barcode)
    continued: Callable[[], None] | None = None

    @property
    def ops(self) -> list[Op]:
        return self.frames[-1]

    def room(self) -> float:
        return float("inf") if self.height is None else self.height - self.y

    def new_frame(self) -> None:
        self.frames.append([])
        self.y = 0.0
        if self.continued is not None:
            self.continued()

    def need(self, h: float) -> None:
        """Start a new frame unless ``h`` points still fit (an empty frame always takes it)."""
        if h > self.room() and self.y > 0:
            self.new_frame()

    def space(self, h: float) -> None:
        self.y = self.y + h if h < self.room() else (self.height or self.y + h)

    # -- paragraphs -------------------------------------------------------------------------

    def _lines(self, p: Para, width: float) -> list[tuple[float, Line]]:
        runs = runs_of(p.text, p.style)
        lines = wrap(runs, width - 0.01, p.size, p.first_indent, p.indent)
        if not p.balance or len(lines) < 2:
            return lines
        # the narrowest width giving no more lines: bisect between the text's length over the
        # line count (no narrower can do) and the full width
        lo, hi = sum(lw for lw, _ in lines) / len(lines), width - 0.01
        while hi - lo > 0.5:
            mid = (lo + hi) / 2
            if len(wrap(runs, mid, p.size, p.first_indent, p.indent)) <= len(lines):
                hi = mid
            else:
                lo = mid
        return wrap(runs, hi, p.size, p.first_indent, p.indent)

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
                ops.append(DrawText(shift + run_x, base, run_font, run_size, run_text))
            run_x, run_text, run_font, run_size = fx, t, font, size
            end = fx + stringWidth(t, font, size)
        if run_text:
            ops.append(DrawText(shift + run_x, base, run_font, run_size, run_text))

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
                        self.ops.append(DrawLine(x + (w - length) / 2, ry, x + (w + length) / 2,
                                                 ry, 0.6))
                y += h
        self.y = top + max(heights, default=0)
        return heights

    def hrule(self, x1: float = 0.0, x2: float | None = None, width: float = 0.5,
              dash: bool = False) -> None:
        self.ops.append(DrawLine(x1, self.y, self.width if x2 is None else x2, self.y, width,
                                 dashed=dash))

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
            self.ops.append(DrawBarcode(bars, 0.0, top + bars.width, vertical=True))
            x_after = bars.height + 6
            cap_w = self.width - x_after
            cap_h = self.place(cap, x_after, top, cap_w)
            if qr:
                self.ops.append(DrawQr(qr, x_after, top + cap_h + 4 + qr_side))
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
            self.ops.append(DrawBarcode(bars, 0.0, top + bars.height))
            self.place(cap, cap_x, top + bars.height + 1, self.width - beside - cap_x)
        if qr and mode == "side":
            self.ops.append(DrawQr(qr, self.width - qr_side, top + qr_side))
        elif qr:
            self.ops.append(DrawQr(qr, (self.width - qr_side) / 2, top + bar_h + 4 + qr_side))
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
                self.ops.append(DrawRect(x, self.y, w, h, 0.5))
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
                self.ops.append(DrawRect(x, self.y, w, h, 0.5))
                y = self.y + t.pad + t.size * 0.93
                for lw, frags in lines[idx[ci]: idx[ci] + fit]:
                    self._place_line(frags, lw, x + t.pad, w - 2 * t.pad, y, cell.align)
                    y += lh
                idx[ci] += fit
                x += w
            self.y += h
            if any(i < len(c) for i, c in zip(idx, wrapped, strict=False)):
                self.new_frame()
