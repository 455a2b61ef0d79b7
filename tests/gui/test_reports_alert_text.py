"""The overdue warning at login shows citizens' names as typed, never as markup."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.clock import FixedClock
from desk_app.gui.reports import _Reports
from desk_app.services.intake import receive
from desk_app.services.today import today
from desk_app.store.engine import Store
from tests.helpers import complete_request
from tests.rating.conftest import CLERK


def test_a_name_is_shown_as_text_in_the_overdue_warning(qtbot, store: Store,  # type: ignore[no-untyped-def]
                                                       clock: FixedClock) -> None:
    names = ["Nguyễn Văn An<!--", "Trần Thị Bích", "Lê Văn Cường"]
    for n in names:
        with store.write() as s:
            receive(s, clock, CLERK, complete_request(s, full_name=n))
        clock.advance(minutes=1)
    clock.advance(days=30)
    with store.read() as s:
        day = today(s, clock)
    assert day.counts["needs_letter"] == 3
    parent = QWidget()
    qtbot.addWidget(parent)
    fake = SimpleNamespace(window=parent, alert=None,
                           page=SimpleNamespace(tabs=SimpleNamespace(setCurrentIndex=lambda _i: None)),
                           prepare_letter=lambda _i: None)
    _Reports._alert(fake, day)  # type: ignore[arg-type]
    box: QMessageBox = fake.alert
    doc = QTextDocument()
    doc.setHtml(box.text())
    shown = doc.toPlainText()
    for n in names:
        assert n in shown, (n, shown)
    box.close()  # not left for the next test's warning
