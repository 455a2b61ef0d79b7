"""Form 01 (the receipt-and-appointment slip) against a bare reportlab page, and a batch.

Rows:

* "form 01 vs bare reportlab page": the program renders form 01 (its default layout, both
  copies) from a dossier already loaded from the store (``render_dossier_form``), against the
  floor: the same page drawn with a bare reportlab canvas — the same page size, the same four
  TTF faces registered with reportlab's stock ``TTFont``, the same strings at the same places,
  the same lines, and the same Code 128 and QR drawn with ``reportlab.graphics.barcode``. The
  floor's strings and positions are taken from the program's layout once, before timing: the
  floor draws, it does not lay out. Interleaved, target <= 1.2x (p50).
* "form 01: batch of 1,000 slips": slips per second of the whole path a clerk's batch takes
  (``service.render_form``: load the dossier from the store, render, one PDF each); target
  >= 100 slips/s. Its floor is the bare page's rate from the first row.

The data folder is opened read-only (``mode=ro``): nothing is written to it.
"""

from __future__ import annotations

import io
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bench.figures.common import ROOT, Context, Row, interleaved, p50, pct, time_row

NOW = datetime(2026, 11, 23, 9, 0)
FLOOR_FACES = {"DeskSerif": "Regular", "DeskSerif-Bold": "Bold",
               "DeskSerif-Italic": "Italic", "DeskSerif-BoldItalic": "BoldItalic"}


@dataclass
class Page:
    """What the floor draws for one dossier: sheet size and, per copy, its origin and ops."""

    size: tuple[float, float]
    copies: list[tuple[float, float, list[Any]]]  # (x0, top, ops of the copy's first frame)
    cut: bool  # the dashed cut line of a two-up sheet


def _open_store(ctx: Context) -> Any:
    from desk_app.paths import database_path
    from desk_app.store.engine import Store, make_engine

    path = database_path(ctx.data)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    return Store(path, engine=make_engine(path, connect=connect))


def _sample_ids(store: Any, n: int) -> list[int]:
    from sqlalchemy import select

    from desk_app.store.models import Dossier

    with store.read() as s:
        ids = list(s.scalars(select(Dossier.id).where(Dossier.status != "refused")
                             .where(Dossier.due_at.is_not(None))
                             .order_by(Dossier.id.desc()).limit(n * 20)))
    return random.Random(1).sample(ids, min(len(ids), n))


def _register_floor_faces() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = ROOT / "resources" / "fonts"
    for name, style in FLOOR_FACES.items():
        floor_name = "Floor" + name
        if floor_name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(floor_name, str(folder / f"LiberationSerif-{style}.ttf"))
            # reportlab registers one font per face name: a second font of the same TTF face
            # becomes an alias of the first registered (the floor would draw with the
            # program's font, or the program with the floor's), so the floor's face is renamed
            font.face.name = b"Floor" + font.face.name
            pdfmetrics.registerFont(font)
            assert pdfmetrics.getFont(floor_name) is font


def _page_of(view: Any, tpl: dict[str, Any]) -> Page:
    """The program's layout of one slip, captured (untimed) for the floor to draw."""
    from desk_app.printing import render as r

    got: dict[str, Any] = {}
    paint = r._paint

    def capture(copies: Any, layout: str, g: Any, *rest: Any, **kw: Any) -> bytes:
        got.update(copies=copies, layout=layout, g=g)
        return b""

    r._paint = capture  # type: ignore[assignment]
    try:
        r.render_dossier_form("01", view, tpl, r.Options(now=NOW))
    finally:
        r._paint = paint  # type: ignore[assignment]
    g = got["g"]
    top, _right, _bottom, left = g.margins
    two_up = got["layout"] == "a4_two_up"
    half = g.sheet[0] / 2
    copies = [(left + (k * half if two_up else 0.0), g.sheet[1] - top, frames[0])
              for k, frames in enumerate(got["copies"])]
    return Page((g.sheet[0], g.sheet[1]), copies, two_up)


def _floor_qr_modules(text: str) -> list[list[bool]]:
    """The QR with reportlab's own encoder, level M, the program's fixed mask 0 (QrCodeWidget
    tries all eight masks, computes the code twice and draws a shape per module: 80 ms a
    slip, no floor)."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    q = QRCode(None, QRErrorCorrectLevel.M)
    q.addData(text)
    q.version = q.calculate_version()
    q.makeImpl(False, 0)
    return list(q.modules)


def _floor_qr(c: Any, modules: list[list[bool]], side: float, x: float, y: float) -> None:
    """Each horizontal run of dark modules one rectangle of one path."""
    n = len(modules)
    m = side / n
    path = c.beginPath()
    for r, row in enumerate(modules):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                path.rect(x + start * m, y + side - (r + 1) * m, (col - start) * m, m)
            else:
                col += 1
    c.drawPath(path, stroke=0, fill=1)


def floor_page(page: Page) -> bytes:
    """The floor: one slip with a bare reportlab canvas and reportlab.graphics codes."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page.size, invariant=1)
    qr_codes: dict[str, list[list[bool]]] = {}
    for x0, top, ops in page.copies:
        for op in ops:
            kind = type(op).__name__
            if kind == "DrawText":
                c.setFont("Floor" + op.font, op.size)
                c.drawString(x0 + op.x, top - op.y, op.text)
            elif kind == "DrawLine":
                c.setLineWidth(op.width)
                c.line(x0 + op.x1, top - op.y1, x0 + op.x2, top - op.y2)
            elif kind == "DrawRect":
                c.setLineWidth(op.line_width)
                c.rect(x0 + op.x, top - op.y - op.h, op.w, op.h)
            elif kind == "DrawBarcode":
                bars = Code128(op.bars.text, barWidth=op.bars.module, barHeight=op.bars.height,
                               quiet=1, lquiet=10 * op.bars.module, rquiet=10 * op.bars.module)
                bars.drawOn(c, x0 + op.x, top - op.y_bottom)
            elif kind == "DrawQr":
                if op.qr.text not in qr_codes:  # one code, drawn on both copies
                    qr_codes[op.qr.text] = _floor_qr_modules(op.qr.text)
                _floor_qr(c, qr_codes[op.qr.text], op.qr.size, x0 + op.x, top - op.y_bottom)
    if page.cut:
        c.setLineWidth(0.3)
        c.setDash(2, 3)
        c.line(page.size[0] / 2, 8 * mm, page.size[0] / 2, page.size[1] - 8 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def _cpu(out: list[float], fn: Callable[[], object]) -> Callable[[], object]:
    """``fn``, appending the CPU time of each call (ms) to ``out``."""
    def timed() -> object:
        t0 = time.process_time()
        result = fn()
        out.append((time.process_time() - t0) * 1000)
        return result
    return timed


def _cycle(items: list[Any], fn: Callable[[Any], object]) -> Callable[[], object]:
    it = iter(range(10**9))
    return lambda: fn(items[next(it) % len(items)])


def measure(ctx: Context) -> list[Row]:
    from desk_app.printing import render as r
    from desk_app.printing import service
    from desk_app.printing.context import load_dossier
    from desk_app.printing.templates import load_templates

    store = _open_store(ctx)
    try:
        batch_n = 300 if ctx.quick else 1000
        ids = _sample_ids(store, batch_n)
        n = ctx.reps(300, 60)
        tpl = load_templates()
        # every timed slip is a dossier not rendered before (its QR not cached), as at the
        # desk; 20 others warm the process up (fonts loaded, word widths cached)
        warm, timed = ids[:20], ids[20:20 + n + 3]
        with store.read() as s:
            views = [load_dossier(s, i) for i in timed]
            warm_views = [load_dossier(s, i) for i in warm]
        _register_floor_faces()
        from reportlab.pdfbase import pdfmetrics

        from desk_app.printing.fonts import REGULAR, register_fonts
        register_fonts()
        assert pdfmetrics.getFont(REGULAR) is not pdfmetrics.getFont("Floor" + REGULAR)
        for v in warm_views:
            r.render_dossier_form("01", v, tpl, r.Options(now=NOW))
            floor_page(_page_of(v, tpl))
        pages = [_page_of(v, tpl) for v in views]
        order = list(range(len(views)))
        cpu_prog: list[float] = []
        cpu_floor: list[float] = []
        prog, floor = interleaved(
            _cpu(cpu_prog, _cycle(order, lambda i: r.render_dossier_form(
                "01", views[i], tpl, r.Options(now=NOW)))),
            _cpu(cpu_floor, _cycle(order, lambda i: floor_page(pages[i]))), n)
        # on a shared machine wall times carry other processes' time slices; CPU time does not
        cpu_note = (f"CPU p50 {p50(cpu_prog[3:]):.2f} vs {p50(cpu_floor[3:]):.2f} ms = "
                    f"{p50(cpu_prog[3:]) / p50(cpu_floor[3:]):.2f}x")
        rows = [time_row("form 01 vs bare reportlab page", prog, floor, max_ratio=1.2,
                         note=f"a4_two_up, 2 copies, n={n}; {cpu_note}")]

        # the batch: each slip loaded from the store and rendered to its own PDF
        rates: list[float] = []
        chunk = 100
        t_all, cpu_all = time.perf_counter(), time.process_time()
        with store.read() as s:
            for k in range(0, len(ids), chunk):
                t0 = time.perf_counter()
                for i in ids[k:k + chunk]:
                    service.render_form(s, i, "01", now=NOW, reprint=False)
                rates.append(chunk / (time.perf_counter() - t0))
        overall = len(ids) / (time.perf_counter() - t_all)
        cpu_rate = len(ids) / (time.process_time() - cpu_all)
        floor_rate = 1000.0 / p50(floor)
        rows.append(Row(f"form 01: batch of {len(ids):,} slips", overall, pct(rates, 0.05),
                        floor_rate, floor_rate / overall, ">= 100 slips/s", overall >= 100,
                        unit="slips/s", note=f"store -> one PDF each; {cpu_rate:.0f}/s of CPU;"
                        f" p95 = slowest 5% of {chunk}-slip chunks; floor = bare page rate"))
        return rows
    finally:
        store.dispose()
