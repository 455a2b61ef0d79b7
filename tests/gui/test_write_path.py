"""The write path (:mod:`desk_app.gui.ops`): off the GUI thread, one worker, errors by kind,
one broadcast, no double submit, progress only for a slow write; and the house rules that keep
it the only one (the sources are read: no GUI module writes or queries the models itself)."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from desk_app.clock import Clock, FixedClock
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import ops
from desk_app.gui.ops import Change, Ops
from desk_app.gui.session import ClerkInfo
from desk_app.store.engine import Store
from tests.gui.conftest import message_boxes, wait_writes

GUI = Path(__file__).resolve().parents[2] / "desk_app" / "gui"
CLERK = ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk")


def test_only_the_write_path_opens_a_write_transaction() -> None:
    writers = sorted(str(p.relative_to(GUI)) for p in GUI.rglob("*.py")
                     if "store.write" in p.read_text(encoding="utf-8"))
    assert writers == ["ops.py"]


@pytest.mark.parametrize("module", [
    "login.py", "admin.py", "session.py", "intake/form.py", "intake/form_layout.py",
    "intake/saving.py", "rating/controller.py", "printing/job.py", "dossier/page.py",
    "dossier/page_text.py",
])
def test_these_gui_modules_run_no_query_of_their_own(module: str) -> None:
    """The queries live in services; a model named only for a type hint is imported under
    ``TYPE_CHECKING`` (no query can run with it)."""
    text = (GUI / module).read_text(encoding="utf-8")
    runtime = text.split("if TYPE_CHECKING:")[0]
    assert not re.search(r"^from desk_app\.store\.models", runtime, re.MULTILINE)
    assert not re.search(r"(?<![.\w])select\(", text)  # SQLAlchemy's, not picker.select


def _ops(store: Store, clock: Clock, parent: QWidget) -> Ops:
    return Ops(store, clock, CLERK, "/tmp/log", parent)


def test_a_write_runs_on_one_worker_and_broadcasts_once_on_the_gui_thread(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    o = _ops(store, clock, parent)
    ran_on: list[threading.Thread] = []
    changes: list[Change] = []
    o.changesApplied.connect(changes.append)
    landed: list[tuple[int, threading.Thread]] = []

    class Result:
        dossier_id = 7

    def fn(session: Session, c: Clock, clerk_id: int, n: int) -> Result:
        ran_on.append(threading.current_thread())
        assert c is clock and clerk_id == 3 and n == 5 and session.in_transaction()
        return Result()

    handle = o.write("status", fn, 5, parent=parent,
                     done=lambda _r: landed.append((len(changes), threading.current_thread())))
    assert handle is not None and handle.running
    wait_writes(qtbot)
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert landed == [(0, threading.main_thread())]  # done first, then the broadcast
    assert changes == [Change("status", (7,))]
    other = QWidget()
    qtbot.addWidget(other)
    o.write("status", fn, 5, parent=other)
    wait_writes(qtbot)
    assert ran_on[1] is ran_on[0] or ran_on[1].name == ran_on[0].name  # the one db worker


def test_a_second_write_of_the_same_window_is_refused_while_the_first_runs(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    o = _ops(store, clock, parent)
    gate = threading.Event()
    calls: list[int] = []

    def slow(_s: Session, _c: Clock, _id: int, n: int) -> int:
        calls.append(n)
        gate.wait(5)
        return n

    first = o.write("x", slow, 1, parent=parent)
    assert first is not None
    assert o.write("x", slow, 2, parent=parent) is None  # the second Enter
    gate.set()
    wait_writes(qtbot)
    assert calls == [1] and first.result == 1 and not first.running
    assert o.write("x", slow, 3, parent=parent) is not None  # landed: the next may run
    wait_writes(qtbot)
    assert calls == [1, 3]


def test_errors_reach_their_callbacks_by_kind(qtbot: QtBot, store: Store,
                                              clock: FixedClock) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    o = _ops(store, clock, parent)
    changes: list[Change] = []
    o.changesApplied.connect(changes.append)
    invalid: list[list[FieldError]] = []
    failed: list[KnownError] = []

    def bad_input(_s: Session, _c: Clock, _id: int) -> None:
        raise ValidationError([FieldError("reason", "required")])

    def busy(_s: Session, _c: Clock, _id: int) -> None:
        raise KnownError("db_busy", "locked")

    o.write("x", bad_input, parent=parent, invalid=invalid.append)
    wait_writes(qtbot)
    o.write("x", busy, parent=parent, failed=failed.append)
    wait_writes(qtbot)
    assert [e.code for e in invalid[0]] == ["required"] and failed[0].code == "db_busy"
    assert not message_boxes() and changes == []  # nothing written, nothing broadcast
    o.write("x", busy, parent=parent)  # no failed callback: a message box
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: bool(message_boxes()))
    assert message_boxes()[0].windowTitle() == "Không thực hiện được"
    for box in message_boxes():
        box.close()


def test_a_bug_is_logged_and_shown_in_the_crash_dialog(
    qtbot: QtBot, store: Store, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    o = _ops(store, clock, parent)

    def bug(_s: Session, _c: Clock, _id: int) -> None:
        raise ZeroDivisionError("a bug")

    o.write("x", bug, parent=parent)
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: bool(message_boxes()))
    box = message_boxes()[0]
    assert box.windowTitle() == "Lỗi chương trình" and "/tmp/log" in box.text()
    assert "ZeroDivisionError" in caplog.text
    box.close()


def test_progress_shows_only_for_a_slow_write(qtbot: QtBot, store: Store,
                                              clock: FixedClock) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    o = _ops(store, clock, parent)
    busy: list[bool] = []
    o.write("quick", lambda _s, _c, _i: None, parent=parent, busy=busy.append)
    wait_writes(qtbot)
    qtbot.wait(ops.PROGRESS_AFTER_MS + 100)
    assert busy == [] and QGuiApplication.overrideCursor() is None
    o.write("slow", lambda _s, _c, _i: time.sleep(0.6), parent=parent, busy=busy.append)
    qtbot.waitUntil(lambda: busy == [True], timeout=2000)
    assert QGuiApplication.overrideCursor() is not None  # the wait cursor, not a modal
    wait_writes(qtbot)
    assert busy == [True, False] and QGuiApplication.overrideCursor() is None


def test_a_closed_window_still_gets_its_committed_change_broadcast(
    qtbot: QtBot, store: Store, clock: FixedClock
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    o = _ops(store, clock, owner)
    changes: list[Change] = []
    o.changesApplied.connect(changes.append)
    dialog = QWidget()
    gate = threading.Event()
    done: list[object] = []
    o.write("clerk", lambda _s, _c, _i: gate.wait(5), parent=dialog, done=done.append)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(dialog))
    gate.set()
    wait_writes(qtbot)
    assert done == [] and changes == [Change("clerk", ())]


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))
