"""Issue 10: a province status change the desk's life cycle refuses stays in the dossier's
history and is reported back with a ``dossier.province_rejected`` outbox event (the contract of
the issue-10 helpers), pulled from and pushed to the real hub."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.store.models import Dossier, OutboxEvent
from desk_app.store.models_sync import SyncHeldEvent
from desk_app.sync import state
from desk_app.sync.apply import apply_item
from desk_app.sync.cycle import run_cycle
from tests.gui.conftest import open_window
from tests.helpers import complete_request
from tests.sync.test_sync_protocol import client_of, enrolled
from tests.sync.test_sync_pull import admin_post

CLERK = 3


def _status_items(hub, desk) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """The province's status changes waiting for this desk, as the pull answers them."""
    pulled = client_of(hub, desk).pull(0)
    return {i.data["uuid"]: i.data for i in pulled.items if i.kind == "dossier.status"}


def test_a_province_change_the_desk_refuses_is_reported_back(
    hub, make_desk, clock: FixedClock
) -> None:
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        d1 = receive(s, clock, CLERK, complete_request(s))
        d2 = receive(s, clock, CLERK, complete_request(s))
    run_cycle(desk.store, clock, client_of(hub, desk))
    # the province moves both (allowed from "received", which is all the hub knows) ...
    admin_post(hub, f"/api/v1/admin/dossiers/{d1.uuid}/status",
               {"to": "in_processing", "reason": "Chuyển Sở Tư pháp", "by": "Sở Tư pháp"})
    admin_post(hub, f"/api/v1/admin/dossiers/{d2.uuid}/status",
               {"to": "waiting_supplement", "reason": "Thiếu bản sao", "by": "Sở Tư pháp"})
    items = _status_items(hub, desk)
    # ... while the desk, offline, had moved them on: d1 withdrawn (final), d2 has its result
    clock.advance(minutes=30)
    with desk.store.write() as s:
        change_status(s, clock, CLERK, d1.dossier_id, Status.WITHDRAWN, "Công dân rút hồ sơ")
        change_status(s, clock, CLERK, d2.dossier_id, Status.IN_PROCESSING)
        change_status(s, clock, CLERK, d2.dossier_id, Status.RESULT_READY)
    clock.advance(minutes=1)
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        reports = {e.entity_uuid: e for e in s.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "dossier.province_rejected"))}
        statuses = {d.uuid: d.status for d in s.scalars(select(Dossier))}
    assert statuses == {d1.uuid: "withdrawn", d2.uuid: "result_ready"}  # the desk kept its own
    assert set(reports) == {d1.uuid, d2.uuid}
    at = "2026-11-23T09:31:00+07:00"  # the desk's clock when it pulled
    assert (reports[d1.uuid].entity, reports[d1.uuid].payload) == ("dossier", {
        "uuid": d1.uuid, "code": d1.code, "province_event": items[d1.uuid]["event_uuid"],
        "to": "in_processing", "current": "withdrawn", "reason": "transition_final", "at": at})
    assert reports[d2.uuid].payload == {
        "uuid": d2.uuid, "code": d2.code, "province_event": items[d2.uuid]["event_uuid"],
        "to": "waiting_supplement", "current": "result_ready",
        "reason": "transition_not_allowed", "at": at}
    assert items[d1.uuid]["event_uuid"] and items[d1.uuid]["event_uuid"] != items[d2.uuid][
        "event_uuid"]
    # the province gets the reports with the next push (stored, not refused)
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        assert list(s.scalars(select(SyncHeldEvent))) == []
    with desk.store.read() as s:
        assert all(s.get(OutboxEvent, e.id).sent_at is not None for e in reports.values())
        assert state.pending_count(s) == 0
    # the same province change coming down again is not reported twice
    with desk.store.write() as s:
        again = client_of(hub, desk).pull(0)
        for item in again.items:
            apply_item(s, item, clock.now())
    with desk.store.read() as s:
        assert len(list(s.scalars(select(OutboxEvent.id).where(
            OutboxEvent.kind == "dossier.province_rejected")))) == 2


def test_the_dossier_page_shows_the_province_change_as_not_applied(
    qtbot, hub, make_desk, clock: FixedClock
) -> None:
    """Where a clerk looks: the dossier's history in the real window says the province's move
    was not applied (the dossier stays withdrawn) and that the province was told."""
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        d = receive(s, clock, CLERK, complete_request(s))
    run_cycle(desk.store, clock, client_of(hub, desk))
    admin_post(hub, f"/api/v1/admin/dossiers/{d.uuid}/status",
               {"to": "in_processing", "reason": "Chuyển Sở Tư pháp", "by": "Sở Tư pháp"})
    clock.advance(minutes=30)
    with desk.store.write() as s:
        change_status(s, clock, CLERK, d.dossier_id, Status.WITHDRAWN, "Công dân rút hồ sơ")
    clock.advance(minutes=1)
    run_cycle(desk.store, clock, client_of(hub, desk))
    window = open_window(qtbot, desk.store, clock, desk.data_dir)
    assert window.open_dossier(d.dossier_id)
    table = window.dossier.history
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert rows[-1] == ["09:31 23/11/2026", "Sở Tư pháp",
                        "Tỉnh chuyển trạng thái: không áp dụng (đã báo lại tỉnh)",
                        "vẫn «Rút hồ sơ», không chuyển sang «Đang giải quyết»",
                        "Chuyển Sở Tư pháp"]
