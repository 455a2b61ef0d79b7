"""Form 05: Thông báo dừng giải quyết hồ sơ (stopped, or withdrawn at the citizen's request),
dated the day it stopped."""

from __future__ import annotations

from datetime import datetime

from desk_app.errors import KnownError
from desk_app.printing.context import DossierView, EventView, fmt_time
from desk_app.printing.forms.common import Ctx, dossier_top, head_signer, line, signatures


def stop_event(d: DossierView) -> EventView:
    ev = next((e for e in reversed(d.events) if e.to_status in ("stopped", "withdrawn")), None)
    if ev is None:
        raise KnownError("form_not_applicable", "dossier not stopped", form="05")
    return ev


def event_at(d: DossierView) -> datetime:
    return stop_event(d).at


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["05"]
    ev = stop_event(d)
    reason = ev.reason
    if ev.to_status == "withdrawn":
        reason = ctx.f(t["withdrawn_reason"], reason=ev.reason)
    dossier_top(ctx, t, d, ev.at.date())
    line(ctx, ctx.f(t["to"]), "b", align="center", space_after=6)
    for para in t["body"]:
        line(ctx, ctx.f(para, reason=reason, stopped_at=fmt_time(ev.at, ctx.tpl)),
             first_indent=28, space_after=4)
    signatures(ctx, None, head_signer(ctx, t.get("signer", "head")))
