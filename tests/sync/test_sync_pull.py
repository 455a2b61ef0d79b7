"""What the province sends down: catalogue releases, calendar overrides, upstream status
changes; applied with the checkpoint in one transaction, never past data not stored."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from desk_app.store.models import CalendarOverride, CatalogueRelease, Dossier, DossierEvent
from desk_app.sync import apply as apply_mod
from desk_app.sync import state
from desk_app.sync.cycle import run_cycle
from tests.helpers import TEST_RELEASE
from tests.sync.helpers_sync import activity, assert_hub_holds_desk
from tests.sync.test_sync_protocol import client_of, enrolled


def admin_post(hub, path: str, body: dict) -> dict:  # type: ignore[no-untyped-def]
    r = hub.client.post(path, json=body, headers={"Authorization": f"Bearer {hub.admin}"})
    assert r.status_code == 200, r.text
    return r.json()


def new_release() -> dict:
    data = json.loads(TEST_RELEASE.read_text(encoding="utf-8"))
    data["catalogue_version"] = "2027.09.1"
    data["effective_from"] = "2027-09-01"
    data["procedures"][0]["name"] += " (bản 09/2027)"
    return data


def test_desks_pull_what_the_province_publishes_for_them(hub, make_desk, clock) -> None:
    a, b = enrolled(hub, make_desk, clock), enrolled(hub, make_desk, clock)
    activity(a.store, clock, 2)
    run_cycle(a.store, clock, client_of(hub, a))
    with a.store.read() as s:
        uuid = s.scalars(select(Dossier.uuid).where(Dossier.status == "received")).first()
    admin_post(hub, "/api/v1/admin/catalogue", new_release())
    admin_post(hub, "/api/v1/admin/calendar",
               {"day": "2027-01-02", "kind": "off", "note": "Nghỉ bù Tết Dương lịch"})
    admin_post(hub, "/api/v1/admin/calendar",
               {"day": "2027-01-09", "kind": "work", "note": "Làm bù", "agency_code": b.agency_code})
    admin_post(hub, f"/api/v1/admin/dossiers/{uuid}/status",
               {"to": "in_processing", "reason": "Chuyển phòng chuyên môn tỉnh", "by": "Sở Tư pháp"})
    report = run_cycle(a.store, clock, client_of(hub, a))
    assert report.pulled == 3
    with a.store.read() as s:
        assert s.scalar(select(CatalogueRelease).where(CatalogueRelease.version == "2027.09.1"))
        days = {o.day: o.kind for o in s.scalars(select(CalendarOverride))}
        assert days == {date(2027, 1, 2): "off"}  # b's make-up day is not a's
        d = s.scalar(select(Dossier).where(Dossier.uuid == uuid))
        assert d.status == "in_processing"
        ev = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id)
                       .order_by(DossierEvent.id.desc())).first()
        assert ev.action == "upstream" and ev.data["by"] == "Sở Tư pháp"
        assert state.checkpoint(s) > 0
    assert_hub_holds_desk(hub.engine, a.store)  # the hub's copy agrees with the desk
    assert run_cycle(b.store, clock, client_of(hub, b)).pulled == 3  # no status of a's
    with b.store.read() as s:
        assert {o.day for o in s.scalars(select(CalendarOverride))} == {
            date(2027, 1, 2), date(2027, 1, 9)}


def test_checkpoint_never_runs_ahead_of_the_data(hub, make_desk, clock, monkeypatch) -> None:
    desk = enrolled(hub, make_desk, clock)
    admin_post(hub, "/api/v1/admin/calendar", {"day": "2027-01-02", "kind": "off"})
    admin_post(hub, "/api/v1/admin/calendar", {"day": "2027-01-03", "kind": "off"})
    real = apply_mod.apply_item
    calls = []

    def failing(session, item, now):  # type: ignore[no-untyped-def]
        calls.append(item.cursor)
        if len(calls) == 2:
            raise OSError("disk full while applying")
        return real(session, item, now)

    monkeypatch.setattr("desk_app.sync.cycle.apply_item", failing)
    with pytest.raises(OSError):
        run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        assert state.checkpoint(s) == 0
        assert s.scalar(select(CalendarOverride)) is None  # the first item rolled back too
    monkeypatch.setattr("desk_app.sync.cycle.apply_item", real)
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        assert len(list(s.scalars(select(CalendarOverride)))) == 2
        assert state.checkpoint(s) == max(calls)


def test_the_province_override_wins_over_the_local_admin_on_the_same_day(
        hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        s.add(CalendarOverride(day=date(2027, 1, 2), kind="work", note="UBND xã quyết định",
                               created_by=1, created_at=clock.now()))
    admin_post(hub, "/api/v1/admin/calendar", {"day": "2027-01-02", "kind": "off"})
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        row = s.scalar(select(CalendarOverride))
        assert (row.kind, row.created_by) == ("off", None)
        assert "UBND xã quyết định" in row.note  # the commune's word is kept in the note
