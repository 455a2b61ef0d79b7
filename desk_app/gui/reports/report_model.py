"""The report's table: one line per month, field, procedure, clerk or channel, and the total."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desk_app.core.indicators import Counts
from desk_app.core.report_labels import FIGURES, Figure, percent
from desk_app.gui.tr import tr
from desk_app.services.reports import Line, Report

_Index = QModelIndex | QPersistentModelIndex


def cell(figure: Figure, counts: Counts) -> str:
    """A figure as the table shows it: 1.234 (a dot between thousands), 33,3% or '-'."""
    value = figure.of(counts)
    if figure.rate or isinstance(value, float):
        return percent(value)
    return "-" if value is None else f"{value:,}".replace(",", ".")


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
        return 1 + len(FIGURES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.first_header if section == 0 else tr(FIGURES[section - 1].label)

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
        return cell(FIGURES[index.column() - 1], line.counts)
