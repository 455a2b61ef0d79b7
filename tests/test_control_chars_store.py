"""Every text the desk stores and sends refuses control characters at its field, on a real
store: nothing is written, the outbox never holds one, and typed line breaks become a space
(issue 10: one NUL typed at the counter stopped the commune's sync for good)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import ValidationError
from desk_app.services import clerk_admin, intake, lifecycle
from desk_app.services.desk_settings import set_setting
from desk_app.services.intake import Missing, Person
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.services.returns import Collector, return_result
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier, OutboxEvent, Setting
from tests.helpers import complete_request

ADMIN, LEADER, CLERK = 1, 2, 3
NUL = "\x00"


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.value.errors}


def _outbox(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count(OutboxEvent.id))) or 0)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in [k, *_texts(v)]]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_every_intake_field_refuses_a_nul_and_nothing_is_written(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        req = complete_request(s, full_name=f"Lê Thị{NUL}Hoa", address=f"Thôn 3{NUL}",
                               email=f"hoa@{NUL}example.vn", phone=f"0912 345{NUL}678")
        req.representative = Person(full_name=f"Lê Văn{NUL}Tám", id_number="001085001234",
                                    relation=f"con{NUL}", phone="0386123456")
        req.delivery, req.delivery_address = "post", f"Số 5{NUL}ngõ 3"
        req.note = f"Gọi trước{NUL}"
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    assert _errors(info) == {
        ("applicant.full_name", "control_chars"), ("applicant.address", "control_chars"),
        ("applicant.email", "control_chars"), ("applicant.phone", "control_chars"),
        ("representative.full_name", "control_chars"),
        ("representative.relation", "control_chars"), ("delivery_address", "control_chars"),
        ("note", "control_chars")}
    assert {e.params["codes"] for e in info.value.errors} == {"U+0000"}
    assert _outbox(store) == 0


@pytest.mark.parametrize("bad", ["\x1b", "\x7f", "\x85", "\x1c", "\ufffe", "\u200b", "\u202e",
                                 "\ufeff", "\u00ad"])
def test_other_control_characters_and_non_characters_are_refused_too(
    store: Store, clock: FixedClock, bad: str
) -> None:
    with store.write() as s:
        req = complete_request(s)
        req.note = f"Ghi{bad}chú"
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    assert _errors(info) == {("note", "control_chars")}


def test_reasons_of_forms_02_03_04_05_refuse_a_nul(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s)
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.refuse(s, clock, CLERK, req, f"Không thuộc thẩm quyền{NUL}")  # form 03
    assert _errors(info) == {("reason", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.request_supplement(  # form 02: the reason and each missing line
            s, clock, CLERK, req, [Missing(f"Tờ khai{NUL}", 1), Missing("Giấy CN", 1,
                                                                      reason=f"mờ{NUL}")],
            f"Thiếu{NUL}giấy tờ")
    assert _errors(info) == {("reason", "control_chars"), ("missing.0.name", "control_chars"),
                             ("missing.1.reason", "control_chars")}
    with store.write() as s:
        done = intake.receive(s, clock, CLERK, complete_request(s))
        lifecycle.change_status(s, clock, CLERK, done.dossier_id, Status.IN_PROCESSING)
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.change_status(s, clock, LEADER, done.dossier_id, Status.STOPPED,
                                f"Công dân đề nghị dừng{NUL}")  # form 05
    assert _errors(info) == {("reason", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.change_status(s, clock, CLERK, done.dossier_id, Status.WITHDRAWN,
                                f"Công dân rút{NUL}")
    assert _errors(info) == {("reason", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        lifecycle.extend_due(s, clock, LEADER, done.dossier_id, datetime(2026, 12, 4, 9, 0),
                             f"Chờ xác minh{NUL}")  # form 04
    assert _errors(info) == {("reason", "control_chars")}
    with store.read() as s:
        assert s.get(Dossier, done.dossier_id).status == "in_processing"


def test_the_collector_a_clerks_name_a_rating_comment_and_a_setting_refuse_it(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        done = intake.receive(s, clock, CLERK, complete_request(s))
        lifecycle.change_status(s, clock, CLERK, done.dossier_id, Status.RESULT_READY)
    with pytest.raises(ValidationError) as info, store.write() as s:
        return_result(s, clock, CLERK, done.dossier_id,
                      Collector("representative", f"Trần Văn{NUL}Hùng", "001085001234"))
    assert _errors(info) == {("collector.full_name", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        clerk_admin.add_clerk(s, clock, ADMIN, "hoa", f"Phạm Thị{NUL}Hoa", "mat-khau-123",
                              "clerk")
    assert _errors(info) == {("full_name", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        record_rating(s, clock, CLERK, RatingInput(done.dossier_id, "intake", "satisfied",
                                                   comment=f"Tận tình{NUL}"))
    assert _errors(info) == {("comment", "control_chars")}
    with pytest.raises(ValidationError) as info, store.write() as s:
        set_setting(s, "rating", {"id": "x", "comment_options": [f"Nhanh{NUL}"]})
    assert _errors(info) == {("rating", "control_chars")}
    with store.read() as s:
        assert s.get(Dossier, done.dossier_id).status == "result_ready"
        assert s.scalar(select(Clerk.id).where(Clerk.username == "hoa")) is None
        assert s.get(Setting, "rating") is None


def test_line_breaks_and_tabs_become_one_space_and_nothing_sent_holds_a_control(
    store: Store, clock: FixedClock
) -> None:
    """The decision for Tab and new line: every field prints as one line on the forms, so a
    line break typed in a reason (a multi-line box) or pasted from a spreadsheet is one space,
    in the store, on paper and at the province."""
    with store.write() as s:
        req = complete_request(s, address="Thôn 3,\r\nxã Phù Đổng")
        req.note = "Gọi\ttrước\n9 giờ"
        res = intake.request_supplement(s, clock, CLERK, req,
                                        [Missing("Tờ khai", 1, reason="Thiếu\nchữ ký")],
                                        "Thiếu giấy tờ:\n- tờ khai")
    with store.read() as s:
        d = s.get(Dossier, res.dossier_id)
        assert (d.applicant_address, d.note, d.outcome_reason) == (
            "Thôn 3, xã Phù Đổng", "Gọi trước 9 giờ", "Thiếu giấy tờ: - tờ khai")
        payloads = list(s.scalars(select(OutboxEvent.payload)))
    texts = [t for p in payloads for t in _texts(p)]
    assert "Thiếu chữ ký" in texts
    assert not [t for t in texts if any(ch in t for ch in "\x00\t\n\r")]


def test_a_zero_width_space_pasted_into_a_name_is_refused(store: Store, clock: FixedClock) -> None:
    """Pasted from a chat: "Trần\u200bVăn Bình" printed as "TrầnVăn Bình" and search for
    "tran van binh" could not find it."""
    with store.write() as s:
        req = complete_request(s, full_name="Trần\u200bVăn Bình\u202e")
    with pytest.raises(ValidationError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, req)
    assert _errors(info) == {("applicant.full_name", "control_chars")}
    assert {e.params["codes"] for e in info.value.errors} == {"U+200B, U+202E"}
    assert _outbox(store) == 0
