"""Form 04: the apology letter with the new appointment, from the latest "extend" event."""

from __future__ import annotations

from desk_app.errors import KnownError
from desk_app.printing.context import DossierView, fmt_time, parse_iso
from desk_app.printing.forms.common import Ctx, dossier_top, head_signer, line, signatures


def build(ctx: Ctx, d: DossierView) -> None:
    t = ctx.tpl["04"]
    ext = next((e for e in reversed(d.events) if e.action == "extend"), None)
    if ext is None:
        raise KnownError("form_not_applicable", "no extension recorded", form="04")
    old_due = fmt_time(parse_iso(ext.data.get("old_due_at")), ctx.tpl)
    new_due = fmt_time(parse_iso(ext.data.get("new_due_at")), ctx.tpl)
    dossier_top(ctx, t, d)
    line(ctx, ctx.f(t["to"]), "b", align="center", space_after=6)
    for para in t["body"]:
        line(ctx, ctx.f(para, old_due=old_due, new_due=new_due, reason=ext.reason),
             first_indent=28, space_after=4)
    signatures(ctx, None, head_signer(ctx, t.get("signer", "head")))
