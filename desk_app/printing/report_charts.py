"""The report's three charts as reportlab drawings (vector in the PDF): the on-time rate by
month, the satisfaction by clerk, the dossiers returned late by procedure.

Each is drawn from the :class:`~desk_app.services.reports.Report` the tables print, so a bar
never says something a table does not. A chart with nothing to show says so in words.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from desk_app.core.report_labels import NO_DATA, percent
from desk_app.printing.fonts import BOLD, REGULAR
from desk_app.services.reports import Report

BLUE = colors.HexColor("#1f5fa8")
RED = colors.HexColor("#b3261e")
GREEN = colors.HexColor("#2e7d32")
MAX_BARS = 10
LABEL_CHARS = 48


def _frame(width: float, height: float, title: str) -> Drawing:
    d = Drawing(width, height)
    d.add(String(0, height - 12, title, fontName=BOLD, fontSize=10.5))
    return d


def _empty(d: Drawing, why: str = NO_DATA) -> Drawing:
    d.add(String(d.width / 2, d.height / 2, f"({why})", fontName=REGULAR, fontSize=10,
                 textAnchor="middle", fillColor=colors.grey))
    return d


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def on_time_by_month(report: Report, width: float, height: float = 190) -> Drawing:
    """The share of dossiers returned by the legal date, month by month (a gap where a month
    returned none)."""
    d = _frame(width, height, "Tỷ lệ trả kết quả đúng hạn theo tháng (%)")
    lines = report.by.get("month", [])
    rates = [ln.counts.on_time_rate() for ln in lines]
    if not any(r is not None for r in rates):
        return _empty(d, "chưa trả hồ sơ nào trong kỳ")
    values = [None if r is None else round(r * 100, 1) for r in rates]
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 36, 34, width - 50, height - 74
    # one series per run of months with a value: reportlab joins a line across a None (and
    # misplaces its labels after one), so a month that returned nothing leaves a gap
    runs: list[list[float | None]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if not runs or values[i - 1] is None:
            runs.append([None] * len(values))
        runs[-1][i] = v
    chart.data = runs
    chart.categoryAxis.categoryNames = [ln.label for ln in lines]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    if len(lines) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.lightgrey
    for n in range(len(runs)):
        chart.lines[n].strokeColor = BLUE
        chart.lines[n].strokeWidth = 2
        chart.lines[n].symbol = makeMarker("FilledCircle", size=5, fillColor=BLUE)
    d.add(chart)
    step = chart.width / len(values)
    for i, v in enumerate(values):  # the figure above each point, as the table prints it
        if v is not None:
            d.add(String(chart.x + step * (i + 0.5), chart.y + chart.height * v / 100 + 6,
                         percent(v / 100), fontName=REGULAR, fontSize=8, textAnchor="middle"))
    return d


def _bars(d: Drawing, names: list[str], values: list[float], labels: list[str],
          colour: colors.Color, top: float | None) -> Drawing:
    """Horizontal bars, first name at the top, a label after each bar."""
    names, values, labels = names[::-1], values[::-1], labels[::-1]  # reportlab draws upwards
    chart = HorizontalBarChart()
    label_w = min(d.width * 0.45, 6 + 4.6 * max(len(n) for n in names))
    row = 18
    chart.x, chart.width = label_w + 4, d.width - label_w - 60
    chart.height = row * len(names)
    chart.y = d.height - 22 - chart.height
    chart.data = [values]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.valueMin = 0
    if top is not None:
        chart.valueAxis.valueMax = top
    chart.valueAxis.visible = False
    d.add(chart)
    for i, text in enumerate(labels):  # the exact figure beside each bar
        end = chart.x + chart.width * (values[i] / (top or max(values) or 1))
        d.add(String(end + 4, chart.y + row * i + row / 2 - 3, text, fontName=REGULAR,
                     fontSize=8.5))
    return d


def bars_height(count: int) -> float:
    return 22 + 18 * max(1, min(count, MAX_BARS)) + 10


def satisfaction_by_clerk(report: Report, width: float) -> Drawing:
    """Each receiving clerk's share of satisfied ratings (clerks with a rating only)."""
    lines = [ln for ln in report.by.get("clerk", []) if ln.counts.ratings]
    lines.sort(key=lambda ln: (-ln.counts.ratings, ln.label))
    lines = lines[:MAX_BARS]
    d = _frame(width, bars_height(len(lines)), "Tỷ lệ hài lòng theo công chức tiếp nhận")
    if not lines:
        return _empty(d, "chưa có lượt đánh giá")
    rates = [ln.counts.satisfaction_rate() or 0.0 for ln in lines]
    return _bars(d, [_short(ln.label) for ln in lines], [r * 100 for r in rates],
                 [f"{percent(r)} ({ln.counts.ratings_positive}/{ln.counts.ratings})"
                  for r, ln in zip(rates, lines, strict=True)], GREEN, 100)


def late_by_procedure(report: Report, width: float) -> Drawing:
    """How many dossiers each procedure returned late (the ten with most; none: no bars)."""
    lines = [ln for ln in report.by.get("procedure", []) if ln.counts.kinds["solved_late"]]
    lines.sort(key=lambda ln: (-ln.counts.kinds["solved_late"], ln.label))
    lines = lines[:MAX_BARS]
    d = _frame(width, bars_height(len(lines)), "Hồ sơ trả trễ hạn theo thủ tục")
    if not lines:
        return _empty(d, "không có hồ sơ trả trễ hạn")
    late = [ln.counts.kinds["solved_late"] for ln in lines]
    return _bars(d, [_short(ln.label) for ln in lines], [float(n) for n in late],
                 [f"{n} / {ln.counts.solved} đã trả" for n, ln in zip(late, lines, strict=True)],
                 RED, None)
