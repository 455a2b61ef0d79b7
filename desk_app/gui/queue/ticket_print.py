"""Printing an issued ticket off the GUI thread (the "spool" lane, as every print).

The printer is the desk's ticket preference (``printing.formticket``: a system printer, or
``escpos:<address>`` for a thermal printer driven directly; "" = the system's default), unless
the kiosk was given one. System printers go through CUPS's ``lp`` where there is CUPS, else
through QPrinter (Windows), like the forms.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from desk_app.errors import KnownError
from desk_app.gui import background
from desk_app.printing.context import load_commune
from desk_app.printing.forms.ticket import TicketSlip
from desk_app.printing.prefs import load_prefs
from desk_app.printing.spool import CupsSpooler
from desk_app.printing.templates import load_templates
from desk_app.printing.ticket_out import FORM, print_ticket
from desk_app.services.queue import Ticket
from desk_app.store.engine import Store

SPOOL_LANE = "spool"

PrintTicket = Callable[[Store, Path | None, Ticket, Callable[[str], None],
                        Callable[[KnownError], None], QObject, Callable[[], str] | None], object]


def send_system(pdf: Path, printer: str, title: str) -> object:
    if CupsSpooler.available():
        return CupsSpooler().submit(pdf, printer, paper="80mm", title=title)
    from desk_app.gui.printing import qt_spool

    return qt_spool.print_pdf(pdf, printer, title=title)


def default_printer() -> str:
    from desk_app.gui.printing.system import system_default_printer

    return system_default_printer()


def print_issued(store: Store, data_dir: Path | None, ticket: Ticket,
                 done: Callable[[str], None], failed: Callable[[KnownError], None],
                 context: QObject, printer: Callable[[], str] | None = None
                 ) -> background.Task[str]:
    """Render and print ``ticket``; ``done(printer)`` or ``failed(error)`` on the GUI thread."""
    chosen = printer() if printer is not None else None

    def work() -> str:
        with store.read() as session:
            commune = load_commune(session)
            target = chosen if chosen is not None else load_prefs(session, FORM).printer
        tpl = load_templates(commune.settings, data_dir)
        slip = TicketSlip(commune.name, commune.desk_name, ticket.label, ticket.field_name,
                          ticket.issued_at, ticket.ahead)
        return print_ticket(slip, tpl, target, send_pdf=send_system,
                            default_printer=default_printer)

    return background.lane(SPOOL_LANE).run(work, done, failed=failed, context=context,
                                           name=f"ticket {ticket.label}")
