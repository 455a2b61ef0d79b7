"""Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (what is missing, in what form, why).

The list comes from the intake event's ``data["missing"]`` (or a later ``waiting_supplement``
event carrying one); the overall reason is the dossier's ``outcome_reason`` or that event's.
Dated the day of that request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.printing.context import DossierView, EventView
from desk_app.printing.forms.common import (
    Ctx,
    applicant_opening,
    count_table,
    line,
    sign_block,
    signatures,
)


def request_event(d: DossierView) -> EventView | None:
    """The supplement request: the latest event listing missing papers, else the latest that
    left the dossier waiting for a supplement."""
    listing = next((e for e in reversed(d.events) if e.data.get("missing")), None)
    return listing or next((e for e in reversed(d.events)
                            if e.to_status == "waiting_supplement"), None)


def event_at(d: DossierView) -> datetime:
    e = request_event(d)
    return e.at if e is not None else d.received_at


def missing_of(d: DossierView) -> tuple[list[dict[str, Any]], str]:
    """The papers the request lists, and its reason."""
    e = request_event(d)
    if e is None:
        return [], d.outcome_reason
    if e.data.get("missing"):
        return list(e.data["missing"]), e.reason or d.outcome_reason
    return [], e.reason


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["02"]
    missing, reason = missing_of(d)
    applicant_opening(ctx, t, d, event_at(d).date())
    line(ctx, t["intro"], "b")
    rows = [
        [str(i), str(m.get("name", "")), str(m.get("originals") or ""),
         str(m.get("certified_copies") or ""), str(m.get("copies") or ""),
         str(m.get("reason", ""))]
        for i, m in enumerate(missing, 1)
    ]
    if rows:
        count_table(ctx, t["columns"], rows, extra_last=True)
        ctx.lay.space(3)
    line(ctx, ctx.f(t["reason"], reason=reason or "…"))
    line(ctx, ctx.f(t["contact"]), "i")
    signatures(ctx, None, sign_block(ctx, t["sign_right"], d.received_by))
