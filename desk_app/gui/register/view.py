"""The dossier register widget: filter bar, table and a one-line summary.

Embedded by the main window. It emits ``dossierActivated(id)`` when the clerk presses Enter on
a row or double-clicks it (or presses Enter in the search box and exactly one dossier
matches, as when a slip's barcode is scanned), and ``countsChanged(dict)`` with the figures
for the status bar. ``refresh()`` is called after any change is applied elsewhere; it keeps
the selected dossier and the scroll position. The model reads on a worker thread (see
:mod:`.model`): the table keeps what it shows until the new rows land.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.gui.register.filters import FilterBar
from desk_app.gui.register.labels import tr
from desk_app.gui.register.model import (
    COL_APPLICANT,
    COL_CLERK,
    COL_CODE,
    COL_DUE,
    COL_FIELD,
    COL_PROCEDURE,
    COL_RECEIVED,
    COL_STATUS,
    RegisterModel,
)
from desk_app.services.register import RegisterFilter
from desk_app.store.engine import Store

# Colours depend on the time of day: re-read the register this often even if nothing changed.
RECOLOUR_MS = 60_000
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RegisterTable(QTableView):
    """The table; Enter opens the current dossier instead of editing or moving."""

    entered = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class RegisterView(QWidget):
    dossierActivated = Signal(int)
    countsChanged = Signal(dict)

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self.model = RegisterModel(store, clock, self)
        day = clock.now().date()
        today = QDate(day.year, day.month, day.day)
        self.filters = FilterBar(self.model.lookups, today, self)
        self.table = RegisterTable(self)
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.summary = QLabel(self)
        self.summary.setObjectName("registerSummary")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._setup_table()

        self._selected: int | None = None
        self._scroll = 0
        self._submitted = False  # Enter in the search box: act on the rows once they land
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.model.countsChanged.connect(self._counts_changed)
        self.model.rowsInserted.connect(lambda *_: self._update_summary())
        self.model.reloaded.connect(self._reloaded)
        self.filters.filterChanged.connect(self._apply_filter)
        self.filters.searchSubmitted.connect(self._search_submitted)
        self.table.entered.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.filters.search.installEventFilter(self)

        self._timer = QTimer(self)
        self._timer.setInterval(RECOLOUR_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._update_summary()
        # The first page is on screen before the status-bar figures are counted; counting
        # once the event loop runs also lets the owner connect countsChanged first.
        QTimer.singleShot(0, self._first_counts)

    # --- the interface the main window uses ------------------------------------------------

    def refresh(self) -> None:
        """Re-run the current query on the read lane; the selected dossier and the scroll
        position stay."""
        self.model.refresh(keep=self._keep())

    def _tick(self) -> None:
        """The minute's recolouring: the rows on screen again (the time moved on), the whole
        query only when something changed meanwhile."""
        self.model.recolour(keep=self._keep())

    def _keep(self) -> int:
        """How many rows a refresh must bring back: down to what the clerk can see or has
        selected (keyset pages have no offset: a deeper position costs more ids)."""
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if bottom < 0 else bottom
        self._note_visible_rows()
        return max(last, self.table.currentIndex().row()) + 1

    def set_search(self, text: str) -> None:
        """Search as if ``text`` was typed in the search box and Enter pressed."""
        self.filters.set_search(text)

    def counts(self) -> dict[str, int]:
        return dict(self.model.counts)

    def current_dossier_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.dossier_id(index.row()) if index.isValid() else None

    def select_dossier(self, dossier_id: int) -> bool:
        row = self.model.row_of(dossier_id)
        if row is None:
            return False
        index = self.model.index(row, COL_CODE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # --- internals -------------------------------------------------------------------------

    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.verticalHeader().hide()
        # fixed row heights: the view never measures rows it has not painted
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
        head = t.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = t.fontMetrics().horizontalAdvance("0")
        widths = {COL_CODE: 27, COL_APPLICANT: 22, COL_PROCEDURE: 30, COL_FIELD: 14,
                  COL_RECEIVED: 17, COL_DUE: 17, COL_STATUS: 16, COL_CLERK: 18}
        for col, chars in widths.items():
            head.resizeSection(col, chars * em)
        head.setSectionResizeMode(COL_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        # the indicator first: enabling sorting re-sorts by whatever it shows
        sort = self.model.sort_order
        head.setSortIndicator(
            self.model.sort_column(),
            Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
        )
        t.setSortingEnabled(True)
        if self.model.rowCount() > 0:
            t.setCurrentIndex(self.model.index(0, COL_CODE))

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._note_visible_rows()
        self.model.sort(column, order)
        self._show_sort()  # a column without an index: the indicator goes back at once

    def _show_sort(self) -> None:
        """Keep the header's indicator on the order actually in force."""
        head = self.table.horizontalHeader()
        column, order = head.sortIndicatorSection(), head.sortIndicatorOrder()
        current = self.model.sort_column()
        wanted = (
            Qt.SortOrder.DescendingOrder if self.model.sort_order.descending
            else Qt.SortOrder.AscendingOrder
        )
        if column != current or order != wanted:
            # a column without an index, or a name search (always newest first)
            head.blockSignals(True)
            head.setSortIndicator(current, wanted)
            head.blockSignals(False)

    def _note_visible_rows(self) -> None:
        """Tell the model which rows are on screen: a reload reads their rows with the ids."""
        top = max(0, self.table.rowAt(0))
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        height = max(1, self.table.viewport().height() // self.table.verticalHeader()
                     .defaultSectionSize())
        self.model.visible_rows = (top, bottom if bottom >= 0 else top + height)

    def _apply_filter(self, filt: RegisterFilter) -> None:
        self._selected = None  # a new question: start at the top
        self._submitted = False
        self._note_visible_rows()
        self.model.set_filter(filt)

    def _reloaded(self) -> None:
        self._show_sort()
        self._update_summary()
        if self._submitted and not self.model.loading:
            self._submitted = False
            self._act_on_search()

    def _search_submitted(self, _text: str) -> None:
        if self.model.loading:
            self._submitted = True  # the rows of this search are still being read
        else:
            self._act_on_search()

    def _act_on_search(self) -> None:
        if self.model.rowCount() == 1 and not self.model.has_more():
            dossier_id = self.model.dossier_id(0)
            if dossier_id is not None:
                self.dossierActivated.emit(dossier_id)
        elif self.model.rowCount() > 0:
            self.table.setFocus()

    def _activate(self, index: QModelIndex) -> None:
        dossier_id = self.model.dossier_id(index.row()) if index.isValid() else None
        if dossier_id is not None:
            self.dossierActivated.emit(dossier_id)

    def _remember(self) -> None:
        current = self.current_dossier_id()
        if current is not None:
            self._selected = current
        self._scroll = self.table.verticalScrollBar().value()

    def _restore(self) -> None:
        if self._selected is not None and self.select_dossier(self._selected):
            if self.model.in_place:  # a refresh: the rows stay where the clerk left them
                self.table.verticalScrollBar().setValue(self._scroll)
            return
        self._selected = None
        if self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, COL_CODE))
        self.table.scrollToTop()

    def _first_counts(self) -> None:
        if not self.model.counts:
            self.model.update_counts()

    def _counts_changed(self, counts: dict) -> None:
        self._update_summary()
        self.countsChanged.emit(dict(counts))

    def _known_count(self, filt: RegisterFilter) -> int | None:
        """The number of matches when the status-bar figures already hold it (no query)."""
        c = self.model.counts
        plain = RegisterFilter()
        if filt == plain:
            return c.get("total")
        if filt == plain.with_(status=filt.status) and filt.status is not None:
            return c.get(filt.status)
        if filt == plain.with_(overdue=True):
            return c.get("overdue")
        if filt == plain.with_(due_soon=True):
            return c.get("due_soon")
        if filt == plain.with_(overdue=True, due_soon=True):
            return c.get("overdue", 0) + c.get("due_soon", 0)
        return None

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        if not self.model.has_more():
            total: int | None = shown
        else:
            total = self._known_count(self.model.filter)
        c = self.model.counts
        if total is None:
            found = tr("Hơn {n} hồ sơ khớp (cuộn xuống để tải thêm)").format(n=f"{shown:,}")
        elif total == 0 and self.model.filter == RegisterFilter():
            found = tr("Chưa có hồ sơ nào")
        elif total == 0:
            found = tr("Không có hồ sơ nào khớp")
        else:
            found = tr("{n} hồ sơ").format(n=f"{total:,}")
        found = found.replace(",", ".")  # Vietnamese thousands separator
        work = tr("Đang giải quyết: {open} · sắp đến hạn: {soon} · quá hạn: {late}").format(
            open=c.get("open", 0), soon=c.get("due_soon", 0), late=c.get("overdue", 0)
        )
        self.summary.setText(f"{found}    |    {work}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down arrow from the search box goes to the table, as in a file dialog.
        if (
            watched is self.filters.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self.model.rowCount() > 0
        ):
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_CODE))
            return True
        return super().eventFilter(watched, event)
