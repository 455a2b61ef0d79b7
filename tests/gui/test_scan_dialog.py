"""The scan dialog at the counter (issue 16), driven as a clerk drives it: two pages from SANE's
test device, reordered, turned and deleted by keys, saved; refused files; a clerk no longer
allowed; a locked desk; a returning citizen's document re-used."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.gui import background
from desk_app.gui.dossier.scan_dialog import ScanDialog
from desk_app.gui.main_window import MainWindow
from desk_app.scanning.files import ScanFiles
from desk_app.services import scans
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, DossierComponent
from desk_app.store.models_scans import ScanDocument
from tests.gui.conftest import answer_question, focused, press, wait_writes
from tests.helpers import shot
from tests.scanning.conftest import clerk_id, picture, received

CTRL = Qt.KeyboardModifier.ControlModifier
needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="sane-utils (tools/apt/test-scanning.txt)")


def _open(qtbot: QtBot, window: MainWindow, dossier: int, comp: int) -> ScanDialog:
    assert window.open_dossier(dossier)
    rows = window.dossier.scan_rows
    assert rows.isVisible() and rows.button.isEnabled()
    rows.choice.setFocus()
    rows.choose(comp)
    press(Qt.Key.Key_D, rows.choice, CTRL)  # the keyboard opens it
    dialog = window.dossier.scan_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _wait_saved(qtbot: QtBot, dialog: ScanDialog) -> None:
    """The PDF is assembled on a worker first, then written (the write lock held briefly)."""
    qtbot.waitUntil(lambda: not dialog.saving, timeout=30_000)
    wait_writes(qtbot)


def _wait_pages(qtbot: QtBot, dialog: ScanDialog, n: int) -> None:
    qtbot.waitUntil(lambda: dialog.strip.count() == n and dialog.busy_tasks == 0,
                    timeout=30_000)


def _drop(widget: ScanDialog, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(widget.strip.viewport(), enter)  # a drag comes in first
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(widget.strip.viewport(), event) and event.isAccepted()


@needs_sane
def test_two_pages_from_the_sane_test_device_into_a_component(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        data_dir: Path, tmp_path: Path) -> None:
    dossier, comps = received(store, clock)
    state = window.dossier.scan_rows
    window.open_dossier(dossier)
    assert state.states[comps[0]] == "chưa số hóa"
    dialog = _open(qtbot, window, dossier, comps[0])
    assert dialog.dpi.value() == 200 and dialog.mode.currentData() == "gray"
    dialog.device.setEditText("test")
    dialog.extra_options = ("--test-picture", "Color pattern")
    dialog.sheets.setValue(2)
    dialog.scan_button.click()
    assert dialog.busy_tasks == 1  # on the scanner lane: the GUI thread is free meanwhile
    _wait_pages(qtbot, dialog, 2)
    first, second = dialog.strip.pages()
    strip = dialog.strip
    strip.setFocus()
    strip.setCurrentRow(0)
    press(Qt.Key.Key_Down, strip, CTRL)  # page 1 goes after page 2
    assert strip.pages() == [second, first] and strip.currentRow() == 1
    press(Qt.Key.Key_R, strip, CTRL)
    assert strip.pages()[1].rotation == 90 and "xoay 90°" in strip.item(1).text()
    _drop(dialog, _png(tmp_path))  # a third page from a file, then deleted
    _wait_pages(qtbot, dialog, 3)
    assert strip.currentRow() == 2
    strip.setFocus()
    press(Qt.Key.Key_Delete, strip)
    assert strip.count() == 2

    press(Qt.Key.Key_S, strip, CTRL)
    _wait_saved(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.dossier.scan_rows.states[comps[0]] == "đã số hóa, 2 trang (máy quét)"
    # the choice moved on to the next paper not digitised: Ctrl+D scans it next
    qtbot.waitUntil(lambda: window.dossier.scan_rows.choice.currentData() == comps[1])
    with store.read() as s:
        comp = s.get(DossierComponent, comps[0])
        assert comp is not None and comp.digitised
        doc = s.get(ScanDocument, comp.scan_document_id)
        assert doc is not None and (doc.pages, doc.source, doc.dpi, doc.mode) == (
            2, "scanner", 200, "gray")
        assert [p["rotation"] for p in doc.page_info] == [0, 90]
    pdf = PdfReader(io.BytesIO(ScanFiles.of_data_dir(data_dir).read(doc.sha256)))
    assert [p.get("/Rotate", 0) for p in pdf.pages] == [0, 90]


def _png(folder: Path, name: str = "extra.png") -> Path:
    path = folder / name
    path.write_bytes(picture("PNG"))
    return path


def test_a_text_file_is_refused_in_words_and_nothing_is_lost(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.add_files([str(_png(tmp_path))])
    _wait_pages(qtbot, dialog, 1)
    text = tmp_path / "ghi-chu.pdf"  # named like a PDF, is text
    text.write_text("không phải ảnh", encoding="utf-8")
    _drop(dialog, text)
    background.lane("scan-pages").wait()
    qtbot.waitUntil(lambda: "ghi-chu.pdf" in dialog.message.text())
    assert "không phải ảnh JPEG, PNG hay tệp PDF" in dialog.message.text()
    dialog.add_files([str(tmp_path / "note.txt")])  # a file that is not there
    qtbot.waitUntil(lambda: "note.txt" in dialog.message.text())
    assert dialog.strip.count() == 1 and dialog.isVisible()


def test_pages_the_scanner_software_saves_into_the_watched_folder(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    folder = tmp_path / "may-quet"
    folder.mkdir()
    dialog.watch(folder)
    assert dialog.timer.isActive()
    _png(folder, "scan0001.png")
    (folder / "readme.txt").write_text("không phải ảnh", encoding="utf-8")
    for _ in range(5):  # as the timer does: a file is taken once it stopped changing
        background.lane("scan-folder").wait()
        qtbot.waitUntil(lambda: not dialog._polling)
        dialog.poll_folder()
    background.lane("scan-folder").wait()
    qtbot.waitUntil(lambda: "readme.txt" in dialog.message.text())
    assert dialog.strip.count() == 1 and dialog.strip.source() == "folder"
    assert (folder / "da-nhan" / "scan0001.png").exists()
    asked = answer_question(False)  # Esc with a page not saved: kept
    press(Qt.Key.Key_Escape, dialog.strip)
    assert asked == ["Bỏ 1 trang chưa lưu của thành phần này?"] and dialog.isVisible()
    asked = answer_question(True)
    dialog.reject()
    assert asked and not dialog.isVisible() and not dialog.timer.isActive()
    # the next dossier: the folder is remembered for this PC and watched at once, with the
    # scanner's choices of last time
    dialog.mode.setCurrentIndex(dialog.mode.findData("bw"))
    dialog.dpi.setValue(300)
    dialog.sources.device.setEditText("test")
    dialog.watch(folder)
    dialog.timer.stop()
    again, more = received(store, clock, "001090054329")
    window.activateWindow()  # offscreen, a closed dialog does not give activation back
    qtbot.waitUntil(window.isActiveWindow)
    second = _open(qtbot, window, again, more[0])
    assert second is not dialog and second.watched is not None
    assert second.watched.folder == folder and second.timer.isActive()
    assert (second.mode.currentData(), second.dpi.value(), second.device.currentText()) == \
        ("bw", 300, "test")
    second.reject()


def test_a_clerk_no_longer_allowed_keeps_the_pages(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.add_files([str(_png(tmp_path)), str(_png(tmp_path, "b.png"))])
    _wait_pages(qtbot, dialog, 2)
    with store.write() as s:  # the admin closes binh's account meanwhile
        binh = s.scalar(select(Clerk).where(Clerk.username == "binh"))
        assert binh is not None
        binh.active = False
    assert dialog.save()
    assert not dialog.strip.isEnabled()  # held still while the save runs
    _wait_saved(qtbot, dialog)
    assert dialog.isVisible() and dialog.strip.count() == 2 and dialog.strip.isEnabled()
    assert dialog.message.text().startswith("Chưa lưu:")
    assert "Các trang vẫn còn đây" in dialog.message.text()
    with store.read() as s:
        assert s.scalar(select(ScanDocument.id)) is None


def test_a_role_without_the_right_cannot_open_it(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desk_app.core import permissions

    monkeypatch.setitem(permissions.ALLOWED, permissions.Action.DIGITISE,
                        frozenset({"leader", "admin"}))
    dossier, _comps = received(store, clock)
    window.open_dossier(dossier)
    button = window.dossier.scan_rows.button
    assert not button.isEnabled() and button.toolTip() == "Tài khoản này không được số hóa hồ sơ."


def test_a_locked_desk_hides_the_dialog(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow) -> None:
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    press(Qt.Key.Key_L, focused(), CTRL)
    assert window.locked
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_returning_citizen_reuses_a_document(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        data_dir: Path) -> None:
    first, comps = received(store, clock)
    files = ScanFiles.of_data_dir(data_dir)
    with store.write() as s:
        from desk_app.scanning.assemble import pages_of

        earlier = scans.attach(s, clock, clerk_id(store), files, first, comps[0],
                               pages_of(picture("PNG")), source="file")
    clock.advance(days=30)
    again, comps2 = received(store, clock)
    assert window.open_dossier(again)
    offer = window.dossier.scan_rows.offer
    assert offer.isVisible() and "có 1 giấy tờ số hóa" in offer.text()
    dialog = _open(qtbot, window, again, comps2[0])
    qtbot.waitUntil(dialog.reuse.isVisible)
    assert dialog.reuse.list.count() == 1
    dialog.reuse.button.click()
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with store.read() as s:
        comp = s.get(DossierComponent, comps2[0])
        assert comp is not None
        doc = s.get(ScanDocument, comp.scan_document_id)
        assert doc is not None and doc.source == "reused" and doc.sha256 == earlier.sha256
    assert "dùng lại" in window.dossier.scan_rows.states[comps2[0]]


@needs_sane
def test_the_dialog_fits_1366x768(qtbot: QtBot, store: Store, clock: FixedClock,
                                  window: MainWindow, data_dir: Path, tmp_path: Path) -> None:
    """Rendered with three scanned pages and an offer to re-use (docs/screens/scan-dialog.png
    with DESK_APP_SCREENS=docs/screens)."""
    first, comps = received(store, clock)
    with store.write() as s:
        from desk_app.scanning.assemble import pages_of

        scans.attach(s, clock, clerk_id(store), ScanFiles.of_data_dir(data_dir), first,
                     comps[0], pages_of(picture("PNG")), source="file")
    clock.advance(days=30)
    dossier, comps = received(store, clock)
    window.resize(1366, 768)
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.device.setEditText("test")
    dialog.extra_options = ("--test-picture", "Grid")
    dialog.sheets.setValue(3)
    dialog.scan_button.click()
    _wait_pages(qtbot, dialog, 3)
    qtbot.waitUntil(dialog.reuse.isVisible)
    dialog.strip.setCurrentRow(1)
    dialog.strip.rotate_current()
    # a long Windows-style folder path is cut, never widening the dialog past the screen
    deep = tmp_path / ("Tài liệu quét của bộ phận một cửa " * 4).strip()
    deep.mkdir()
    dialog.watch(deep)
    dialog.timer.stop()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700, hint
    dialog.resize(1200, 680)
    shot(dialog, "scan-dialog.png", tmp_path)


def test_the_result_is_digitised_once_ready(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        tmp_path: Path) -> None:
    from desk_app.core.lifecycle import Status
    from desk_app.services import lifecycle

    dossier, _comps = received(store, clock)
    window.open_dossier(dossier)
    assert None not in window.dossier.scan_rows.states  # no result yet
    with store.write() as s:
        lifecycle.change_status(s, clock, clerk_id(store), dossier, Status.IN_PROCESSING)
        lifecycle.change_status(s, clock, clerk_id(store), dossier, Status.RESULT_READY)
    window.open_dossier(dossier)
    assert window.dossier.scan_rows.states[None] == "chưa số hóa"
    window.dossier.scan_rows.choose(None)
    window.dossier.scan_rows.button.click()
    dialog = window.dossier.scan_dialog
    assert dialog is not None and dialog.component_id is None and not dialog.reuse.isVisible()
    qtbot.waitUntil(dialog.isVisible)
    dialog.add_files([str(_png(tmp_path))])
    _wait_pages(qtbot, dialog, 1)
    assert dialog.save()
    _wait_saved(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.dossier.scan_rows.states[None].startswith("đã số hóa, 1 trang")
    with store.read() as s:
        doc = s.scalar(select(ScanDocument).where(ScanDocument.dossier_id == dossier))
        assert doc is not None and doc.role == "result" and doc.component_id is None


@needs_sane
def test_finding_the_scanners_runs_off_the_gui_thread(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow) -> None:
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.device.setEditText("test")
    dialog.find_button.click()
    assert not dialog.find_button.isEnabled()  # scanimage -L takes seconds
    qtbot.waitUntil(dialog.find_button.isEnabled, timeout=60_000)
    assert "máy quét" in dialog.message.text()
    assert dialog.device.currentText()  # what SANE lists, or what was typed


def test_the_pdf_is_assembled_before_the_write_lock_is_taken(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """20 colour photos take seconds to assemble: inside the write transaction they held
    SQLite's write lock, and every other writer (another window, the sync), that long."""
    import sqlite3

    from desk_app.gui.dossier import scan_dialog

    free: list[bool] = []
    real = scan_dialog.assemble

    def watched(*args, **kw):  # type: ignore[no-untyped-def]
        other = sqlite3.connect(str(store.path), timeout=0)  # another writer, not waiting
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free.append(True)
        except sqlite3.OperationalError:
            free.append(False)
        finally:
            other.close()
        return real(*args, **kw)

    monkeypatch.setattr(scan_dialog, "assemble", watched)
    dossier, comps = received(store, clock)
    dialog = _open(qtbot, window, dossier, comps[0])
    dialog.add_files([str(_png(tmp_path))])
    _wait_pages(qtbot, dialog, 1)
    assert dialog.save()
    _wait_saved(qtbot, dialog)
    assert free == [True] and not dialog.isVisible()
    with store.read() as s:
        comp = s.get(DossierComponent, comps[0])
        assert comp is not None and comp.digitised
