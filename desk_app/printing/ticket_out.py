"""Printing a queue ticket: on the system printer (PDF through the spooler, like form 01's
80 mm slip) or straight to a thermal printer by ESC/POS (:mod:`.ticket_raster`).

The ticket printer is the ``printing.formticket`` preference (:mod:`.prefs`): a system
printer's name, ``escpos:<address>`` for a printer driven directly (``escpos:tcp:192.168.1.50``,
``escpos:usb:0x0416:0x5011``), or "" for the system's default printer. The ticket was issued
(and committed) before it is printed: a print that fails loses nothing, the number is shown on
the kiosk's screen all the same.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk_app.errors import KnownError
from desk_app.printing.forms.ticket import TicketSlip, render_ticket_pdf
from desk_app.printing.ticket_raster import render_ticket_image, send_escpos

FORM = "ticket"  # the preference key's form: printing.formticket
ESCPOS = "escpos:"

# the system spooler: (pdf, printer name, title) -> job id; and the default printer's name
SendPdf = Callable[[Path, str, str], object]


def print_ticket(slip: TicketSlip, tpl: dict[str, Any], printer: str, *,
                 send_pdf: SendPdf, default_printer: Callable[[], str]) -> str:
    """Print one ticket; returns the printer it went to. Raises :class:`KnownError` (the
    spooler's ``printer_*`` codes, or ``ticket_printer_*``) when it did not go out. Blocks
    on the printer: call it off the GUI thread."""
    if printer.startswith(ESCPOS):
        address = printer[len(ESCPOS):]
        send_escpos(render_ticket_image(slip, tpl), address)
        return printer
    name = printer or default_printer()
    if not name:
        raise KnownError("printer_not_chosen")
    pdf = render_ticket_pdf(slip, tpl)
    with tempfile.TemporaryDirectory(prefix="desk_app-ticket-") as folder:
        path = Path(folder) / f"so-{slip.issued_at:%Y%m%d}-{slip.label}.pdf"
        path.write_bytes(pdf)
        send_pdf(path, name, f"{tpl['ticket']['title']} {slip.label}")
    return name
