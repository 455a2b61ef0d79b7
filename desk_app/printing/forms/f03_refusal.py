"""Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the concrete reason; dated the day
of the refusal."""

from __future__ import annotations

from datetime import datetime

from desk_app.printing.context import DossierView
from desk_app.printing.forms.common import (
    Ctx,
    applicant_opening,
    line,
    sign_block,
    signatures,
)


def refusal_reason(d: DossierView) -> str:
    for e in reversed(d.events):
        if e.to_status == "refused" and e.reason:
            return e.reason
    return d.outcome_reason


def event_at(d: DossierView) -> datetime:
    """The refusal (made at the counter, so the receipt time if no event says otherwise)."""
    return next((e.at for e in reversed(d.events) if e.to_status == "refused"), d.received_at)


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["03"]
    applicant_opening(ctx, t, d, event_at(d).date())
    line(ctx, ctx.f(t["intro"]))
    line(ctx, refusal_reason(d) or "…", "b", indent=0, first_indent=14)
    line(ctx, ctx.f(t["closing"]))
    signatures(ctx, sign_block(ctx, t["sign_left"], d.applicant_name),
               sign_block(ctx, t["sign_right"], d.received_by))
