"""The queue ticket (issue 17): its 80 mm PDF through a real default CUPS queue, and its raster
image sent by ESC/POS to a real file, read back bit for bit."""

from __future__ import annotations

import os
import socket
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.printing.forms.ticket import TicketSlip, render_ticket_pdf
from desk_app.printing.spool import CupsSpooler
from desk_app.printing.templates import load_templates
from desk_app.printing.ticket_out import print_ticket
from desk_app.printing.ticket_raster import WIDTH_PX, render_ticket_image, send_escpos
from desk_app.services.access import ForbiddenError
from desk_app.services.ticket_printer import set_ticket_printer, ticket_printer
from desk_app.store.engine import Store
from desk_app.store.models_audit import AuditRecord
from tests.printing.conftest import Cups, contains, pdf_text

SLIP = TicketSlip("Ủy ban nhân dân xã Phù Đổng", "Bộ phận tiếp nhận và trả kết quả", "012",
                  "Chứng thực", datetime(2026, 11, 23, 8, 41), 3)
# what a citizen reads on it, written by hand
WORDS = ["ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "SỐ THỨ TỰ", "012",
         "Lĩnh vực: Chứng thực", "Lấy số lúc 08 giờ 41, ngày 23/11/2026",
         "Số người đang chờ trước bạn: 3", "Xin mời ngồi chờ gọi số. Số chỉ dùng trong ngày."]


@pytest.mark.requires_poppler
def test_ticket_pdf_is_80mm_wide_with_every_word(tmp_path: Path) -> None:
    pdf = tmp_path / "ticket.pdf"
    pdf.write_bytes(render_ticket_pdf(SLIP, load_templates()))
    text = pdf_text(pdf, tmp_path)
    for expected in WORDS:
        assert contains(text, expected), expected
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert abs(width - 80 / 25.4 * 72) < 0.5  # 80 mm
    assert 50 < height / 72 * 25.4 < 150  # a short slip (mm), as long as its lines
    screens = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", str(pdf),
                    str(screens / "ticket")], check=True)
    with Image.open(screens / "ticket.png") as img:
        grey = img.convert("L")
    # ink, and a white margin on every side: nothing cut off at the roll's edges
    assert grey.getextrema()[0] < 60
    w, h = grey.size
    for box in ((0, 0, w, 3), (0, h - 3, w, h), (0, 0, 3, h), (w - 3, 0, w, h)):
        assert grey.crop(box).getextrema()[0] > 200, box


@pytest.mark.requires_poppler
def test_ticket_prints_every_letter_through_a_default_queue(cups: Cups, tmp_path: Path) -> None:
    """The system printer's way: a default CUPS queue (Ghostscript converts the PDF) still
    prints every Vietnamese letter of the ticket."""
    spooler = CupsSpooler(cups.lp_env())
    before = len(list(cups.out.glob("*.pdf")))
    jobs: list[str] = []
    went = print_ticket(
        SLIP, load_templates(), cups.queue,
        send_pdf=lambda p, name, title: jobs.append(spooler.submit(p, name, paper="80mm",
                                                                    title=title)),
        default_printer=lambda: "")
    assert went == cups.queue and jobs[0].startswith(f"{cups.queue}-")
    out = cups.wait_for_output(before + 1)[-1]
    text = pdf_text(out, tmp_path)
    for expected in WORDS:
        assert contains(text, expected), expected


def test_ticket_without_a_printer_is_refused_in_words() -> None:
    with pytest.raises(KnownError) as info:
        print_ticket(SLIP, load_templates(), "", send_pdf=lambda *_a: None,
                     default_printer=lambda: "")
    assert info.value.code == "printer_not_chosen"


def raster_blocks(data: bytes) -> list[tuple[int, int, bytes]]:
    """Every ``GS v 0 m xL xH yL yH d...`` block of an ESC/POS stream: (width bytes, height,
    data), read by the command's own definition."""
    blocks, i = [], 0
    while (i := data.find(b"\x1dv0", i)) >= 0:
        width_bytes = data[i + 4] + 256 * data[i + 5]
        height = data[i + 6] + 256 * data[i + 7]
        start = i + 8
        blocks.append((width_bytes, height, data[start:start + width_bytes * height]))
        i = start + width_bytes * height
    return blocks


def test_escpos_ticket_is_the_rendered_bitmap_then_a_cut(tmp_path: Path) -> None:
    image = render_ticket_image(SLIP, load_templates())
    image.save(tmp_path / "ticket-raster.png")  # to look at
    assert image.mode == "1" and image.width == WIDTH_PX
    out = tmp_path / "printer.bin"
    send_escpos(image, f"file:{out}")
    data = out.read_bytes()
    blocks = raster_blocks(data)
    assert blocks, "no GS v 0 raster block"
    assert {wb for wb, _h, _d in blocks} == {WIDTH_PX // 8}
    assert sum(h for _wb, h, _d in blocks) == image.height
    # the printer's bits (1 = a black dot, rows of width/8 bytes, most significant bit left)
    dots = b"".join(d for _wb, _h, d in blocks)
    printed = Image.frombytes("1", (WIDTH_PX, image.height), dots)
    black = [(x, y) for y in range(image.height) for x in range(WIDTH_PX)
             if image.getpixel((x, y)) == 0]
    assert black and all(printed.getpixel(p) for p in black[:: max(1, len(black) // 5000)])
    assert sum(1 for y in range(image.height) for x in range(WIDTH_PX) if printed.getpixel((x, y))) == len(black)
    # the cut comes after the image: GS V 0 (full cut)
    assert data.rfind(b"\x1dV\x00") > data.rfind(b"\x1dv0")


def test_escpos_faults_are_codes(tmp_path: Path) -> None:
    image = render_ticket_image(SLIP, load_templates())
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cases = [(f"tcp:127.0.0.1:{port}", "ticket_printer_unreachable"),
             (f"file:{tmp_path}/no-such-folder/lp0", "ticket_printer_unreachable"),
             ("bluetooth:abc", "ticket_printer_bad_address"),
             ("usb:zz:11", "ticket_printer_bad_address")]
    for address, code in cases:
        with pytest.raises(KnownError) as info:
            send_escpos(image, address)
        assert info.value.code == code, address


def test_only_the_administrator_chooses_the_ticket_printer(store: Store,
                                                           clock: FixedClock) -> None:
    admin, clerk = 1, 3
    with store.write() as s, pytest.raises(ForbiddenError):
        set_ticket_printer(s, clock, clerk, "escpos:tcp:10.0.0.9")
    with store.write() as s:
        assert set_ticket_printer(s, clock, admin, " escpos:tcp:10.0.0.9 ") == \
            "escpos:tcp:10.0.0.9"
    with store.read() as s:
        assert ticket_printer(s) == "escpos:tcp:10.0.0.9"
        row = s.scalars(select(AuditRecord).where(
            AuditRecord.action == "settings.ticket_printer")).one()
        assert row.clerk_id == admin
        assert row.change == {"from": "", "to": "escpos:tcp:10.0.0.9"}
