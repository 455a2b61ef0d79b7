"""Printing through a real CUPS spooler (cupsd + the cups-pdf queue), as the desk does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import zxingcpp

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.printing import service
from desk_app.printing.spool import CupsSpooler, PrinterState, _fault
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.printing.conftest import (
    CLERK,
    LONG_ADDRESS,
    LONG_NAME,
    Cups,
    Dossiers,
    contains,
    pdf_pages_png,
    pdf_text,
)

pytestmark = pytest.mark.slow


@pytest.mark.requires_poppler
@pytest.mark.parametrize("printer", ["pdf", "postscript"])
def test_form01_prints_every_letter_through_a_default_queue(
        printer: str, cups: Cups, store: Store, clock: FixedClock, data_dir: Path,
        dossiers: Dossiers, tmp_path: Path) -> None:
    """Queues created with no option (Ghostscript converts the PDF): every Vietnamese letter,
    the codes and the page size reach the paper (cups-pdf's PDF, or the PostScript a network
    printer receives, turned back into PDF to read it)."""
    queue = cups.queue if printer == "pdf" else cups.ps_queue
    spooler = CupsSpooler(cups.lp_env())
    assert queue in spooler.printers()
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout="a5")
        code = s.get(Dossier, dossiers.received).code
    before = len(cups.ps_printer.jobs()) if printer == "postscript" else \
        len(list(cups.out.glob("*.pdf")))
    jobs: list[str] = []
    row = service.deliver(
        store, clock, CLERK, data_dir, rendered,
        lambda p: jobs.append(spooler.submit(p, queue, paper=rendered.paper,
                                             title=rendered.title)),
        queue,
    )
    assert jobs and jobs[0].startswith(f"{queue}-")
    assert row.printer == queue and not row.reprint
    if printer == "pdf":
        out = cups.wait_for_output(before + 1)[-1]
    else:
        ps = cups.wait_for_ps(before + 1)[-1]
        assert ps.read_bytes().startswith(b"%!PS")
        out = tmp_path / "printed.pdf"
        subprocess.run(["ps2pdf", str(ps), str(out)], check=True, timeout=60)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert "(A5)" in info and "Pages:" in info
    text = pdf_text(out, tmp_path)
    for expected in ("ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "(Liên 1: Lưu)",
                     "(Liên 2: Giao người nộp)", f"Mã hồ sơ: {code}", LONG_NAME, LONG_ADDRESS,
                     "Đăng ký việc nuôi con nuôi trong nước", "Phí, lệ phí: 400.000 đồng",
                     "NGƯỜI TIẾP NHẬN HỒ SƠ"):
        assert contains(text, expected), expected
    img = pdf_pages_png(out, tmp_path, 200, stem="cups")[0]
    found = {(b.format.name, b.text) for b in zxingcpp.read_barcodes(img.convert("L"))}
    assert ("Code128", code) in found
    assert ("QRCode", f"https://dichvucong.hanoi.gov.vn/tra-cuu?ma={code}") in found
    screens = os.environ.get("DESK_APP_PRINTED")  # to look at the printed pages by eye
    if screens:
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(out),
                        str(Path(screens) / f"printed-{printer}")], check=True)


def test_printer_faults_are_codes_and_nothing_is_logged(cups: Cups, store: Store,
                                                        clock: FixedClock, data_dir: Path,
                                                        dossiers: Dossiers) -> None:
    spooler = CupsSpooler(cups.lp_env())
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now())

    def attempt(sp: CupsSpooler, printer: str) -> str:
        with pytest.raises(KnownError) as info:
            service.deliver(store, clock, CLERK, data_dir, rendered,
                            lambda p: sp.submit(p, printer, paper="A4"), printer)
        return info.value.code

    assert attempt(spooler, "Khong-Co-May-In") == "printer_not_found"
    assert attempt(spooler, "") == "printer_not_chosen"
    cups.run("cupsdisable", "-r", "Hết giấy", cups.queue)
    try:
        assert attempt(spooler, cups.queue) == "printer_stopped"
    finally:
        cups.run("cupsenable", cups.queue)
    cups.run("cupsreject", cups.queue)
    try:
        assert attempt(spooler, cups.queue) == "printer_not_accepting"
    finally:
        cups.run("cupsaccept", cups.queue)
    gone = CupsSpooler({"CUPS_SERVER": str(cups.root / "no-such.sock")})
    assert attempt(gone, cups.queue) == "print_system_unavailable"
    with store.read() as s:
        assert service.printed_history(s, dossiers.received) == []
        assert s.get(Dossier, dossiers.received).status == "received"
    assert not list((data_dir / "printed").rglob("*.pdf"))


@pytest.mark.parametrize("reasons,state,accepting,code", [
    (("media-empty-error",), 3, True, "printer_out_of_paper"),
    (("media-needed-warning",), 3, True, "printer_out_of_paper"),
    (("media-jam-error",), 3, True, "printer_jammed"),
    (("offline-report",), 3, True, "printer_offline"),
    (("toner-low-report",), 3, True, None),
    ((), 5, True, "printer_stopped"),
    ((), 3, False, "printer_not_accepting"),
    ((), 3, True, None),
])
def test_printer_state_reasons(reasons: tuple[str, ...], state: int, accepting: bool,
                               code: str | None) -> None:
    assert _fault(PrinterState("P", state, reasons, accepting)) == code
