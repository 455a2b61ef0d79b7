"""Control characters, lone surrogates and non-characters: refused at the field, in the CCCD
payload and in the rating slip; typed white space becomes one space (issue 10)."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from desk_app.core import cccd
from desk_app.core.rating_settings import FormError, default_form_path, parse_form
from desk_app.core.text import forbidden_chars, nfc, unsendable_chars
from desk_app.errors import FieldError
from desk_app.gui.messages import field_message
from desk_app.services.validation import check_email, check_name, check_phone, check_text

# (character, why it is refused) - from the Unicode standard, not from the code under test
REFUSED = [
    ("\x00", "NUL: PostgreSQL refuses \\u0000 in JSON"),
    ("\x07", "BEL, C0"),
    ("\x1b", "ESC, C0"),
    ("\x1c", "file separator: C0, though Python's \\s matches it"),
    ("\x1f", "unit separator, C0"),
    ("\x7f", "DEL"),
    ("\x85", "NEL: C1, though Python's \\s matches it"),
    ("\x9f", "APC, the last C1"),
    ("\ud800", "a lone high surrogate"),
    ("\udfff", "a lone low surrogate"),
    ("\ufdd0", "the first of the 32 non-characters U+FDD0-FDEF"),
    ("\ufffe", "non-character: the last two code points of plane 0"),
    ("\uffff", "non-character"),
    ("\U0001fffe", "non-character of plane 1"),
    ("\U0010ffff", "non-character: the last code point"),
]
KEPT = "Nguyễn Thị Hằng, Đắk Lắk ₫ «»…\t\n\r\x0b\x0c\u00a0"  # letters, signs, typed white space


@pytest.mark.parametrize("ch,why", REFUSED)
def test_control_characters_surrogates_and_non_characters_are_found(ch: str, why: str) -> None:
    assert forbidden_chars(f"Lê{ch}Văn{ch}") == [ch], why


def test_letters_signs_and_typed_white_space_are_not() -> None:
    assert forbidden_chars(KEPT) == []
    assert forbidden_chars("") == [] and forbidden_chars(None) == []


def test_typed_white_space_becomes_one_space_and_separators_are_kept_to_be_refused() -> None:
    assert nfc("Chờ xác minh\r\n\tlần 2\x0b\x0c ") == "Chờ xác minh lần 2"
    # today nfc silently made these spaces (Python's \s): they are refused instead
    assert nfc("a\x1cb\x85c") == "a\x1cb\x85c"
    assert nfc("\x1fa") == "\x1fa"  # not stripped unseen at the ends either


def test_every_text_check_refuses_them_naming_them_by_number() -> None:
    nul = FieldError("note", "control_chars", {"codes": "U+0000"})
    assert check_text("note", "Gọi trước\x009h") == [nul]
    assert check_text("note", "Gọi\x00 \x1b\x00") == [
        FieldError("note", "control_chars", {"codes": "U+0000, U+001B"})]
    assert check_name("applicant.full_name", "Lê\x00Văn") == [
        FieldError("applicant.full_name", "control_chars", {"codes": "U+0000"})]
    assert check_email("applicant.email", "an@\x00x.vn") == [
        FieldError("applicant.email", "control_chars", {"codes": "U+0000"})]
    assert check_phone("applicant.phone", "0912\x00345678") == [
        FieldError("applicant.phone", "control_chars", {"codes": "U+0000"})]
    assert check_text("reason", "a\ud800b") == [
        FieldError("reason", "control_chars", {"codes": "U+D800"})]
    assert check_text("reason", "Chờ xác minh\nlần 2") == []


def test_the_message_names_the_characters_in_vietnamese_without_showing_them() -> None:
    text = field_message(FieldError("note", "control_chars", {"codes": "U+0000, U+D800"}))
    assert "U+0000, U+D800" in text and "ký tự ẩn" in text and "\x00" not in text


FULL = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Phù Dực, Phù Đổng, Hà Nội|20042021"


@pytest.mark.parametrize("where", ["name", "address", "after"])
def test_a_cccd_payload_with_a_control_character_fills_nothing(where: str) -> None:
    assert cccd.parse_qr(FULL + "\r\n").full_name == "Nguyễn Văn An"  # the scanner's Enter
    bad = {"name": FULL.replace("Văn An", "Văn\x00An"),
           "address": FULL.replace("Phù Dực", "Phù\x1bDực"),
           "after": FULL + "|\x00"}[where]
    with pytest.raises(cccd.CccdParseError) as info:
        cccd.parse_qr(bad)
    assert info.value.code == "control_chars"


def test_a_rating_slip_with_a_control_character_is_not_used() -> None:
    data = json.loads(default_form_path().read_text(encoding="utf-8"))
    parse_form(data)
    phrases = dict(data, comment_options=["Nhanh chóng", "Tận\x00tình"])
    with pytest.raises(FormError):
        parse_form(phrases)
    label = json.loads(json.dumps(data))
    label["overall"]["levels"][0]["code"] = "very\x00satisfied"
    with pytest.raises(FormError):
        parse_form(label)


def test_every_invisible_format_character_is_refused_but_still_sendable() -> None:
    """Unicode's category Cf (zero-width space U+200B, soft hyphen, byte-order mark, the
    text-direction overrides U+202A-202E...), as this Python's Unicode database lists it: none
    belongs in a Vietnamese name or address. They are text all the same: an event already
    stored with one is sent, not held."""
    invisible = [chr(c) for c in range(sys.maxunicode + 1)
                 if unicodedata.category(chr(c)) == "Cf"]
    assert len(invisible) >= 160 and "\u200b" in invisible and "\u202e" in invisible
    assert [ch for ch in invisible if forbidden_chars(f"a{ch}b") != [ch]] == []
    assert [ch for ch in invisible if unsendable_chars(f"a{ch}b")] == []
    assert forbidden_chars("Trần\u200bVăn Bình\u202e") == ["\u200b", "\u202e"]
