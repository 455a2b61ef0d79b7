"""The report's table: one line per month, field, procedure, clerk or channel, and the total."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desk_app.core.indicators import Counts
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.reports import Line, Report

_Index = QModelIndex | QPersistentModelIndex


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")


def _kind(name: str) -> Callable[[Counts], Any]:
    return lambda c: c.kinds.get(name, 0)


COLUMNS: tuple[tuple[str, Callable[[Counts], Any]], ...] = (
    (QT_TR_NOOP("Tiếp nhận"), _kind("received")),
    (QT_TR_NOOP("Trực tiếp"), lambda c: c.by_channel.get("desk", 0)),
    (QT_TR_NOOP("Trực tuyến"), lambda c: c.by_channel.get("online", 0)),
    (QT_TR_NOOP("Bưu chính"), lambda c: c.by_channel.get("post", 0)),
    (QT_TR_NOOP("Yêu cầu bổ sung (02)"), _kind("supplement_requested")),
    (QT_TR_NOOP("Từ chối (03)"), _kind("refused_intake")),
    (QT_TR_NOOP("Đã trả"), lambda c: c.solved),
    (QT_TR_NOOP("Trước hạn"), _kind("solved_early")),
    (QT_TR_NOOP("Đúng hạn"), _kind("solved_on_time")),
    (QT_TR_NOOP("Trễ hạn"), _kind("solved_late")),
    (QT_TR_NOOP("Trễ hạn có xin lỗi (04)"), _kind("late_apologised")),
    (QT_TR_NOOP("Tỷ lệ đúng hạn"), lambda c: percent(c.on_time_rate())),
    (QT_TR_NOOP("Quá hạn chưa trả"), lambda c: c.overdue_open),
    (QT_TR_NOOP("Đã có mẫu 04"), _kind("apologised")),
    (QT_TR_NOOP("Từ chối sau tiếp nhận"), _kind("refused_later")),
    (QT_TR_NOOP("Rút hồ sơ"), _kind("withdrawn")),
    (QT_TR_NOOP("Dừng (05)"), _kind("stopped")),
    (QT_TR_NOOP("Số hóa kết quả"), lambda c: "-" if c.digitised_results is None
     else c.digitised_results),
    (QT_TR_NOOP("Lượt đánh giá"), lambda c: c.ratings),
    (QT_TR_NOOP("Tỷ lệ hài lòng"), lambda c: percent(c.satisfaction_rate())),
)


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self.first_header = ""

    def set_report(self, report: Report, dim: str, header: str) -> None:
        self.beginResetModel()
        self.lines = [*report.by[dim], Line("", tr("Tổng cộng"), report.total)]
        self.first_header = header
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1 + len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.first_header if section == 0 else tr(COLUMNS[section - 1][0])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.lines) - 1:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return line.label
        value = COLUMNS[index.column() - 1][1](line.counts)
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else value
