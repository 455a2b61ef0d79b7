"""The report's "Thời gian chờ" tab (issue 17): the queue's waiting times per field and per
hour the ticket was taken, average and 90th percentile (nearest rank), from
:class:`desk_app.services.report_waits.Waits`."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_app.gui.tr import tr
from desk_app.services.report_waits import WaitLine, Waits


def duration(seconds: int) -> str:
    """'6 phút 36 giây', '45 giây', '1 giờ 3 phút'."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return tr("{h} giờ {m} phút").format(h=hours, m=minutes)
    if minutes:
        return tr("{m} phút {s} giây").format(m=minutes, s=secs)
    return tr("{s} giây").format(s=secs)


class WaitsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("reportWaits")
        self.setHorizontalHeaderLabels(
            [tr("Lĩnh vực / giờ lấy số"), tr("Số vé đã phục vụ"), tr("Chờ trung bình"),
             tr("9/10 công dân chờ không quá")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setToolTip(tr("Từ lúc công dân lấy số đến lần gọi đầu tiên; mỗi vé tính một lần."))

    def set_waits(self, waits: Waits) -> None:
        rows: list[tuple[str, WaitLine | None, bool]] = []
        if waits.total is None:
            rows.append((tr("Kỳ này quầy chưa phục vụ vé xếp hàng nào."), None, False))
        else:
            rows.append((tr("Theo lĩnh vực"), None, True))
            rows += [(ln.label, ln, False) for ln in waits.by_field]
            rows.append((tr("Theo giờ lấy số"), None, True))
            rows += [(ln.label, ln, False) for ln in waits.by_hour]
            rows.append((tr("Tổng cộng"), waits.total, True))
        self.setRowCount(len(rows))
        for r, (label, line, bold) in enumerate(rows):
            cells = [label] + ([str(line.tickets), duration(line.average_s),
                                duration(line.p90_s)] if line is not None else ["", "", ""])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)
