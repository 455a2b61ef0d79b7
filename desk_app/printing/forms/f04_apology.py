"""Form 04: the apology letter with the new appointment, from the latest "extend" event, and
dated the day of that event."""

from __future__ import annotations

from datetime import datetime

from desk_app.errors import KnownError
from desk_app.printing.context import DossierView, EventView, fmt_time, parse_iso
from desk_app.printing.forms.common import Ctx, dossier_top, head_signer, line, signatures


def extension(d: DossierView) -> EventView:
    ext = next((e for e in reversed(d.events) if e.action == "extend"), None)
    if ext is None:
        raise KnownError("form_not_applicable", "no extension recorded", form="04")
    return ext


def event_at(d: DossierView) -> datetime:
    return extension(d).at


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["04"]
    ext = extension(d)
    old_due = fmt_time(parse_iso(ext.data.get("old_due_at")), ctx.tpl)
    new_due = fmt_time(parse_iso(ext.data.get("new_due_at")), ctx.tpl)
    dossier_top(ctx, t, d, ext.at.date())
    line(ctx, ctx.f(t["to"]), "b", align="center", space_after=6)
    for para in t["body"]:
        line(ctx, ctx.f(para, old_due=old_due, new_due=new_due, reason=ext.reason),
             first_indent=28, space_after=4)
    signatures(ctx, None, head_signer(ctx, t.get("signer", "head")))
