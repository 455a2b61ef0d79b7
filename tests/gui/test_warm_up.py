"""The fonts' character maps are read off the GUI thread before the clerk's first check.

:func:`desk_app.core.glyphs.desk_charset` parses eight font files on first use (~0.1 s). The
test forgets the maps (a fresh process), builds the real window, and records on which thread
the fonts are parsed: never the GUI thread, and done before a name is checked.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.core import glyphs
from desk_app.gui import background
from desk_app.gui.warm import WARM_LANE
from desk_app.store.engine import Store
from tests.gui.conftest import open_window, type_text


def test_the_character_maps_are_read_off_the_gui_thread(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glyphs, "_charset", None)  # as in a process that just started
    parsed_on: list[threading.Thread] = []
    real = glyphs.font_codepoints

    def recording(path: Path) -> frozenset[int]:
        parsed_on.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(glyphs, "font_codepoints", recording)
    window = open_window(qtbot, store, clock, data_dir)
    assert background.lane(WARM_LANE).wait(20_000)
    name = window.intake.applicant.line("full_name")
    name.setFocus()
    type_text("Nguyễn Thị Lan 😀")
    window.intake.applicant.line("address").setFocus()  # leaving the name checks it
    assert "😀" in window.intake.applicant.msgs["full_name"].text()
    assert len(parsed_on) == 8, parsed_on  # eight faces, read once
    assert threading.main_thread() not in parsed_on
