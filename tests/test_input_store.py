"""Input rules applied by the services on a real store: phones, unprintable text in every
printed field, and finding a dossier by the end of its code (search box and register)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import ValidationError
from desk_app.services import clerk_admin, intake, lifecycle
from desk_app.services.intake import Missing, Person
from desk_app.services.register import (
    RegisterFilter,
    RegisterQuery,
    RegisterSort,
    deadlines,
    load_lookups,
)
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier
from tests.helpers import complete_request

ADMIN, LEADER, CLERK = 1, 2, 3


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.value.errors}


def test_fixed_lines_and_plus84_mobiles_are_stored_as_national_digits(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        req = complete_request(s, phone="024 3825 1234")  # an 11-digit fixed line
        req.representative = Person(full_name="Trần Văn Hùng", id_number="001085001234",
                                    relation="con", phone="+84 386-123-456")
        res = intake.receive(s, clock, CLERK, req)
    with store.read() as s:
        d = s.get(Dossier, res.dossier_id)
        assert (d.applicant_phone, d.rep_phone) == ("02438251234", "0386123456")
        assert search_ids(s, "024-3825-1234") == [d.id]
        assert search_ids(s, "(024) 3825 1234") == [d.id]


def test_wrong_phones_are_refused_not_trimmed(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s, phone="0912abc345678")  # digits alone would make a number
        req.representative = Person(full_name="Trần Văn Hùng", id_number="001085001234",
                                    phone="01688 123 456")
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    assert {("applicant.phone", "phone_chars"), ("representative.phone", "old_mobile")} <= (
        _errors(info))
    by_field = {e.field: e.params for e in info.value.errors}
    assert by_field["representative.phone"] == {"new": "0388123456"}
    with store.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 0


def test_every_printed_text_field_refuses_emoji(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s, full_name="Lê Thị 🌸", address="Thôn ★ Đông, xã Phù Đổng")
        req.representative = Person(full_name="Lê Văn 😀", id_number="001085001234",
                                    relation="con 👍")
        req.delivery, req.delivery_address = "post", "Số 5 🏠 ngõ 3"
        req.note = "Gọi ☎ trước"
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    fields = {f for f, code in _errors(info) if code == "unprintable"}
    assert fields == {"applicant.full_name", "applicant.address", "representative.full_name",
                      "representative.relation", "delivery_address", "note"}
    chars = {e.field: e.params["chars"] for e in info.value.errors}
    assert chars["applicant.full_name"] == "🌸" and chars["applicant.address"] == "★"


def test_reasons_of_forms_02_03_04_05_refuse_emoji(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s)
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.refuse(s, clock, CLERK, req, "Không thuộc thẩm quyền 🙏")  # form 03
    assert _errors(info) == {("reason", "unprintable")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.request_supplement(  # form 02: the reason and each missing line
            s, clock, CLERK, req, [Missing("Tờ khai ✅", 1), Missing("Giấy CN", 1, reason="mờ 😢")],
            "Thiếu giấy tờ",
        )
    assert _errors(info) == {("missing.0.name", "unprintable"), ("missing.1.reason", "unprintable")}
    with store.write() as s:
        done = intake.receive(s, clock, CLERK, complete_request(s))
        lifecycle.change_status(s, clock, CLERK, done.dossier_id, Status.IN_PROCESSING)
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.change_status(s, clock, LEADER, done.dossier_id, Status.STOPPED,
                                "Công dân đề nghị dừng ✋")  # form 05
    assert _errors(info) == {("reason", "unprintable")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, done.dossier_id, datetime(2026, 12, 4, 9, 0),
                             "Chờ xác minh ⏳")  # form 04
    assert _errors(info) == {("reason", "unprintable")}
    with store.read() as s:
        assert s.get(Dossier, done.dossier_id).status == "in_processing"


def test_a_clerks_name_printed_on_the_forms_refuses_emoji(store: Store, clock: FixedClock) -> None:
    with pytest.raises(ValidationError) as info, store.write() as s:
        clerk_admin.add_clerk(s, clock, ADMIN, "hoa", "Phạm Thị Hoa 🌺", "mat-khau-123", "clerk")
    assert _errors(info) == {("full_name", "unprintable")}
    with store.read() as s:
        assert s.scalar(select(Clerk.id).where(Clerk.username == "hoa")) is None


@pytest.fixture
def three_days(store: Store, clock: FixedClock) -> dict[str, int]:
    """Dossiers received on Fri 20/11 (3), Mon 23/11 (2) and Wed 25/11 (2): code -> id.

    The store is an upgraded one: the dossiers of 20/11 were received before desks had a
    counter number, and keep the codes the program made then (``0001``...); the later ones
    carry counter 1 (``1001``...)."""
    made = {}
    for day, count in ((20, 3), (23, 2), (25, 2)):
        clock.set(datetime(2026, 11, day, 9, 0))
        for _ in range(count):
            with store.write() as s:
                res = intake.receive(s, clock, CLERK, complete_request(s))
                code = res.code
                if day == 20:
                    code = code[:-4] + "0" + code[-3:]
                    s.get(Dossier, res.dossier_id).code = code
            made[code] = res.dossier_id
    return made


QUERIES = {  # what the clerk types -> the codes found, newest first (worked out by hand)
    "0002": ["000.00.12.H26-261120-0002"],
    "1002": ["000.00.12.H26-261125-1002", "000.00.12.H26-261123-1002"],
    "0003": ["000.00.12.H26-261120-0003"],
    "261120-0002": ["000.00.12.H26-261120-0002"],
    "261123-1002": ["000.00.12.H26-261123-1002"],
    "261123-0002": [],  # 23/11 has counter codes only
    "h26-261120-0001": ["000.00.12.H26-261120-0001"],
    "000.00.12.h26-261125-1001": ["000.00.12.H26-261125-1001"],
    "1004": [],
    "261124-1001": [],  # a holiday: no dossier that day
}


def test_the_end_of_a_code_finds_the_dossier(
    store: Store, clock: FixedClock, three_days: dict[str, int]
) -> None:
    with store.read() as s:
        lookups, limits = load_lookups(s), deadlines(s, clock)
        for query, codes in QUERIES.items():
            expected = [three_days[c] for c in codes]
            assert search_ids(s, query) == expected, query
            register = RegisterQuery(RegisterFilter(search=query), RegisterSort(), limits,
                                     lookups)
            assert register.id_window(s, None, 100)[0] == expected, query
