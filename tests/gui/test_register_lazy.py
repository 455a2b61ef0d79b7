"""Lazy loading of the register: ids in keyset blocks, rows only for the pages painted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from desk_app.clock import FixedClock
from desk_app.gui.register import RegisterView
from desk_app.gui.register.model import COL_APPLICANT, COL_CODE, URGENCY_ROLE, RegisterModel
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.register_data import fill_small

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

BULK = 3000


def clone_dossiers(store: Store, source_id: int, count: int) -> None:
    """``count`` copies of one dossier, received a minute apart going back in time (stored
    as bulk imports write times: without the fraction of a second)."""
    fixed = {"id", "uuid", "code", "received_at", "applicant_name"}
    cols = [c.name for c in Dossier.__table__.columns if c.name not in fixed]
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
        f"INSERT INTO dossiers (uuid, code, received_at, applicant_name, {', '.join(cols)}) "
        "SELECT 'bulk-' || i, 'BULK-' || printf('%06d', i), "
        "datetime('2026-11-01 08:00:00', '-' || i || ' minutes'), 'Người Số ' || i, "
        f"{', '.join(cols)} FROM n, (SELECT * FROM dossiers WHERE id = :src)"
    )
    with store.write() as s:
        s.execute(text(sql), {"count": count, "src": source_id})


def _row_of(model: RegisterModel, code: str) -> int | None:
    return next((r for r in range(model.rowCount())
                 if model.index(r, COL_CODE).data() == code), None)


@pytest.fixture
def big_store(store: Store) -> Store:
    made = fill_small(store)
    clone_dossiers(store, made["Lê Thị Lan"].id, BULK)
    return store


def test_only_visible_pages_are_loaded(qtbot, big_store: Store, clock: FixedClock) -> None:
    view = RegisterView(big_store, clock)
    qtbot.addWidget(view)
    view.resize(1100, 420)
    view.show()
    qtbot.waitExposed(view)
    model = view.model
    page = RegisterModel.PAGE
    qtbot.waitUntil(lambda: not model.loading)  # the ids are read on a worker
    assert model.rowCount() == RegisterModel.ID_BLOCK  # one block of ids, not all 3,008
    assert model.canFetchMore(view.table.rootIndex())
    qtbot.waitUntil(lambda: 0 in model.loaded_pages)  # painted
    assert model.loaded_pages == {0}
    # the total is known from the status counts, counted right after the first paint
    qtbot.waitUntil(lambda: view.summary.text().startswith("3.008 hồ sơ"))
    table = view.table
    table.setFocus()
    # scrolling to the end of what is there fetches the next block of ids
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * RegisterModel.ID_BLOCK)
    qtbot.waitUntil(lambda: (RegisterModel.ID_BLOCK - 1) // page in model.loaded_pages)
    assert 1 not in model.loaded_pages  # the pages scrolled over were never painted
    assert len(model.loaded_pages) <= 3
    # rows far below have ids but no data read yet
    assert len(model._cache) <= page * len(model.loaded_pages)
    last = model.rowCount() - 1
    table.scrollTo(model.index(last, COL_CODE))
    qtbot.waitUntil(lambda: last // page in model.loaded_pages or model.rowCount() > last + 1)
    # the order is strict newest first across the block boundary (the 8 small ones first)
    b = RegisterModel.ID_BLOCK
    names = [model.index(r, COL_APPLICANT).data() for r in range(b - 2, b + 2)]
    assert names == [f"Người Số {r - 7}" for r in range(b - 2, b + 2)]


def test_keyboard_reaches_every_row_by_fetching(qtbot, big_store: Store, clock) -> None:
    view = RegisterView(big_store, clock)
    qtbot.addWidget(view)
    view.resize(1100, 420)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.model.loading)
    table = view.table
    table.setFocus()
    for _ in range(400):
        qtbot.keyClick(table, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: not view.model.fetching)
        if not view.model.canFetchMore(table.rootIndex()) and (
            table.currentIndex().row() == view.model.rowCount() - 1
        ):
            break
    assert view.model.rowCount() == BULK + 8
    assert table.currentIndex().row() == BULK + 7
    assert table.currentIndex().siblingAtColumn(COL_APPLICANT).data() == f"Người Số {BULK}"
    assert len(view.model.loaded_pages) < (BULK + 8) // RegisterModel.PAGE
    # a refresh down there re-reads down to the selected row and keeps it selected
    current = view.current_dossier_id()
    view.refresh()
    qtbot.waitUntil(lambda: not view.model.loading)
    assert view.current_dossier_id() == current
    assert table.currentIndex().row() == BULK + 7
    # scrolled down with the selection at the top: a refresh keeps the scroll position
    table.setCurrentIndex(view.model.index(0, COL_CODE))
    table.scrollToBottom()
    where = table.verticalScrollBar().value()
    view.refresh()
    qtbot.waitUntil(lambda: not view.model.loading)
    assert table.verticalScrollBar().value() == where
    assert view.model.rowCount() == BULK + 8 and table.currentIndex().row() == 0
    # back at the top, a refresh reads one block again, not everything fetched so far
    table.setCurrentIndex(view.model.index(0, COL_CODE))
    table.scrollToTop()
    view.refresh()
    qtbot.waitUntil(lambda: not view.model.loading)
    assert view.model.rowCount() == RegisterModel.ID_BLOCK
    assert table.currentIndex().row() == 0


def test_the_minute_tick_recolours_deep_rows_without_rereading_the_ids(
        qtbot, big_store: Store, clock: FixedClock) -> None:
    """Scrolled to row ~2,900, the minute's tick re-reads the rows on screen only (the time
    moved on: a dossier due soon is now overdue); once something changed in the store, it
    runs the query again and keeps the position."""
    with big_store.write() as s:  # a deep dossier, open, due in half an hour
        s.execute(text("UPDATE dossiers SET status = 'received', due_at = :due "
                       "WHERE uuid = 'bulk-2900'"),
                  {"due": (clock.now() + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S")})
    view = RegisterView(big_store, clock)
    qtbot.addWidget(view)
    view.resize(1100, 420)
    view.show()
    qtbot.waitExposed(view)
    model, table = view.model, view.table
    qtbot.waitUntil(lambda: not model.loading)
    table.setFocus()
    while _row_of(model, "BULK-002900") is None:  # fetch blocks down to it
        model.fetchMore(table.rootIndex())
        qtbot.waitUntil(lambda: not model.fetching)
    row = _row_of(model, "BULK-002900")
    table.setCurrentIndex(model.index(row, COL_CODE))
    table.scrollTo(model.index(row, COL_CODE))
    qtbot.waitUntil(lambda: model.index(row, COL_CODE).data(URGENCY_ROLE) == "due_soon")
    qtbot.waitUntil(lambda: "overdue" in view.counts())
    generation, ids, overdue = model._generation, list(model._ids), view.counts()["overdue"]
    clock.advance(hours=1)
    view._tick()
    qtbot.waitUntil(lambda: model.index(row, COL_CODE).data(URGENCY_ROLE) == "overdue")
    assert model._generation == generation and model._ids == ids  # no id read again
    qtbot.waitUntil(lambda: view.counts()["overdue"] == overdue + 1)
    # a change elsewhere (another window's history event): the tick runs the query again
    with big_store.write() as s:
        s.execute(text("INSERT INTO dossier_events (dossier_id, at, clerk_id, action, "
                       "from_status, to_status, reason, data) SELECT id, received_at, "
                       "received_by, 'note', status, status, '', '{}' FROM dossiers "
                       "WHERE uuid = 'bulk-10'"))
    view._tick()
    qtbot.waitUntil(lambda: model._generation > generation and not model.loading)
    assert table.currentIndex().row() == row
    assert model.index(row, COL_CODE).data() == "BULK-002900"
