"""Pieces every form shares: page formats, the official header, codes band, signatures.

``Ctx`` is what a form's ``build`` function gets: the layout to write into, the template, the
placeholder values, the font sizes of the page format, and the print options (copy label,
reprint mark, print time). The date under the motto is the date of the form's event (each form
module says which), never the print time: a reprint carries the original date.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.core import words
from desk_app.printing.barcodes import Code128Bars, QrSquare
from desk_app.printing.context import DossierView, date_parts
from desk_app.printing.fonts import BOLD, font_for
from desk_app.printing.layout import Cell, Layout, Para, Run, Table
from desk_app.printing.templates import fill

LAYOUTS = ("a4", "a4_landscape", "a5", "a4_two_up", "thermal80")


@dataclass
class Ctx:
    lay: Layout
    tpl: dict[str, Any]
    vals: dict[str, Any]
    layout: str
    size: float
    header_size: float
    now: datetime
    reprint: bool = False
    leading: float = 1.2
    copy_label: str = ""
    code: str = ""
    lookup: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def narrow(self) -> bool:
        return self.layout == "thermal80"

    def f(self, text: str, **more: Any) -> str:
        return fill(text, self.vals | more if more else self.vals)

    def form(self, key: str) -> Any:
        return self.tpl[self.extra["form"]][key]


# Where a province's template renames a word of the one vocabulary (desk_app.core.words):
# (template section, key) of its optional code -> word map, by vocabulary group.
WORD_OVERRIDES: dict[str, tuple[str, str]] = {
    "status": ("common", "status_names"),
    "timing": ("common", "timing_names"),
    "collector": ("06", "collector_roles"),
}


def form_word(tpl: dict[str, Any], group: str, code: str | None) -> str:
    """How the forms name ``code`` of ``group`` ('status', 'timing', 'collector'): the
    province's override when its template has one, else the one vocabulary's word."""
    if not code:
        return ""
    section, key = WORD_OVERRIDES.get(group, ("", ""))
    override = tpl.get(section, {}).get(key) if section else None
    if isinstance(override, dict) and isinstance(override.get(code), str) and override[code]:
        return str(override[code])
    return words.word(group, code)


def reprint_mark(ctx: Ctx) -> None:
    if ctx.reprint:
        ctx.lay.text(ctx.tpl["common"]["reprint_mark"], ctx.size, style="b", align="right")


def one_line_size(texts: list[tuple[str, str]], width: float, size: float,
                  smallest: float) -> float | None:
    """The largest size, ``size`` at most and in tenths of a point, at which every
    ``(text, style)`` fits ``width`` on one line; None if that is below ``smallest``."""
    widest = max((stringWidth(t, font_for(st), 1.0) for t, st in texts), default=0.0)
    fits = size if widest * size <= width - 0.01 else math.floor((width - 0.01) / widest * 10) / 10
    return fits if fits >= smallest - 1e-9 else None


def agency_block(ctx: Ctx, width: float) -> list[Para]:
    """The agency lines (commune, desk), each on one line, a little smaller than the header if
    need be (down to the page format's "header_min_size": an A5 slip's narrow column); a name
    too long even so wraps in even lines, never leaving one word alone on a line (on A4, where
    the official 12 pt is kept, "BỘ PHẬN TIẾP NHẬN / VÀ TRẢ KẾT QUẢ")."""
    hs = ctx.header_size
    smallest = min(hs, float(ctx.tpl["pages"][ctx.layout].get("header_min_size", hs)))
    texts = [(ctx.f(line["text"]).upper() if line.get("upper") else ctx.f(line["text"]),
              str(line.get("style", ""))) for line in ctx.tpl["common"]["agency_lines"]]
    # one size for the block: the largest that keeps on one line every name that can be
    fitting = [t for t in texts if one_line_size([t], width, hs, smallest) is not None]
    size = one_line_size(fitting, width, hs, smallest) or hs
    return [Para(t, size, align="center", style=st, leading=1.15, balance=True)
            for t, st in texts]


def header(ctx: Ctx, dated: date) -> None:
    """Agency block (left) and national motto (right) with their rules, then place and
    ``dated`` (the day of the form's event)."""
    common = ctx.tpl["common"]
    hs = ctx.header_size
    lay = ctx.lay
    motto2_size = hs + 1
    motto = [
        Para(common["motto_1"], hs, align="center", style="b", leading=1.15),
        Para(common["motto_2"], motto2_size, align="center", style="b", leading=1.15),
    ]
    motto_rule = min(stringWidth(common["motto_2"], BOLD, motto2_size), lay.width * 0.55)
    date_line = Para(ctx.f(common["date_line"], **date_parts(dated)), hs + 1,
                     align="center", style="i", space_before=6)
    if ctx.narrow:  # a receipt roll: everything centred in one column
        agency = agency_block(ctx, lay.width)
        lay.columns([(0, lay.width, motto)], rules=[(1, motto_rule)])
        lay.space(4)
        lay.columns([(0, lay.width, agency)], rules=[(len(agency) - 1, lay.width * 0.3)])
        lay.para(Para(date_line.text, ctx.size, align="center", style="i", space_before=5))
        return
    # the motto's first line must never wrap; the agency block takes what is left
    right_w = min(max(stringWidth(common["motto_1"], BOLD, hs) + 6, lay.width * 0.5),
                  lay.width * 0.62)
    left_w = lay.width - right_w
    # a gutter of 2 mm (with the motto's own 3 pt) keeps the two blocks from reading as one line
    gutter = 2 * mm
    agency = agency_block(ctx, left_w - gutter)
    lay.columns(
        [(gutter / 2, left_w - gutter, agency), (left_w, right_w, motto)],
        rules=[(len(agency) - 1, left_w * 0.35), (101, motto_rule)],
    )
    lay.y += 2
    lay.para(date_line, x=left_w, width=right_w)


def title(ctx: Ctx, text: str, *lines: tuple[str, str]) -> None:
    """The form's name in bold capitals, on one line (down to the body size) or wrapped
    balanced, then its sub-lines."""
    size = one_line_size([(text, "b")], ctx.lay.width, ctx.size + 2, ctx.size)
    ctx.lay.para(Para(text, size or ctx.size + 2, style="b", align="center", space_before=5,
                      balance=size is None))
    for line, style in lines:
        if line:
            ctx.lay.text(line, ctx.size, style=style, align="center")
    ctx.lay.space(3)


def codes(ctx: Ctx) -> None:
    """Code 128 of the dossier code (vector, module >= 0.3 mm) and the look-up QR."""
    if not ctx.code:
        return
    bc = ctx.tpl["barcode"]
    qr_cfg = ctx.tpl["qr"]
    module = max(0.3, float(bc["module_mm"])) * mm
    bars = Code128Bars(ctx.code, module, float(bc["height_mm"]) * mm)
    qr_mm = float(qr_cfg["size_mm_thermal"] if ctx.narrow else qr_cfg["size_mm"])
    qr = QrSquare(ctx.lookup, qr_mm * mm) if ctx.lookup else None
    qr_room = (qr.size + 4 * qr.size / qr.modules) if qr else 0.0
    if bars.width + qr_room <= ctx.lay.width:
        mode = "side"
    elif bars.width <= ctx.lay.width:
        mode = "stack"
    else:
        mode = "vertical"
    ctx.lay.space(2)
    ctx.lay.codes(bars, qr, code_caption(ctx), ctx.size - 1, mode=mode)
    ctx.lay.continued = continued_band(ctx, bars)


def code_caption(ctx: Ctx) -> list[Run]:
    """"Mã hồ sơ: <code>", then "BẢN IN LẠI" on a reprint."""
    caption: list[Run] = [(f"{ctx.tpl['common']['code_label']}: ", ""), (ctx.code, "b")]
    if ctx.reprint:
        caption.append(("  " + ctx.tpl["common"]["reprint_mark"], "b"))
    return caption


def continued_band(ctx: Ctx, bars: Code128Bars) -> Callable[[], None]:
    """What tops every later page of a form: the dossier code in bars and in text (and the
    reprint mark), so a loose page still names its dossier."""
    def band() -> None:
        mode = "side" if bars.width <= ctx.lay.width else "vertical"
        ctx.lay.codes(bars, None, code_caption(ctx), ctx.size - 1, mode=mode)
        ctx.lay.space(3)
    return band


def field_line(ctx: Ctx, label: str, value: str, *, bold_value: bool = False) -> None:
    """"Label: value" wrapped with later lines flush left (as on the printed forms)."""
    ctx.lay.para(Para([(label + ": ", ""), (value or "…", "b" if bold_value else "")], ctx.size,
                      space_after=1, leading=ctx.leading))


def dossier_top(ctx: Ctx, t: dict[str, Any], d: DossierView, dated: date) -> None:
    """The top of every form about one dossier but 01: reprint mark, header dated ``dated``,
    the title with the dossier code under it, then the barcode and QR."""
    reprint_mark(ctx)
    header(ctx, dated)
    title(ctx, t["title"], (f"{ctx.tpl['common']['code_label']}: {d.code}", "b"))
    codes(ctx)


def applicant_opening(ctx: Ctx, t: dict[str, Any], d: DossierView, dated: date) -> None:
    """The opening shared by the desk's letters to the applicant (forms 02, 03): the dossier top,
    the desk, then who asked for what."""
    dossier_top(ctx, t, d, dated)
    line(ctx, ctx.f(t["desk_line"]))
    field_line(ctx, t["applicant"], d.applicant_name, bold_value=True)
    field_line(ctx, t["address"], d.applicant_address)
    field_line(ctx, t["phone"], d.applicant_phone + (f"; {t['email']}: {d.applicant_email}"
                                                     if d.applicant_email else ""))
    field_line(ctx, t["request"], d.procedure, bold_value=True)


def line(ctx: Ctx, text: str, style: str = "", *, indent: float = 0.0, align: str = "left",
         space_after: float = 1.0, first_indent: float = 0.0) -> None:
    ctx.lay.para(Para(text, ctx.size, style=style, indent=indent, align=align,
                      space_after=space_after, first_indent=first_indent, leading=ctx.leading,
                      balance=align == "center"))


def signatures(ctx: Ctx, left: list[tuple[str, str]] | None,
               right: list[tuple[str, str]], gap_mm: float = 20.0) -> None:
    """Signature blocks: each a list of (text, style) lines, then room to sign, then a name.

    The last element of each block is the signer's name (may be empty: signed by hand).
    """
    lay = ctx.lay
    half = lay.width / 2

    def block(lines: list[tuple[str, str]]) -> list[Para]:
        *heads, (name, _) = lines
        paras = [Para(t, ctx.size, style=s, align="center", leading=1.15) for t, s in heads]
        paras.append(Para(name or " ", ctx.size, style="b", align="center",
                          space_before=gap_mm * mm * (0.7 if ctx.narrow else 1.0)))
        return paras

    lay.space(2)
    if ctx.narrow:
        cols = [(0.0, lay.width, block(b)) for b in ([left] if left else []) + [right]]
        for col in cols:
            lay.columns([col])
            lay.space(4)
        return
    cols = [(half, half, block(right))]
    if left:
        cols.insert(0, (0.0, half, block(left)))
    lay.columns(cols)


def sign_block(ctx: Ctx, title_text: str, name: str) -> list[tuple[str, str]]:
    return [(title_text, "b"), (ctx.tpl["common"]["sign_hint"], "i"), (name, "b")]


def head_signer(ctx: Ctx, key: str) -> list[tuple[str, str]]:
    signer = dict(ctx.tpl["common"]["signers"].get(key, {}))
    signer.update((ctx.extra.get("settings_signers") or {}).get(key, {}))
    out = []
    if signer.get("on_behalf"):
        out.append((signer["on_behalf"], "b"))
    out.append((signer.get("title", ""), "b"))
    out.append((signer.get("name", ""), "b"))
    return out


def count_table(ctx: Ctx, columns: list[str], rows: list[list[str]],
                extra_last: bool = False) -> None:
    """A numbered table: name column wide, count columns narrow (and an optional reason)."""
    n_counts = len(columns) - (3 if extra_last else 2)
    if ctx.narrow:
        widths = [0.09, 0.55] + [0.12] * n_counts
    else:
        widths = [0.055, 0.6 if not extra_last else 0.34] + [0.11] * n_counts
    if extra_last:
        widths.append(1.0 - sum(widths))
    else:
        widths[1] += 1.0 - sum(widths)
    aligns = ["center", "left"] + ["center"] * n_counts + (["left"] if extra_last else [])
    ctx.lay.table(Table(
        widths=widths,
        header=[Cell(c, align="center") for c in columns],
        rows=[[Cell(v, align=a) for v, a in zip(r, aligns, strict=False)] for r in rows],
        size=ctx.size - 1, pad=1.6,
    ))
