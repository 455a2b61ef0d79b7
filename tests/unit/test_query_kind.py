"""The one search classification (code / end of a code / CCCD-CMND / phone / words), by hand."""

from __future__ import annotations

import pytest

from desk_app.services.query_kind import QueryKind, classify_query

CODE, END, ID, PHONE, WORDS = (QueryKind.CODE, QueryKind.CODE_END, QueryKind.ID_NUMBER,
                               QueryKind.PHONE, QueryKind.WORDS)


@pytest.mark.parametrize(("text", "kinds"), [
    # a whole code, as a scanner types it: only a code, any case
    ("000.00.12.H26-261123-1002", (CODE,)),
    ("000.00.12.h26-261123-1002", (CODE,)),
    ("  000.00.12.H26-261123-1002\n", (CODE,)),
    # the end of a code: the day's sequence, with its date, with part of the agency
    ("1002", (END,)),
    ("261123-1002", (END, PHONE)),  # ten digits: also a phone number as typed
    ("h26-261123-1002", (CODE,)),  # part of the agency: shaped like a whole code
    # ID numbers: old CMND (9 digits), CCCD (12 digits)
    ("012345678", (ID,)),
    ("001090012345", (ID,)),
    ("001 090 012 345", (ID,)),
    # phone numbers: 10-digit mobile, 11-digit landline, international forms
    ("0912345678", (PHONE,)),
    ("0912 345 678", (PHONE,)),
    ("0912.345.678", (PHONE,)),
    ("+84 912 345 678", (PHONE,)),
    ("(024) 3825 1234", (PHONE,)),
    ("840912345678", (ID, PHONE)),  # 12 digits: a CCCD, or +84 and a mobile
    # a number that is none of these: nothing to look for
    ("1234567", ()),
    ("12345678901234", ()),
    # names and addresses, with or without diacritics, mixed with digits
    ("Nguyễn Thị Hằng", (WORDS,)),
    ("nguyen thi hang", (WORDS,)),
    ("Đặng", (WORDS,)),
    ("Thôn 5 Phù Đổng", (WORDS,)),
    ("Lê 0912", (WORDS,)),
    # nothing
    ("", ()),
    ("   ", ()),
    ("!!!", ()),
])
def test_classify_query(text: str, kinds: tuple[QueryKind, ...]) -> None:
    assert classify_query(text).kinds == kinds


def test_the_forms_each_kind_is_looked_up_by() -> None:
    cccd = classify_query("001 090 012 345")
    assert cccd.kind is ID and cccd.number == "001090012345" and cccd.phone == ""
    phone = classify_query("+84 912 345 678")
    assert phone.kind is PHONE and phone.phone == "0912345678"
    landline = classify_query("(024) 3825 1234")
    assert landline.phone == "02438251234"
    code = classify_query(" 000.00.12.h26-261123-1002 ")
    assert code.kind is CODE and code.text == "000.00.12.h26-261123-1002"
    assert classify_query("").kind is None
    # NFC: a name typed with combining marks is the same query as the precomposed one
    decomposed = "Nguye\u0302\u0303n"
    assert classify_query(decomposed).text == "Nguyễn"
