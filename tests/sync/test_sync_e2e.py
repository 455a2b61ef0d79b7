"""End to end: real desks (data folders, services, the sync worker) against the real hub
process on PostgreSQL, through a fault-injecting proxy on loopback. After each scenario the hub
holds exactly what the desks hold: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.services.counter import set_counter
from desk_app.store.models import Commune, OutboxEvent
from desk_app.sync import state
from desk_app.sync.client import SyncClient
from desk_app.sync.enrolment import enrol_desk
from province_hub.models import Commune as HubCommune
from province_hub.models import Dossier as HubDossier
from province_hub.models import Event, EventProblem
from tests.sync.conftest import HubServer
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers_sync import activity, assert_hub_holds_desk, desk_id_of, sync_until_done
from tests.sync.servers import ROOT

pytestmark = pytest.mark.slow


def enrol(hub: HubServer, desk, clock: FixedClock, url: str) -> None:  # type: ignore[no-untyped-def]
    enrol_desk(desk.store, clock, url, hub.issue_code(desk.agency_code))


def test_faults_on_the_line_lose_nothing_and_store_nothing_twice(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    enrol(hub_server, desk, clock, proxy.url)
    activity(desk.store, clock, 24)
    with desk.store.read() as s:
        total = state.pending_count(s)
    proxy.add("/api/v1/push", "pass", "cut_request", "drop_answer", "status:503", "pass",
              "status:500", "stall:3", "drop_answer")
    proxy.add("/api/v1/pull", "drop_answer", "status:503")
    worker = sync_until_done(desk, clock, batch=8, timeout=1.5)
    assert proxy.pending_faults() == 0
    stored = assert_hub_holds_desk(hub_server.engine, desk.store)
    assert stored == total
    # a fault costs at most the one batch it hit: with 3 faults where the server committed
    # (two lost answers and a stall), at most 3 x 8 events came back as duplicates
    with desk.store.read() as s:
        attempts = s.scalar(select(func.sum(OutboxEvent.attempts)))
    assert total < attempts <= total + 6 * 8
    with hub_server.engine.connect() as c:
        assert c.scalar(select(func.count(EventProblem.id)).where(
            EventProblem.desk_id == desk_id_of(desk.store))) == 0
    assert worker.last_error is None


def _desk_proc(data_dir: Path, count: int, batch: int = 10) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "sync" / "desk_proc.py"), str(data_dir),
         str(count), "--batch", str(batch), "--timeout", "20"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)


def _wait_for(cond, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.requires_posix
def test_desk_killed_mid_batch_then_restarted(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    enrol(hub_server, desk, clock, proxy.url)
    activity(desk.store, clock, 10)
    # the third push is held by the proxy after the server committed it: the desk is killed
    # while it waits for that answer
    proxy.add("/api/v1/push", "pass", "pass", "stall:30")
    proc = _desk_proc(desk.data_dir, 15)
    try:
        _wait_for(lambda: proxy.count("/api/v1/push") >= 3)
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        out, _ = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL and "DONE" not in out
    with desk.store.read() as s:
        assert state.pending_count(s) > 0  # the killed batch was never marked sent
    restarted = _desk_proc(desk.data_dir, 0)
    out, _ = restarted.communicate(timeout=60)
    assert "DONE" in out
    assert_hub_holds_desk(hub_server.engine, desk.store)
    with desk.store.read() as s:  # the batch cut by the kill went out again (as duplicates)
        resent = s.scalar(select(func.count(OutboxEvent.id)).where(OutboxEvent.attempts >= 2))
    assert 1 <= resent <= 10


def test_two_desks_sync_at_once(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    a, b = make_desk(), make_desk()
    # b is a second counter PC of a's commune: same agency, its own desk, data and counter
    with b.store.write() as s:
        s.get(Commune, 1).agency_code = a.agency_code
        set_counter(s, 2)
    b.agency_code = a.agency_code
    c = make_desk()
    for d in (a, b, c):
        enrol(hub_server, d, clock, proxy.url)
    proxy.add("/api/v1/push", "drop_answer", "status:503", "cut_request")
    procs = [_desk_proc(d.data_dir, 12, batch=5) for d in (a, b, c)]
    for pr in procs:
        out, _ = pr.communicate(timeout=90)
        assert "DONE" in out
    for d in (a, b, c):
        assert_hub_holds_desk(hub_server.engine, d.store)
    assert len({desk_id_of(d.store) for d in (a, b, c)}) == 3
    with hub_server.engine.connect() as conn:  # the commune's two counters: no code twice
        codes = conn.scalars(select(HubDossier.code).join(HubCommune).where(
            HubCommune.agency_code == a.agency_code)).all()
    assert len(codes) == 24 and len(set(codes)) == 24


def test_a_desk_cannot_write_or_read_another_communes_data(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    a, b = make_desk(), make_desk()
    for d in (a, b):
        enrol(hub_server, d, clock, hub_server.url)
    activity(b.store, clock, 2)
    sync_until_done(b, clock, batch=50)
    with b.store.read() as s:
        b_intake = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.intake"))
        b_dossier = b_intake.entity_uuid
    # desk a forges: a dossier (and its citizen's rating) in b's name, and a status change of
    # b's dossier
    activity(a.store, clock, 1)
    with a.store.write() as s:
        s.get(Commune, 1).agency_code = b.agency_code
    activity(a.store, clock, 1)
    with a.store.write() as s:
        s.get(Commune, 1).agency_code = a.agency_code
        forged = OutboxEvent(uuid="f0f0f0f0-0000-4000-8000-000000000001", entity="dossier",
                             entity_uuid=b_dossier, kind="dossier.status",
                             payload={"uuid": b_dossier, "to": "withdrawn", "from": "received"},
                             created_at=clock.now())
        s.add(forged)
    sync_until_done(a, clock, batch=50)
    with a.store.read() as s:
        held = {h.state for h in s.scalars(select(state.SyncHeldEvent))}
    assert held == {"rejected"}
    # the forged intake, its rating and the status change of b's dossier name b's commune; the
    # forged dossier's own status changes follow an intake the hub refused: they claim nothing;
    # the four audit records written meanwhile (intake, three status changes) name b's commune
    assert_hub_holds_desk(hub_server.engine, a.store, held=10)
    assert_hub_holds_desk(hub_server.engine, b.store)
    with hub_server.engine.connect() as conn:
        assert conn.scalar(select(func.count(Event.id)).where(
            Event.entity_uuid == b_dossier, Event.desk_id == desk_id_of(a.store))) == 0
    # reading: b's dossier is invisible to a, visible to b
    with a.store.read() as s:
        a_cred = state.active_enrolment(s).credential
    with b.store.read() as s:
        b_cred = state.active_enrolment(s).credential
    with SyncClient(hub_server.url, a_cred) as ca, SyncClient(hub_server.url, b_cred) as cb:
        assert cb.dossier(b_dossier)["uuid"] == b_dossier
        with pytest.raises(Exception) as info:
            ca.dossier(b_dossier)
        assert getattr(info.value, "code", "") == "not_found"
    r = httpx.get(hub_server.url + "/api/v1/admin/summary",
                  headers={"Authorization": f"Bearer {a_cred}"})
    assert (r.status_code, r.json()["error"]) == (403, "admin_only")
    # the province sees the attempt
    r = httpx.get(hub_server.url + "/api/v1/admin/problems", params={"limit": 1000},
                  headers={"Authorization": f"Bearer {hub_server.admin}"})
    mine = [x for x in r.json()["events"] if x["desk_id"] == desk_id_of(a.store)]
    # (the forged dossier's three and the four audit records written under b's code)
    assert sorted(x["reason"] for x in mine) == ["foreign_commune"] * 7 + ["unknown_entity"] * 3


def test_hub_schema_on_postgresql_matches_the_models(hub_server: HubServer) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from province_hub.models import Base

    with hub_server.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_command_lines_of_the_desk_and_the_hub(
    hub_server: HubServer, make_desk, clock: FixedClock, tmp_path: Path
) -> None:
    """What docs/sync-protocol.md tells a province and a technician to type."""
    db = f"sqlite:///{tmp_path / 'trial.sqlite3'}"
    hub = [sys.executable, "-m", "province_hub", "--db", db]
    assert "up to date" in subprocess.run([*hub, "migrate"], cwd=ROOT, capture_output=True,
                                          text=True, check=True).stdout
    token = subprocess.run([*hub, "admin-token", "Văn phòng"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    assert token.startswith("adm.")
    desk = make_desk()
    activity(desk.store, clock, 2)
    code = hub_server.issue_code(desk.agency_code)
    cli = [sys.executable, "-m", "desk_app.sync", "--data-dir", str(desk.data_dir)]
    out = subprocess.run([*cli, "enrol", hub_server.url, code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and f"for {desk.agency_code}" in out.stdout, out.stderr
    out = subprocess.run([*cli, "sync", "--until-done"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and '"pending": 0' in out.stdout, out.stderr
    assert_hub_holds_desk(hub_server.engine, desk.store)


def test_pull_through_faults_applies_each_item_once(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    from desk_app.store.models import CalendarOverride, Dossier, DossierEvent

    desk = make_desk()
    enrol(hub_server, desk, clock, proxy.url)
    activity(desk.store, clock, 3)
    sync_until_done(desk, clock, batch=50)
    with desk.store.read() as s:
        uuid = s.scalar(select(Dossier.uuid).where(Dossier.status == "received"))
    r = hub_server.post("/api/v1/admin/calendar", json={
        "day": "2027-02-20", "kind": "off", "note": "Nghỉ bù", "agency_code": desk.agency_code})
    assert r.status_code == 200
    r = hub_server.post(f"/api/v1/admin/dossiers/{uuid}/status", json={
        "to": "in_processing", "reason": "Tỉnh tiếp nhận xử lý", "by": "Sở Tư pháp"})
    assert r.status_code == 200
    last = r.json()["cursor"]
    proxy.add("/api/v1/pull", "drop_answer", "cut_request", "status:503", "stall:3")
    sync_until_done(desk, clock, batch=50, timeout=1.5)
    assert proxy.pending_faults() == 0
    with desk.store.read() as s:
        assert state.checkpoint(s) >= last
        assert [o.note for o in s.scalars(select(CalendarOverride))] == ["Nghỉ bù"]
        d = s.scalar(select(Dossier).where(Dossier.uuid == uuid))
        ups = s.scalars(select(DossierEvent).where(DossierEvent.dossier_id == d.id,
                                                   DossierEvent.action == "upstream")).all()
    assert d.status == "in_processing" and len(ups) == 1
    assert_hub_holds_desk(hub_server.engine, desk.store)
