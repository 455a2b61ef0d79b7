"""Rules for text folding, dossier codes, CCCD numbers and QR payloads, fees, the life cycle."""

import unicodedata
from datetime import date

import pytest

from desk_app.core import cccd
from desk_app.core.codes import DEFAULT_FORMAT, format_code, looks_like_code, validate_format
from desk_app.core.fees import compute_fee, describe_fee, format_vnd
from desk_app.core.lifecycle import FINAL, TRANSITIONS, Status, can_transition, refusal_reason
from desk_app.core.text import digits, fold, fold_words, nfc


def test_fold_drops_diacritics_and_maps_d() -> None:
    assert fold("Đặng Văn Đức") == "dang van duc"
    assert fold("Nguyễn Thị Hằng") == "nguyen thi hang"
    assert fold("ĐẮK LẮK") == "dak lak"
    assert fold("  Lê   Thị  Ơn ") == "le thi on"
    assert fold_words("Thôn 3, xã Ea Kao; Đắk Lắk") == ["thon", "3", "xa", "ea", "kao", "dak", "lak"]


def test_nfc_normalises_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị\tHằng ")
    assert decomposed != "Nguyễn Thị Hằng"
    assert nfc(decomposed) == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))
    assert fold(decomposed) == "nguyen thi hang"
    assert digits("0912.345 678") == "0912345678"


def test_default_code_format() -> None:
    assert format_code(DEFAULT_FORMAT, "000.00.01.H29", date(2024, 1, 15), 1) == (
        "000.00.01.H29-240115-0001"
    )
    assert looks_like_code("000.00.01.H29-240115-0001")
    assert not looks_like_code("nguyen van a")
    validate_format("{agency}/{date:%Y%m%d}/{seq:05d}")
    with pytest.raises(ValueError):
        validate_format("{agency}-{seq:04d}")  # no date: numbers would repeat every day


PAYLOAD = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Phù Dực, Phù Đổng, Hà Nội|20042021"


def test_parse_standard_payload() -> None:
    data = cccd.parse_qr(PAYLOAD)
    assert data.number == "001090012345"
    assert data.old_id == "123456789"
    assert data.full_name == "Nguyễn Văn An"
    assert data.birth_date == date(1990, 3, 15)
    assert data.gender == "Nam"
    assert data.address == "Thôn Phù Dực, Phù Đổng, Hà Nội"
    assert data.issue_date == date(2021, 4, 20)
    assert cccd.number_mismatches(data.number, data.birth_date, data.gender) == []


def test_parse_tolerates_empty_old_id_missing_issue_date_and_noise() -> None:
    decomposed = unicodedata.normalize(
        "NFD", "079301234567||Trần Thị Bích|01022001|Nữ|Q.1, TP.HCM|"  # no issue date
    )
    data = cccd.parse_qr(decomposed + "\r\n")
    assert data.old_id == ""
    assert data.issue_date is None
    assert data.full_name == "Trần Thị Bích"
    assert data.gender == "Nữ"
    assert cccd.number_mismatches(data.number, data.birth_date, data.gender) == []
    # a trailing field from a newer card is ignored
    assert cccd.parse_qr(PAYLOAD + "|extra").number == "001090012345"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("hello", "not_payload"),
        ("00109001234|x|Nguyễn Văn An|15031990|Nam|addr|20042021", "bad_number"),
        ("001090012345||Nguyễn Văn An|31021990|Nam|addr|", "bad_date"),
        ("001090012345||Nguyễn Văn An|15031990|X|addr|", "bad_gender"),
        ("001090012345||123|15031990|Nam|addr|", "bad_name"),
    ],
)
def test_parse_rejects_garbage(payload: str, code: str) -> None:
    with pytest.raises(cccd.CccdParseError) as info:
        cccd.parse_qr(payload)
    assert info.value.code == code


def test_number_checks_against_birth_and_gender() -> None:
    # 0 = 1900s male; says 1990
    assert cccd.number_mismatches("001090012345", date(1990, 3, 15), "Nữ") == ["gender"]
    assert cccd.number_mismatches("001090012345", date(1991, 3, 15), "Nam") == ["birth_year"]
    # 3 = 2000s female, year 05
    assert cccd.number_mismatches("038305001234", date(2005, 1, 1), "Nữ") == []
    assert cccd.number_mismatches("999090012345", date(1990, 1, 1), "Nam") == ["province"]
    assert cccd.number_mismatches("12345", None, None) == ["format"]
    assert cccd.looks_like_payload(PAYLOAD)
    assert not cccd.looks_like_payload("Nguyễn Văn An")


def test_fees() -> None:
    per_page = {"kind": "per_page", "first_pages": 2, "first_page_price": 2000,
                "next_page_price": 1000, "max_per_copy": 200000}
    assert compute_fee(per_page, pages=1) == 2000
    assert compute_fee(per_page, pages=5) == 2 * 2000 + 3 * 1000
    assert compute_fee(per_page, pages=500, copies=2) == 2 * 200000
    assert compute_fee({"kind": "fixed", "amount": 8000}) == 8000
    assert compute_fee({"kind": "free"}) == 0
    assert format_vnd(200000) == "200.000"
    assert describe_fee({"kind": "fixed", "amount": 8000}) == "8.000 đồng"


def test_life_cycle() -> None:
    assert can_transition(Status.RECEIVED, Status.IN_PROCESSING)
    assert can_transition(Status.RESULT_READY, Status.RETURNED)
    assert refusal_reason(Status.RECEIVED, Status.RETURNED) == "not_allowed"
    assert refusal_reason(Status.RETURNED, Status.IN_PROCESSING) == "final"
    assert FINAL == {Status.RETURNED, Status.SUPPLEMENT_REQUESTED, Status.REFUSED,
                     Status.WITHDRAWN, Status.STOPPED}
    # every status is reachable from an intake outcome
    seen, todo = set(), [Status.RECEIVED, Status.SUPPLEMENT_REQUESTED, Status.REFUSED]
    while todo:
        s = todo.pop()
        if s not in seen:
            seen.add(s)
            todo.extend(TRANSITIONS[s])
    assert seen == set(Status)
