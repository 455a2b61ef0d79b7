"""Printing a PDF through QPrinter: for systems without CUPS's ``lp`` (Windows).

QtPdf renders each page at the printer's resolution (capped at 300 dpi: Code 128 modules of
0.3 mm are 3.5 pixels there) and paints it onto the QPrinter page of the same size, so A4, A5,
the two-up sheet and the receipt roll keep their geometry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desk_app.errors import KnownError

MAX_DPI = 300


def printer_names() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    return QPrinterInfo.defaultPrinterName()


def check_printer(name: str) -> QPrinterInfo:
    if not name:
        raise KnownError("printer_not_chosen")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise KnownError("printer_not_found", name, printer=name)
    if info.state() == QPrinter.PrinterState.Error:
        raise KnownError("printer_offline", name, printer=name)
    return info


def print_pdf(pdf: Path, printer_name: str, *, title: str = "", output_file: str = "") -> int:
    """Print every page of ``pdf``; ``output_file`` prints into a PDF file instead (tests,
    "save as printed"). Returns the number of pages sent."""
    doc = QPdfDocument()
    if doc.load(str(pdf)) != QPdfDocument.Error.None_:
        raise KnownError("print_failed", f"cannot read {pdf}", printer=printer_name)
    if output_file:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(output_file)
    else:
        printer = QPrinter(check_printer(printer_name), QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or pdf.stem)
    printer.setFullPage(True)
    printer.setResolution(min(MAX_DPI, printer.resolution()) or MAX_DPI)

    def page_size(i: int) -> QPageSize:
        pt = doc.pagePointSize(i)
        return QPageSize(QSizeF(pt.width(), pt.height()), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)

    printer.setPageSize(page_size(0))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise KnownError("print_failed", "QPainter.begin", printer=printer_name)
    pages = doc.pageCount()
    try:
        for i in range(pages):
            if i:
                printer.setPageSize(page_size(i))
                if not printer.newPage():
                    raise KnownError("print_failed", "newPage", printer=printer_name)
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            dpi = printer.resolution()
            pt = doc.pagePointSize(i)
            img = doc.render(i, QSize(round(pt.width() / 72 * dpi),
                                      round(pt.height() / 72 * dpi)))
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), img)
    finally:
        painter.end()
        doc.close()
    return pages
