"""Intake, search, the life cycle and the store, on a real SQLite file."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import KnownError, TransitionError, ValidationError
from desk_app.services import intake, lifecycle
from desk_app.services.intake import Missing, Person
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, DossierEvent, OutboxEvent
from tests.helpers import complete_request

CLERK, LEADER = 3, 2


def test_receive_complete_dossier(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s, "1.004873")  # xác nhận tình trạng hôn nhân: 3 working days
        res = intake.receive(s, clock, CLERK, req)
    assert res.code == "000.00.12.H26-261123-1001"  # counter 1, first of the day
    assert res.status is Status.RECEIVED
    # Mon 23/11 09:00; Tue 24/11 is a holiday: Wed 25 (1), Thu 26 (2), Fri 27 (3)
    assert res.due_at == datetime(2026, 11, 27, 9, 0)
    with store.read() as s:
        d = s.get(Dossier, res.dossier_id)
        assert d.applicant_phone == "0912345678"
        assert d.search_folded.startswith("dang van duc | thon phu duc")
        assert [e.action for e in d.events] == ["intake"]
        assert d.events[0].clerk_id == CLERK
        assert d.fee_amount > 0 and len(d.components) == 5
        out = s.scalars(select(OutboxEvent).where(OutboxEvent.kind != "audit.recorded")).all()
        assert [o.kind for o in out] == ["dossier.intake"]
        assert out[0].payload["code"] == res.code
        assert out[0].payload["received_at"] == "2026-11-23T09:00:00+07:00"
        assert out[0].payload["due_at"] == "2026-11-27T09:00:00+07:00"


def test_same_day_procedure_cut_off(store: Store, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 25, 14, 59))
    with store.write() as s:
        early = intake.receive(s, clock, CLERK, complete_request(s, "2.000815"))
    clock.set(datetime(2026, 11, 25, 15, 1))
    with store.write() as s:
        late = intake.receive(s, clock, CLERK, complete_request(s, "2.000815"))
    assert early.due_at == datetime(2026, 11, 25, 17, 0)
    assert late.due_at == datetime(2026, 11, 26, 17, 0)
    assert late.code.endswith("-261125-1002")


def test_input_is_stored_nfc(store: Store, clock: FixedClock) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    with store.write() as s:
        res = intake.receive(s, clock, CLERK, complete_request(s, full_name=nfd))
    with store.read() as s:
        assert s.get(Dossier, res.dossier_id).applicant_name == "Nguyễn Thị Hằng"


def test_incomplete_dossier_is_not_received(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s, "1.000894")
        dropped = req.components.pop(0)
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    assert f"components.{dropped.position}" in info.value.fields()
    assert info.value.codes_for(f"components.{dropped.position}") == ["missing"]
    with store.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 0
        assert s.scalar(select(func.count(OutboxEvent.id))) == 0
        missing = intake.missing_components(s, req)
    assert missing and missing[0].name
    with store.write() as s:
        res = intake.request_supplement(
            s, clock, CLERK, req, missing, "Thiếu giấy tờ bắt buộc theo quy định"
        )
    assert res.status is Status.SUPPLEMENT_REQUESTED and res.due_at is None
    with store.read() as s:
        ev = s.get(Dossier, res.dossier_id).events[0]
        assert ev.data["missing"][0]["name"] == missing[0].name


def test_refusal_needs_a_reason(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s)
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.refuse(s, clock, CLERK, req, "  ")
    assert info.value.fields() == {"reason"}
    with store.write() as s:
        res = intake.refuse(s, clock, CLERK, req, "Không thuộc thẩm quyền giải quyết của xã")
    assert res.status is Status.REFUSED


def test_field_errors_have_codes(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(
            s, full_name="", id_number="12345", phone="12", email="a@", gender="X",
            birth_date=date(2030, 1, 1),
        )
        req.delivery = "post"
        req.applicant.address = ""
        req.representative = Person(full_name="Trần 3")
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    got = {(e.field, e.code) for e in info.value.errors}
    assert got >= {
        ("applicant.full_name", "required"),
        ("applicant.id_number", "bad_id_number"),
        ("applicant.phone", "bad_phone"),
        ("applicant.email", "bad_email"),
        ("applicant.gender", "bad_gender"),
        ("applicant.birth_date", "in_future"),
        ("delivery_address", "required"),
        ("representative.full_name", "bad_name"),
        ("representative.id_number", "required"),
    }


def test_same_uuid_twice_is_one_dossier(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s)
        first = intake.receive(s, clock, CLERK, req)
    with store.write() as s:
        again = intake.receive(s, clock, CLERK, req)
    assert again.duplicate and again.code == first.code
    with store.read() as s:
        assert s.scalar(select(func.count(Dossier.id))) == 1


def test_search_without_diacritics(store: Store, clock: FixedClock) -> None:
    people = [
        ("Đặng Văn Đức", "001090012345", "0912345678", "Thôn Phù Dực, xã Phù Đổng"),
        ("Nguyễn Thị Hằng", "001190054321", "0987654321", "Buôn Ea Kao, Đắk Lắk"),
        ("Đặng Thị Đào", "001195000111", "0911111111", "Xóm Đoài, xã Phù Đổng"),
    ]
    codes = {}
    with store.write() as s:
        for name, number, phone, addr in people:
            req = complete_request(s, full_name=name, id_number=number, phone=phone,
                                   address=addr, birth_date=None, gender="")
            codes[name] = intake.receive(s, clock, CLERK, req)
    with store.read() as s:
        def names(q: str) -> list[str]:
            return [s.get(Dossier, i).applicant_name for i in search_ids(s, q)]

        assert names("dang van duc") == ["Đặng Văn Đức"]
        assert names("DANG") == ["Đặng Thị Đào", "Đặng Văn Đức"]  # newest first
        assert names("nguyen hang") == ["Nguyễn Thị Hằng"]
        assert names("dang van d") == ["Đặng Văn Đức"]  # short last word: a prefix
        assert names("nguy") == ["Nguyễn Thị Hằng"]  # long non-word: widened to a prefix
        assert names("dan") == ["Đặng Thị Đào", "Đặng Văn Đức"]
        assert names("dak lak") == ["Nguyễn Thị Hằng"]
        assert names("đắk") == ["Nguyễn Thị Hằng"]
        assert names("xom doai") == ["Đặng Thị Đào"]
        assert names("001190054321") == ["Nguyễn Thị Hằng"]
        assert names("0987 654 321") == ["Nguyễn Thị Hằng"]
        assert names("+84987654321") == ["Nguyễn Thị Hằng"]
        assert names(codes["Đặng Văn Đức"].code) == ["Đặng Văn Đức"]
        assert names("tran") == []
        assert names("") == []


def test_life_cycle_to_returned(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        d = intake.receive(s, clock, CLERK, complete_request(s)).dossier_id
    steps = [
        (Status.IN_PROCESSING, ""),
        (Status.WAITING_SUPPLEMENT, "Cần bổ sung bản sao giấy chứng nhận kết hôn"),
        (Status.IN_PROCESSING, ""),
        (Status.RESULT_READY, ""),
    ]
    for target, reason in steps:
        clock.advance(hours=1)
        with store.write() as s:
            lifecycle.change_status(s, clock, CLERK, d, target, reason)
    with pytest.raises(TransitionError) as info, store.write() as s:
        lifecycle.change_status(s, clock, CLERK, d, Status.WITHDRAWN, "đổi ý")
    assert info.value.code == "transition_not_allowed"
    with store.write() as s:
        res = lifecycle.change_status(s, clock, CLERK, d, Status.RETURNED)
    assert res.return_timing == "early"  # same day as receipt, due days later
    with pytest.raises(TransitionError) as info, store.write() as s:
        lifecycle.change_status(s, clock, CLERK, d, Status.IN_PROCESSING)
    assert info.value.code == "transition_final"
    with store.read() as s:
        dossier = s.get(Dossier, d)
        assert dossier.status == "returned" and dossier.return_timing == "early"
        assert [e.to_status for e in dossier.events] == [
            "received", "in_processing", "waiting_supplement", "in_processing",
            "result_ready", "returned",
        ]
        kinds = s.scalars(select(OutboxEvent.kind).where(OutboxEvent.kind != "audit.recorded").order_by(OutboxEvent.id)).all()
        assert kinds == ["dossier.intake"] + ["dossier.status"] * 5


def test_reason_required_and_late_return(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        res = intake.receive(s, clock, CLERK, complete_request(s))
    with pytest.raises(ValidationError), store.write() as s:
        lifecycle.change_status(s, clock, LEADER, res.dossier_id, Status.STOPPED, "")
    with store.write() as s:
        lifecycle.change_status(s, clock, CLERK, res.dossier_id, Status.RESULT_READY)
    clock.set(res.due_at.replace(minute=res.due_at.minute + 1))  # type: ignore[union-attr]
    with store.write() as s:
        out = lifecycle.change_status(s, clock, CLERK, res.dossier_id, Status.RETURNED)
    assert out.return_timing == "late"


def test_extension_is_for_leaders(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        res = intake.receive(s, clock, CLERK, complete_request(s))
    later = datetime(2026, 12, 4, 9, 0)
    with pytest.raises(KnownError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, CLERK, res.dossier_id, later, "Cần xác minh")
    assert info.value.code == "forbidden"
    with pytest.raises(ValidationError), store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, res.dossier_id, datetime(2026, 11, 1), "x")
    with store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, res.dossier_id, later, "Cần xác minh thêm")
    with store.read() as s:
        d = s.get(Dossier, res.dossier_id)
        assert d.due_at == later and d.original_due_at == res.due_at
        assert d.events[-1].action == "extend"


def test_history_is_append_only(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        intake.receive(s, clock, CLERK, complete_request(s))
    for sql in ("UPDATE dossier_events SET reason = 'sửa'", "DELETE FROM dossier_events"):
        with pytest.raises(IntegrityError, match="append-only"), store.write() as s:
            s.execute(text(sql))
    with store.read() as s:
        assert s.scalar(select(func.count(DossierEvent.id))) == 1


def test_supplement_missing_list_required(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s)
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.request_supplement(s, clock, CLERK, req, [], "thiếu")
    assert info.value.fields() == {"missing"}
    with store.write() as s:
        intake.request_supplement(
            s, clock, CLERK, req, [Missing("Giấy chứng sinh", originals=1, reason="Chưa có")],
            "Thiếu giấy chứng sinh",
        )
