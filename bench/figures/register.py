"""Register open (the real RegisterView built, shown, its first page of rows painted and the
status-bar counts read) against the floor: a bare QTableView over a bare QAbstractTableModel
holding the same first 200 rows (newest first) read with sqlite3, shown and painted at the same
size. Both in this process, offscreen, interleaved."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime
from typing import Any

from bench.figures.common import Context, Row, interleaved, time_row

NOW = datetime(2026, 11, 23, 9, 0)
SIZE = (1360, 720)
FIRST = ("SELECT id, code, applicant_name, procedure_version_id, received_at, due_at, status,"
         " received_by FROM dossiers ORDER BY received_at DESC, id DESC LIMIT 200")


def app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv)


def _bare_model() -> Any:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class Bare(QAbstractTableModel):
        def __init__(self, rows: list[tuple]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 8

        def data(self, index: Any, role: int = 0) -> Any:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return str(self.rows[index.row()][index.column()])

    return Bare


def measure(ctx: Context) -> list[Row]:
    from PySide6.QtWidgets import QTableView

    from desk_app.clock import FixedClock
    from desk_app.gui.fonts import install_fonts
    from desk_app.gui.register import RegisterView
    from desk_app.paths import database_path
    from desk_app.store.engine import Store

    qt = app()
    install_fonts(qt)
    path = database_path(ctx.data)
    store = Store(path)
    clock = FixedClock(NOW)
    bare_db = sqlite3.connect(path)
    bare_db.execute("PRAGMA cache_size=-32000")
    bare_model = _bare_model()
    shown: list[Any] = []

    def retire(widget: Any) -> None:
        for old in shown:
            old.close()
            old.deleteLater()
        shown[:] = [widget]
        qt.processEvents()

    def program() -> None:
        view = RegisterView(store, clock)
        view.resize(*SIZE)
        view.show()
        model = view.model
        while model.loading or 0 not in model.loaded_pages or not model.counts:
            qt.processEvents()
            if not model.loading and 0 not in model.loaded_pages:
                view.table.viewport().repaint()
        view.grab()
        retire(view)

    def floor() -> None:
        rows = bare_db.execute(FIRST).fetchall()
        table = QTableView()
        table.setModel(bare_model(rows))
        table.resize(*SIZE)
        table.show()
        qt.processEvents()
        table.grab()
        retire(table)

    try:
        prog, flo = interleaved(program, floor, ctx.reps(30, 6), warm=2)
    finally:
        for old in shown:
            old.close()
        bare_db.close()
    return [time_row("register open with its counts vs bare QTableView", prog, flo,
                     max_ratio=1.5)]
