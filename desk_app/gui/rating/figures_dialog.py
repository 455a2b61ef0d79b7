"""The desk leader's satisfaction figures: per clerk, procedure or month, over a period.

Also shows the result of the chain check of the stored ratings, so an edited or deleted
rating is seen on the desk itself, not only at the province.

The figures are read on the read lane (:mod:`desk_app.gui.background`), never on the GUI thread:
a store busy with another program's write keeps the dialog painting meanwhile. Each change of
period or grouping asks again; an answer overtaken by a newer question is dropped.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.core import words
from desk_app.core.rating_settings import RatingForm
from desk_app.core.ratingchain import ChainProblem
from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import ratings
from desk_app.services.ratings import FigureRow
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
GROUP_LABELS = {"clerk": QT_TR_NOOP("Công chức"), "procedure": QT_TR_NOOP("Thủ tục"), "month": QT_TR_NOOP("Tháng")}


class _Checker(QObject):
    done = Signal(object)  # list[ChainProblem] or the exception


def problem_text(p: ChainProblem) -> str:
    template = words.CHAIN_PROBLEM.get(p.code)
    if template is not None:
        template = messages.word_label("chain_problem", p.code)
    else:  # never show the code itself; it is in the log
        log.warning("no Vietnamese wording for rating chain problem %r", p.code)
        template = tr("phiếu số {seq} có lỗi") if p.seq is not None else tr("có phiếu bị lỗi")
    return template.format(seq=p.seq)


class FiguresDialog(QDialog):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None, *,
                 clerk_id: int) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.clerk_id = clerk_id
        self.setWindowTitle(tr("Mức độ hài lòng của người dân"))
        today = clock.now().date()
        self.start = QDateEdit(QDate(today.year, today.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(self.refresh)
        self.group = QComboBox()
        for key, label in GROUP_LABELS.items():
            self.group.addItem(tr(label), key)
        self.group.currentIndexChanged.connect(self.refresh)
        bar = QHBoxLayout()
        for text, w in ((tr("Từ ngày"), self.start), (tr("đến ngày"), self.end), ("Theo", self.group)):
            bar.addWidget(QLabel(text))
            bar.addWidget(w)
        bar.addStretch(1)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.note = QLabel(tr("Không tính các phiếu đánh giá lặp lại của cùng một lượt."))
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        buttons = QDialogButtonBox()
        recheck = buttons.addButton(tr("Kiểm tra lại"), QDialogButtonBox.ButtonRole.ActionRole)
        recheck.clicked.connect(self.check)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        # a fixed minimum instead of one recomputed from the table on every refresh (which
        # the platform window would be told of each time)
        box.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(720, 420)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        box.addWidget(self.note)
        box.addWidget(self.chain)
        box.addWidget(buttons)
        resize_within_screen(self, 900, 520)
        self.loading = False
        self._asked = 0  # the number of the newest question: older answers are dropped
        self.refresh()
        self.checking = False
        self._checker = _Checker(self)
        self._checker.done.connect(self._checked)
        self.check()

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def refresh(self) -> None:
        """Ask for the figures of the period on the read lane (returns at once)."""
        start, end = self.period()
        by = str(self.group.currentData())
        self._asked += 1
        asked, store = self._asked, self.store
        self.loading = True

        def read() -> tuple[RatingForm, list[FigureRow], FigureRow]:
            with store.read() as s:
                form = ratings.load_form(s)
                return (form, *ratings.figures(s, start=start, end=end, by=by, form=form))

        def landed(answer: tuple[RatingForm, list[FigureRow], FigureRow]) -> None:
            if asked == self._asked:
                self.loading = False
                self._show(by, *answer)

        def failed(exc: KnownError) -> None:
            if asked == self._asked:
                self.loading = False
                messages.show_known_error(self, exc)

        background.lane(READ_LANE).run(read, landed, failed=failed, context=self,
                                    name="rating figures")

    def _show(self, by: str, form: RatingForm, rows: list[FigureRow], total: FigureRow) -> None:
        levels = form.overall.levels
        headers = [tr(GROUP_LABELS[by]), tr("Số phiếu"), *(lv.label for lv in levels), tr("Tỷ lệ hài lòng")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows) + 1)
        total.label = tr("Tổng cộng")
        for r, row in enumerate([*rows, total]):
            self._fill(r, row, [lv.code for lv in levels], bold=row is total)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)

    def check(self) -> None:
        """Re-hash every stored rating on a worker thread: a second or more for years of
        ratings, so it runs on opening and on request, never blocking the window."""
        if self.checking:
            return
        self.checking = True
        self.chain.setStyleSheet("color: #4a5d70;")
        self.chain.setText(tr("Đang kiểm tra chuỗi đánh giá…"))
        store, clock, clerk_id, done = self.store, self.clock, self.clerk_id, self._checker.done

        def work() -> None:
            try:
                with store.read() as s:
                    result: object = ratings.recheck_chain(s, clock, clerk_id)
            except Exception as exc:  # reported on the dialog, logged there
                result = exc
            try:
                done.emit(result)
            except RuntimeError:  # the dialog went away meanwhile
                pass

        QThreadPool.globalInstance().start(work)

    def _checked(self, result: object) -> None:
        self.checking = False
        if isinstance(result, KnownError):
            self.chain.setStyleSheet("color: #b3261e;")
            self.chain.setText(messages.known_message(result))
        elif isinstance(result, BaseException):
            log.error("rating chain check failed", exc_info=result)
            self.chain.setStyleSheet("color: #b3261e;")
            self.chain.setText(tr("Không kiểm tra được chuỗi đánh giá (xem nhật ký)."))
        elif result:
            problems: list[ChainProblem] = result  # type: ignore[assignment]
            self.chain.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.chain.setText(
                tr("Cảnh báo: dữ liệu đánh giá đã bị can thiệp - ")
                + "; ".join(problem_text(p) for p in problems[:5])
                + (" ..." if len(problems) > 5 else "")
            )
        else:
            self.chain.setStyleSheet("color: #1b7f3b;")
            self.chain.setText(tr("Kiểm tra chuỗi: dữ liệu đánh giá toàn vẹn."))

    def _fill(self, r: int, row: FigureRow, codes: list[str], *, bold: bool) -> None:
        pct = f"{row.positive_pct:.1f} %".replace(".", ",") if row.total else "-"
        values = [row.label, str(row.total), *(str(row.counts.get(c, 0)) for c in codes), pct]
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(r, c, item)
