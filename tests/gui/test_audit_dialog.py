"""The audit log on screen: a leader opens it from the account menu, filters it, and the chain
check says in words which record was edited; a clerk has no way to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui import account_menu, background
from desk_app.paths import database_path
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.store.engine import Store
from desk_app.store.models import Clerk
from tests.gui.conftest import open_window
from tests.helpers import complete_request


def _work(store: Store, clock: FixedClock) -> str:
    with store.write() as s:
        binh = s.scalar(select(Clerk.id).where(Clerk.username == "binh"))
        res = receive(s, clock, binh, complete_request(s))  # type: ignore[arg-type]
        receive(s, clock, binh, complete_request(s, full_name="Lê Văn Tám"))  # type: ignore[arg-type]
        change_status(s, clock, binh, res.dossier_id, Status.IN_PROCESSING)  # type: ignore[arg-type]
    return res.code


def test_a_leader_reads_filters_and_checks_the_log(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    code = _work(store, clock)
    window = open_window(qtbot, store, clock, data_dir, "lan")
    action = window.findChild(QAction, "auditAction")
    assert action is not None
    action.trigger()
    dialog = window.audit_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    assert dialog.count.text() == "3 thao tác khớp bộ lọc"
    assert dialog.table.item(0, 3).text() == "Chuyển trạng thái hồ sơ"  # newest first
    assert dialog.table.item(0, 2).text() == "binh"
    dialog.code.setText(code[-8:])
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    dialog.check_chain()
    qtbot.waitUntil(lambda: "nguyên vẹn" in dialog.verdict.text())
    with sqlite3.connect(database_path(data_dir)) as conn:  # someone edits the file
        conn.execute("UPDATE audit_log SET clerk = 'lan' WHERE seq = 2")
    dialog.check_chain()
    qtbot.waitUntil(lambda: "can thiệp" in dialog.verdict.text())
    assert dialog.verdict.text() == "Nhật ký đã bị can thiệp: bản ghi số 2 đã bị sửa."
    background.wait_all()


def test_a_clerk_has_no_way_to_the_log(qtbot: QtBot, store: Store, clock: FixedClock,
                                       data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "binh")
    assert window.findChild(QAction, "auditAction") is None
    assert account_menu.open_audit(window) is None  # nor by calling it


def test_a_locked_desk_hides_the_log_and_offers_it_nowhere(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    _work(store, clock)
    window = open_window(qtbot, store, clock, data_dir, "lan")
    dialog = account_menu.open_audit(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    window.lock()
    assert not dialog.isVisible()  # names and codes are not left on the screen
    assert account_menu.open_audit(window) is None  # nor opened while locked
    background.wait_all()
