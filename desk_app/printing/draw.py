"""The drawing operations a layout records, and their painting on a reportlab canvas.

A :class:`~desk_app.printing.layout.Layout` records, per frame, a list of :data:`Op`: typed,
frozen values with ``y`` measured down from the frame's top (a text's baseline, a code's
bottom edge). :func:`paint_frame` draws one frame's operations at a place on a page; a code
drawn on several copies is drawn once per document (a form XObject) and placed again, and so
is every run of operations the copies of a form share (:func:`common_mask`,
:func:`paint_shared`): the two copies of a slip differ in their label line only, and drawing
their text once halves the cost of painting a slip and the size of its page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from desk_app.printing.barcodes import Code128Bars, QrSquare


@dataclass(frozen=True, slots=True)
class DrawText:
    """One string in one font: ``x`` from the frame's left, ``y`` its baseline."""

    x: float
    y: float
    font: str
    size: float
    text: str


@dataclass(frozen=True, slots=True)
class DrawLine:
    """A straight line of ``width`` points, dashed (3 on, 2 off) when ``dashed``."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class DrawRect:
    """A stroked rectangle (a table cell): ``(x, y)`` its top-left corner."""

    x: float
    y: float
    w: float
    h: float
    line_width: float


@dataclass(frozen=True, slots=True)
class DrawBarcode:
    """A Code 128 with its bottom-left corner at ``(x, y_bottom)``; ``vertical``: turned 90
    degrees (bars across a receipt roll narrower than the code)."""

    bars: Code128Bars
    x: float
    y_bottom: float
    vertical: bool = False


@dataclass(frozen=True, slots=True)
class DrawQr:
    """A QR code with its bottom-left corner at ``(x, y_bottom)``."""

    qr: QrSquare
    x: float
    y_bottom: float


Op = DrawText | DrawLine | DrawRect | DrawBarcode | DrawQr
# what identifies one drawing in a document: a code's kind ("b", "bv", "q") and the code, or
# ("frame", frame index, run index) for a run of operations shared by the copies of a form
FormKey = tuple[str, Code128Bars | QrSquare] | tuple[str, int, int]


def _reused(c: Canvas, forms: dict[FormKey, str] | None, key: FormKey, w: float, h: float,
            draw: Callable[[Canvas], None], x: float, y: float) -> None:
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
                forms: dict[FormKey, str] | None = None) -> None:
    """Draw one frame's operations with the frame's top-left corner at (x0, top).

    ``forms`` (one dict per canvas) lets identical codes on several copies share one drawing.
    """
    font_state: tuple[str, float] | None = None
    # consecutive strings go in one text object (one BT..ET): a drawString each was a third of
    # the time to paint a slip
    text_obj: PDFTextObject | None = None
    for op in ops:
        if isinstance(op, DrawText):
            if text_obj is None:
                text_obj, font_state = c.beginText(), None
            if font_state != (op.font, op.size):
                text_obj.setFont(op.font, op.size)
                font_state = (op.font, op.size)
            text_obj.setTextOrigin(x0 + op.x, top - op.y)
            text_obj.textLine(op.text)
            continue
        if text_obj is not None:
            c.drawText(text_obj)
            text_obj = None
        match op:
            case DrawLine(x1, y1, x2, y2, width, dashed):
                c.setLineWidth(width)
                if dashed:
                    c.setDash(3, 2)
                c.line(x0 + x1, top - y1, x0 + x2, top - y2)
                if dashed:
                    c.setDash()
            case DrawRect(x, y, w, h, line_width):
                c.setLineWidth(line_width)
                c.rect(x0 + x, top - y - h, w, h, stroke=1, fill=0)
            case DrawBarcode(bars, x, y_bottom, False):
                _reused(c, forms, ("b", bars), bars.width, bars.height,
                        partial(bars.draw, x=0, y=0), x0 + x, top - y_bottom)
            case DrawBarcode(bars, x, y_bottom, True):
                _reused(c, forms, ("bv", bars), bars.height, bars.width,
                        partial(bars.draw, x=0, y=0, vertical=True), x0 + x, top - y_bottom)
            case DrawQr(qr, x, y_bottom):
                _reused(c, forms, ("q", qr), qr.size, qr.size, partial(qr.draw, x=0, y=0),
                        x0 + x, top - y_bottom)
    if text_obj is not None:
        c.drawText(text_obj)


def common_mask(frames: Sequence[Sequence[Op]]) -> list[bool] | None:
    """Which operations of one frame every copy draws alike (the same thing at the same
    place of its frame), or None when there is one copy or their operations do not pair up."""
    first = frames[0]
    if len(frames) < 2 or any(len(f) != len(first) for f in frames[1:]):
        return None
    return [all(f[j] == op for f in frames[1:]) for j, op in enumerate(first)]


def paint_shared(c: Canvas, ops: Sequence[Op], mask: Sequence[bool], frame: int, x0: float,
                 top: float, forms: dict[FormKey, str],
                 page: tuple[float, float]) -> None:
    """:func:`paint_frame` of one copy's frame ``frame``, each run of operations that
    ``mask`` marks as shared drawn once per document (a form XObject) and placed again; the
    order of the operations (and so of the text a reader extracts) is kept."""
    run, start = 0, 0
    while start < len(ops):
        end = start
        while end < len(ops) and mask[end] == mask[start]:
            end += 1
        if not mask[start]:
            paint_frame(c, list(ops[start:end]), x0, top, forms)
        else:
            key: FormKey = ("frame", frame, run)
            name = forms.get(key)
            if name is None:
                name = forms[key] = f"frame{frame}.{run}"
                c.beginForm(name, -x0, -top, page[0] - x0, page[1] - top)
                paint_frame(c, list(ops[start:end]), 0.0, 0.0, None)
                c.endForm()
            c.saveState()
            c.translate(x0, top)
            c.doForm(name)
            c.restoreState()
            run += 1
        start = end
