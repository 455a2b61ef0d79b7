"""Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the concrete reason."""

from __future__ import annotations

from desk_app.printing.context import DossierView
from desk_app.printing.forms.common import (
    Ctx,
    codes,
    field_line,
    header,
    line,
    reprint_mark,
    sign_block,
    signatures,
    title,
)


def refusal_reason(d: DossierView) -> str:
    for e in reversed(d.events):
        if e.to_status == "refused" and e.reason:
            return e.reason
    return d.outcome_reason


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["03"]
    reprint_mark(ctx)
    header(ctx)
    title(ctx, t["title"], (f"{ctx.tpl['common']['code_label']}: {d.code}", "b"))
    codes(ctx)
    line(ctx, ctx.f(t["desk_line"]))
    field_line(ctx, t["applicant"], d.applicant_name, bold_value=True)
    field_line(ctx, t["address"], d.applicant_address)
    field_line(ctx, t["phone"], d.applicant_phone + (f"; {t['email']}: {d.applicant_email}"
                                                     if d.applicant_email else ""))
    field_line(ctx, t["request"], d.procedure, bold_value=True)
    line(ctx, ctx.f(t["intro"]))
    line(ctx, refusal_reason(d) or "…", "b", indent=0, first_indent=14)
    line(ctx, ctx.f(t["closing"]))
    signatures(ctx, sign_block(ctx, t["sign_left"], d.applicant_name),
               sign_block(ctx, t["sign_right"], d.received_by))
