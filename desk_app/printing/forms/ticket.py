"""The queue ticket (issue 17): an 80 mm slip with the number, the field, the time, who is ahead.

One list of lines (:func:`slip_lines`) feeds both renderers, so the two look alike: the PDF
here (the ``thermal80`` page format of form 01: an 80 mm roll, the page as long as the content,
sent through the system's print spooler like every form) and the raster image of
:mod:`desk_app.printing.ticket_raster` (a thermal printer driven directly by ESC/POS, whose code
pages have no Vietnamese letters). The words are the template's ``ticket`` section, which a
province overrides like any form's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.printing import render as r
from desk_app.printing.fonts import register_fonts
from desk_app.printing.layout import Layout, Para
from desk_app.printing.templates import fill

LAYOUT = "thermal80"
NUMBER_SIZE = 64.0  # points: read from across the hall's first rows


@dataclass(frozen=True)
class TicketSlip:
    """What a ticket prints (plain data: the kiosk builds it from the issued ticket)."""

    commune_name: str
    desk_name: str
    label: str  # "012"
    field_name: str
    issued_at: datetime
    ahead: int


@dataclass(frozen=True)
class SlipLine:
    """One centred paragraph of the ticket: size in points, style "" / "b" / "i" / "bi";
    ``rule`` draws a rule above it (``"solid"`` or ``"dashed"``)."""

    text: str
    size: float
    style: str = ""
    space_before: float = 0.0
    rule: str = ""


def slip_lines(slip: TicketSlip, tpl: dict[str, Any]) -> list[SlipLine]:
    t = tpl["ticket"]
    at = slip.issued_at
    vals = {"field": slip.field_name, "ahead": slip.ahead, "hour": f"{at.hour:02d}",
            "minute": f"{at.minute:02d}", "day": f"{at.day:02d}", "month": f"{at.month:02d}",
            "year": str(at.year), "number": slip.label}
    lines = [SlipLine(slip.commune_name.upper(), 10.0, "b")]
    if slip.desk_name:
        lines.append(SlipLine(slip.desk_name.upper(), 8.5, "", 1.0))
    lines += [
        SlipLine(fill(t["title"], vals), 15.0, "b", 6.0, "solid"),
        SlipLine(slip.label, NUMBER_SIZE, "b", 0.0),
        SlipLine(fill(t["field"], vals), 12.0, "b", 2.0),
        SlipLine(fill(t["issued"], vals), 9.5, "", 4.0),
        SlipLine(fill(t["ahead"], vals), 11.0, "b", 3.0),
        SlipLine(fill(t["note"], vals), 8.5, "i", 6.0, "dashed"),
    ]
    return lines


def render_ticket_pdf(slip: TicketSlip, tpl: dict[str, Any]) -> bytes:
    """PDF bytes of the ticket on an 80 mm roll (one page as long as the content)."""
    register_fonts()
    g = r.geometry(LAYOUT, tpl)
    lay = Layout(g.content_w, g.content_h)
    for line in slip_lines(slip, tpl):
        if line.rule:
            lay.y += line.space_before / 2
            lay.hrule(width=0.6, dash=line.rule == "dashed")
        lay.para(Para(line.text, line.size, align="center", style=line.style,
                      space_before=line.space_before, leading=1.18, balance=True))
    meta = {"title": f"{tpl['ticket']['title']} {slip.label}", "author": slip.commune_name,
            "subject": slip.label}
    return r._paint([lay.frames], LAYOUT, g, meta, [lay.y])
