"""Issue 10 at the counter: a NUL (or another control character) pasted into a field is
refused at that field, and nothing typed is lost."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.gui.main_window import MainWindow
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import focused, press, type_text, wait_writes
from tests.gui.test_intake_flow import pick_procedure

CTRL = Qt.KeyboardModifier.ControlModifier


def _received(store: Store) -> list[datetime]:
    with store.read() as s:
        return list(s.scalars(select(Dossier.received_at).order_by(Dossier.id)))


def _fill(window: MainWindow) -> None:
    pick_procedure(window, "1.004873")
    press(Qt.Key.Key_N, modifiers=Qt.KeyboardModifier.AltModifier)  # every component
    window.intake.applicant.line("full_name").setFocus()
    type_text("Trần Thị Hồng Nhung")
    window.intake.applicant.line("address").setFocus()
    type_text("Thôn 3, xã Phù Đổng")


def paste(text: str) -> None:
    """What Ctrl+V does: the clipboard's text into the focused field."""
    QApplication.clipboard().setText(text)
    press(Qt.Key.Key_V, modifiers=CTRL)


def test_a_pasted_nul_is_refused_at_the_field_and_nothing_is_lost(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    form = window.intake
    _fill(window)
    form.note.setFocus()
    paste("Gọi trước\x00 9 giờ")
    assert form.note.text() == "Gọi trước\x00 9 giờ"  # Qt keeps it: the desk must refuse it
    a = form.applicant
    a.line("address").setFocus()
    a.line("address").clear()
    paste("Thôn 3\x1b, xã Phù Đổng")
    press(Qt.Key.Key_Tab)  # leaving the field checks it
    assert "U+001B" in a.msgs["address"].text() and "ký tự ẩn" in a.msgs["address"].text()
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "U+0000" in form.note_msg.text() and "dán" in form.note_msg.text()
    assert focused() is a.widgets["address"] and _received(store) == []
    assert form.note.text() == "Gọi trước\x00 9 giờ"  # nothing typed is changed or lost
    form.note.setText("Gọi trước 9 giờ")
    a.line("address").setText("Thôn 3, xã Phù Đổng")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    # the refusal's reason (form 03) in its dialog, which stays open with the text
    _fill(window)
    press(Qt.Key.Key_R, modifiers=CTRL)
    dialog = form.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setFocus()
    paste("Không thuộc thẩm quyền\x00")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    wait_writes()
    assert dialog.isVisible() and "U+0000" in dialog.reason_msg.text()
    assert dialog.reason_text() == "Không thuộc thẩm quyền\x00" and len(_received(store)) == 1
    dialog.reject()
