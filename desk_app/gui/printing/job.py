"""One print, off the GUI thread: keep the PDF, hand it to the spooler, log it, tell the clerk.

:func:`send` keeps the PDF and hands it to the spooler (``lp`` included) on the "spool" lane, so
a spooler that hangs never freezes the window; the printed-forms log and the form's printer
preferences are then written in one transaction on the database worker (the write path of
:mod:`desk_app.gui.ops`), like every other write. Its :class:`Outcome` (sent,
with the queue and CUPS job id, or not, with the reason in Vietnamese) is logged, shown in the
main window's status bar, and handed to the caller's callback; when the print dialog was closed
meanwhile, a fault still reaches the clerk as a message box over the main window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.gui import background, messages, ops
from desk_app.gui.printing.texts import not_sent_text, print_error_text, sent_text
from desk_app.gui.tr import tr
from desk_app.printing import service
from desk_app.printing.prefs import FormPrefs, load_prefs, save_prefs
from desk_app.store.engine import Store

log = logging.getLogger(__name__)

STATUS_MS = 20_000  # how long the status bar shows the outcome

Sender = Callable[[Path, str, service.Rendered], object]


@dataclass(frozen=True)
class Outcome:
    """What became of a print: ``row`` and ``job`` when sent, ``error`` when not."""

    printer: str
    form: str
    text: str  # the Vietnamese sentence the clerk reads
    row: service.PrintedRow | None = None
    job: str = ""
    error: KnownError | None = None

    @property
    def sent(self) -> bool:
        return self.error is None


def announce(window: QWidget | None, outcome: Outcome) -> None:
    """The outcome in the main window's status bar (the clerk sees it after the dialog closed)."""
    if isinstance(window, QMainWindow) and shiboken6.isValid(window):
        window.statusBar().showMessage(outcome.text, STATUS_MS)


def _save_prefs(session: Session, rendered: service.Rendered, printer: str) -> None:
    printer = printer or load_prefs(session, rendered.form).printer
    save_prefs(session, rendered.form, FormPrefs(printer=printer, layout=rendered.layout,
                                                 copies=list(rendered.copies or (1, 2))))


def remember(store: Store, rendered: service.Rendered, printer: str) -> None:
    """The printer, layout and copies of a form that went out, for next time (written on the
    database worker; a failure is logged, it only costs the clerk a choice next time)."""
    ops.submit(store, "print_prefs", lambda s: _save_prefs(s, rendered, printer), parent=None,
               failed=lambda exc: log.warning("print preferences not saved: %s", exc))


def send(store: Store, clock: Clock, clerk_id: int, data_dir: Path,
         rendered: service.Rendered, printer: str, sender: Sender, *,
         window: QWidget | None, landed: Callable[[Outcome], None],
         dialog: QWidget | None = None) -> background.Task[tuple[str, object]]:
    """Print ``rendered`` on ``printer`` off the GUI thread; ``landed(outcome)`` on the GUI
    thread if ``dialog`` (when given) still exists. ``window``: the main window, for the
    status bar and for a fault nobody else would show."""

    def work() -> tuple[str, object]:
        jobs: list[object] = []
        rel = service.keep_and_send(data_dir, clock, rendered,
                                    lambda p: jobs.append(sender(p, printer, rendered)))
        return rel, jobs[0] if jobs else None

    def sent(result: tuple[str, object]) -> None:
        rel, job = result

        def log_it(session: Session) -> service.PrintedRow:
            row = service.record_print(session, clock, clerk_id, rendered, rel, printer)
            _save_prefs(session, rendered, printer)
            session.expunge(row)
            return row

        ops.submit(store, "printed", log_it, parent=None,
                   done=lambda row: logged(row, job), failed=failed)

    def logged(row: service.PrintedRow, job: object) -> None:
        outcome = Outcome(printer, rendered.form, sent_text(printer, job, rendered.form,
                                                            rendered.code),
                          row=row, job=job if isinstance(job, str) else "")
        log.info("print sent: form %s of %s to %s, job %s", rendered.form,
                 rendered.code or "-", printer, outcome.job or "-")
        finish(outcome)
    def failed(exc: KnownError) -> None:
        log.warning("print not sent: form %s of %s to %s: %s %s", rendered.form,
                    rendered.code or "-", printer, exc.code, exc)
        outcome = Outcome(printer, rendered.form, not_sent_text(exc), error=exc)
        if dialog is None or shiboken6.isValid(dialog):
            finish(outcome)
        else:  # the dialog was closed while the job hung: still tell the clerk
            announce(window, outcome)
            if window is not None and shiboken6.isValid(window):
                messages.warn(window, print_error_text(exc), tr("Không in được"))

    def finish(outcome: Outcome) -> None:
        announce(window, outcome)
        if dialog is None or shiboken6.isValid(dialog):
            landed(outcome)

    # no context: a print that went out is logged even when the window closed meanwhile
    return background.lane("spool").run(work, sent, failed=failed,
                                        name=f"print form {rendered.form} to {printer}")
