"""A page the scanner's software saves into the watched folder while the clerk saves (or
closes) the dialog: the look at the folder that took it lands in a dialog that no longer
takes pages. The page must not vanish into ``da-nhan/``: it goes back into the folder, and
the next dialog takes it."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui import background
from desk_app.gui.dossier.scan_dialog import FOLDER_LANE, ScanDialog
from desk_app.gui.main_window import MainWindow
from desk_app.store.engine import Store
from tests.gui.conftest import press, wait_writes
from tests.scanning.conftest import picture, received

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot: QtBot, window: MainWindow, dossier: int, comp: int) -> ScanDialog:
    assert window.open_dossier(dossier)
    rows = window.dossier.scan_rows
    rows.choice.setFocus()
    rows.choose(comp)
    press(Qt.Key.Key_D, rows.choice, CTRL)
    dialog = window.dossier.scan_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _look(qtbot: QtBot, dialog: ScanDialog) -> None:
    background.lane(FOLDER_LANE).wait()
    qtbot.waitUntil(lambda: not dialog._polling)
    dialog.poll_folder()
    background.lane(FOLDER_LANE).wait()
    qtbot.waitUntil(lambda: not dialog._polling)


def _hold_lane() -> threading.Event:
    """The folder lane busy until the event is set: the next look waits behind it."""
    go = threading.Event()
    background.lane(FOLDER_LANE).run(lambda: go.wait(30), lambda _r: None, name="held")
    return go


def test_a_page_taken_while_the_dialog_saves_goes_back_into_the_folder(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    dossier, comps = received(store, clock)
    folder = tmp_path / "may-quet"
    folder.mkdir()
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.watch(folder)
    dialog.timer.stop()  # the test looks at the folder itself, as the timer would
    (folder / "scan0001.png").write_bytes(picture("PNG"))
    _look(qtbot, dialog)
    _look(qtbot, dialog)  # stable: taken
    assert dialog.strip.count() == 1
    (folder / "scan0002.png").write_bytes(picture("PNG", (420, 566)))  # the next paper
    _look(qtbot, dialog)  # seen once: taken at the next look
    assert dialog.strip.count() == 1
    go = _hold_lane()
    dialog.poll_folder()  # in flight (behind the held lane) when the clerk saves
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)  # assembled, then written
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    go.set()  # the look runs now: it takes scan0002 and lands in a closed dialog
    background.lane(FOLDER_LANE).wait()
    qtbot.waitUntil(lambda: not dialog._polling)
    background.lane(FOLDER_LANE).wait()  # giving back runs on the lane too
    qtbot.wait(50)
    assert (folder / "scan0002.png").exists(), sorted(p.name for p in folder.rglob("*"))
    assert not (folder / "da-nhan" / "scan0002.png").exists()
    # the next paper's dialog takes it
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    second = _open(qtbot, window, dossier, comps[1])
    assert second.watched is not None
    second.timer.stop()
    _look(qtbot, second)
    _look(qtbot, second)
    assert second.strip.count() == 1 and second.strip.source() == "folder"
    assert (folder / "da-nhan" / "scan0002.png").exists()
    second.strip.clear()
    second.reject()


def test_a_scan_saved_while_the_desk_locks_does_not_come_back_at_unlock(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    """Ctrl+S, then Ctrl+L before the save lands: the dialog is hidden by the lock and
    closes when its save lands. Unlocking must not show it again with the pages just saved
    (a second Ctrl+S would record the same paper twice)."""
    from sqlalchemy import func, select

    from desk_app.store.models_scans import ScanDocument
    from tests.gui.conftest import focused

    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    page = tmp_path / "a.png"
    page.write_bytes(picture("PNG"))
    dialog.add_files([str(page)])
    qtbot.waitUntil(lambda: dialog.strip.count() == 1 and dialog.busy_tasks == 0)
    assert dialog.save()
    press(Qt.Key.Key_L, focused(), CTRL)  # the clerk steps away at once
    assert window.locked
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)  # assembled, then written
    wait_writes(qtbot)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanDocument)) == 1
    window.unlock()
    qtbot.wait(50)
    assert not dialog.isVisible()


def test_a_scan_dialog_open_at_the_lock_is_back_at_unlock_with_its_pages(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    from tests.gui.conftest import focused

    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    page = tmp_path / "a.png"
    page.write_bytes(picture("PNG"))
    dialog.add_files([str(page)])
    qtbot.waitUntil(lambda: dialog.strip.count() == 1 and dialog.busy_tasks == 0)
    press(Qt.Key.Key_L, focused(), CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.unlock()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.strip.count() == 1
    dialog.strip.clear()
    dialog.reject()
    window.activateWindow()  # offscreen, a closed dialog does not give activation back
    qtbot.waitUntil(window.isActiveWindow)


def test_the_desks_own_data_folder_is_never_watched(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        data_dir: Path) -> None:
    """A clerk choosing the desk's data folder (or a folder in it) as the scanner's folder: watched, its database and settings would be moved into khong-nhan/
    and its scans into da-nhan/. Refused, in words; nothing is moved."""
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    (data_dir / "scans" / "ab").mkdir(parents=True, exist_ok=True)
    before = sorted(p.name for p in data_dir.iterdir())
    for folder in (data_dir, data_dir / "scans", data_dir / "scans" / "ab"):
        folder.mkdir(parents=True, exist_ok=True)
        dialog.watch(folder)
        assert dialog.watched is None and not dialog.timer.isActive(), folder
        assert "thư mục dữ liệu" in dialog.message.text()
    qtbot.wait(50)
    background.lane(FOLDER_LANE).wait()
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert not (data_dir / "khong-nhan").exists() and not (data_dir / "da-nhan").exists()
    dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_no_save_while_pages_are_still_coming(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    """Ctrl+S while a file dropped (or a scan) is still being read: the save would take the
    pages without it and close the dialog, and the page landing after would be lost. The
    save waits for it, saying so."""
    from desk_app.gui.dossier.scan_dialog import PAGES_LANE

    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(picture("PNG"))
    second.write_bytes(picture("PNG", (420, 566)))
    dialog.add_files([str(first)])
    qtbot.waitUntil(lambda: dialog.strip.count() == 1 and dialog.busy_tasks == 0)
    go = threading.Event()
    background.lane(PAGES_LANE).run(lambda: go.wait(30), lambda _r: None, name="held")
    dialog.add_files([str(second)])  # still being read when the clerk saves
    assert not dialog.save()
    assert "chờ" in dialog.message.text() and dialog.isVisible()
    go.set()
    qtbot.waitUntil(lambda: dialog.strip.count() == 2 and dialog.busy_tasks == 0)
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)  # assembled, then written
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    from desk_app.store.models_scans import ScanDocument
    with store.read() as s:
        doc = s.query(ScanDocument).one()
        assert doc.pages == 2
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_a_bug_reading_pages_does_not_leave_the_dialog_waiting_for_ever(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A fault while pages are read (a bug: the crash dialog says so) must not leave the
    dialog counting that read as still running: the save stays possible, the folder is
    still looked at."""
    from desk_app.gui.dossier import scan_dialog

    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    good = tmp_path / "a.png"
    good.write_bytes(picture("PNG"))
    dialog.add_files([str(good)])
    qtbot.waitUntil(lambda: dialog.strip.count() == 1 and dialog.busy_tasks == 0)

    def broken(_data: bytes) -> list:  # type: ignore[type-arg]
        raise RuntimeError("injected fault")
    monkeypatch.setattr(scan_dialog, "pages_of", broken)
    folder = tmp_path / "may-quet"
    folder.mkdir()
    (folder / "b.png").write_bytes(picture("PNG"))
    with qtbot.captureExceptions() as raised:
        dialog.add_files([str(good)])
        dialog.watch(folder)
        dialog.timer.stop()
        background.lane(scan_dialog.PAGES_LANE).wait()
        _look(qtbot, dialog)  # b.png seen
        background.lane(FOLDER_LANE).wait()
        qtbot.wait(100)
        dialog.poll_folder()  # b.png taken: the fault again
        background.lane(FOLDER_LANE).wait()
        qtbot.wait(100)
    assert len(raised) >= 2
    assert dialog.busy_tasks == 0 and not dialog._polling
    assert dialog.scan_button.isEnabled()
    monkeypatch.undo()
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)  # assembled, then written
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

