"""The citizen's chip ID card (CCCD): number structure and the QR payload a scanner types.

Number (12 digits, TT 07/2016/TT-BCA, TT 59/2021/TT-BCA): 1-3 province of birth registration,
4 century + gender (1900s male 0 / female 1, 2000s 2 / 3, 2100s 4 / 5), 5-6 birth year's last two
digits, 7-12 random.

QR payload: ``CCCD|old CMND|Full name|ddmmyyyy birth|Nam/Nữ|address|ddmmyyyy issue``. The old-ID
field and the issue date may be empty; the 2024 "thẻ căn cước" and scanners in odd keyboard modes
may differ, so :func:`parse_qr` accepts small variations (fields after the seventh are ignored)
and raises :class:`CccdParseError` with a code otherwise. Seven fields are required: a payload
with fewer was cut while scanning (often inside the address), and filling the form from it would
store half an address. A payload holding a control character (other than the line end a scanner
adds), a lone surrogate or a non-character (:func:`desk_app.core.text.forbidden_chars`) is
refused as a whole (``control_chars``): the name or address it would fill could not be stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.core.text import fold, forbidden_chars, nfc

PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh",
    "024": "Bắc Giang", "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh",
    "030": "Hải Dương", "031": "Hải Phòng", "033": "Hưng Yên", "034": "Thái Bình",
    "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An",
    "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận",
    "062": "Kon Tum", "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

FIELDS = 7  # fields of the QR payload
_CENTURY_BASE = {0: 1900, 2: 2000, 4: 2100, 6: 2200, 8: 2300}


class CccdParseError(ValueError):
    """The text is not a usable CCCD QR payload; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CccdData:
    number: str
    old_id: str
    full_name: str
    birth_date: date
    gender: str  # "Nam" or "Nữ"
    address: str
    issue_date: date | None


def is_valid_number(number: str) -> bool:
    return bool(re.fullmatch(r"\d{12}", number))


def number_mismatches(number: str, birth_date: date | None, gender: str | None) -> list[str]:
    """Codes for what the number contradicts: 'format', 'province', 'gender', 'birth_year'."""
    if not is_valid_number(number):
        return ["format"]
    problems = []
    if number[:3] not in PROVINCES:
        problems.append("province")
    digit = int(number[3])
    if gender in ("Nam", "Nữ") and (digit % 2 == 1) != (gender == "Nữ"):
        problems.append("gender")
    if birth_date is not None:
        base = _CENTURY_BASE[digit - digit % 2]
        if base + int(number[4:6]) != birth_date.year:
            problems.append("birth_year")
    return problems


def _parse_date(text: str) -> date:
    digits_only = re.sub(r"\D", "", text)
    if len(digits_only) != 8:
        raise CccdParseError("bad_date")
    try:
        return date(int(digits_only[4:]), int(digits_only[2:4]), int(digits_only[:2]))
    except ValueError as exc:
        raise CccdParseError("bad_date") from exc


def _parse_gender(text: str) -> str:
    folded = fold(text)
    if folded in ("nam", "male", "m"):
        return "Nam"
    if folded in ("nu", "female", "f"):
        return "Nữ"
    raise CccdParseError("bad_gender")


def looks_like_payload(text: str) -> bool:
    """Cheap test used on every Enter: does this look like a CCCD QR payload at all?"""
    parts = text.strip().split("|")
    return len(parts) >= FIELDS and bool(re.fullmatch(r"\d{9,12}", parts[0].strip()))


def parse_qr(text: str) -> CccdData:
    """Parse a scanned QR payload. Raises :class:`CccdParseError` (codes: not_payload,
    incomplete, old_id_number, control_chars, bad_number, bad_name, bad_date, bad_gender)."""
    cleaned = nfc(text.replace("\r", "").replace("\n", "").replace("\t", ""))
    parts = [p.strip() for p in cleaned.split("|")]
    if len(parts) < 2 or not re.fullmatch(r"[0-9]+", parts[0]):
        raise CccdParseError("not_payload")
    if len(parts[0]) == 9:  # an old 9-digit CMND number where the CCCD number belongs
        raise CccdParseError("old_id_number")
    if len(parts) < FIELDS:
        raise CccdParseError("incomplete")
    if forbidden_chars(cleaned):
        raise CccdParseError("control_chars")
    number, old_id, name, birth, gender, address, issue = parts[:FIELDS]
    if not is_valid_number(number):
        raise CccdParseError("bad_number")
    if not name or any(ch.isdigit() for ch in name):
        raise CccdParseError("bad_name")
    return CccdData(
        number=number,
        old_id=old_id if re.fullmatch(r"\d{9}|\d{12}", old_id) else "",
        full_name=name,
        birth_date=_parse_date(birth),
        gender=_parse_gender(gender),
        address=address,
        issue_date=_parse_date(issue) if issue else None,
    )
