"""Rendering a form to PDF bytes: lay out per copy, then place the frames on sheets.

Page formats (``layout``): ``a4`` portrait, ``a4_landscape`` (the register), ``a5`` (one copy
per A5 sheet), ``a4_two_up`` (form 01: Liên 1 on the left A5 half of an A4 landscape sheet,
Liên 2 on the right, a dashed cut line between) and ``thermal80`` (an 80 mm receipt roll; the
page is as long as the content).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.errors import KnownError
from desk_app.printing.context import (
    CommuneView,
    DossierView,
    commune_values,
    lookup_text,
    values_of,
)
from desk_app.printing.draw import DrawText, FormKey, Op, common_mask, paint_frame, paint_shared
from desk_app.printing.fonts import ITALIC, REGULAR, register_fonts
from desk_app.printing.forms import (
    f01_receipt,
    f02_supplement,
    f03_refusal,
    f04_apology,
    f05_stop,
    f06_control,
    f07_register,
)
from desk_app.printing.forms.common import LAYOUTS, Ctx
from desk_app.printing.layout import Layout
from desk_app.printing.templates import fill
from desk_app.printing.wrap import stringWidth

FORM_CODES = ("01", "02", "03", "04", "05", "06", "07")
BUILDERS: dict[str, Callable[[Ctx, DossierView], None]] = {
    "01": f01_receipt.build, "02": f02_supplement.build, "03": f03_refusal.build,
    "04": f04_apology.build, "05": f05_stop.build, "06": f06_control.build,
}
# the event each form is about, whose time dates it (and tells a reprint from a new letter)
EVENT_AT: dict[str, Callable[[DossierView], datetime]] = {
    "01": f01_receipt.event_at, "02": f02_supplement.event_at, "03": f03_refusal.event_at,
    "04": f04_apology.event_at, "05": f05_stop.event_at, "06": f06_control.event_at,
}
LAYOUTS_OF = {
    "01": ("a4_two_up", "a5", "thermal80", "a4"),
    "02": ("a4", "a5"), "03": ("a4", "a5"), "04": ("a4",), "05": ("a4",), "06": ("a4",),
    "07": ("a4_landscape",),
}
PAPER_OF = {"a4": "A4", "a4_landscape": "A4", "a4_two_up": "A4", "a5": "A5",
            "thermal80": "80mm"}


@dataclass
class Options:
    now: datetime
    layout: str | None = None
    reprint: bool = False
    copies: tuple[int, ...] = (1, 2)  # form 01: which "Liên" to print


@dataclass(frozen=True)
class Geometry:
    sheet: tuple[float, float | None]  # points; height None = as long as the content
    content_w: float
    content_h: float | None
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    size: float
    header_size: float
    leading: float = 1.2


def default_layout(form: str, tpl: dict[str, Any]) -> str:
    return str(tpl["01"].get("default_layout", "a4_two_up")) if form == "01" else \
        LAYOUTS_OF[form][0]


def geometry(layout: str, tpl: dict[str, Any]) -> Geometry:
    if layout not in LAYOUTS:
        raise KnownError("bad_layout", layout)
    cfg = tpl["pages"][layout]
    top, right, bottom, left = (float(v) * mm for v in cfg["margins_mm"])
    if layout == "thermal80":
        width = float(cfg.get("width_mm", 80)) * mm
        return Geometry((width, None), width - left - right, None, (top, right, bottom, left),
                        cfg["size"], cfg["header_size"], cfg.get("leading", 1.2))
    slot_w, sheet = {
        "a4": (210 * mm, (210 * mm, 297 * mm)),
        "a4_landscape": (297 * mm, (297 * mm, 210 * mm)),
        "a5": (148 * mm, (148 * mm, 210 * mm)),
        "a4_two_up": (148.5 * mm, (297 * mm, 210 * mm)),
    }[layout]
    return Geometry(sheet, slot_w - left - right, sheet[1] - top - bottom,
                    (top, right, bottom, left), cfg["size"], cfg["header_size"],
                    cfg.get("leading", 1.2))


def _ctx(lay: Layout, tpl: dict[str, Any], vals: dict[str, Any], layout: str, g: Geometry,
         opts: Options, form: str, **kw: Any) -> Ctx:
    return Ctx(lay=lay, tpl=tpl, vals=vals, layout=layout, size=g.size,
               header_size=g.header_size, leading=g.leading, now=opts.now, reprint=opts.reprint,
               extra={"form": form} | kw.pop("extra", {}), **kw)


def _page_number(c: Canvas, fmt: str, page: int, pages: int, x_centre: float,
                 y: float) -> None:
    """"Trang 2/3" under the content of a copy that runs over several pages."""
    if pages > 1 and fmt:
        c.setFont(ITALIC, 8)
        c.drawCentredString(x_centre, y, fill(fmt, {"page": page, "pages": pages}))


def _paint(copies: list[list[list[Op]]], layout: str, g: Geometry, meta: dict[str, str],
           content_heights: list[float], page_fmt: str = "") -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(g.sheet[0], g.sheet[1] or 100.0), invariant=1,
               initialFontName=REGULAR, initialFontSize=g.size)
    c.setTitle(meta.get("title", ""))
    c.setAuthor(meta.get("author", ""))
    c.setSubject(meta.get("subject", ""))
    c.setCreator("desk_app")
    top, _right, bottom, left = g.margins
    forms: dict[FormKey, str] = {}
    # per frame index, what every copy draws alike (the copies differ in their label only)
    masks = [common_mask([frames[i] for frames in copies]) if all(
        i < len(frames) for frames in copies) else None
        for i in range(max(len(frames) for frames in copies))]

    def paint(ops: list[Op], i: int, x0: float, top: float, page_h: float) -> None:
        mask = masks[i]
        if mask is None:
            paint_frame(c, ops, x0, top, forms)
        else:
            paint_shared(c, ops, mask, i, x0, top, forms, (g.sheet[0], page_h))

    if layout == "a4_two_up":
        half, sheet_h = g.sheet[0] / 2, g.sheet[1]
        assert sheet_h is not None  # an A4 sheet: only a receipt roll has no height
        for i in range(max(len(f) for f in copies)):
            for k, frames in enumerate(copies):
                if i < len(frames):
                    paint(frames[i], i, left + k * half, sheet_h - top, sheet_h)
                    _page_number(c, page_fmt, i + 1, len(frames),
                                 k * half + left + g.content_w / 2, bottom / 2)
            c.setLineWidth(0.3)
            c.setDash(2, 3)
            c.line(half, 8 * mm, half, sheet_h - 8 * mm)
            c.setDash()
            c.showPage()
    else:
        for k, frames in enumerate(copies):
            for j, frame in enumerate(frames):
                _page_number(c, page_fmt, j + 1, len(frames), left + g.content_w / 2,
                             bottom / 2)
                if g.sheet[1] is None:  # receipt roll: the page is as long as the content
                    h = top + content_heights[k] + bottom
                    c.setPageSize((g.sheet[0], h))
                    paint(frame, j, left, h - top, h)
                else:
                    paint(frame, j, left, g.sheet[1] - top, g.sheet[1])
                c.showPage()
    c.save()
    return buf.getvalue()


def _label_text(label: str) -> str:
    return f"({label})"


def _one_line(labels: list[str], g: Geometry) -> bool:
    return all(stringWidth(_label_text(lb), ITALIC, g.size) < g.content_w - 2 for lb in labels)


def _relabel(frames: list[list[Op]], old: str, new: str, g: Geometry) -> list[list[Op]]:
    """The frames of one copy with its label line swapped for another copy's (re-centred)."""
    old_t, new_t = _label_text(old), _label_text(new)
    out: list[list[Op]] = []
    for ops in frames:
        swapped: list[Op] = []
        for op in ops:
            if isinstance(op, DrawText) and op.text == old_t and op.font == ITALIC:
                centre = op.x + stringWidth(old_t, op.font, op.size) / 2
                op = replace(op, x=centre - stringWidth(new_t, op.font, op.size) / 2, text=new_t)
            swapped.append(op)
        out.append(swapped)
    return out


def render_dossier_form(form: str, d: DossierView, tpl: dict[str, Any], opts: Options) -> bytes:
    """PDF bytes of form ``form`` (01-06) for one dossier."""
    if form not in BUILDERS:
        raise KnownError("unknown_form", form)
    register_fonts()
    layout = opts.layout or default_layout(form, tpl)
    if layout not in LAYOUTS_OF[form]:
        raise KnownError("bad_layout", f"{form}:{layout}")
    g = geometry(layout, tpl)
    vals = values_of(d, tpl)
    lookup = lookup_text(d, tpl)
    labels: list[str] = [""]
    if form == "01":
        names = list(tpl["01"]["copies"])
        labels = [names[i - 1] for i in opts.copies if 1 <= i <= len(names)] or [names[0]]
    # A slip that does not fit its sheet is set again a little smaller (down to the page
    # format's "min_size"), so a long dossier still gives one sheet; past that it flows on at
    # the largest size that takes the fewest sheets (the code band atop each later page must
    # not push the signatures alone onto one more).
    min_size = float(tpl["pages"][layout].get("min_size", g.size))
    sizes = [g.size]
    while sizes[-1] - 0.5 >= min_size - 1e-9:
        sizes.append(sizes[-1] - 0.5)
    best: tuple[int, list[list[list[Op]]], list[float]] | None = None
    for size in sizes:
        gs = replace(g, size=size, header_size=min(g.header_size, size))
        copies: list[list[list[Op]]] = []
        heights: list[float] = []
        for label in labels:
            if copies and _one_line(labels, gs):
                # the copies differ only in their one-line label: reuse the first layout
                copies.append(_relabel(copies[0], labels[0], label, gs))
                heights.append(heights[0])
                continue
            lay = Layout(gs.content_w, gs.content_h)
            ctx = _ctx(lay, tpl, vals, layout, gs, opts, form, copy_label=label, code=d.code,
                       lookup=lookup,
                       extra={"settings_signers": d.commune.settings.get("signers")})
            BUILDERS[form](ctx, d)
            copies.append(lay.frames)
            heights.append(lay.y)
        sheets = max(len(frames) for frames in copies)
        if best is None or sheets < best[0]:
            best = (sheets, copies, heights)
        if sheets == 1:
            break
    assert best is not None  # sizes holds at least the page format's size
    _, copies, heights = best
    meta = {"title": f"{tpl[form]['title']} - {d.code}", "author": d.commune.name,
            "subject": d.code}
    return _paint(copies, layout, g, meta, heights, tpl["common"].get("page_number", ""))


def render_register(rows: list[f07_register.RegisterRow], commune: CommuneView,
                    date_from: date, date_to: date, tpl: dict[str, Any],
                    opts: Options) -> bytes:
    """PDF bytes of the register (form 07) for the rows of a date range."""
    register_fonts()
    layout = "a4_landscape"
    g = geometry(layout, tpl)
    lay = Layout(g.content_w, g.content_h)
    ctx = _ctx(lay, tpl, commune_values(commune) | {"mr_mrs": tpl["common"]["mr_mrs"]},
               layout, g, opts, "07")
    f07_register.build(ctx, rows, date_from, date_to)
    meta = {"title": f"{tpl['07']['title']} {date_from.isoformat()} - {date_to.isoformat()}",
            "author": commune.name, "subject": "07"}
    return _paint([lay.frames], layout, g, meta, [lay.y], tpl["common"].get("page_number", ""))
