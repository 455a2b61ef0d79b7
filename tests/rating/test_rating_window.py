"""pytest-qt drives the citizen's rating window through the real hooks, services and store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.ratingchain import verify_chain
from desk_app.gui import hooks
from desk_app.gui.rating import FiguresDialog, RatingController, install, uninstall
from desk_app.gui.rating.citizen_window import IDLE, RATING, THANKS, CitizenWindow
from desk_app.gui.session import ClerkInfo
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, OutboxEvent, Setting
from desk_app.store.models_rating import Rating
from tests.gui.conftest import wait_writes
from tests.rating.test_rating_service import _tamper

ROOT = Path(__file__).resolve().parents[2]
BINH = ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk")
LAN = ClerkInfo(2, "lan", "Trần Thị Lan", "leader")


class CounterWindow(QMainWindow):
    """Stands in for the clerk's main window: it knows the clerk on duty."""

    def __init__(self, clerk: ClerkInfo) -> None:
        super().__init__()
        self.clerk = clerk
        self.setCentralWidget(QLabel("Quầy tiếp nhận"))


@pytest.fixture
def counter(qtbot: QtBot) -> CounterWindow:
    window = CounterWindow(BINH)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def rating(counter: CounterWindow, store: Store, clock: FixedClock,
           qtbot: QtBot) -> Iterator[RatingController]:
    controller = install(counter, store, clock, timeout_ms=300, thanks_ms=200)
    qtbot.addWidget(controller.window)
    yield controller
    uninstall(controller)
    assert controller.after_return not in hooks.after_return


def _level(window: CitizenWindow, code: str, question: int | None = None) -> QPushButton:
    choices = window.overall if question is None else window.criteria[question]
    assert choices is not None
    return choices.buttons[code]


def _ratings(store: Store) -> list[Rating]:
    with store.read() as s:
        return list(s.scalars(select(Rating).order_by(Rating.seq)))


def _clerk_side_text(counter: CounterWindow) -> str:
    return " ".join(label.text() for label in counter.findChildren(QLabel))


def test_full_rating_of_a_returned_dossier(
        rating: RatingController, counter: CounterWindow, store: Store, qtbot: QtBot,
        returned_dossier: int) -> None:
    window = rating.window
    assert window.isVisible() and window.page() == IDLE
    assert "Nguyễn Văn Bình" in window.idle_clerk.text()
    assert "PHÙ ĐỔNG" in window.idle_commune.text()
    with qtbot.waitSignal(rating.stateChanged) as state:
        hooks.call_all(hooks.after_return, returned_dossier)  # as the main window does
    assert state.args == ["rating"] and window.page() == RATING
    with store.read() as s:
        code = s.get(Dossier, returned_dossier).code
    assert window.send is not None and not window.send.isEnabled()
    qtbot.mouseClick(_level(window, "very_satisfied"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_level(window, "satisfied", 0), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_level(window, "on_time", 1), Qt.MouseButton.LeftButton)
    assert window.comment is not None
    for chip in window.comment.buttons[:2]:  # tapped, never typed: see test_citizen_taps
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    # the clerk's screen says a rating is under way, never which level was chosen
    clerk_text = _clerk_side_text(counter)
    assert "đang đánh giá" in clerk_text
    assert not any(lv in clerk_text for lv in ("Rất hài lòng", "Hài lòng", "hài lòng"))
    with qtbot.waitSignal(rating.recorded) as rec:
        qtbot.mouseClick(window.send, Qt.MouseButton.LeftButton)
        wait_writes(qtbot)
    assert window.page() == THANKS
    qtbot.waitUntil(lambda: window.page() == IDLE, timeout=3000)
    rows = _ratings(store)
    assert len(rows) == 1
    row = rows[0]
    assert rec.args[0].uuid == row.uuid
    assert (row.dossier_id, row.dossier_code, row.occasion) == (returned_dossier, code, "return")
    assert row.overall == "very_satisfied" and row.clerk == "binh" and row.flags == []
    assert row.criteria == {"attitude": "satisfied", "timeliness": "on_time"}
    assert row.comment == "Cán bộ hướng dẫn tận tình; Thủ tục nhanh, gọn"
    with store.read() as s:
        payload = s.scalars(select(OutboxEvent.payload)
                            .where(OutboxEvent.kind == "rating.recorded")).one()
    assert payload["hash"] == row.hash and verify_chain([payload]) == []


def test_timeout_without_a_choice_records_nothing(
        rating: RatingController, store: Store, qtbot: QtBot, returned_dossier: int) -> None:
    assert rating.offer(returned_dossier, "return")
    with qtbot.waitSignal(rating.stateChanged, timeout=3000) as state:
        pass
    assert state.args == ["idle"] and rating.window.page() == IDLE
    assert _ratings(store) == []


def test_timeout_after_a_choice_keeps_it_flagged(
        rating: RatingController, store: Store, qtbot: QtBot, returned_dossier: int) -> None:
    rating.offer(returned_dossier, "return")
    qtbot.mouseClick(_level(rating.window, "unsatisfied"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rating.window.page() == IDLE, timeout=3000)
    wait_writes(qtbot)
    rows = _ratings(store)
    assert [(r.overall, r.flags) for r in rows] == [("unsatisfied", ["unconfirmed"])]
    # the next citizen's slip starts blank
    rating.offer(returned_dossier, "return")
    assert rating.window.answers() is None


def test_touches_push_the_timeout_back(
        rating: RatingController, qtbot: QtBot, returned_dossier: int) -> None:
    rating.offer(returned_dossier, "return")
    for code in ("satisfied", "very_satisfied", "satisfied", "very_satisfied"):
        qtbot.wait(120)  # the citizen taps every 120 ms; the timeout is 300 ms
        qtbot.mouseClick(_level(rating.window, code, 0), Qt.MouseButton.LeftButton)
        assert rating.window.page() == RATING
    qtbot.waitUntil(lambda: rating.window.page() == IDLE, timeout=3000)


def test_double_tap_is_counted_once(
        rating: RatingController, store: Store, qtbot: QtBot, returned_dossier: int) -> None:
    window = rating.window
    rating.offer(returned_dossier, "return")
    for _ in range(2):  # a double tap on a level: still that level
        qtbot.mouseClick(_level(window, "satisfied"), Qt.MouseButton.LeftButton)
    assert window.answers() is not None and window.answers().overall == "satisfied"
    assert window.send is not None
    qtbot.mouseClick(window.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    qtbot.mouseClick(window.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    qtbot.mouseDClick(window.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    window.send.click()
    wait_writes(qtbot)
    window._on_send()  # even a programmatic second send after the first is ignored
    wait_writes(qtbot)
    assert len(_ratings(store)) == 1
    with store.read() as s:
        assert len(s.scalars(select(OutboxEvent).where(OutboxEvent.entity == "rating")).all()) == 1


def test_second_rating_of_the_same_visit_is_flagged(
        rating: RatingController, store: Store, qtbot: QtBot, returned_dossier: int) -> None:
    for level in ("satisfied", "unsatisfied"):
        rating.offer(returned_dossier, "return")
        qtbot.mouseClick(_level(rating.window, level), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(rating.window.send, Qt.MouseButton.LeftButton)
        wait_writes(qtbot)
    assert [(r.overall, r.flags) for r in _ratings(store)] == [
        ("satisfied", []), ("unsatisfied", ["repeat"])]


def test_offered_after_intake_unless_configured_off(
        rating: RatingController, store: Store, qtbot: QtBot,
        receive: Callable[..., int]) -> None:
    dossier = receive()
    hooks.call_all(hooks.after_intake, dossier)
    assert rating.window.page() == RATING
    assert rating.window.criteria and all(  # time vs legal limit is asked on return only
        c.question.code != "timeliness" for c in rating.window.criteria)
    rating.to_idle()
    with store.write() as s:
        s.add(Setting(key="rating", value={
            **json.loads((ROOT / "resources/rating/default.json").read_text("utf-8")),
            "offer_after": ["return"]}))
    hooks.call_all(hooks.after_intake, receive())
    assert rating.window.page() == IDLE


def test_tampered_rating_is_reported_to_the_leader(
        rating: RatingController, store: Store, clock: FixedClock, qtbot: QtBot,
        receive: Callable[..., int]) -> None:
    for level in ("unsatisfied", "satisfied", "unsatisfied"):
        rating.offer(receive(), "intake")
        qtbot.mouseClick(_level(rating.window, level), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(rating.window.send, Qt.MouseButton.LeftButton)
        wait_writes(qtbot)
    dialog = FiguresDialog(store, clock, clerk_id=2)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "toàn vẹn" in dialog.chain.text())  # checked on a worker thread
    qtbot.waitUntil(lambda: not dialog.loading)  # the figures are read on the read lane
    last = dialog.table.rowCount() - 1
    assert dialog.table.item(last, 0).text() == "Tổng cộng"
    assert dialog.table.item(last, 1).text() == "3"
    assert dialog.table.item(last, dialog.table.columnCount() - 1).text() == "33,3 %"
    _tamper(store, "UPDATE ratings SET overall = 'very_satisfied' WHERE seq = 3")
    dialog.check()
    qtbot.waitUntil(lambda: "bị can thiệp" in dialog.chain.text())
    assert "phiếu số 3 đã bị sửa" in dialog.chain.text()


# messages.warn's QMessageBox sizes itself after it is shown; Qt's offscreen plugin (tests
# only) logs that it cannot pass size hints to a window system it does not have
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_figures_are_for_the_desk_leader(
        rating: RatingController, counter: CounterWindow, store: Store, qtbot: QtBot,
        returned_dossier: int) -> None:
    rating.offer(returned_dossier, "return")
    qtbot.mouseClick(_level(rating.window, "satisfied"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rating.window.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    action = rating.figures_action  # type: ignore[attr-defined]
    assert not action.isEnabled()  # a clerk is not offered the figures
    action.trigger()
    assert not [w for w in counter.findChildren(QMessageBox) if w.isVisible()]
    assert not [w for w in counter.findChildren(FiguresDialog) if w.isVisible()]
    counter.clerk = LAN
    next(m for m in counter.menuBar().findChildren(QMenu)
         if action in m.actions()).aboutToShow.emit()  # the menu opens for the leader
    assert action.isEnabled()
    action.trigger()
    dialogs = [w for w in counter.findChildren(FiguresDialog) if w.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitUntil(lambda: not dialogs[0].loading)  # read on the read lane
    table = dialogs[0].table
    assert table.item(0, 0).text() == "Nguyễn Văn Bình" and table.item(0, 1).text() == "1"
    dialogs[0].group.setCurrentIndex(1)  # per procedure
    qtbot.waitUntil(lambda: not dialogs[0].loading)
    assert "(1.004873)" in table.item(0, 0).text()
    qtbot.waitUntil(lambda: not dialogs[0].checking)
    dialogs[0].close()


@pytest.mark.slow
def test_full_screen_on_a_second_monitor(tmp_path: Path) -> None:
    """Two screens (offscreen platform configured with two): the citizen's window goes full
    screen on the one the clerk's window is not on."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "clerk", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "citizen", "x": 1366, "y": 0, "width": 1920, "height": 1080},
    ]}))
    code = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication, QWidget
        from desk_app.gui.rating.placement import place
        app = QApplication([])
        screens = {s.name(): s for s in app.screens()}
        assert sorted(screens) == ["citizen", "clerk"], screens
        clerk = QWidget(); clerk.setScreen(screens["clerk"])
        clerk.setGeometry(100, 100, 800, 600); clerk.show()
        assert clerk.screen().name() == "clerk"
        citizen = QWidget()
        assert place(citizen, clerk) is True
        app.processEvents()
        g = citizen.geometry()
        print(citizen.screen().name(), citizen.isFullScreen(), g.x(), g.width(), g.height())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["citizen", "True", "1366", "1920", "1080"]


def test_one_monitor_gives_a_window_to_turn(counter: CounterWindow, qtbot: QtBot) -> None:
    from desk_app.gui.rating.placement import place
    citizen = CitizenWindow()
    qtbot.addWidget(citizen)
    assert place(citizen, counter) is False
    assert citizen.isVisible() and not citizen.isFullScreen()


def test_failed_save_keeps_the_choice_for_a_retry(
        rating: RatingController, store: Store, qtbot: QtBot, returned_dossier: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is full for a moment: the citizen is told on their screen and sends again."""
    from desk_app.errors import KnownError
    from desk_app.gui.rating import controller as controller_mod

    real = controller_mod.ratings.record_rating
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise KnownError("disk_full", "database or disk is full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(controller_mod.ratings, "record_rating", flaky)
    window = rating.window
    rating.offer(returned_dossier, "return")
    qtbot.mouseClick(_level(window, "satisfied"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(rating.stateChanged) as state:
        qtbot.mouseClick(window.send, Qt.MouseButton.LeftButton)
        wait_writes(qtbot)
    assert state.args == ["error"] and window.page() == RATING
    assert "Chưa lưu được" in window.hint.text()
    assert window.answers() is not None and window.answers().overall == "satisfied"
    assert _ratings(store) == []
    qtbot.mouseClick(window.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    assert window.page() == THANKS and len(_ratings(store)) == 1


def test_idle_screen_follows_the_clerk_on_duty(
        rating: RatingController, counter: CounterWindow) -> None:
    counter.clerk = LAN
    rating._paint_idle()  # what the 30-second idle refresh does
    assert "Trần Thị Lan" in rating.window.idle_clerk.text()


def test_a_closed_citizen_window_comes_back_with_the_next_slip(
        rating: RatingController, qtbot: QtBot, returned_dossier: int) -> None:
    rating.window.close()
    assert not rating.window.isVisible()
    rating.offer(returned_dossier, "return")
    assert rating.window.isVisible() and rating.window.page() == RATING
