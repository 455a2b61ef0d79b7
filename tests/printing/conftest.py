"""Printing fixtures: realistic dossiers in every state a form prints, and PDF helpers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services.intake import Missing, Person, receive, refuse, request_supplement
from desk_app.services.lifecycle import change_status, extend_due
from desk_app.store.engine import Store
from tests.helpers import complete_request

CLERK = 3  # binh, a clerk
LEADER = 2  # lan, the desk leader

LONG_NAME = "Công Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Ngọc Bích"
LONG_ADDRESS = (
    "Số nhà 1234/56/78 hẻm 9 đường Nguyễn Thị Minh Khai nối dài, tổ dân phố số 17, "
    "khu phố Phước Thạnh Đông, thôn Phù Dực Thượng (gần Trường Tiểu học Phù Đổng A), "
    "xã Phù Đổng, thành phố Hà Nội, Việt Nam - địa chỉ liên hệ tạm trú cũ tại Khu tập thể "
    "Nhà máy Dệt kim Đông Xuân, phường Hai Bà Trưng"
)
REP_NAME = "Tôn Thất Nguyễn Phước Bảo Long"
ADOPTION = "2.001263"  # seven components, 30 calendar days, 400.000 đ


@pytest.fixture(autouse=True)
def background_work_done() -> Iterator[None]:
    """A test leaves no render or print running on a worker (nor its outcome undelivered)."""
    yield
    if "desk_app.gui.background" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        from desk_app.gui import background

        assert background.wait_all(90_000), "a background task is still running"
        if QCoreApplication.instance() is not None:
            QCoreApplication.processEvents()


def person(**kw: object) -> Person:
    p = Person(full_name=LONG_NAME, id_number="001190012345", gender="Nữ",
               address=LONG_ADDRESS, phone="0912 345 678",
               email="cong.ton.nu.hoang.thi.phuong.thao@example.vn")
    for k, v in kw.items():
        setattr(p, k, v)
    return p


@dataclass
class Dossiers:
    received: int
    supplement: int
    refused: int
    extended: int
    stopped: int
    withdrawn: int


@pytest.fixture
def dossiers(store: Store, clock: FixedClock) -> Dossiers:
    """One dossier per printable situation, all with the long name and address."""
    ids = {}
    with store.write() as s:
        req = complete_request(s, ADOPTION)
        req.applicant = person()
        req.representative = Person(full_name=REP_NAME, id_number="079095001234",
                                    phone="0987 654 321", relation="được ủy quyền")
        ids["received"] = receive(s, clock, CLERK, req).dossier_id
    with store.write() as s:
        req = complete_request(s, ADOPTION)
        req.applicant = person()
        req.components = req.components[:2]
        missing = [
            Missing("Phiếu lý lịch tư pháp của người nhận con nuôi", originals=1,
                    reason="Chưa nộp; xin tại Sở Tư pháp hoặc qua Cổng dịch vụ công"),
            Missing("Văn bản xác nhận tình trạng hôn nhân của người nhận con nuôi",
                    originals=1, reason="Bản đã nộp quá 6 tháng kể từ ngày cấp"),
            Missing("Giấy khám sức khỏe của người nhận con nuôi do cơ quan y tế có thẩm quyền "
                    "cấp", originals=1, reason="Thiếu chữ ký của bác sĩ khám"),
        ]
        ids["supplement"] = request_supplement(
            s, clock, CLERK, req, missing, "Hồ sơ chưa đủ thành phần theo quy định"
        ).dossier_id
    with store.write() as s:
        req = complete_request(s, ADOPTION)
        req.applicant = person()
        ids["refused"] = refuse(
            s, clock, CLERK, req,
            "Thủ tục thuộc thẩm quyền của Sở Tư pháp (người nhận con nuôi là người nước "
            "ngoài thường trú ở Việt Nam)",
        ).dossier_id
    for key in ("extended", "stopped", "withdrawn"):
        with store.write() as s:
            req = complete_request(s, ADOPTION)
            req.applicant = person()
            ids[key] = receive(s, clock, CLERK, req).dossier_id
    clock.advance(hours=2)
    with store.write() as s:
        change_status(s, clock, CLERK, ids["extended"], Status.IN_PROCESSING)
        change_status(s, clock, CLERK, ids["stopped"], Status.IN_PROCESSING)
    clock.advance(days=31)  # Thu 24/12 11:00: past the adoption's due date, Wed 23/12 17:00
    with store.write() as s:
        from desk_app.store.models import Dossier

        due = s.get(Dossier, ids["extended"]).due_at
        extend_due(s, clock, LEADER, ids["extended"], due + timedelta(days=14),  # Wed 06/01/2027
                   "Phải xác minh thêm hoàn cảnh gia đình người nhận con nuôi tại nơi cư trú")
        change_status(s, clock, LEADER, ids["stopped"], Status.STOPPED,
                      "Người nhận con nuôi không còn đủ điều kiện theo Luật Nuôi con nuôi")
        change_status(s, clock, CLERK, ids["withdrawn"], Status.WITHDRAWN,
                      "Gia đình đổi ý, xin rút hồ sơ")
    clock.set(datetime(2026, 12, 23, 10, 0))
    return Dossiers(**ids)


def pdf_text(pdf: bytes | Path, tmp_path: Path) -> str:
    """pdftotext in content order (-raw): a wrapped field reads as one run of words."""
    path = pdf if isinstance(pdf, Path) else tmp_path / "x.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    return "".join(text.split())


def contains(text: str, expected: str) -> bool:
    return squash(expected) in squash(text)


def pdf_pages_png(pdf: bytes | Path, tmp_path: Path, dpi: int, stem: str = "page",
                  first: int = 1, last: int = 1) -> list[Image.Image]:
    path = pdf if isinstance(pdf, Path) else tmp_path / f"{stem}.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    out = tmp_path / stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), "-png",
                    str(path), str(out)], check=True)
    return [Image.open(p) for p in sorted(tmp_path.glob(f"{stem}-*.png"))]


# -- a real CUPS spooler with a cups-pdf queue and a PostScript printer -------------------------

SBIN_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


class PsPrinter:
    """A network PostScript printer on loopback (what ``socket://host:9100`` reaches): each job
    CUPS sends is kept as ``job-N.ps`` in ``out``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.count = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="ps-printer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:  # closed
                return
            with conn:
                chunks = []
                while data := conn.recv(65536):
                    chunks.append(data)
            if chunks:
                with self._lock:
                    self.count += 1
                    part = self.out / f"job-{self.count}.part"
                    part.write_bytes(b"".join(chunks))
                    part.rename(self.out / f"job-{self.count}.ps")

    def jobs(self) -> list[Path]:
        return sorted(self.out.glob("job-*.ps"), key=lambda p: int(p.stem.split("-")[1]))

    def close(self) -> None:
        self.server.close()


@dataclass
class Cups:
    root: Path
    socket: Path
    queue: str
    out: Path
    env: dict[str, str]
    ps_queue: str
    ps_printer: PsPrinter
    proc: subprocess.Popen[bytes]

    def lp_env(self) -> dict[str, str]:
        return {"CUPS_SERVER": str(self.socket)}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, env=self.env, check=True,
                              timeout=30)

    def wait_for_output(self, count: int = 1, timeout: float = 60.0) -> list[Path]:
        """The PDFs cups-pdf wrote, oldest first (waits until ``count`` exist and are
        complete)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = sorted((p for p in self.out.glob("*.pdf") if p.stat().st_size > 0),
                          key=lambda p: p.stat().st_mtime_ns)  # the newest last
            pending = subprocess.run(["lpstat", "-W", "not-completed", "-o", self.queue],
                                     capture_output=True, text=True, env=self.env).stdout
            if len(done) >= count and not pending.strip():
                return done
            time.sleep(0.3)
        log = (self.root / "log" / "error_log").read_text(errors="replace")[-2000:]
        raise AssertionError(f"cups-pdf wrote {list(self.out.iterdir())}; error_log:\n{log}")

    def wait_for_ps(self, count: int = 1, timeout: float = 60.0) -> list[Path]:
        """The PostScript jobs the PostScript printer received (waits until ``count``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.ps_printer.jobs()
            if len(done) >= count:
                return done
            time.sleep(0.3)
        log = (self.root / "log" / "error_log").read_text(errors="replace")[-2000:]
        raise AssertionError(f"the PostScript printer got {self.ps_printer.jobs()}; "
                             f"error_log:\n{log}")


def _cups_unavailable_reason() -> str | None:
    if not all(shutil.which(t, path=SBIN_PATH) for t in ("cupsd", "lpadmin", "lp")):
        return "cups is not installed (tools/apt/test-printing.txt lists it for ./dev test)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "cupsd and the cups-pdf backend need root to run; CI runs as root"
    return None


@pytest.fixture(scope="session")
def cups() -> Iterator[Cups]:
    """cupsd in a temp folder (own socket, spool, logs) with a cups-pdf queue; stopped after."""
    reason = _cups_unavailable_reason()
    if reason and os.geteuid() == 0:
        # CI runs as root after ./dev installed tools/apt/test-printing.txt: never skip there
        pytest.fail(f"cannot run the CUPS tests: {reason}")
    if reason:
        pytest.skip(reason)
    # not under pytest's 0700 temp folders: cupsd runs its filters as the "lp" user, which must
    # reach the spool and temp folders
    root = Path(tempfile.mkdtemp(prefix="desk-cups-"))
    for sub in ("conf/ppd", "spool/tmp", "state", "cache", "log", "out"):
        (root / sub).mkdir(parents=True)
    (root / "spool" / "tmp").chmod(0o1777)
    socket = root / "cups.sock"
    (root / "conf" / "cupsd.conf").write_text(
        f"LogLevel warn\nListen {socket}\nBrowsing Off\nDefaultAuthType None\n"
        "WebInterface No\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  JobPrivateAccess all\n  JobPrivateValues none\n"
        "  SubscriptionPrivateAccess all\n  SubscriptionPrivateValues none\n"
        "  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
    )
    (root / "conf" / "cups-files.conf").write_text(
        f"SystemGroup root\nServerRoot {root}/conf\nRequestRoot {root}/spool\n"
        f"TempDir {root}/spool/tmp\nStateDir {root}/state\nCacheDir {root}/cache\n"
        f"AccessLog {root}/log/access_log\nErrorLog {root}/log/error_log\n"
        f"PageLog {root}/log/page_log\nPrintcap\n"
    )
    for p in (root, root / "conf"):
        p.chmod(0o755)
    # cups-pdf reads /etc/cups/cups-pdf-<instance>.conf for a cups-pdf:/<instance> URI: this
    # test's own instance writes into the temp folder and leaves the system's queues alone
    instance = f"desktest{os.getpid()}"
    instance_conf = Path(f"/etc/cups/cups-pdf-{instance}.conf")
    instance_conf.write_text(f"Out {root}/out\nAnonDirName {root}/out\nLabel 0\nGrp root\n"
                             f"Log {root}/log\n")
    env = {**os.environ, "CUPS_SERVER": str(socket), "PATH": SBIN_PATH, "LANG": "C"}
    stderr = open(root / "log" / "stderr", "wb")
    proc = subprocess.Popen(
        [shutil.which("cupsd", path=SBIN_PATH) or "cupsd", "-f",
         "-c", str(root / "conf" / "cupsd.conf"), "-s", str(root / "conf" / "cups-files.conf")],
        stdout=subprocess.DEVNULL, stderr=stderr, env=env,
    )
    ps_printer = PsPrinter(root / "ps-out")
    try:
        deadline = time.monotonic() + 20
        while subprocess.run(["lpstat", "-r"], capture_output=True, text=True,
                             env=env).stdout.strip() != "scheduler is running":
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("cupsd could not be started: "
                            + (root / "log" / "stderr").read_text(errors="replace")[-500:])
            time.sleep(0.1)
        models = subprocess.run(["lpinfo", "-m"], capture_output=True, text=True, env=env,
                                check=True, timeout=60).stdout
        ppd = next(line.split()[0] for line in models.splitlines()
                   if "CUPS-PDF" in line and "_opt" in line.split()[0])
        ps_ppd = next(line.split()[0] for line in models.splitlines()
                      if line.split(" ", 1)[-1].strip() == "Generic PostScript Printer")
        # queues as a commune's PC has them: created with their driver and no extra option
        # (a default queue sends a PDF through Ghostscript's ps2write)
        queue, ps_queue = "DeskPDF", "DeskPS"
        subprocess.run(["lpadmin", "-p", queue, "-v", f"cups-pdf:/{instance}", "-m", ppd, "-E"],
                       capture_output=True, env=env, check=True, timeout=60)
        subprocess.run(["lpadmin", "-p", ps_queue, "-v",
                        f"socket://127.0.0.1:{ps_printer.port}", "-m", ps_ppd, "-E"],
                       capture_output=True, env=env, check=True, timeout=60)
        yield Cups(root=root, socket=socket, queue=queue, out=root / "out", env=env,
                   ps_queue=ps_queue, ps_printer=ps_printer, proc=proc)
    finally:
        ps_printer.close()
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGCONT)  # a test may have left it stopped (SIGSTOP)
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        stderr.close()
        instance_conf.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
