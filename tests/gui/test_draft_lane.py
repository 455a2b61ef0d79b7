"""The intake draft is written off the GUI thread; the latest draft wins; a clear is final.

The slow disk has a real cause: the draft's temporary file is a named pipe (FIFO), so the
write's ``open()`` blocks until the test opens the other end, as a write to a stalled network
folder or a dying disk blocks. Meanwhile a 5 ms timer on the GUI thread must keep firing and
the clerk's typing must keep landing.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.intake.form import AUTOSAVE_DELAY_MS, IntakeForm
from desk_app.services.drafts import draft_path
from desk_app.store.engine import Store
from tests.gui.conftest import open_window, type_text

pytestmark = pytest.mark.requires_posix
RELEASE_AFTER_S = 3.0  # the pipe is opened by then in any case (on a blocked GUI thread too)


@contextmanager
def slow_draft_disk(data_dir: Path) -> Iterator[threading.Event]:
    """The draft's temporary file is a FIFO: a write blocks until the event is set (or
    :data:`RELEASE_AFTER_S` passed); the FIFO is then opened for reading and removed."""
    tmp = draft_path(data_dir).with_suffix(".tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(tmp)
    release = threading.Event()
    reader: list[int] = []

    def open_reader() -> None:
        release.wait(RELEASE_AFTER_S)
        reader.append(os.open(tmp, os.O_RDONLY | os.O_NONBLOCK))  # the writer's open returns
        tmp.unlink()  # the next write makes a plain file again

    thread = threading.Thread(target=open_reader, name="fifo-reader")
    thread.start()
    try:
        yield release
    finally:
        release.set()
        thread.join()
        for fd in reader:
            os.close(fd)


def gaps_while(qtbot: QtBot, ms: int) -> float:
    """The longest gap (ms) between beats of a 5 ms timer on the GUI thread during ``ms``."""
    beats = [time.perf_counter()]
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(lambda: beats.append(time.perf_counter()))
    timer.start()
    qtbot.wait(ms)
    timer.stop()
    beats.append(time.perf_counter())
    return max(b - a for a, b in itertools.pairwise(beats)) * 1000


def note_typed(form: IntakeForm, text: str) -> None:
    form.note.setFocus()
    type_text(text)


def saved_note(data_dir: Path) -> str:
    return str(json.loads(draft_path(data_dir).read_text(encoding="utf-8"))["form"]["note"])


def test_a_slow_draft_write_does_not_block_the_gui_thread(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    form = open_window(qtbot, store, clock, data_dir).intake
    with slow_draft_disk(data_dir) as release:
        note_typed(form, "Hẹn mang")
        # the autosave starts within the window measured and stays stuck in open()
        longest = gaps_while(qtbot, AUTOSAVE_DELAY_MS + 1200)
        assert longest < 500, f"the GUI thread stalled {longest:.0f} ms"
        assert form.draft_writer.pending == 1 and not draft_path(data_dir).exists()
        type_text(" bản chính")  # the clerk keeps typing meanwhile
        assert form.note.text() == "Hẹn mang bản chính"
        release.set()
        qtbot.waitUntil(lambda: form.draft_writer.pending == 0, timeout=10_000)
    # the write into the pipe failed (a pipe cannot be fsync'ed): the next autosave writes it
    qtbot.waitUntil(lambda: draft_path(data_dir).exists(), timeout=10_000)
    assert saved_note(data_dir) == "Hẹn mang bản chính"


def test_the_latest_draft_wins(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    form = open_window(qtbot, store, clock, data_dir).intake
    with slow_draft_disk(data_dir) as release:
        note_typed(form, "Hẹn")
        qtbot.waitUntil(lambda: form.draft_writer.pending == 1)
        type_text(" mang bản chính")
        qtbot.waitUntil(lambda: form.draft_writer.pending == 2)  # queued behind the stuck one
        release.set()
        qtbot.waitUntil(lambda: form.draft_writer.pending == 0, timeout=10_000)
    assert saved_note(data_dir) == "Hẹn mang bản chính"
    assert not form.dirty  # the stuck write's failure does not undo the newer one


def test_a_cleared_draft_is_not_written_again_by_a_late_write(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    form = open_window(qtbot, store, clock, data_dir).intake
    with slow_draft_disk(data_dir) as release:
        note_typed(form, "Hẹn mang bản chính")
        qtbot.waitUntil(lambda: form.draft_writer.pending == 1)
        form.discard_restored()  # the clerk discards the form while the write is stuck
        assert form.is_empty() and form.draft_writer.pending == 2
        release.set()
        qtbot.waitUntil(lambda: form.draft_writer.pending == 0, timeout=10_000)
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)  # nothing left to autosave either
    assert not draft_path(data_dir).exists()
    assert not draft_path(data_dir).with_suffix(".tmp").exists()
