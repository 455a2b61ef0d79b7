"""The leader's report window (issue 15): a period's figures by month, field, procedure, clerk or
channel, the QĐ 766 groups with their formulas and sources, three charts, and the exports.

The table, the charts and the files all come from the one :class:`~desk_app.services.reports.
Report` read on the read lane, so they cannot disagree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import Clock
from desk_app.core.report_labels import percent, scope
from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.reports.charts import BarChart
from desk_app.gui.reports.report_model import ReportModel
from desk_app.gui.reports.waits_table import WaitsTable
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import reports
from desk_app.services.reports import Report
from desk_app.store.engine import Store

DIMENSION_WORDS = {"month": QT_TR_NOOP("Tháng"), "field": QT_TR_NOOP("Lĩnh vực"),
                   "procedure": QT_TR_NOOP("Thủ tục"), "clerk": QT_TR_NOOP("Cán bộ tiếp nhận"),
                   "channel": QT_TR_NOOP("Kênh tiếp nhận")}
PRESETS = (QT_TR_NOOP("Tháng này"), QT_TR_NOOP("Tháng trước"), QT_TR_NOOP("Quý này"),
           QT_TR_NOOP("Năm nay"), QT_TR_NOOP("Năm trước"))
WRITE_LANE = "report export"


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def decimal(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def preset_months(which: int, today: date) -> tuple[date, date]:
    """The first and last month of a preset period (days are the 1st)."""
    this = today.replace(day=1)
    if which == 1:
        prev = date(this.year - (this.month == 1), (this.month - 2) % 12 + 1, 1)
        return prev, prev
    if which == 2:
        q = (this.month - 1) // 3 * 3 + 1
        return date(this.year, q, 1), date(this.year, q + 2, 1)
    if which == 3:
        return date(this.year, 1, 1), date(this.year, 12, 1)
    if which == 4:
        return date(this.year - 1, 1, 1), date(this.year - 1, 12, 1)
    return this, this


class ReportDialog(QDialog):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None, *,
                 clerk_id: int) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(tr("Báo cáo kết quả giải quyết hồ sơ"))
        self.store, self.clock, self.clerk_id = store, clock, clerk_id
        self.report: Report | None = None
        self._asked = 0
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.setObjectName("reportPreset")
        for label in PRESETS:
            self.preset.addItem(tr(label))
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit, name in ((self.first, "reportFirst"), (self.last, "reportLast")):
            edit.setObjectName(name)
            edit.setDisplayFormat("MM/yyyy")
            edit.setDateRange(QDate(reports.FIRST_YEAR, 1, 1), QDate(reports.LAST_YEAR, 12, 1))
            edit.setCalendarPopup(False)
        self.by = QComboBox()
        self.by.setObjectName("reportBy")
        for dim in reports.DIMENSIONS:
            self.by.addItem(tr(DIMENSION_WORDS[dim]), dim)
        self.show_button = QPushButton(tr("Xem"))
        self.show_button.setDefault(True)
        self.xlsx_button = QPushButton(tr("Xuất Excel…"))
        self.pdf_button = QPushButton(tr("Xuất PDF…"))
        for w in (QLabel(tr("Kỳ:")), self.preset, QLabel(tr("Từ tháng")), self.first,
                  QLabel(tr("đến tháng")), self.last, QLabel(tr("Xem theo")), self.by,
                  self.show_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        layout.addLayout(bar)
        self.note = QLabel()
        self.note.setObjectName("reportNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        self.model = ReportModel(self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        split.addWidget(self.table)
        lower = QTabWidget()
        lower.setObjectName("reportLower")
        charts = QWidget()
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        self.trend = BarChart(tr("Tỷ lệ đúng hạn theo tháng"), percent=True)
        self.by_clerk = BarChart(tr("Tỷ lệ hài lòng theo cán bộ"), percent=True, color="#1b7f3b")
        self.late = BarChart(tr("Hồ sơ trễ hạn theo thủ tục"), percent=False, color="#b3261e")
        for chart in (self.trend, self.by_clerk, self.late):
            row.addWidget(chart, 1)
        lower.addTab(charts, tr("Biểu đồ"))
        self.groups = QTableWidget(0, 5)
        self.groups.setObjectName("reportGroups")
        self.groups.setHorizontalHeaderLabels(
            [tr("Nhóm chỉ số QĐ 766"), tr("Điểm tối đa"), tr("Tỷ lệ"), tr("Điểm"),
             tr("Công thức, nguồn")])
        self.groups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups.verticalHeader().hide()
        header = self.groups.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.groups.setWordWrap(True)
        lower.addTab(self.groups, tr("Chỉ số QĐ 766"))
        self.criteria = QTableWidget(0, 3)
        self.criteria.setObjectName("reportCriteria")
        self.criteria.setHorizontalHeaderLabels(
            [tr("Tiêu chí trên phiếu đánh giá"), tr("Lượt trả lời"), tr("Tỷ lệ hài lòng")])
        self.criteria.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.criteria.verticalHeader().hide()
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lower.addTab(self.criteria, tr("Hài lòng theo tiêu chí"))
        self.waits = WaitsTable()
        lower.addTab(self.waits, tr("Thời gian chờ"))
        split.addWidget(lower)
        layout.addWidget(split, 1)
        close = QPushButton(tr("Đóng"))
        close.clicked.connect(self.reject)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(close)
        layout.addLayout(foot)
        self.preset.currentIndexChanged.connect(self._preset)
        self.show_button.clicked.connect(self.refresh)
        self.by.currentIndexChanged.connect(self._show_dimension)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        resize_within_screen(self, 1300, 740, near=parent)
        self._preset(0)

    def _preset(self, which: int) -> None:
        first, last = preset_months(which, self.clock.now().date())
        self.first.setDate(QDate(first.year, first.month, 1))
        self.last.setDate(QDate(last.year, last.month, 1))
        self.refresh()

    def period(self) -> tuple[date, date]:
        return (self.first.date().toPython(), self.last.date().toPython())  # type: ignore[return-value]

    def refresh(self) -> None:
        """Read the period's report on the read lane (returns at once)."""
        first, last = self.period()
        self._asked += 1
        asked, store, clock, clerk = self._asked, self.store, self.clock, self.clerk_id
        self.note.setText(tr("Đang đọc số liệu…"))

        def read() -> Report:
            with store.read() as s:
                return reports.build_report(s, clock, clerk, first, last)

        def landed(report: Report) -> None:
            if asked == self._asked:
                self.show_report(report)

        def failed(exc: KnownError) -> None:
            if asked == self._asked:
                self.note.setText("")
                messages.show_known_error(self, exc)

        background.lane(READ_LANE).run(read, landed, failed=failed, context=self,
                                    name="report")

    def show_report(self, report: Report) -> None:
        self.report = report
        t = report.total
        note = tr("Kỳ {a} - {b}. {basis} Đã nhận {n} hồ sơ; đã trả {s}; đúng hạn {rate}.").format(
            a=f"{report.first[5:]}/{report.first[:4]}", b=f"{report.last[5:]}/{report.last[:4]}",
            basis=report.index.basis, n=number(t.kinds["received"]), s=number(t.solved),
            rate=percent(t.on_time_rate()))
        note += " " + tr(scope(report.counter))
        if report.index_problem:
            note += " " + tr("Bộ chỉ số của tỉnh không dùng được ({why}): dùng bộ mặc định."
                             ).format(why=report.index_problem)
        self.note.setText(note)
        self._show_dimension()
        self.groups.setRowCount(len(report.scores))
        for r, sc in enumerate(report.scores):
            g = sc.group
            how = g.text or g.why
            if g.formula:
                how += f"\n{tr('Công thức')}: {g.formula}"
            how += f"\n{tr('Nguồn')}: {g.source}"
            if g.formula and not g.confirmed:
                how += " " + tr("(chưa đối chiếu với phụ lục)")
            cells = (g.name, decimal(g.points), percent(sc.rate),
                     "-" if sc.points is None else decimal(sc.points), how)
            for c, text in enumerate(cells):
                self.groups.setItem(r, c, QTableWidgetItem(text))
        self.groups.resizeRowsToContents()
        one_year = report.first[:4] == report.last[:4]  # "T3" fits under a bar, "03/25" may not
        self.trend.set_bars([(f"T{int(ln.key[5:7])}" if one_year else f"{ln.key[5:7]}/{ln.key[2:4]}",
                              ln.counts.on_time_rate()) for ln in report.by["month"]])
        self.by_clerk.set_bars([(ln.label, ln.counts.satisfaction_rate())
                                for ln in report.by["clerk"] if ln.counts.ratings])
        late = sorted(((ln.key, float(ln.counts.kinds["solved_late"]))
                       for ln in report.by["procedure"] if ln.counts.kinds["solved_late"]),
                      key=lambda kv: -kv[1])[:6]
        self.late.set_bars(late)
        answers = sorted(report.total.criteria.items())
        self.criteria.setRowCount(len(answers))
        for r, (code, (answered, positive)) in enumerate(answers):
            for c, text in enumerate((report.criteria.get(code, code), str(answered),
                                      percent(positive / answered if answered else None))):
                self.criteria.setItem(r, c, QTableWidgetItem(text))
        self.waits.set_waits(report.waits)

    def _show_dimension(self) -> None:
        if self.report is not None:
            dim = str(self.by.currentData())
            self.model.set_report(self.report, dim, tr(DIMENSION_WORDS[dim]))

    def export(self, kind: str) -> None:
        if self.report is None:
            return
        ext = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)"}[kind]
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        default = str(Path(folder) / f"bao-cao-{self.report.first}-{self.report.last}.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu báo cáo"), default, ext)
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> None:
        """Write the shown report to ``path`` off the GUI thread."""
        from desk_app.printing import report_export

        report = self.report
        write: Any = report_export.report_xlsx if kind == "xlsx" else report_export.report_pdf

        def work() -> Path:
            try:
                write(report, path)
            except OSError as exc:  # a full disk, a folder without the right, a file open
                raise KnownError("report_not_saved", str(exc), path=str(path)) from exc
            return path

        def done(p: Path) -> None:
            self.note.setText(tr("Đã lưu báo cáo vào {path}.").format(path=p) + " "
                              + self.note.text())

        def failed(exc: KnownError) -> None:
            messages.show_known_error(self, exc)

        background.lane(WRITE_LANE).run(work, done, failed=failed, context=self,
                                     name=f"report {kind}")
