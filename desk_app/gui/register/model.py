"""The register's table model: dossier ids fetched in keyset blocks, rows loaded by page.

As in Anki's browser, the model holds ids only. Two levels of laziness keep a million-row
register as quick as a ten-row one:

* ids arrive in blocks of :attr:`RegisterModel.ID_BLOCK` through Qt's ``canFetchMore`` /
  ``fetchMore`` (the view asks for more when it scrolls to the end of what it has);
* the display rows of those ids are read from the store a page of :attr:`RegisterModel.PAGE`
  rows at a time, when the view first paints a row of that page, and kept in a cache.

:meth:`refresh` re-reads the ids (as many as were already fetched) and marks the cached rows
stale, so a change made elsewhere shows on the next paint without losing the scroll position.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desk_app.clock import Clock
from desk_app.gui.register.labels import header, status_label, urgency_label
from desk_app.services.register import (
    Cursor,
    Deadlines,
    Lookups,
    RegisterFilter,
    RegisterQuery,
    RegisterRow,
    RegisterSort,
    Sizes,
    SortKey,
    deadlines,
    load_lookups,
    status_counts,
    version_sizes,
)
from desk_app.store.engine import Store

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

COL_CODE, COL_APPLICANT, COL_PROCEDURE, COL_FIELD, COL_RECEIVED, COL_DUE, COL_STATUS, COL_CLERK = (
    range(8)
)
COLUMN_COUNT = 8
# Columns the clerk can sort by: each ordering walks an index (see services.register).
# (The code is the receipt date plus a daily number: its order is the receipt order.)
SORTABLE = {COL_RECEIVED: SortKey.RECEIVED, COL_DUE: SortKey.DUE}

# Light backgrounds that keep black text readable; the tooltip says the same in words.
OVERDUE_BG = QColor("#f6c4c0")
DUE_SOON_BG = QColor("#fde4a8")
DOSSIER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2

DATE_FORMAT = "%d/%m/%Y %H:%M"

# Plain values of the Qt enums data() compares with on every call (enum lookups add up).
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ROLES = frozenset({DISPLAY, BACKGROUND, TOOLTIP, int(DOSSIER_ID_ROLE), int(URGENCY_ROLE)})
ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
NO_FLAGS = Qt.ItemFlag.NoItemFlags
BRUSHES = {"overdue": QBrush(OVERDUE_BG), "due_soon": QBrush(DUE_SOON_BG)}


class RegisterModel(QAbstractTableModel):
    """All dossiers matching a filter, in one order, fetched lazily."""

    ID_BLOCK = 200
    PAGE = 50

    countsChanged = Signal(dict)

    def __init__(self, store: Store, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._filter = RegisterFilter()
        self._sort = RegisterSort()
        self._lookups: Lookups | None = None
        self._query: RegisterQuery | None = None
        self._ids: list[int] = []
        self._cursor: Cursor | None = None
        self._more = False
        self._cache: dict[int, RegisterRow | None] = {}
        self.loaded_pages: set[int] = set()  # pages read since the last reset (for tests)
        self.counts: dict[str, int] = {}
        self._version_sizes: dict[int, int] | None = None
        self._reload(keep=0)

    # --- what the view and the widget ask -------------------------------------------------

    @property
    def filter(self) -> RegisterFilter:
        return self._filter

    @property
    def sort_order(self) -> RegisterSort:
        """The order in force (a name search always lists newest first)."""
        return self._query.sort if self._query is not None else self._sort

    @property
    def lookups(self) -> Lookups:
        assert self._lookups is not None
        return self._lookups

    @property
    def deadlines(self) -> Deadlines:
        assert self._query is not None
        return self._query.deadlines

    def has_more(self) -> bool:
        return self._more

    def dossier_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, dossier_id: int) -> int | None:
        try:
            return self._ids.index(dossier_id)
        except ValueError:
            return None

    def set_filter(self, filt: RegisterFilter) -> None:
        if filt != self._filter:
            self._filter = filt
            self._reload(keep=0)

    def set_sort(self, sort: RegisterSort) -> None:
        if sort != self._sort:
            self._sort = sort
            self._reload(keep=0)

    def update_counts(self) -> None:
        """Recount the status-bar figures (done after the first paint, and by refresh)."""
        with self._store.read() as session:
            self.counts = status_counts(session, deadlines(session, self._clock))
        self.countsChanged.emit(dict(self.counts))

    def refresh(self, keep: int | None = None) -> None:
        """Re-run the query and mark every cached row stale.

        ``keep``: how many rows must come back (the view passes the last one on screen or
        selected); by default as many as were fetched.
        """
        self._reload(keep=len(self._ids) if keep is None else keep, counts=True)

    # --- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or self._query is None:
            return
        with self._store.read() as session:
            ids, cursor = self._query.id_window(
                session, self._cursor, self._query.block_size(self.ID_BLOCK))
        if ids:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
            self._ids.extend(ids)
            self._cursor, self._more = cursor, cursor is not None
            self.endInsertRows()
        else:
            self._cursor, self._more = None, False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return header(section)
            if role == Qt.ItemDataRole.ToolTipRole and section in SORTABLE:
                return header(section) + " — bấm để sắp xếp"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ITEM_FLAGS if index.isValid() else NO_FLAGS

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every role of every painted cell: the cheap refusals come first.
        if role not in ROLES or not index.isValid():
            return None
        r = index.row()
        if r >= len(self._ids):
            return None
        if role == DOSSIER_ID_ROLE:
            return self._ids[r]
        row = self._row(r)
        if row is None:
            return None
        if role == DISPLAY:
            return self._display(row, index.column())
        if role == URGENCY_ROLE:
            return row.urgency
        if role == BACKGROUND:
            return BRUSHES.get(row.urgency)
        # tooltip: the full text (procedure names are long) and why a row is coloured
        col = index.column()
        tip = self._display(row, col) if col in (COL_PROCEDURE, COL_APPLICANT, COL_FIELD) else ""
        note = urgency_label(row.urgency)
        return "\n".join(t for t in (tip, note) if t) or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(column)
        if key is None:
            return  # not served by an index: the view puts the indicator back
        self.set_sort(RegisterSort(key, order == Qt.SortOrder.DescendingOrder))

    def sort_column(self) -> int:
        return next(c for c, k in SORTABLE.items() if k is self.sort_order.key)

    # --- internals -------------------------------------------------------------------------

    def _display(self, row: RegisterRow, col: int) -> str:
        if col == COL_CODE:
            return row.code
        if col == COL_APPLICANT:
            return row.applicant
        if col == COL_PROCEDURE:
            return row.procedure
        if col == COL_FIELD:
            return row.field
        if col == COL_RECEIVED:
            return row.received_at.strftime(DATE_FORMAT)
        if col == COL_DUE:
            return row.due_at.strftime(DATE_FORMAT) if row.due_at else ""
        if col == COL_STATUS:
            return status_label(row.status)
        return row.clerk

    def _row(self, row: int) -> RegisterRow | None:
        dossier_id = self._ids[row]
        if dossier_id not in self._cache:
            self._load_page(row // self.PAGE)
        return self._cache.get(dossier_id)

    def _load_page(self, page: int) -> None:
        assert self._query is not None
        ids = self._ids[page * self.PAGE:(page + 1) * self.PAGE]
        with self._store.read() as session:
            found = self._query.rows(session, ids)
        for dossier_id in ids:
            # a dossier gone since the ids were read shows as an empty line until refresh
            self._cache[dossier_id] = found.get(dossier_id)
        self.loaded_pages.add(page)

    def _reload(self, keep: int, counts: bool = False) -> None:
        """Run the query again from the top, fetching at least ``keep`` ids."""
        with self._store.read() as session:
            if self._lookups is None or counts:
                self._lookups = load_lookups(session)
            limits = deadlines(session, self._clock)
            new_counts = status_counts(session, limits) if counts else None
            # how many dossiers each filter may match lets the query pick its index
            if self._version_sizes is None and (
                self._filter.field is not None or self._filter.procedure_id is not None
            ):
                self._version_sizes = version_sizes(session)  # once: they change slowly
            sizes = Sizes(new_counts if new_counts is not None else self.counts,
                          self._version_sizes)
            query = RegisterQuery(self._filter, self._sort, limits, self._lookups, sizes)
            ids, cursor = query.id_window(
                session, None, max(keep, query.block_size(self.ID_BLOCK)))
        if ids == self._ids and self._query is not None:
            # same rows in the same order: only their contents may have changed
            self._query, self._cursor, self._more = query, cursor, cursor is not None
            self._cache.clear()
            self.loaded_pages.clear()
            if ids:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(ids) - 1, COLUMN_COUNT - 1)
                )
        else:
            self.beginResetModel()
            self._query, self._ids = query, ids
            self._cursor, self._more = cursor, cursor is not None
            self._cache.clear()
            self.loaded_pages.clear()
            self.endResetModel()
        if new_counts is not None:
            self.counts = new_counts
            self.countsChanged.emit(dict(new_counts))
