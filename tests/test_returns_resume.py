"""The return with who collected it, and resuming a dossier left waiting for a supplement
(form 02), on a real SQLite file through the services."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.errors import KnownError, ValidationError
from desk_app.printing import service
from desk_app.services import intake, lifecycle, resume
from desk_app.services.intake import Person
from desk_app.services.returns import Collector, return_result
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, OutboxEvent
from tests.helpers import complete_request, load_test_release
from tests.printing.conftest import contains, pdf_text

CLERK = 3


def _ready(store: Store, clock: FixedClock) -> int:
    with store.write() as s:
        res = intake.receive(s, clock, CLERK, complete_request(s))
        lifecycle.change_status(s, clock, CLERK, res.dossier_id, Status.RESULT_READY)
    return res.dossier_id


def test_the_collector_is_checked_and_recorded(store: Store, clock: FixedClock) -> None:
    dossier_id = _ready(store, clock)
    for bad, field, code in [
        (Collector("representative", "", "001085001234"), "collector.full_name", "required"),
        (Collector("representative", "Trần Văn Hùng", ""), "collector.id_number", "required"),
        (Collector("representative", "Trần Văn Hùng", "0010850012"), "collector.id_number",
         "bad_id_number"),
        (Collector("representative", "Trần Văn Hùng", "999085001234"), "collector.id_number",
         "bad_id_province"),  # 999 is no province
        (Collector("someone", "Trần Văn Hùng", "001085001234"), "collector.kind", "bad_choice"),
    ]:
        with pytest.raises(ValidationError) as info, store.write() as s:
            return_result(s, clock, CLERK, dossier_id, bad)
        assert info.value.codes_for(field) == [code]
    with store.read() as s:
        assert s.get(Dossier, dossier_id).status == "result_ready"  # nothing written
    with store.write() as s:
        res = return_result(s, clock, CLERK, dossier_id,
                            Collector("representative", " Trần  Văn Hùng ", "0010 8500 1234"))
    assert res.to_status is Status.RETURNED and res.return_timing == "early"
    want = {"kind": "representative", "full_name": "Trần Văn Hùng", "id_number": "001085001234"}
    with store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d.status == "returned" and d.events[-1].data["collector"] == want
        last = s.scalars(select(OutboxEvent).where(OutboxEvent.kind != "audit.recorded").order_by(OutboxEvent.id.desc())).first()
        assert last.kind == "dossier.status" and last.payload["to"] == "returned"
        assert last.payload["collector"] == want


def test_an_old_nine_digit_id_card_is_accepted(store: Store, clock: FixedClock) -> None:
    dossier_id = _ready(store, clock)
    with store.write() as s:
        return_result(s, clock, CLERK, dossier_id,
                      Collector("applicant", "Đặng Văn Đức", "013456789"))
    with store.read() as s:
        assert s.get(Dossier, dossier_id).events[-1].data["collector"]["id_number"] == "013456789"


# -- resuming a supplement request -------------------------------------------------------------

def supplement(store: Store, clock: FixedClock, code: str = "1.004873",
               rep: Person | None = None) -> tuple[int, str]:
    """A dossier left waiting for a supplement: only the first component handed in."""
    with store.write() as s:
        req = complete_request(s, code)
        req.components = req.components[:1]
        req.representative = rep
        req.note = "Hẹn quay lại trong tuần"
        missing = intake.missing_components(s, req)
        res = intake.request_supplement(s, clock, CLERK, req, missing, "Thiếu giấy tờ")
    return res.dossier_id, res.code


def test_resume_links_both_dossiers_once(store: Store, clock: FixedClock) -> None:
    rep = Person(full_name="Đặng Thị Mai", id_number="001190054321", relation="vợ")
    first_id, first_code = supplement(store, clock, rep=rep)
    clock.advance(days=2)
    with store.read() as s:
        data = resume.load_resume(s, first_id, clock.now().date())
        version_id = complete_request(s).procedure_version_id
    assert (data.code, data.version_id) == (first_code, version_id)
    assert data.applicant.full_name == "Đặng Văn Đức" and data.applicant.phone == "0912345678"
    assert data.representative is not None and data.representative.relation == "vợ"
    assert [c.originals for c in data.components] == [1, 0, 0, 0, 0]
    assert [m[:40] for m in data.missing] == ["Giấy tờ tùy thân của người yêu cầu (hộ c"]
    assert data.note == "Hẹn quay lại trong tuần"
    with store.write() as s:
        req = complete_request(s)
        req.resumes = first_id
        new = intake.receive(s, clock, CLERK, req)
    with store.read() as s:
        first, second = s.get(Dossier, first_id), s.get(Dossier, new.dossier_id)
        assert first.status == "supplement_requested"  # it stays what it was
        assert first.events[-1].action == "resumed"
        assert first.events[-1].data == {"resumed_by": {"code": new.code, "uuid": new.uuid}}
        assert second.events[0].data["resumed_from"] == {"code": first_code,
                                                         "uuid": first.uuid}
        out = s.scalars(select(OutboxEvent).where(OutboxEvent.kind != "audit.recorded").order_by(OutboxEvent.id)).all()
        assert [o.kind for o in out[-2:]] == ["dossier.intake", "dossier.resumed"]
        assert out[-2].payload["intake"]["resumed_from"]["code"] == first_code
        assert out[-1].entity_uuid == first.uuid
        assert out[-1].payload["resumed_by"] == {"code": new.code, "uuid": new.uuid}
    # the same save retried (a double click): the same dossier, no second link
    with store.write() as s:
        again = intake.receive(s, clock, CLERK, req)
    assert again.duplicate and again.dossier_id == new.dossier_id
    # a second resumption is refused, naming the dossier that took it up
    for attempt in ("load", "receive"):
        with pytest.raises(KnownError) as info, store.write() as s:
            if attempt == "load":
                resume.load_resume(s, first_id, clock.now().date())
            else:
                other = complete_request(s)
                other.resumes = first_id
                intake.receive(s, clock, CLERK, other)
        assert info.value.code == "already_resumed"
        assert info.value.params == {"dossier": first_code, "by": new.code}
    with store.read() as s:
        assert s.scalar(select(Dossier.id).order_by(Dossier.id.desc())) == new.dossier_id


def test_only_a_supplement_request_can_be_resumed(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        received = intake.receive(s, clock, CLERK, complete_request(s))
    with pytest.raises(KnownError) as info, store.read() as s:
        resume.load_resume(s, received.dossier_id, clock.now().date())
    assert info.value.code == "not_resumable"


def test_resume_after_the_procedure_changed(store: Store, clock: FixedClock) -> None:
    clock.set(datetime(2027, 2, 26, 9, 0))  # Fri 26/02/2027, under the 2026.07 catalogue
    first_id, _ = supplement(store, clock)
    load_test_release(store, clock)
    clock.set(datetime(2027, 3, 1, 9, 0))  # the 2027.03 release is in force from 01/03/2027
    with store.read() as s:
        data = resume.load_resume(s, first_id, clock.now().date())
    assert data.version_id is None
    assert data.procedure_title == "1.004873 · Cấp Giấy xác nhận tình trạng hôn nhân"


@pytest.mark.requires_poppler
def test_form06_names_the_collector_and_the_resumed_dossier(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    first_id, first_code = supplement(store, clock)
    clock.advance(hours=2)
    with store.write() as s:
        req = complete_request(s)
        req.resumes = first_id
        new = intake.receive(s, clock, CLERK, req)
        lifecycle.change_status(s, clock, CLERK, new.dossier_id, Status.RESULT_READY)
        return_result(s, clock, CLERK, new.dossier_id,
                      Collector("applicant", "Đặng Văn Đức", "001090012345"))
        pdf = service.render_form(s, new.dossier_id, "06", now=clock.now()).pdf
    text = pdf_text(pdf, tmp_path)
    for expected in (
        f"Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ (tiếp tục hồ sơ mã {first_code} "
        "(đã yêu cầu bổ sung))",
        "Chuyển trạng thái: Đã trả kết quả. Người nhận kết quả: Đặng Văn Đức (người nộp hồ "
        "sơ), số CCCD/CMND 001090012345",
    ):
        assert contains(text, expected), text
