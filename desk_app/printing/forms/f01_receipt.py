"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment slip).

Fields in the order real provincial slips print them (shared/DOMAIN.md): the dossier code
(under its barcode) before the copy label "Liên 1: Lưu" / "Liên 2: Giao người nộp" (one copy per
call; the label comes from the options). Dated the day the dossier was received.
"""

from __future__ import annotations

from datetime import datetime

from desk_app.printing.context import DossierView
from desk_app.printing.forms.common import (
    Ctx,
    codes,
    count_table,
    field_line,
    header,
    line,
    reprint_mark,
    sign_block,
    signatures,
    title,
)

LIMIT_LINES = {"same_day": "limit_same_day", "calendar_days": "limit_calendar_days"}


def event_at(d: DossierView) -> datetime:
    """The slip's event: the receipt."""
    return d.received_at


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["01"]
    common = ctx.tpl["common"]
    reprint_mark(ctx)
    header(ctx, event_at(d).date())
    title(ctx, t["title"])
    # the code is printed once, as the caption of its barcode, and comes before the copy label
    codes(ctx)
    if ctx.copy_label:
        ctx.lay.text(f"({ctx.copy_label})", ctx.size, style="i", align="center")
    line(ctx, ctx.f(t["desk_line"]))
    field_line(ctx, t["applicant"], d.applicant_name, bold_value=True)
    if d.rep_name:
        rep = d.rep_name + (f" ({d.rep_relation})" if d.rep_relation else "")
        field_line(ctx, t["representative"], rep)
    field_line(ctx, t["address"], d.applicant_address)
    phone = d.applicant_phone or d.rep_phone
    field_line(ctx, t["phone"], phone + (f"; {t['email']}: {d.applicant_email}"
                                          if d.applicant_email else ""))
    field_line(ctx, t["request"], d.procedure, bold_value=True)
    line(ctx, t["components"])
    rows = [
        [str(i), c.name + (t.get("digitised_mark", "") if c.digitised else ""),
         str(c.originals or ""), str(c.certified_copies or ""),
         str(c.copies or "")]
        for i, c in enumerate(
            (c for c in d.components if c.originals or c.certified_copies or c.copies), 1)
    ]
    count_table(ctx, t["component_columns"], rows)
    ctx.lay.space(2)
    line(ctx, ctx.f(t["sets"]))
    line(ctx, ctx.f(t[LIMIT_LINES.get(d.limit_kind, "limit_days")]))
    line(ctx, ctx.f(t["received"]))
    line(ctx, ctx.f(t["due"]), "b")
    line(ctx, ctx.f(t["delivery_post"] if d.delivery == "post" else t["delivery_desk"]))
    line(ctx, ctx.f(t["fee"] if d.fee_amount else t["fee_free"]))
    line(ctx, ctx.f(t["register"], book=ctx.f(t["book"])), "i")
    if ctx.vals.get("commune_phone"):
        line(ctx, ctx.f(t["contact"]), "i")
    if ctx.lookup and (t.get("lookup_line") or ctx.narrow):
        line(ctx, f"{common['lookup_label']}: {ctx.lookup}", "i")
    signatures(ctx, sign_block(ctx, t["sign_left"], ""),
               sign_block(ctx, t["sign_right"], d.received_by), gap_mm=11)
