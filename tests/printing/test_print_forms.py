"""Every form rendered from realistic stored dossiers: the fields are there, in full."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.printing import service
from desk_app.printing.context import fmt_time, load_dossier
from desk_app.printing.templates import load_templates
from desk_app.store.engine import Store
from desk_app.store.models import Commune, Dossier
from tests.printing.conftest import (
    LONG_ADDRESS,
    LONG_NAME,
    REP_NAME,
    Dossiers,
    contains,
    pdf_text,
)

HEADER = ["ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def check(text: str, *expected: str) -> None:
    missing = [e for e in expected if not contains(text, e)]
    assert not missing, f"not in the PDF: {missing}\n---\n{text}"


def render(store: Store, clock: FixedClock, dossier_id: int, form: str, **kw: object
           ) -> service.Rendered:
    with store.read() as s:
        return service.render_form(s, dossier_id, form, now=clock.now(), **kw)  # type: ignore[arg-type]


@pytest.mark.requires_poppler
@pytest.mark.parametrize("layout", ["a4_two_up", "a5", "thermal80", "a4"])
def test_form01_every_field_in_order(store: Store, clock: FixedClock, dossiers: Dossiers,
                                     tmp_path: Path, layout: str) -> None:
    r = render(store, clock, dossiers.received, "01", layout=layout)
    text = pdf_text(r.pdf, tmp_path)
    with store.read() as s:
        d = load_dossier(s, dossiers.received)
    tpl = load_templates()
    received, due = fmt_time(d.received_at, tpl), fmt_time(d.due_at, tpl)
    fields = [
        # the code comes before the copy label, as real slips print it
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"Mã hồ sơ: {d.code}", "(Liên 1: Lưu)",
        "Bộ phận tiếp nhận và trả kết quả Ủy ban nhân dân xã Phù Đổng",
        f"Tiếp nhận hồ sơ của: {LONG_NAME}", f"Người nộp thay: {REP_NAME} (được ủy quyền)",
        f"Địa chỉ: {LONG_ADDRESS}",
        "Số điện thoại: 0912345678; Email: cong.ton.nu.hoang.thi.phuong.thao@example.vn",
        "Nội dung yêu cầu giải quyết: Đăng ký việc nuôi con nuôi trong nước",
        "1. Thành phần hồ sơ nộp gồm:",
        *[c.name for c in d.components if c.originals or c.certified_copies or c.copies],
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 30 ngày",  # calendar days (art. 19)
        f"4. Thời gian nhận hồ sơ: {received}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {due}",
        "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả",
        "Phí, lệ phí: 400.000 đồng", "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 1",
        "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", "Nguyễn Văn Bình",
    ]
    # dated the day of the receipt (Mon 23/11), not the day it is printed (23/12)
    check(text, *HEADER, "Phù Đổng, ngày 23 tháng 11 năm 2026", *fields)
    assert "tháng 12 năm 2026" not in text.split("GIẤY TIẾP NHẬN")[0]
    # the fields come in the order real slips print them
    flat = re.sub(r"\s+", "", text)
    positions = [flat.find(re.sub(r"\s+", "", f)) for f in fields[:-3]]
    assert positions == sorted(positions)
    assert received == "09 giờ 00 phút, ngày 23 tháng 11 năm 2026"
    if layout in ("a4_two_up", "a5", "thermal80"):
        check(text, "(Liên 2: Giao người nộp)")
        assert text.count(LONG_NAME.split()[-1]) >= 2
    assert "BẢN IN LẠI" not in text
    assert r.paper == {"a4_two_up": "A4", "a5": "A5", "thermal80": "80mm", "a4": "A4"}[layout]


@pytest.mark.requires_poppler
def test_form01_single_copy(store: Store, clock: FixedClock, dossiers: Dossiers,
                            tmp_path: Path) -> None:
    text = pdf_text(render(store, clock, dossiers.received, "01", layout="a5",
                           copies=(2,)).pdf, tmp_path)
    check(text, "(Liên 2: Giao người nộp)")
    assert "Liên 1" not in text


@pytest.mark.requires_poppler
def test_form02_lists_what_is_missing(store: Store, clock: FixedClock, dossiers: Dossiers,
                                      tmp_path: Path) -> None:
    text = pdf_text(render(store, clock, dossiers.supplement, "02").pdf, tmp_path)
    check(text, *HEADER, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
          f"Tiếp nhận hồ sơ của: {LONG_NAME}", f"Địa chỉ: {LONG_ADDRESS}",
          "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
          "Phiếu lý lịch tư pháp của người nhận con nuôi",
          "Chưa nộp; xin tại Sở Tư pháp hoặc qua Cổng dịch vụ công",
          "Bản đã nộp quá 6 tháng kể từ ngày cấp", "Thiếu chữ ký của bác sĩ khám",
          "Giấy khám sức khỏe của người nhận con nuôi do cơ quan y tế có thẩm quyền cấp",
          "Lý do: Hồ sơ chưa đủ thành phần theo quy định", "NGƯỜI HƯỚNG DẪN",
          "Nguyễn Văn Bình", "024 3827 1234")


@pytest.mark.requires_poppler
def test_form03_states_the_reason(store: Store, clock: FixedClock, dossiers: Dossiers,
                                  tmp_path: Path) -> None:
    text = pdf_text(render(store, clock, dossiers.refused, "03").pdf, tmp_path)
    check(text, *HEADER, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
          f"Tiếp nhận hồ sơ của: {LONG_NAME}",
          "từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:",
          "Thủ tục thuộc thẩm quyền của Sở Tư pháp (người nhận con nuôi là người nước "
          "ngoài thường trú ở Việt Nam)", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")


@pytest.mark.requires_poppler
def test_form04_apology_with_new_date(store: Store, clock: FixedClock, dossiers: Dossiers,
                                      tmp_path: Path) -> None:
    text = pdf_text(render(store, clock, dossiers.extended, "04").pdf, tmp_path)
    with store.read() as s:
        d = s.get(Dossier, dossiers.extended)
        code, old, new = d.code, d.original_due_at, d.due_at
    tpl = load_templates()
    check(text, *HEADER, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
          f"Kính gửi: Ông/Bà {LONG_NAME}", f"Mã hồ sơ: {code}",
          f"Thời hẹn trả kết quả giải quyết hồ sơ: {fmt_time(old, tpl)}",
          "Phải xác minh thêm hoàn cảnh gia đình người nhận con nuôi tại nơi cư trú",
          f"vào: {fmt_time(new, tpl)}", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


@pytest.mark.requires_poppler
@pytest.mark.parametrize("which", ["stopped", "withdrawn"])
def test_form05_notice_of_stopping(store: Store, clock: FixedClock, dossiers: Dossiers,
                                   tmp_path: Path, which: str) -> None:
    text = pdf_text(render(store, clock, getattr(dossiers, which), "05").pdf, tmp_path)
    reason = {"stopped": "Người nhận con nuôi không còn đủ điều kiện theo Luật Nuôi con nuôi",
              "withdrawn": "ông/bà đề nghị rút hồ sơ (Gia đình đổi ý, xin rút hồ sơ)"}[which]
    check(text, *HEADER, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", f"Kính gửi: Ông/Bà {LONG_NAME}",
          f"vì lý do: {reason}",
          # dated the day it stopped (Thu 24/12, 11:00), not the print day (Wed 23/12)
          "Phù Đổng, ngày 24 tháng 12 năm 2026")


@pytest.mark.requires_poppler
def test_form06_one_row_per_hand_over(store: Store, clock: FixedClock, dossiers: Dossiers,
                                      tmp_path: Path) -> None:
    text = pdf_text(render(store, clock, dossiers.extended, "06").pdf, tmp_path)
    check(text, *HEADER, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
          "Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ",
          "Chuyển trạng thái: Đang giải quyết", "Gia hạn, hẹn lại ngày trả kết quả",
          "Trần Thị Lan", "Nguyễn Văn Bình", "Quá hạn",
          "Phải xác minh thêm hoàn cảnh gia đình người nhận con nuôi tại nơi cư trú")


@pytest.mark.requires_poppler
def test_form07_register_for_a_date_range(store: Store, clock: FixedClock,
                                          dossiers: Dossiers, tmp_path: Path) -> None:
    with store.read() as s:
        r = service.render_register(s, date(2026, 11, 1), date(2026, 11, 30), now=clock.now())
        codes = list(s.scalars(select(Dossier.code).order_by(Dossier.id)))
    text = pdf_text(r.pdf, tmp_path)
    check(text, *HEADER, "SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2026 đến ngày 30/11/2026",
          *codes, LONG_ADDRESS, "Đăng ký việc nuôi con nuôi trong nước", "Dừng giải quyết",
          "Rút hồ sơ", f"Tổng số: {len(codes)} hồ sơ")
    with store.read() as s:
        empty = service.render_register(s, date(2026, 1, 1), date(2026, 1, 31), now=clock.now())
    check(pdf_text(empty.pdf, tmp_path), "Tổng số: 0 hồ sơ")
    with store.read() as s, pytest.raises(KnownError) as info:
        service.render_register(s, date(2026, 2, 1), date(2026, 1, 1), now=clock.now())
    assert info.value.code == "bad_date_range"


def test_forms_that_do_not_apply_are_refused(store: Store, clock: FixedClock,
                                             dossiers: Dossiers) -> None:
    for dossier_id, form in [(dossiers.received, "04"), (dossiers.received, "05"),
                             (dossiers.refused, "01"), (dossiers.supplement, "03")]:
        with pytest.raises(KnownError) as info:
            render(store, clock, dossier_id, form)
        assert info.value.code == "form_not_applicable"
    with store.read() as s:
        assert service.applicable_forms(load_dossier(s, dossiers.extended)) == ["01", "04", "06"]
        assert service.applicable_forms(load_dossier(s, dossiers.refused)) == ["03"]


def test_every_letter_is_embedded_and_no_other_font(store: Store, clock: FixedClock,
                                                    dossiers: Dossiers, tmp_path: Path) -> None:
    path = tmp_path / "f.pdf"
    path.write_bytes(render(store, clock, dossiers.received, "01").pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out and all("LiberationSerif" in line for line in out)
    assert all(line.split()[-5] == "yes" for line in out)  # emb column


@pytest.mark.requires_poppler
def test_province_changes_wording_without_code(store: Store, clock: FixedClock,
                                               dossiers: Dossiers, tmp_path: Path) -> None:
    with store.write() as s:
        commune = s.scalars(select(Commune)).one()
        commune.settings = {**commune.settings,
                            "lookup_text": "Tra cứu hồ sơ {code} tại dichvucong.gov.vn",
                            "form_templates": {"01": {"sets": "2. Số bộ hồ sơ: {sets} bộ"},
                                               "common": {"signers": {"head": {
                                                   "name": "Lê Văn Chủ Tịch"}}}}}
    text = pdf_text(render(store, clock, dossiers.received, "01").pdf, tmp_path)
    check(text, "2. Số bộ hồ sơ: 1 bộ")
    check(pdf_text(render(store, clock, dossiers.extended, "04").pdf, tmp_path),
          "Lê Văn Chủ Tịch")


@pytest.mark.requires_poppler
def test_a_templates_file_in_the_data_folder_overrides_wording(
        store: Store, clock: FixedClock, dossiers: Dossiers, data_dir: Path,
        tmp_path: Path) -> None:
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "forms.json").write_text(
        '{"03": {"title": "PHIẾU TỪ CHỐI HỒ SƠ (MẪU TỈNH)"},'
        ' "common": {"motto_2": "Độc lập - Tự do - Hạnh phúc", "mr_mrs": "Quý ông/bà"}}',
        encoding="utf-8")
    with store.read() as s:
        pdf = service.render_form(s, dossiers.refused, "03", now=clock.now(),
                                  data_dir=data_dir).pdf
    text = pdf_text(pdf, tmp_path)
    check(text, "PHIẾU TỪ CHỐI HỒ SƠ (MẪU TỈNH)", "Xin thông báo cho Quý ông/bà được biết")


@pytest.mark.requires_poppler
def test_form01_marks_a_digitised_component(store: Store, clock: FixedClock,
                                            dossiers: Dossiers, data_dir: Path,
                                            tmp_path: Path) -> None:
    """Issue 16: a reprint after a component was scanned says so beside it."""
    from desk_app.scanning.assemble import pages_of
    from desk_app.scanning.files import ScanFiles
    from desk_app.services import scans
    from tests.scanning.conftest import picture

    with store.read() as s:
        d = load_dossier(s, dossiers.received)
        first = s.scalar(select(Dossier).where(Dossier.id == dossiers.received))
        assert first is not None
        comp = next(c for c in first.components if c.originals or c.certified_copies
                    or c.copies)
        comp_id, name = comp.id, comp.name
    assert "đã số hóa" not in pdf_text(render(store, clock, dossiers.received, "01",
                                              layout="a4").pdf, tmp_path)
    with store.write() as s:
        scans.attach(s, clock, 3, ScanFiles.of_data_dir(data_dir), dossiers.received,
                     comp_id, pages_of(picture("PNG")), source="file")
    text = pdf_text(render(store, clock, dossiers.received, "01", layout="a4").pdf, tmp_path)
    check(text, f"{name} (đã số hóa)")
    assert d.code and text.count("đã số hóa") == text.count("GIẤY TIẾP NHẬN HỒ SƠ")  # one a copy
    # form 06 (the control slip) says how many of the papers are digitised
    control = pdf_text(render(store, clock, dossiers.received, "06", layout="a4").pdf, tmp_path)
    check(control, f"Hồ sơ đã số hóa: 1/{len(d.components)} thành phần")
