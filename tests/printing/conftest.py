"""Printing fixtures: realistic dossiers in every state a form prints, and PDF helpers."""

from __future__ import annotations

import subprocess
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
ADOPTION = "2.001263"  # seven components, 20 working days, 400.000 đ


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
    clock.advance(days=30)
    with store.write() as s:
        from desk_app.store.models import Dossier

        due = s.get(Dossier, ids["extended"]).due_at
        extend_due(s, clock, LEADER, ids["extended"], due + timedelta(days=10),
                   "Phải xác minh thêm hoàn cảnh gia đình người nhận con nuôi tại nơi cư trú")
        change_status(s, clock, CLERK, ids["stopped"], Status.STOPPED,
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
