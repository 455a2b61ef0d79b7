"""The printer of the queue's tickets, chosen by the administrator (issue 17).

Kept as the ticket's print preference (:mod:`desk_app.printing.prefs`, form ``ticket``): a
system printer's name, ``escpos:<address>`` for a thermal printer driven directly
(:mod:`desk_app.printing.ticket_out`), or "" for the system's default printer. A change is a
desk setting: the administrator's, and audited.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.core.text import nfc
from desk_app.printing.prefs import FormPrefs, load_prefs, save_prefs
from desk_app.printing.ticket_out import FORM
from desk_app.services import audit
from desk_app.services.access import require


def ticket_printer(session: Session) -> str:
    return load_prefs(session, FORM).printer


def set_ticket_printer(session: Session, clock: Clock, clerk_id: int, printer: str) -> str:
    require(session, clerk_id, Action.SETTINGS)
    value = nfc(printer).strip()
    before = ticket_printer(session)
    save_prefs(session, FORM, FormPrefs(printer=value, layout="thermal80", copies=[1]))
    audit.record(session, clerk_id, "settings.ticket_printer", clock.now(),
                 change={"from": before, "to": value})
    return value
