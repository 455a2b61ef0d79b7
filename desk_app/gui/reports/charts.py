"""Small bar charts for the report window, painted with QPainter from the report's own lines
(three bar charts do not need QtCharts' library in the installer and in memory)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_app.gui.tr import tr


class BarChart(QWidget):
    """Vertical bars with their value above and their label below; ``percent`` shows values
    as percentages of 100. A bar with no value (None) is left empty and marked "-"."""

    def __init__(self, title: str, *, percent: bool, color: str = "#2f6fb5",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.percent, self.color = title, percent, QColor(color)
        self.bars: list[tuple[str, float | None]] = []
        self.setMinimumSize(260, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(380, 220)

    def set_bars(self, bars: Sequence[tuple[str, float | None]]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{label}: {self._text(v)}" for label, v in bars))
        self.update()

    def _text(self, value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value * 100:.0f}%" if self.percent else f"{value:g}"

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        fm = QFontMetrics(bold)
        p.setPen(QColor("#1d2733"))
        p.drawText(QRectF(6, 4, self.width() - 12, fm.height() + 2),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        fm = QFontMetrics(self.font())
        top, bottom = fm.height() * 2 + 10, self.height() - fm.height() * 2 - 8
        left, right = 8, self.width() - 8
        p.setPen(QPen(QColor("#9aa7b4"), 1))
        p.drawLine(left, bottom, right, bottom)
        if not self.bars:
            p.drawText(QRectF(left, top, right - left, bottom - top),
                       Qt.AlignmentFlag.AlignCenter, tr("Không có số liệu"))
            return
        known = [v for _l, v in self.bars if v is not None]
        peak = 1.0 if self.percent else max([*known, 1.0])
        slot = (right - left) / len(self.bars)
        width = max(4.0, min(48.0, slot * 0.6))
        for i, (label, value) in enumerate(self.bars):
            x = left + slot * i + (slot - width) / 2
            if value is not None:
                h = (bottom - top) * max(0.0, min(1.0, value / peak))
                p.fillRect(QRectF(x, bottom - h, width, h), self.color)
                p.setPen(QColor("#1d2733"))
                p.drawText(QRectF(x - slot / 2, bottom - h - fm.height() - 2, width + slot,
                                  fm.height()), Qt.AlignmentFlag.AlignCenter, self._text(value))
            else:
                p.setPen(QColor("#6b7785"))
                p.drawText(QRectF(x - slot / 2, bottom - fm.height() - 2, width + slot,
                                  fm.height()), Qt.AlignmentFlag.AlignCenter, "-")
            p.setPen(QColor("#1d2733"))
            p.drawText(QRectF(left + slot * i, bottom + 4, slot, fm.height() * 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       fm.elidedText(label, Qt.TextElideMode.ElideMiddle, int(slot) - 2))
        p.end()
