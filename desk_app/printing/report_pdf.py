"""The leader's report as an A4 PDF (issue 15): the figures, the QĐ 766 groups, three charts
(:mod:`desk_app.printing.report_charts`, vector), the tables by dimension and the satisfaction
per criterion, in the desk's embedded Vietnamese serif (:mod:`desk_app.printing.fonts`).

Qt-free. Labels from :mod:`desk_app.core.report_labels`, values from the one
:class:`~desk_app.services.reports.Report`; written atomically like the workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from desk_app.core.report_labels import (
    COMPACT,
    CRITERIA_COLUMNS,
    DIMENSION_LABELS,
    FIGURE,
    FIGURES,
    NO_DATA,
    TOTAL_LABEL,
    Figure,
    criterion_rate,
    percent,
    scope,
)
from desk_app.core.report_labels import (
    GROUP_COLUMNS as _GC,
)
from desk_app.printing import report_charts as charts
from desk_app.printing.atomic import write_atomic
from desk_app.printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desk_app.services.reports import Report

TITLE = "BÁO CÁO KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
SECTION_TITLES = {"month": "Theo tháng", "field": "Theo lĩnh vực", "procedure": "Theo thủ tục",
                  "clerk": "Theo công chức tiếp nhận", "channel": "Theo kênh tiếp nhận"}
GRID = colors.HexColor("#9a9a9a")
HEAD_BG = colors.HexColor("#e8eef6")
TOTAL_BG = colors.HexColor("#f2f2f2")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=9.6),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8, leading=9.6,
                               alignment=TA_CENTER),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=18,
                                alignment=TA_CENTER, spaceAfter=2),
        "sub": ParagraphStyle("sub", base, fontName=ITALIC, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4),
        "note": ParagraphStyle("note", base, fontName=ITALIC, fontSize=8.5, leading=11),
    }


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _value(f: Figure, v: int | float | None, empty: str = "-") -> str:
    if v is None:
        return empty
    return percent(float(v)) if f.rate else f"{int(v):,}".replace(",", ".")


def _table(rows: list[list[Any]], widths: list[float], *, numeric_from: int = 1,
           total: bool = False, header_rows: int = 1) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=header_rows)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (numeric_from, header_rows), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if total:
        style += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG),
                  ("FONT", (0, -1), (-1, -1), BOLD, 8.5)]
    t.setStyle(TableStyle(style))
    return t


def _summary(report: Report, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in
                              ("Chỉ tiêu", "Số liệu", "Cách tính")]]
    for f in FIGURES:
        rows.append([Paragraph(_esc(f.label), st["small"]),
                     _value(f, f.of(report.total), NO_DATA), Paragraph(_esc(f.how), st["small"])])
    return [Paragraph("1. Số liệu tổng hợp", st["h1"]),
            _table(rows, [0.27 * width, 0.15 * width, 0.58 * width])]


def _groups(report: Report, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    index = report.index
    out: list[Flowable] = [Paragraph("2. Chỉ số đánh giá chất lượng phục vụ (QĐ 766)", st["h1"]),
                           Paragraph(_esc(f"{index.title}. {index.source}."), st["note"])]
    if index.basis:
        out.append(Paragraph(_esc(index.basis), st["note"]))
    out.append(Paragraph(_esc(scope(report.counter)), st["note"]))
    if report.index_problem:
        out.append(Paragraph(_esc(f"Bộ chỉ số của tỉnh không dùng được ({report.index_problem})"
                                  ": dùng bộ chỉ số kèm phần mềm."), st["note"]))
    out.append(Spacer(1, 4))
    head = [_GC[0], _GC[1], _GC[2], _GC[3], "Cách tính, công thức và nguồn"]
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in head]]
    for sc in report.scores:
        g = sc.group
        how = _esc(g.text if g.formula is not None else (g.why or NO_DATA))
        if g.formula:
            how += f"<br/><font name='{ITALIC}'>{_esc(g.formula)}</font>"
        how += f"<br/>{_esc(g.source)}" + ("" if g.confirmed else " (chưa đối chiếu phụ lục)")
        rows.append([Paragraph(_esc(g.name), st["small"]), f"{g.points:g}",
                     NO_DATA if sc.rate is None else percent(sc.rate),
                     NO_DATA if sc.points is None else f"{sc.points:.2f}".replace(".", ","),
                     Paragraph(how, st["small"])])
    out.append(_table(rows, [0.2 * width, 0.09 * width, 0.12 * width, 0.12 * width,
                             0.47 * width], numeric_from=1))
    return out


def _charts(report: Report, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(200), Paragraph("3. Biểu đồ", st["h1"])]
    for drawing in (charts.on_time_by_month(report, width),
                    charts.satisfaction_by_clerk(report, width),
                    charts.late_by_procedure(report, width)):
        out += [KeepTogether([drawing]), Spacer(1, 10)]
    return out


def _dimensions(report: Report, st: dict[str, ParagraphStyle],
                width: float) -> list[Flowable]:
    figures = [FIGURE[k] for k in COMPACT]
    first_w = 0.3 * width
    widths = [first_w] + [(width - first_w) / len(figures)] * len(figures)
    out: list[Flowable] = [Paragraph("4. Số liệu theo tháng, lĩnh vực, thủ tục, công chức, kênh",
                                     st["h1"]),
                           Paragraph("Các cột còn lại có trong tệp Excel của báo cáo.",
                                     st["note"])]
    for dim, title in SECTION_TITLES.items():
        rows: list[list[Any]] = [[Paragraph(DIMENSION_LABELS[dim], st["head"]),
                                  *(Paragraph(f.label, st["head"]) for f in figures)]]
        for line in report.by.get(dim, []):
            rows.append([Paragraph(_esc(line.label), st["small"]),
                         *(_value(f, f.of(line.counts)) for f in figures)])
        rows.append([TOTAL_LABEL, *(_value(f, f.of(report.total)) for f in figures)])
        out += [CondPageBreak(90), Paragraph(title, ParagraphStyle("h2", st["body"],
                                                                   fontName=BOLD,
                                                                   spaceBefore=6,
                                                                   spaceAfter=3)),
                _table(rows, widths, total=True)]
    return out


def _criteria(report: Report, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    codes = list(report.criteria) + [c for c in report.total.criteria if c not in report.criteria]
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in CRITERIA_COLUMNS[1:]]]
    for code in codes:
        answered, positive = report.total.criteria.get(code, [0, 0])
        rows.append([Paragraph(_esc(report.criteria.get(code, code)), st["small"]),
                     str(answered), str(positive), percent(criterion_rate(answered, positive))])
    return [CondPageBreak(80), Paragraph("5. Mức độ hài lòng theo tiêu chí", st["h1"]),
            Paragraph("Không tính lượt đánh giá lặp lại; \"hài lòng\" là mức phiếu đánh giá "
                      "ghi là hài lòng.", st["note"]), Spacer(1, 4),
            _table(rows, [0.58 * width, 0.14 * width, 0.14 * width, 0.14 * width])]


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:.1f}".replace(".", ",")


def _waits(report: Report, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The queue's waiting times (issue 17), when the desk served tickets in the period."""
    w = report.waits
    if w.total is None:
        return []
    out: list[Flowable] = [
        CondPageBreak(120), Paragraph("6. Thời gian chờ của công dân lấy số", st["h1"]),
        Paragraph("Từ lúc lấy số đến lần gọi đầu, tính bằng phút; mỗi vé một lần. \"90%\": "
                  "phân vị 90 theo thứ hạng gần nhất (9/10 công dân chờ không quá).",
                  st["note"]), Spacer(1, 4)]
    widths = [0.46 * width, 0.18 * width, 0.18 * width, 0.18 * width]
    for title, lines in (("Lĩnh vực", w.by_field), ("Giờ lấy số", w.by_hour)):
        rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in
                                  (title, "Số vé", "Chờ trung bình", "Chờ 90%")]]
        for ln in [*lines, w.total]:
            rows.append([Paragraph(_esc(ln.label or TOTAL_LABEL), st["small"]),
                         str(ln.tickets), _minutes(ln.average_s), _minutes(ln.p90_s)])
        out += [_table(rows, widths, total=True), Spacer(1, 6)]
    return out


def _month_words(key: str) -> str:
    return f"{key[5:7]}/{key[:4]}"


def report_story(report: Report, width: float) -> list[Flowable]:
    """The report's flowables, in page order."""
    st = _styles()
    period = (f"Tháng {_month_words(report.first)}" if report.first == report.last else
              f"Từ tháng {_month_words(report.first)} đến tháng {_month_words(report.last)}")
    return [Paragraph(TITLE, st["title"]),
            Paragraph(f"{period} (hồ sơ tính theo tháng tiếp nhận) · lập lúc "
                      f"{report.now:%H:%M ngày %d/%m/%Y}", st["sub"]),
            *_summary(report, st, width), *_groups(report, st, width),
            *_charts(report, st, width), *_dimensions(report, st, width),
            *_criteria(report, st, width), *_waits(report, st, width)]


def _page_number(canvas: Canvas, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(A4[0] - doc.rightMargin, 10 * mm, f"Trang {doc.page}")
    canvas.restoreState()


def report_pdf(report: Report, path: Path) -> None:
    """The report as an A4 PDF with vector charts."""
    register_fonts()

    def write(tmp: Path) -> None:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=15 * mm,
                                rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=18 * mm,
                                title=f"Báo cáo {report.first} - {report.last}",
                                author="desk_app", subject="Báo cáo")
        doc.build(report_story(report, doc.width), onFirstPage=_page_number,
                  onLaterPages=_page_number)

    write_atomic(Path(path), write)
