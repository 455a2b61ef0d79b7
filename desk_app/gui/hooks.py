"""Extension points other parts of the program register into (printing, rating, sync).

Plain module-level lists: a module appends its callable at import time (or at start-up) and the
counter GUI calls every entry in order. A hook that raises is logged and skipped, so a printer
fault never undoes or hides a saved dossier.

* ``after_intake(dossier_id)``: after each intake outcome is saved (received, supplement
  request, refusal); read the dossier's status to pick form 01, 02 or 03.
* ``after_return(dossier_id)``: after a result was handed back (the rating screen).
* ``dossier_menu_actions``: extra actions on the dossier page (printing forms ...).
* ``status_bar_widgets``: factories of permanent status-bar widgets (the sync indicator).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DossierAction:
    """An extra action on the dossier page: ``run(parent, dossier_id)``.

    ``statuses``: the dossier statuses it applies to (None: all). ``shortcut``: e.g. "Ctrl+P".
    """

    label: str
    run: Callable[[QWidget, int], None]
    shortcut: str = ""
    statuses: frozenset[str] | None = None


after_intake: list[Callable[[int], None]] = []
after_return: list[Callable[[int], None]] = []
dossier_menu_actions: list[DossierAction] = []
status_bar_widgets: list[Callable[[], QWidget]] = []


def call_all(hooks: list[Callable[[int], None]], dossier_id: int) -> None:
    """Call each hook; one failing hook is logged and does not stop the others."""
    for hook in list(hooks):
        try:
            hook(dossier_id)
        except Exception:  # a hook's bug must not undo the clerk's saved work
            log.exception("hook %r failed for dossier %s", hook, dossier_id)


_LISTS = ("after_intake", "after_return", "dossier_menu_actions", "status_bar_widgets")


def snapshot() -> dict[str, list[Any]]:
    """A copy of every hook list (to undo what a logged-out clerk's window registered)."""
    return {name: list(globals()[name]) for name in _LISTS}


def restore(saved: dict[str, list[Any]]) -> None:
    for name, value in saved.items():
        globals()[name][:] = value
