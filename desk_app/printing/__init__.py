"""Printing (Qt-free): the one-stop forms 01-07 rendered to PDF with reportlab.

* :mod:`.fonts` registers the bundled Times-metric serif (every Vietnamese letter embedded).
* :mod:`.barcodes` computes Code 128 bars and QR modules and draws them as vector rectangles.
* :mod:`.templates` loads the wording and layout data a province may change without code.
* :mod:`.layout` is a small text/table layout engine with page breaks and two-up sheets.
* :mod:`.forms` holds one module per form; :mod:`.render` picks and runs them.
* :mod:`.service` renders from the store, keeps the PDF with the dossier and logs the print.
* :mod:`.spool` hands a PDF to the system spooler (CUPS ``lp``) and reports failures as codes.
"""
