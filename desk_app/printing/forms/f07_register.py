"""Form 07: Sổ theo dõi hồ sơ, the register of dossiers received in a date range, dated the day
it is printed (an extract of the register as it stands, not one event)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.printing.context import fmt_date
from desk_app.printing.forms.common import Ctx, form_word, header, line, reprint_mark, title
from desk_app.printing.layout import Cell, Table
from desk_app.store.models import Dossier, ProcedureVersion


@dataclass
class RegisterRow:
    code: str
    procedure: str
    applicant: str
    received_at: datetime
    due_at: datetime | None
    returned_at: datetime | None
    status: str
    return_timing: str
    id: int = 0  # the dossier's (an export narrows the rows to a register filter's)


def load_rows(session: Session, date_from: date, date_to: date) -> list[RegisterRow]:
    start = datetime.combine(date_from, datetime.min.time())
    end = datetime.combine(date_to + timedelta(days=1), datetime.min.time())
    q = (
        select(Dossier.id, Dossier.code, ProcedureVersion.name, Dossier.applicant_name,
               Dossier.applicant_address, Dossier.applicant_phone, Dossier.received_at,
               Dossier.due_at, Dossier.returned_at, Dossier.status, Dossier.return_timing)
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(Dossier.received_at >= start, Dossier.received_at < end)
        .order_by(Dossier.received_at, Dossier.id)
    )
    out = []
    for did, code, proc, name, addr, phone, rec, due, ret, status, timing in session.execute(q):
        who = "; ".join(x for x in (name, addr, phone) if x)
        out.append(RegisterRow(code, proc, who, rec, due, ret, status, timing, did))
    return out


def build(ctx: Ctx, rows: list[RegisterRow], date_from: date, date_to: date) -> None:
    t = ctx.tpl["07"]
    reprint_mark(ctx)
    header(ctx, ctx.now.date())
    title(ctx, t["title"], (ctx.f(t["range"], date_from=fmt_date(date_from, ctx.tpl),
                                  date_to=fmt_date(date_to, ctx.tpl)), "i"))
    body = []
    for i, r in enumerate(rows, 1):
        state = form_word(ctx.tpl, "status", r.status)
        if r.return_timing:
            state += f" ({form_word(ctx.tpl, 'timing', r.return_timing)})"
        body.append([
            Cell(str(i), align="center"), Cell(r.code), Cell(r.procedure), Cell(r.applicant),
            Cell(fmt_date(r.received_at, ctx.tpl), align="center"),
            Cell(fmt_date(r.due_at, ctx.tpl), align="center"),
            Cell(fmt_date(r.returned_at, ctx.tpl), align="center"), Cell(state), Cell(""),
        ])
    ctx.lay.table(Table(widths=list(t["widths"]),
                        header=[Cell(c, align="center") for c in t["columns"]],
                        rows=body, size=ctx.size - 1, pad=2.0))
    ctx.lay.space(4)
    line(ctx, ctx.f(t["total"], count=len(rows)), "b")
