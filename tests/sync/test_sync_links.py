"""Who collected a result, and the link between a form 02 dossier and the one that resumed it,
reach the province and stay in its copy of each dossier."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.core.lifecycle import Status
from desk_app.services import intake, lifecycle
from desk_app.services.returns import Collector, return_result
from desk_app.store.models import Dossier
from desk_app.sync import state
from desk_app.sync.cycle import run_cycle
from province_hub.models import Dossier as HubDossier
from tests.helpers import complete_request
from tests.sync.helpers_sync import assert_hub_holds_desk
from tests.sync.test_sync_protocol import client_of, enrolled

WHO = {"kind": "representative", "full_name": "Trần Văn Hùng", "id_number": "001085001234"}


def test_the_hub_keeps_the_collector_and_the_resume_link(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:  # a dossier returned to someone collecting for the applicant
        returned = intake.receive(s, clock, 3, complete_request(s))
        lifecycle.change_status(s, clock, 3, returned.dossier_id, Status.RESULT_READY)
        return_result(s, clock, 3, returned.dossier_id, Collector(**WHO))
    with desk.store.write() as s:  # and one left waiting for a supplement (form 02)
        req = complete_request(s)
        req.components = req.components[:1]
        first = intake.request_supplement(s, clock, 3, req, intake.missing_components(s, req),
                                          "Thiếu giấy tờ tùy thân")
    run_cycle(desk.store, clock, client_of(hub, desk))
    clock.advance(days=1)
    with desk.store.write() as s:  # the citizen comes back: the new dossier resumes the first
        req = complete_request(s)
        req.resumes = first.dossier_id
        second = intake.receive(s, clock, 3, req)
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    with desk.store.read() as s:
        uuids = {d.id: d.uuid for d in s.scalars(select(Dossier))}
    with hub.engine.connect() as c:
        snap = dict(c.execute(select(HubDossier.uuid, HubDossier.snapshot)).all())
    assert snap[uuids[returned.dossier_id]]["returned_to"] == WHO
    assert snap[uuids[first.dossier_id]]["resumed_by"] == {"code": second.code,
                                                          "uuid": second.uuid}
    assert snap[uuids[second.dossier_id]]["intake"]["resumed_from"] == {
        "code": first.code, "uuid": first.uuid}
    with desk.store.read() as s:  # the desk reads the province's copy back
        credential = state.active_enrolment(s).credential
    r = hub.client.get(f"/api/v1/dossiers/{uuids[returned.dossier_id]}",
                       headers={"Authorization": f"Bearer {credential}"})
    assert r.status_code == 200 and r.json()["snapshot"]["returned_to"] == WHO
