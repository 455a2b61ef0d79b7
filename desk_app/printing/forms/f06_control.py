"""Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per recorded hand-over.

Each history event is a row: when, what (intake, status change, extension, return), who, and
whether it happened before, on or after the due time in force at that moment. The return's row
names who collected the result (the applicant or someone on their behalf, with the ID number);
a dossier that resumed one left waiting for a supplement says so on its intake row. The slip is
opened with the receipt slip it goes with, and is dated that day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.printing.context import DossierView, EventView, fmt_time, parse_iso
from desk_app.printing.forms.common import (
    Ctx,
    dossier_top,
    field_line,
    form_word,
    line,
)
from desk_app.printing.layout import Cell, Table


def timing(at: datetime, due: datetime | None) -> str:
    """'early', 'on_time' or 'late': ``at`` against the due time then in force ('' without)."""
    if due is None:
        return ""
    if at > due:
        return "late"
    return "early" if at.date() < due.date() else "on_time"


def _what(ctx: Ctx, t: dict[str, Any], e: EventView) -> str:
    """The "Nội dung giao, nhận" cell of one history event."""
    if e.action == "intake":
        what = t["actions"]["intake"]
        link = e.data.get("resumed_from")
        if isinstance(link, dict):
            what += f" ({ctx.f(t['resumed_from'], resumed_code=link.get('code', ''))})"
    elif e.action == "extend":
        new_due = parse_iso(e.data.get("new_due_at"))
        what = ctx.f(t["actions"]["extend"], new_due=fmt_time(new_due, ctx.tpl))
    elif e.action == "resumed":
        link = e.data.get("resumed_by") or {}
        what = ctx.f(t["actions"]["resumed"], resumed_code=link.get("code", ""))
    else:
        what = ctx.f(t["actions"]["status"],
                     to_status=form_word(ctx.tpl, "status", e.to_status))
    if e.reason:
        what += f" ({e.reason})"
    who = e.data.get("collector")
    if isinstance(who, dict):
        role = form_word(ctx.tpl, "collector", str(who.get("kind", "")))
        what += ". " + ctx.f(t["collector"], collector_name=who.get("full_name", ""),
                             collector_role=role, collector_id=who.get("id_number", ""))
    return what


def event_at(d: DossierView) -> datetime:
    """The slip's event: the receipt it is opened with (its rows carry their own times)."""
    return d.received_at


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["06"]
    dossier_top(ctx, t, d, event_at(d).date())
    line(ctx, ctx.f(t["attached"]), "i", align="center")
    field_line(ctx, t["applicant"], d.applicant_name, bold_value=True)
    field_line(ctx, t["request"], d.procedure)
    line(ctx, ctx.f(t["received"]))
    line(ctx, ctx.f(t["due"]), "b")
    line(ctx, ctx.f(t["agency"]))
    scanned = sum(1 for c in d.components if c.digitised)
    if scanned and "digitised" in t:  # a province's own template may not have the line
        line(ctx, t["digitised"].format(n=scanned, total=len(d.components)))
    ctx.lay.space(3)
    rows = []
    due = d.original_due_at
    for i, e in enumerate(d.events, 1):
        what = _what(ctx, t, e)
        result = form_word(ctx.tpl, "timing", timing(e.at, due)) if e.action != "intake" else ""
        if e.action == "extend":
            due = parse_iso(e.data.get("new_due_at")) or due
        rows.append([str(i), fmt_time(e.at, ctx.tpl), what, e.clerk_name, result, ""])
    widths = [0.05, 0.2, 0.33, 0.17, 0.13, 0.12]
    aligns = ["center", "left", "left", "left", "center", "left"]
    ctx.lay.table(Table(
        widths=widths, header=[Cell(c, align="center") for c in t["columns"]],
        rows=[[Cell(v, align=a) for v, a in zip(r, aligns, strict=False)] for r in rows],
        size=ctx.size - 1, pad=2.0,
    ))
