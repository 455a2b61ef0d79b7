"""The system's printers and its spooler: CUPS's command-line clients where they are (Linux),
else Qt's printer support (Windows).

These may wait on the print system (a hung cupsd answers nothing; Qt's own printer list then
waits two minutes): the print dialog calls them on worker threads, and the CUPS calls are
bounded by a timeout.
"""

from __future__ import annotations

from pathlib import Path

from desk_app.gui.printing import qt_spool
from desk_app.printing import service
from desk_app.printing.spool import CupsSpooler

LIST_TIMEOUT_S = 10  # asking the spooler for its printers


def system_printers() -> list[str]:
    """The printers the system offers (asked on a worker: a hung cupsd answers nothing)."""
    if CupsSpooler.available():
        return CupsSpooler(timeout=LIST_TIMEOUT_S).printers()
    return qt_spool.printer_names()


def system_default_printer() -> str:
    if CupsSpooler.available():
        return CupsSpooler(timeout=LIST_TIMEOUT_S).default_printer()
    return qt_spool.default_printer()


def system_sender(pdf: Path, printer: str, rendered: service.Rendered) -> object:
    """CUPS's ``lp`` where there is one (vector output; returns the job id), else QPrinter
    (Windows)."""
    if CupsSpooler.available():
        return CupsSpooler().submit(pdf, printer, paper=rendered.paper, title=rendered.title)
    return qt_spool.print_pdf(pdf, printer, title=rendered.title)
