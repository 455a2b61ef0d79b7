"""Work done once, ahead of time, on a worker lane, so that no clerk action pays it later.

The character check of the intake fields (:func:`desk_app.core.glyphs.desk_charset`) parses the
eight bundled fonts on first use: ~0.1 s of pure Python. Paid on the GUI thread (a name checked
when the clerk leaves the field) it freezes the window; paid on the database worker (the check
the first save runs again) it holds the GIL while the GUI thread disables the form for the save,
and each of the form's events then waits for the GIL in the window's Python event filters: about
0.1 s of frozen window at the clerk's first save of the day (measured, bench/bench_gui_stall.py).

:func:`warm_up` starts that work on its own lane: right after the login window is shown
(:mod:`desk_app.gui.startup`) and, at no cost when already done, when an intake form is built.
"""

from __future__ import annotations

import logging

from desk_app.core import addresses, glyphs
from desk_app.gui import background

log = logging.getLogger(__name__)
WARM_LANE = "warm"


def _charset() -> None:
    try:
        glyphs.desk_charset()
    except Exception:  # the real check will report it where the clerk sees it
        log.exception("warming the character check failed")


def _addresses() -> None:
    addresses.warm()  # seconds, once: the address conversion's tables (core.addresses)


def warm_up() -> background.Task[None]:
    """Start the warm-up off the GUI thread (returns at once): the character check, then the
    address conversion's tables (a scanned card's conversion waits behind it, in order)."""
    task = background.lane(WARM_LANE).run(_charset, lambda _none: None, name="warm charset")
    if not addresses.is_warm():
        background.lane(WARM_LANE).run(_addresses, lambda _none: None, name="warm addresses")
    return task
