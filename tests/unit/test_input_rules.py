"""Input the desk refuses or understands: phone numbers, characters the fonts cannot draw,
cut CCCD payloads, and the end of a dossier code. Expected values are worked out by hand."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desk_app.core import cccd
from desk_app.core.codes import DEFAULT_FORMAT, CodeSpace, looks_like_partial_code
from desk_app.core.glyphs import FORM_FACES, UI_FACES, font_codepoints, unprintable
from desk_app.errors import FieldError
from desk_app.paths import resources_dir
from desk_app.printing import fonts as form_fonts
from desk_app.services.validation import (
    check_name,
    check_phone,
    check_text,
    normalise_phone,
    phone_error,
)

# ---- phone numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),  # Viettel/VinaPhone 09x mobile
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("0386 123 456", "0386123456"),  # 03x, 05x, 07x, 08x mobiles
        ("0562 123 456", "0562123456"),
        ("0701 234 567", "0701234567"),
        ("0812 345 678", "0812345678"),
        ("024 3825 1234", "02438251234"),  # Hà Nội fixed line: 0 + 24 + 8 digits
        ("(028) 3829-1234", "02838291234"),  # Hồ Chí Minh
        ("0203 3821 234", "02033821234"),  # Quảng Ninh: 0 + 203 + 7 digits
        ("+84 24 3825 1234", "02438251234"),
    ],
)
def test_vietnamese_numbers_are_accepted_and_stored_as_national_digits(
    typed: str, stored: str
) -> None:
    assert phone_error(typed) is None
    assert check_phone("phone", typed) == []
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("0912 345 67", "bad_phone", {}),  # 9 digits
        ("0912 345 6789", "bad_phone", {}),  # 11 digits, not 02
        ("0112 345 678", "bad_phone", {}),  # 01 is no mobile prefix now
        ("0412 345 678", "bad_phone", {}),  # 04 neither
        ("024 3825 123", "bad_phone", {}),  # a fixed line one digit short
        ("1900 1234", "bad_phone", {}),  # a service number, not a citizen's phone
        ("+1 202 555 0100", "bad_phone", {}),  # not Vietnam
        ("0912abc345678", "phone_chars", {"chars": "abc"}),  # letters are not dropped
        ("0912/345/678", "phone_chars", {"chars": "/"}),
        ("0912 345 678 😀", "phone_chars", {"chars": "😀"}),
        ("01688 123 456", "old_mobile", {"new": "0388123456"}),  # Viettel 0168 -> 038 (2018)
        ("0123 456 7890", "old_mobile", {"new": "0834567890"}),  # VinaPhone 0123 -> 083
        ("0120 456 7890", "old_mobile", {"new": "0704567890"}),  # MobiFone 0120 -> 070
    ],
)
def test_other_numbers_are_refused_with_a_reason(typed: str, code: str, params: dict) -> None:
    assert phone_error(typed) == (code, params)
    assert check_phone("applicant.phone", typed) == [FieldError("applicant.phone", code, params)]


def test_an_empty_phone_is_only_refused_when_required() -> None:
    assert check_phone("phone", "") == []
    assert check_phone("phone", "", required=True) == [FieldError("phone", "required")]


# ---- characters the fonts cannot draw ----------------------------------------------------


def test_the_faces_judged_are_those_the_forms_and_the_interface_load() -> None:
    assert set(FORM_FACES) == set(form_fonts._FILES.values())
    # the interface family (desk_app.gui.fonts.UI_FAMILY = "Noto Sans"), its four faces
    assert all((resources_dir() / "fonts" / name).is_file() for name in UI_FACES)
    assert all(name.startswith("NotoSans-") for name in UI_FACES)


def test_vietnamese_text_and_common_signs_are_printable() -> None:
    text = "Nguyễn Thị Hồng Nhung, Đắk Lắk; Phường Ơn Ưng – “số 5”, 50.000 ₫ (½), № 3 · …"
    assert unprintable(text) == []
    # typed with combining marks (a Vietnamese keyboard in "tổ hợp" mode): judged after NFC
    assert unprintable(unicodedata.normalize("NFD", text)) == []


def test_emoji_and_symbols_the_fonts_lack_are_named_once_each() -> None:
    assert unprintable("Nguyễn Văn An 😀😀") == ["😀"]
    assert unprintable("Thôn ★ Đông 🏠, tổ 3") == ["★", "🏠"]
    assert unprintable("Trần 中文") == ["中", "文"]
    # Liberation Serif draws arrows, Noto Sans (the screen) does not: refused, no box on screen
    assert unprintable("A → B") == ["→"]
    liberation = font_codepoints(resources_dir() / "fonts" / "LiberationSerif-Regular.ttf")
    noto = font_codepoints(resources_dir() / "fonts" / "NotoSans-Regular.ttf")
    assert ord("→") in liberation and ord("→") not in noto
    assert ord("😀") not in liberation and ord("😀") not in noto


def test_control_characters_are_left_to_the_text_rules() -> None:
    assert unprintable("a\tb\nc\x00") == []


def test_checks_refuse_unprintable_text_at_the_field() -> None:
    assert check_name("applicant.full_name", "Lê Văn 😀") == [
        FieldError("applicant.full_name", "unprintable", {"chars": "😀"})
    ]
    assert check_name("applicant.full_name", "Lê Văn Tám") == []
    assert check_text("note", "Gọi trước ☎ khi có kết quả") == [
        FieldError("note", "unprintable", {"chars": "☎"})
    ]
    assert check_text("reason", "", required=True) == [FieldError("reason", "required")]
    assert check_text("applicant.address", "x" * 401, 400) == [
        FieldError("applicant.address", "too_long", {"max": 400})
    ]


# ---- CCCD payloads -----------------------------------------------------------------------

FULL = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Phù Dực, Phù Đổng, Hà Nội|20042021"


def test_a_payload_cut_inside_the_address_is_refused() -> None:
    cut = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Phù D"  # 6 fields
    with pytest.raises(cccd.CccdParseError) as info:
        cccd.parse_qr(cut)
    assert info.value.code == "incomplete"
    with pytest.raises(cccd.CccdParseError) as info:
        cccd.parse_qr("001090012345|123456789|Nguyễn Văn")  # cut inside the name
    assert info.value.code == "incomplete"
    assert cccd.parse_qr(FULL).address == "Thôn Phù Dực, Phù Đổng, Hà Nội"


def test_a_payload_starting_with_a_9_digit_number_is_refused() -> None:
    with pytest.raises(cccd.CccdParseError) as info:
        cccd.parse_qr("123456789||Nguyễn Văn An|15031990|Nam|Hà Nội|20042021")
    assert info.value.code == "old_id_number"


# ---- the end of a dossier code -----------------------------------------------------------

SPACE = CodeSpace(DEFAULT_FORMAT, "000.00.12.H26", date(2026, 11, 20), date(2026, 11, 23))


def test_partial_codes_are_recognised() -> None:
    for text in ("0002", "261123-0002", "h26-261123-0002", "000.00.12.H26-261123-0002"):
        assert looks_like_partial_code(text), text
    for text in ("0912 345 678", "024-3825-1234", "001090012345", "nguyen", "002", "2611230002"):
        assert not looks_like_partial_code(text), text


def test_the_sequence_alone_names_that_number_on_every_day_newest_first() -> None:
    assert SPACE.candidates("0002") == [
        "000.00.12.H26-261123-0002", "000.00.12.H26-261122-0002",
        "000.00.12.H26-261121-0002", "000.00.12.H26-261120-0002",
    ]


def test_date_and_sequence_or_more_name_one_code_in_any_case() -> None:
    assert SPACE.candidates("261123-0002") == ["000.00.12.H26-261123-0002"]
    assert SPACE.candidates("h26-261121-0017") == ["000.00.12.H26-261121-0017"]
    assert SPACE.candidates("000.00.12.h26-261121-0017") == ["000.00.12.H26-261121-0017"]
    # only whole parts of the code: "26-..." is not the end of "...H26-..." at a boundary
    assert SPACE.candidates("26-261121-0017") == []
    assert SPACE.candidates("261124-0002") == []  # after the last day of receipt
    assert SPACE.candidates("00002") == []  # the sequence is printed with 4 digits
