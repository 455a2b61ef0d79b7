"""Keys of the intake form: Ctrl+Enter saves the form 02 and form 03 dialogs as it receives on
the form; Alt+3 jumps to the applicant block."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.gui.main_window import MainWindow
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import focused, press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _start(window: MainWindow, name: str) -> None:
    form = window.intake
    form.picker.edit.setFocus()
    type_text("ket hon")
    press(Qt.Key.Key_Return)
    form.checklist.rows[0].check.setChecked(True)
    form.applicant.line("full_name").setFocus()
    type_text(name)


def test_ctrl_enter_saves_the_supplement_request(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    _start(window, "Vũ Quang Huy")
    press(Qt.Key.Key_B, modifiers=CTRL)
    dialog = window.intake.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert "Ctrl+Enter" in dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
    table = dialog.table  # type: ignore[union-attr]
    table.setFocus()
    table.setCurrentCell(0, 4)
    press(Qt.Key.Key_F2)  # typing a reason into the cell ...
    type_text("Bản sao bị mờ")
    press(Qt.Key.Key_Return, modifiers=CTRL)  # ... and saving straight from it
    assert not dialog.isVisible()
    assert "mẫu 02" in window.intake.banner.text()
    with store.read() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.status == "supplement_requested"
        assert d.events[0].data["missing"][0]["reason"] == "Bản sao bị mờ"


def test_ctrl_enter_saves_the_refusal_from_the_reason_box(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    _start(window, "Hoàng Thị Lụa")
    press(Qt.Key.Key_R, modifiers=CTRL)
    dialog = window.intake.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.reason
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert dialog.isVisible() and dialog.reason_msg.text() == "Cần ghi rõ lý do."
    type_text("Không thuộc thẩm quyền giải quyết của UBND xã.")
    press(Qt.Key.Key_Enter, modifiers=CTRL)  # the keypad's Enter too
    assert not dialog.isVisible()
    with store.read() as s:
        d = s.scalars(select(Dossier)).one()
        assert (d.status, d.outcome_reason) == (
            "refused", "Không thuộc thẩm quyền giải quyết của UBND xã.")


def test_alt_3_jumps_to_the_applicant(qtbot: QtBot, window: MainWindow) -> None:
    form = window.intake
    assert "(Alt+3)" in form.applicant.parentWidget().title()  # type: ignore[union-attr]
    form.note.setFocus()
    press(Qt.Key.Key_3, modifiers=ALT)
    assert focused() is form.applicant.widgets["full_name"]
    assert QApplication.activeWindow() is window
