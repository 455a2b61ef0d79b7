"""The leader's report and the register (form 07) as Excel workbooks (issue 15).

Qt-free. Every sheet follows the same rules: Vietnamese headers in row 1, frozen; numbers
written as numbers (a share as a number between 0 and 1 with a percent format, never text);
months and days as real dates; each column as wide as its content. The figures and their labels
come from :mod:`desk_app.core.report_labels`, the same table the screen and the PDF use, and
every value from the one :class:`~desk_app.services.reports.Report`.

A file is written beside its final name and moved over it (:func:`write_atomic`), so a crash or
a full disk never leaves half a workbook where the leader expects one. The report's PDF
(:func:`report_pdf`, from :mod:`desk_app.printing.report_pdf`) is served from here too, so the
report window finds both exports in one module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.report_labels import (
    CRITERIA_COLUMNS,
    DIMENSION_LABELS,
    FIGURES,
    GROUP_COLUMNS,
    NO_DATA,
    TOTAL_LABEL,
    criterion_rate,
    scope,
)
from desk_app.errors import KnownError
from desk_app.printing.atomic import write_atomic
from desk_app.printing.context import load_commune
from desk_app.printing.forms.common import form_word
from desk_app.printing.forms.f07_register import RegisterRow, load_rows
from desk_app.printing.report_pdf import report_pdf
from desk_app.printing.templates import fill, load_templates
from desk_app.services.register import (
    Cursor,
    RegisterFilter,
    RegisterQuery,
    RegisterSort,
    deadlines,
    load_lookups,
)
from desk_app.services.reports import Report

PERCENT = "0.0%"
DAY = "dd/mm/yyyy"
MONTH = "mm/yyyy"
MOMENT = "dd/mm/yyyy hh:mm"
MAX_WIDTH = 60  # characters: longer text wraps
EXCEL_ROWS = 1_048_576
__all__ = ["register_xlsx", "report_pdf", "report_xlsx", "write_atomic"]
SHEET_TITLES = {"month": "Theo tháng", "field": "Theo lĩnh vực", "procedure": "Theo thủ tục",
                "clerk": "Theo công chức", "channel": "Theo kênh"}
_BOLD = Font(bold=True)


def month_day(key: str) -> date:
    """'2026-11' -> the first of that month (a real date, shown as 11/2026)."""
    return date(int(key[:4]), int(key[5:7]), 1)


# ---- sheets ---------------------------------------------------------------------------------

@dataclass
class _Sheet:
    """A worksheet filled row by row, remembering how wide each column's content is."""

    ws: Worksheet
    widths: dict[int, int]
    row: int = 0

    def put(self, values: Sequence[Any], formats: Sequence[str | None] = (),
            bold: bool = False) -> int:
        self.row += 1
        for col, value in enumerate(values, 1):
            cell = self.ws.cell(row=self.row, column=col, value=value)
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # a name typed "=HYPERLINK(...)" stays a name, never a formula
            fmt = formats[col - 1] if col - 1 < len(formats) else None
            if fmt:
                cell.number_format = fmt
            if bold:
                cell.font = _BOLD
            self.widths[col] = max(self.widths.get(col, 0), _shown_width(value, fmt))
        return self.row

    def skip(self) -> None:
        self.row += 1

    def finish(self, header_rows: int = 1) -> None:
        self.ws.freeze_panes = self.ws.cell(row=header_rows + 1, column=1)
        for col, width in self.widths.items():
            letter = get_column_letter(col)
            self.ws.column_dimensions[letter].width = min(MAX_WIDTH, width + 2)
            if width > MAX_WIDTH:
                for (cell,) in self.ws.iter_rows(min_col=col, max_col=col):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown_width(value: Any, fmt: str | None) -> int:
    """About how many characters Excel shows for ``value`` in format ``fmt``."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(MOMENT) if fmt == MOMENT else 10
    if isinstance(value, date):
        return 7 if fmt == MONTH else 10
    if isinstance(value, float) and fmt == PERCENT:
        return 6
    if isinstance(value, bool):
        return 5
    return max((len(part) for part in str(value).splitlines()), default=0)


def _new_sheet(wb: Workbook, title: str) -> _Sheet:
    ws = wb.create_sheet(title[:31])
    return _Sheet(ws, {})


def _figure_formats() -> list[str | None]:
    return [PERCENT if f.rate else None for f in FIGURES]


def _summary(wb: Workbook, report: Report) -> None:
    sh = _new_sheet(wb, "Tổng hợp")
    sh.put(("Chỉ tiêu", "Giá trị", "Cách tính"), bold=True)
    sh.put(("Từ tháng", month_day(report.first), "Hồ sơ tính theo tháng tiếp nhận."),
           (None, MONTH))
    sh.put(("Đến tháng", month_day(report.last)), (None, MONTH))
    sh.put(("Lập lúc", report.now, "Hồ sơ quá hạn chưa trả tính đến thời điểm này."),
           (None, MOMENT))
    for f in FIGURES:
        value = f.of(report.total)
        sh.put((f.label, NO_DATA if value is None else value, f.how),
               (None, PERCENT if f.rate else None))
    sh.skip()
    index = report.index
    sh.put((index.title,), bold=True)
    sh.put((index.source,))
    if index.basis:
        sh.put((index.basis,))
    sh.put((scope(report.counter),))
    if report.index_problem:
        sh.put((f"Bộ chỉ số của tỉnh không dùng được ({report.index_problem}): "
                "dùng bộ chỉ số kèm phần mềm.",))
    sh.put(GROUP_COLUMNS, bold=True)
    for sc in report.scores:
        g = sc.group
        how = g.text if g.formula is not None else (g.why or NO_DATA)
        sh.put((g.name, g.points, NO_DATA if sc.rate is None else sc.rate,
                NO_DATA if sc.points is None else sc.points, how, g.formula or "", g.source,
                "Có" if g.confirmed else "Chưa"),
               (None, "0.##", PERCENT, "0.00"))
    sh.finish()


def _dimension(wb: Workbook, report: Report, dim: str) -> None:
    sh = _new_sheet(wb, SHEET_TITLES.get(dim, dim))
    sh.put((DIMENSION_LABELS.get(dim, dim), *(f.label for f in FIGURES)), bold=True)
    formats = [MONTH if dim == "month" else None, *_figure_formats()]
    for line in report.by.get(dim, []):
        first: Any = month_day(line.key) if dim == "month" else line.label
        sh.put((first, *(f.of(line.counts) for f in FIGURES)), formats)
    sh.put((TOTAL_LABEL, *(f.of(report.total) for f in FIGURES)), formats, bold=True)
    sh.finish()


def _criteria(wb: Workbook, report: Report) -> None:
    sh = _new_sheet(wb, "Hài lòng theo tiêu chí")
    sh.put(CRITERIA_COLUMNS, bold=True)
    codes = list(report.criteria) + [c for c in report.total.criteria if c not in report.criteria]
    for code in codes:
        answered, positive = report.total.criteria.get(code, [0, 0])
        sh.put((code, report.criteria.get(code, ""), answered, positive,
                criterion_rate(answered, positive)), (None, None, None, None, PERCENT))
    sh.finish()


WAIT_COLUMNS = ("Số vé đã phục vụ", "Chờ trung bình (phút)", "Chờ 90% (phút)")
WAIT_HOW = ("Thời gian chờ: từ lúc lấy số đến lần gọi đầu, mỗi vé một lần, theo vé lấy trong "
            "kỳ. 90%: phân vị 90 theo thứ hạng gần nhất (9/10 công dân chờ không quá).")


def _minutes(seconds: int) -> float:
    return round(seconds / 60, 2)


def _waits(wb: Workbook, report: Report) -> None:
    """The queue's waiting times (issue 17), when the desk served tickets in the period."""
    w = report.waits
    if w.total is None:
        return
    sh = _new_sheet(wb, "Thời gian chờ")
    formats = (None, None, "0.0", "0.0")
    for title, lines in (("Lĩnh vực", w.by_field), ("Giờ lấy số", w.by_hour)):
        sh.put((title, *WAIT_COLUMNS), bold=True)
        for line in lines:
            sh.put((line.label, line.tickets, _minutes(line.average_s), _minutes(line.p90_s)),
                   formats)
        sh.skip()
    t = w.total
    sh.put((TOTAL_LABEL, t.tickets, _minutes(t.average_s), _minutes(t.p90_s)), formats,
           bold=True)
    sh.put((WAIT_HOW,))
    sh.finish()


def report_workbook(report: Report) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _summary(wb, report)
    for dim in SHEET_TITLES:
        _dimension(wb, report, dim)
    _criteria(wb, report)
    _waits(wb, report)
    wb.properties.title = f"Báo cáo {report.first} - {report.last}"
    wb.properties.creator = "desk_app"
    return wb


def report_xlsx(report: Report, path: Path) -> None:
    """The report as an Excel workbook: the summary with the QĐ 766 groups, a sheet per
    dimension, the satisfaction per criterion."""
    wb = report_workbook(report)
    write_atomic(Path(path), lambda tmp: wb.save(tmp))


# ---- the register (form 07) ---------------------------------------------------------------------

def register_workbook(rows: Sequence[RegisterRow], date_from: date, date_to: date,
                      tpl: dict[str, Any]) -> Workbook:
    """Form 07's columns and rows, as the printed form has them (status and timing words from
    the province's template), with dates as dates."""
    t = tpl["07"]
    if len(rows) + 3 > EXCEL_ROWS:
        raise KnownError("too_many_rows", f"{len(rows)} rows", rows=len(rows))
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ theo dõi hồ sơ"
    sh = _Sheet(ws, {})
    sh.put(list(t["columns"]), bold=True)
    formats = (None, None, None, None, DAY, DAY, DAY)
    for i, r in enumerate(rows, 1):
        state = form_word(tpl, "status", r.status)
        if r.return_timing:
            state += f" ({form_word(tpl, 'timing', r.return_timing)})"
        sh.put((i, r.code, r.procedure, r.applicant, _day(r.received_at), _day(r.due_at),
                _day(r.returned_at), state, None), formats)
    sh.skip()
    sh.put((None, fill(str(t["total"]), {"count": len(rows)})), bold=True)
    sh.finish()
    wb.properties.title = (f"{t['title']} {date_from:%d/%m/%Y} - {date_to:%d/%m/%Y}")
    wb.properties.creator = "desk_app"
    return wb


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.date()


def matching_ids(session: Session, clock: Clock, filt: RegisterFilter) -> set[int] | None:
    """The ids of the dossiers the register shows for ``filt``; None when it narrows nothing
    but the received dates (form 07's own read keeps to dates)."""
    if filt.with_(received_from=None, received_to=None) == RegisterFilter():
        return None
    query = RegisterQuery(filt, RegisterSort(), deadlines(session, clock), load_lookups(session))
    found: set[int] = set()
    cursor: Cursor | None = None
    while True:
        ids, cursor = query.id_window(session, cursor, 5000)
        found.update(ids)
        if cursor is None:
            return found


def register_xlsx(session: Session, clock: Clock, path: Path, date_from: date, date_to: date,
                  filt: RegisterFilter | None = None, *, data_dir: Path | None = None) -> int:
    """Form 07 of the dossiers received from ``date_from`` to ``date_to`` (the printed form's
    read), narrowed to what the register shows for ``filt`` when given; returns how many rows
    were written."""
    if date_to < date_from:
        raise KnownError("bad_date_range", f"{date_from} > {date_to}")
    tpl = load_templates(load_commune(session).settings, data_dir)
    lo, hi = date_from, date_to  # the filter's received dates narrow the range further
    if filt is not None and filt.received_from is not None:
        lo = max(lo, filt.received_from)
    if filt is not None and filt.received_to is not None:
        hi = min(hi, filt.received_to)
    rows = load_rows(session, lo, hi) if lo <= hi else []
    keep = None if filt is None else matching_ids(session, clock, filt)
    if keep is not None:
        rows = [r for r in rows if r.id in keep]
    wb = register_workbook(rows, date_from, date_to, tpl)
    write_atomic(Path(path), lambda tmp: wb.save(tmp))
    return len(rows)
