"""The "Hôm nay" page the clerk lands on after login (issue 15): what to return today, what falls
due soon, what is overdue (with whether its form 04 was issued), what waits for a supplement,
and today's ratings. Read on the read lane (:mod:`desk_app.services.today`); Enter or a double
click opens the dossier; F5 reads again, and so does every saved change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.formatting import fmt_appointment
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.today import Row, Today, today
from desk_app.store.engine import Store

TABS = (  # list, its title with {n}
    ("needs_letter", QT_TR_NOOP("Quá hạn chưa có mẫu 04 ({n})")),
    ("to_return", QT_TR_NOOP("Hẹn trả hôm nay ({n})")),
    ("due_soon", QT_TR_NOOP("Sắp đến hạn ({n})")),
    ("overdue", QT_TR_NOOP("Quá hạn ({n})")),
    ("waiting", QT_TR_NOOP("Chờ bổ sung ({n})")),
    ("ready", QT_TR_NOOP("Có kết quả, chờ trả ({n})")),
)
STATUS_WORDS = {"received": QT_TR_NOOP("Đã tiếp nhận"), "in_processing": QT_TR_NOOP("Đang xử lý"),
                "waiting_supplement": QT_TR_NOOP("Chờ bổ sung"),
                "result_ready": QT_TR_NOOP("Có kết quả")}
HEADERS = (QT_TR_NOOP("Mã hồ sơ"), QT_TR_NOOP("Người nộp"), QT_TR_NOOP("Thủ tục"),
           QT_TR_NOOP("Trạng thái"), QT_TR_NOOP("Hẹn trả"), QT_TR_NOOP("Hạn theo quy định"),
           QT_TR_NOOP("Mẫu 04"))
_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        r = self.rows[index.row()]
        return (r.code, r.applicant, r.procedure, tr(STATUS_WORDS.get(r.status, r.status)),
                fmt_appointment(r.due_at), fmt_appointment(r.original_due_at),
                tr("Đã lập") if r.apologised else "")[index.column()]


class TodayPage(QWidget):
    """The day at a glance; ``open_dossier(id)`` is called for Enter or a double click."""

    loaded = Signal(object)  # the Today read, once shown

    def __init__(self, store: Store, clock: Any, open_dossier: Callable[[int], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.store, self.clock, self.open_dossier = store, clock, open_dossier
        self.day: Today | None = None
        self._asked = 0
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(tr("Cập nhật (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("todayTabs")
        self.models: dict[str, RowsModel] = {}
        self.views: dict[str, QTableView] = {}
        for name, _title in TABS:
            model, view = RowsModel(self), QTableView()
            view.setObjectName(f"today_{name}")
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().hide()
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            view.activated.connect(lambda ix, m=model: self._open(m, ix))
            self.models[name], self.views[name] = model, view
            self.tabs.addTab(view, "")
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("F5"), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._titles()

    def _open(self, model: RowsModel, index: QModelIndex) -> None:
        if index.isValid():
            self.open_dossier(model.rows[index.row()].id)

    def _titles(self) -> None:
        counts = self.day.counts if self.day is not None else {}
        for i, (name, title) in enumerate(TABS):
            self.tabs.setTabText(i, tr(title).format(n=counts.get(name, 0)))

    def refresh(self) -> None:
        """Read the day again on the read lane (returns at once)."""
        self._asked += 1
        asked, store, clock = self._asked, self.store, self.clock

        def read() -> Today:
            with store.read() as s:
                return today(s, clock)

        def landed(day: Today) -> None:
            if asked == self._asked:
                self.show_day(day)

        def failed(exc: KnownError) -> None:
            if asked == self._asked:
                messages.show_known_error(self, exc)

        background.lane(READ_LANE).run(read, landed, failed=failed, context=self,
                                    name="today")

    def show_day(self, day: Today) -> None:
        self.day = day
        for name, model in self.models.items():
            model.set_rows(day.rows.get(name, []))
        self._titles()
        c = day.counts
        rated = (tr("{n} lượt đánh giá, {p} hài lòng").format(n=day.ratings, p=day.ratings_positive)
                 if day.ratings else tr("chưa có lượt đánh giá nào"))
        self.summary.setText(tr(
            "<b>Hôm nay {day}</b>: {ret} hồ sơ hẹn trả, {soon} sắp đến hạn (trong {days} ngày làm"
            " việc), <b>{over} quá hạn</b> ({letter} chưa có văn bản xin lỗi mẫu 04), {wait} chờ"
            " bổ sung, {ready} có kết quả chờ trả; {rated}.").format(
            day=day.now.strftime("%d/%m/%Y"), ret=c.get("to_return", 0),
            soon=c.get("due_soon", 0), days=day.soon_days, over=c.get("overdue", 0),
            letter=c.get("needs_letter", 0), wait=c.get("waiting", 0),
            ready=c.get("ready", 0), rated=rated))
        if c.get("needs_letter", 0) == 0 and self.tabs.currentIndex() == 0:
            self.tabs.setCurrentIndex(1)
        self.loaded.emit(day)
