"""The register's table model: dossier ids fetched in keyset blocks, rows loaded by page.

As in Anki's browser, the model holds ids only. Two levels of laziness keep a million-row
register as quick as a ten-row one:

* ids arrive in blocks of :attr:`RegisterModel.ID_BLOCK` through Qt's ``canFetchMore`` /
  ``fetchMore`` (the view asks for more when it scrolls to the end of what it has);
* the display rows of those ids are read from the store a page of :attr:`RegisterModel.PAGE`
  rows at a time, when the view first paints a row of that page, and kept in a cache.

The queries over the whole register (a reload, its counts, the next block of ids) run on the
"read" lane (:mod:`.loading`), never on the GUI thread: until a reload's result lands the table
keeps showing what it had (no empty flash, the selection and scroll position stay), and a
result overtaken by a newer reload (another filter, another refresh) is dropped.
:attr:`loading` says a reload is under way; :attr:`reloaded` fires when one was applied.
:meth:`refresh` re-reads the ids (as many as were already fetched) and marks the cached rows
stale, so a change made elsewhere shows without losing the scroll position.
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
from desk_app.errors import KnownError
from desk_app.gui import background
from desk_app.gui.register import loading as reads
from desk_app.gui.register.labels import header, status_label, urgency_label
from desk_app.gui.tr import tr
from desk_app.services.register import (
    Cursor,
    Deadlines,
    Lookups,
    RegisterFilter,
    RegisterQuery,
    RegisterRow,
    RegisterSort,
    SortKey,
    load_lookups,
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
CELLS = (  # each column's text, in column order
    lambda r: r.code, lambda r: r.applicant, lambda r: r.procedure, lambda r: r.field,
    lambda r: r.received_at.strftime(DATE_FORMAT),
    lambda r: r.due_at.strftime(DATE_FORMAT) if r.due_at else "",
    lambda r: status_label(r.status), lambda r: r.clerk)


class RegisterModel(QAbstractTableModel):
    """All dossiers matching a filter, in one order, fetched lazily."""

    ID_BLOCK = 200
    PAGE = 50

    countsChanged = Signal(dict)
    reloaded = Signal()  # a reload's result was applied (rows, order and maybe counts)

    def __init__(self, store: Store, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._filter = RegisterFilter()
        self._sort = RegisterSort()
        # the catalogue's fields and procedures (a few hundred rows): the filter bar needs them
        with store.read() as session:
            self._lookups: Lookups | None = load_lookups(session)
        self._query: RegisterQuery | None = None
        self._ids: list[int] = []
        self._cursor: Cursor | None = None
        self._more = False
        self._cache: dict[int, RegisterRow | None] = {}
        self.loaded_pages: set[int] = set()  # pages read since the last reset (for tests)
        self.counts: dict[str, int] = {}
        # the newest reload asked for; results of older ones are dropped
        self._generation = 0
        self._pending: background.Task[reads.Reloaded] | None = None
        self._pending_counts = False
        self._pending_in_place = False
        self._fetching_for = -1  # the generation whose next block is being read
        self._counts_asked = 0
        self.in_place = False  # True while a refresh's new ids are applied (the view keeps
        # the scroll position then; a new filter starts at the top)
        self.visible_rows: tuple[int, int] = (0, self.PAGE - 1)  # set by the view
        self._marker: tuple[int, int] = (0, 0)  # what had changed when the ids were read
        self._reload(keep=0, in_place=False)

    # --- what the view and the widget ask -------------------------------------------------

    @property
    def filter(self) -> RegisterFilter:
        return self._filter

    @property
    def sort_order(self) -> RegisterSort:
        """The order in force (a name search always lists newest first); while a reload runs,
        the order it was asked for."""
        return self._query.sort if self._query is not None and not self.loading else self._sort

    @property
    def lookups(self) -> Lookups:
        assert self._lookups is not None
        return self._lookups

    @property
    def deadlines(self) -> Deadlines:
        assert self._query is not None
        return self._query.deadlines

    @property
    def loading(self) -> bool:
        """A reload is under way (what the table shows is the previous result)."""
        return self._pending is not None

    @property
    def fetching(self) -> bool:
        """The next block of ids is being read (the rows are appended when it lands)."""
        return self._fetching_for == self._generation

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
            self._reload(keep=0, in_place=False)

    def set_sort(self, sort: RegisterSort) -> None:
        if sort != self._sort:
            self._sort = sort
            self._reload(keep=0, in_place=False)

    def update_counts(self) -> None:
        """Recount the status-bar figures on the read lane (after the first paint)."""
        self._counts_asked += 1
        asked = self._counts_asked
        store, clock = self._store, self._clock
        background.lane(reads.READ_LANE).run(
            lambda: reads.counts(store, clock), lambda c: self._counted(c, asked),
            failed=self._read_failed, context=self, name="register counts")

    def recolour(self, keep: int) -> None:
        """The minute's tick: the rows on screen coloured by the time now and the counts, at any
        scroll depth; when anything changed meanwhile (a dossier received or moved by another
        window or process), a refresh keeping ``keep`` rows instead."""
        if self._query is None or self._pending is not None:
            return  # a reload is on its way: it brings the colours of now
        first, last = self.visible_rows
        ids = self._ids[max(0, first):max(0, min(last, len(self._ids) - 1)) + 1]
        store, clock, query, marker = self._store, self._clock, self._query, self._marker
        generation = self._generation
        background.lane(reads.READ_LANE).run(
            lambda: reads.recolour(store, clock, query, marker, ids),
            lambda got: self._recoloured(got, generation, keep, ids), failed=self._read_failed,
            context=self, name="register recolour")

    def _recoloured(self, got: reads.Recoloured, generation: int, keep: int,
                    ids: list[int]) -> None:
        if generation != self._generation:
            return  # reloaded meanwhile
        if got.query is None:
            self.refresh(keep)
            return
        self._query = got.query
        first = self.visible_rows[0]
        # rows off screen were coloured by the old time: read again when scrolled to
        self._cache = dict(got.rows)
        if ids:
            top = max(0, first)
            self.dataChanged.emit(self.index(top, 0),
                                  self.index(top + len(ids) - 1, COLUMN_COUNT - 1))
        if got.counts is not None:
            self._counts_asked += 1
            self._counted(got.counts, self._counts_asked)

    def refresh(self, keep: int | None = None) -> None:
        """Re-run the query (on the read lane) and mark every cached row stale.

        ``keep``: how many rows must come back (the view passes the last one on screen or
        selected); by default as many as were fetched.
        """
        self._reload(keep=len(self._ids) if keep is None else keep, counts=True, in_place=True)

    # --- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        """Read the next block of ids on the read lane; the rows are appended when it lands."""
        if parent.isValid() or not self._more or self._query is None \
                or self._fetching_for == self._generation:
            return
        generation = self._fetching_for = self._generation
        store, query, cursor = self._store, self._query, self._cursor
        size = query.block_size(self.ID_BLOCK)
        background.lane(reads.READ_LANE).run(
            lambda: reads.next_ids(store, query, cursor, size),
            lambda got: self._fetched(got, generation), failed=self._read_failed, context=self,
            name="register ids")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return header(section)
            if role == Qt.ItemDataRole.ToolTipRole and section in SORTABLE:
                return header(section) + tr(" — bấm để sắp xếp")
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
        return CELLS[col](row)

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

    def _reload(self, keep: int, *, in_place: bool, counts: bool = False) -> None:
        """Run the query again from the top on the read lane, fetching at least ``keep`` ids."""
        if self._pending is not None:
            self._pending.cancel()  # overtaken: a queued one never starts
            in_place = in_place and self._pending_in_place  # a new filter still starts on top
        self._generation += 1
        generation = self._generation
        self._pending_counts = counts = counts or self._pending_counts
        self._pending_in_place = in_place
        first, last = self.visible_rows
        req = reads.ReloadRequest(
            self._filter, self._sort, keep, self.ID_BLOCK, self.PAGE, counts, dict(self.counts),
            None if counts else self._lookups,
            rows_from=first if in_place else 0,
            rows_to=last if in_place else last - first)
        if counts:
            self._counts_asked += 1
        asked, store, clock = self._counts_asked, self._store, self._clock
        self._pending = background.lane(reads.READ_LANE).run(
            lambda: reads.reload(store, clock, req),
            lambda got: self._reloaded(got, generation, asked), failed=self._read_failed,
            context=self, name="register reload")

    def _reloaded(self, got: reads.Reloaded, generation: int, asked: int) -> None:
        if generation != self._generation:
            return  # a newer reload was asked meanwhile: its result will come
        in_place = self._pending_in_place
        self._pending, self._pending_counts = None, False
        self._lookups, self._marker = got.lookups, got.marker
        if got.ids == self._ids and self._query is not None:
            # same rows in the same order: only their contents may have changed
            self._query, self._cursor, self._more = got.query, got.cursor, got.cursor is not None
            self._cache = dict(got.rows)
            self.loaded_pages = set(got.pages)
            if got.ids:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(got.ids) - 1, COLUMN_COUNT - 1)
                )
        else:
            self.in_place = in_place
            self.beginResetModel()
            self._query, self._ids = got.query, got.ids
            self._cursor, self._more = got.cursor, got.cursor is not None
            self._cache = dict(got.rows)
            self.loaded_pages = set(got.pages)
            self.endResetModel()
            self.in_place = False
        if got.counts is not None:
            self._counted(got.counts, asked)
        self.reloaded.emit()

    def _read_failed(self, exc: KnownError) -> None:
        """The store could not be read (a damaged file, a full disk): the table keeps what it
        shows and the next refresh (at most a minute away) tries again."""
        log.warning("register: read failed: %s %s", exc.code, exc)
        self._pending, self._fetching_for = None, -1

    def _counted(self, counts: dict[str, int], asked: int) -> None:
        if asked != self._counts_asked:
            return  # a newer count was asked meanwhile
        self.counts = counts
        self.countsChanged.emit(dict(counts))

    def _fetched(self, got: tuple[list[int], Cursor | None], generation: int) -> None:
        if generation != self._generation:
            return  # the query was run again meanwhile: these ids belong to the old one
        self._fetching_for = -1
        ids, cursor = got
        if ids:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
            self._ids.extend(ids)
            self._cursor, self._more = cursor, cursor is not None
            self.endInsertRows()
        else:
            self._cursor, self._more = None, False
