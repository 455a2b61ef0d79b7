"""The citizen's screen at 1366x768 and 1920x1080: nothing cut off; PNGs for docs/screens.

Set ``DESK_APP_SCREENS=docs/screens`` to write the PNGs there (they are looked at and
committed); otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.fonts import install_fonts
from desk_app.gui.rating.citizen_window import CitizenWindow
from desk_app.gui.rating.controller import RatingController
from desk_app.gui.session import ClerkInfo
from desk_app.store.engine import Store
from tests.rating.conftest import _receive, _return

SIZES = [(1366, 768), (1920, 1080)]
BINH = ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk")


@pytest.fixture
def controller(store: Store, clock: FixedClock, qtbot: QtBot) -> Iterator[RatingController]:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    c = RatingController(store, clock, lambda: BINH)
    qtbot.addWidget(c.window)
    yield c
    c.timer.stop()


def _out(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _assert_nothing_cut(window: CitizenWindow) -> None:
    page = window.stack.currentWidget()
    for button in page.findChildren(QAbstractButton):
        if button.isVisible():
            need = button.fontMetrics().horizontalAdvance(button.text())
            assert need <= button.width() - 8, button.text()
            assert button.height() >= 56, f"{button.text()} is not touch-sized"
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.text():
            need = (label.heightForWidth(label.width()) if label.wordWrap()
                    else label.sizeHint().height())
            assert need <= label.height() + 2, label.text()
            if not label.wordWrap():
                assert label.sizeHint().width() <= label.width() + 2, label.text()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_citizen_screens(controller: RatingController, store: Store, clock: FixedClock,
                         qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    # the longest procedure name of the catalogue (266 letters), returned, for the worst case
    dossier = _receive(store, clock, "2.000815")
    _return(store, clock, dossier)
    window = controller.window
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    out = _out(tmp_path)
    name = f"{size[0]}x{size[1]}"

    controller.to_idle()
    qtbot.wait(10)
    _assert_nothing_cut(window)
    assert window.grab().save(str(out / f"rating-idle-{name}.png"))

    controller.offer(dossier, "return")
    window.overall.buttons["very_satisfied"].click()  # type: ignore[union-attr]
    window.criteria[0].buttons["satisfied"].click()
    qtbot.wait(10)
    _assert_nothing_cut(window)
    assert window.grab().save(str(out / f"rating-slip-{name}.png"))

    window.send.click()  # type: ignore[union-attr]
    qtbot.wait(10)
    _assert_nothing_cut(window)
    if size == SIZES[0]:
        assert window.grab().save(str(out / f"rating-thanks-{name}.png"))


def test_leader_figures_screen(controller: RatingController, store: Store, clock: FixedClock,
                               qtbot: QtBot, tmp_path: Path) -> None:
    from desk_app.gui.rating.figures_dialog import FiguresDialog
    from desk_app.services import ratings
    from desk_app.services.ratings import RatingInput

    for code, level, clerk in [("1.004873", "very_satisfied", 3), ("1.004873", "satisfied", 3),
                               ("2.000815", "unsatisfied", 2), ("1.004873", "satisfied", 2)]:
        dossier = _receive(store, clock, code)
        with store.write() as s:
            ratings.record_rating(s, clock, clerk, RatingInput(dossier, "intake", level))
    dialog = FiguresDialog(store, clock, clerk_id=2)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)  # the figures are read on the read lane
    last = dialog.table.rowCount() - 1
    assert [dialog.table.item(last, c).text() for c in range(6)] == [
        "Tổng cộng", "4", "1", "2", "1", "75,0 %"]
    qtbot.waitUntil(lambda: "toàn vẹn" in dialog.chain.text())
    assert dialog.grab().save(str(_out(tmp_path) / "rating-figures.png"))
