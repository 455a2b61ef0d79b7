"""Form 04 in the dossier page: an appointment the desk cannot keep is refused at the field,
with the reason (values computed by hand)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.services import intake
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import answer_question, open_window, type_text, wait_writes
from tests.helpers import complete_request


def test_form04_refusals_at_the_field(qtbot: QtBot, store: Store, clock: FixedClock,
                                      data_dir: Path) -> None:
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    clock.set(datetime(2026, 12, 1, 8, 0))  # Tue 01/12: the Fri 27/11 appointment has passed
    window = open_window(qtbot, store, clock, data_dir, "lan")
    window.open_dossier(dossier_id)
    page = window.dossier
    # three working days after now, at the appointment's time: Fri 04/12/2026 09:00
    assert page.new_due.value() == datetime(2026, 12, 4, 9, 0)
    assert page.new_due.text() == "09:00 04/12/2026"
    type_text("Chờ xác minh nơi cư trú", page.extend_reason)
    for when, message in [
        (datetime(2026, 12, 6, 9, 0), "Ngày 06/12/2026 là Chủ nhật, không phải ngày làm việc: "
                                      "chọn một ngày làm việc."),
        (datetime(2027, 2, 8, 9, 0), "Ngày 08/02/2027 là ngày nghỉ lễ «Mùng ba Tết Nguyên Đán», "
                                     "không phải ngày làm việc: chọn một ngày làm việc."),
        (datetime(2026, 12, 2, 12, 0), "12:00 là ngoài giờ làm việc (07:30-11:30, 13:30-17:00): "
                                       "chọn giờ trong giờ làm việc."),
        (datetime(2026, 12, 2, 17, 30), "17:30 là ngoài giờ làm việc (07:30-11:30, "
                                        "13:30-17:00): chọn giờ trong giờ làm việc."),
        (datetime(2026, 11, 30, 9, 0), "Thời điểm hẹn mới đã qua: chọn một thời điểm sau bây "
                                       "giờ."),
    ]:
        page.new_due.setDateTime(when)
        page.extend_button.click()  # refused at the field before any question
        wait_writes()
        assert page.new_due_msg.text() == message
        assert page.new_due.property("invalid") is True
        assert page.extend_reason.text() == "Chờ xác minh nơi cư trú"  # kept
    page.new_due.setDateTime(datetime(2026, 12, 2, 9, 0))  # the next working day, 09:00
    asked = answer_question(yes=True)
    page.extend_button.click()
    wait_writes()
    assert asked and "09:00, Thứ Tư 02/12/2026" in asked[0]
    assert not page.new_due_msg.isVisible()
    assert "hẹn trả mới 09:00 ngày 02/12/2026" in page.result.text()
    with store.read() as s:
        assert s.get(Dossier, dossier_id).due_at == datetime(2026, 12, 2, 9, 0)


def test_form04_takes_the_date_exactly_as_typed(qtbot: QtBot, store: Store, clock: FixedClock,
                                                data_dir: Path) -> None:
    """Select all, type a new date and time: that is what is saved (Qt's QDateTimeEdit kept
    the old month: 17:00 29/11/2026 typed, 17:00 29/12/2026 saved); garbage is refused at the
    field; the clerk confirms the date named in words."""
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    clock.set(datetime(2026, 11, 27, 10, 0))  # Fri 27/11, the appointment day
    window = open_window(qtbot, store, clock, data_dir, "lan")
    window.open_dossier(dossier_id)
    page = window.dossier
    type_text("Chờ xác minh nơi cư trú", page.extend_reason)
    page.new_due.setFocus()
    page.new_due.selectAll()
    type_text("17:00 30/11/2026")
    page.new_due.setFocus()
    page.new_due.selectAll()
    type_text("3 giờ chiều thứ hai")
    asked = answer_question(yes=True)
    page.extend_button.click()
    wait_writes()
    assert asked == [] and "ví dụ 09:00 04/12/2026" in page.new_due_msg.text()
    page.new_due.selectAll()
    type_text("16:45 30/11/2026", page.new_due)
    asked = answer_question(yes=False)  # the clerk reads the date and says no
    page.extend_button.click()
    wait_writes()
    assert asked and "16:45, Thứ Hai 30/11/2026" in asked[0]
    with store.read() as s:
        assert s.get(Dossier, dossier_id).due_at == datetime(2026, 11, 27, 9, 0)  # unchanged
    asked = answer_question(yes=True)
    page.extend_button.click()
    wait_writes()
    assert asked
    with store.read() as s:
        assert s.get(Dossier, dossier_id).due_at == datetime(2026, 11, 30, 16, 45)
    assert page.extend_reason.text() == ""
