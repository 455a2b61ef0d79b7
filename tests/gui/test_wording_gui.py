"""A wording a reviewer writes in the catalogue (resources/i18n/desk_app_vi.ts) reaches the real
window, compiled and loaded as the program does, without touching a widget."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desk_app import i18n
from desk_app.clock import FixedClock
from desk_app.store.engine import Store
from tests.gui.conftest import open_window

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "desk_app_vi.ts"
BUTTON = "Tiếp nhận hồ sơ (Ctrl+Enter)"
REVIEWED = "Nhận hồ sơ (Ctrl+Enter)"


def test_a_reviewed_wording_reaches_the_window(qtbot: QtBot, store: Store, clock: FixedClock,
                                               data_dir: Path, tmp_path: Path) -> None:
    shipped = open_window(qtbot, store, clock, data_dir)
    assert shipped.intake.receive_button.text() == BUTTON  # no translation: as written
    shipped.close()

    text = CATALOGUE.read_text(encoding="utf-8")
    entry = f'<source>{BUTTON}</source>\n        <translation type="unfinished"></translation>'
    assert entry in text, "the button's text is not in the catalogue"
    ts = tmp_path / "desk_app_vi.ts"
    ts.write_text(text.replace(entry, f"<source>{BUTTON}</source>\n"
                               f"        <translation>{REVIEWED}</translation>"),
                  encoding="utf-8")
    translator = QTranslator()
    assert translator.load(str(i18n.compile_ts(ts, tmp_path / "desk_app_vi.qm")))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        reviewed = open_window(qtbot, store, clock, data_dir)
        assert reviewed.intake.receive_button.text() == REVIEWED
        reviewed.close()
    finally:
        app.removeTranslator(translator)
