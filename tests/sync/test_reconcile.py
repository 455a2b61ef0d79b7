"""Desks and the province agree on what was delivered (issue 13), against the real hub process
on PostgreSQL:

* the hub lost events it had acknowledged (rows deleted, as a database restored from an older
  backup or commits lost in a crash would leave it): at the next sync the desk finds them by
  per-range digests and sends them again; the hub takes them into its gaps and folds the
  dossiers right;
* the desk restored from an older backup: 200 dossiers, a backup, 50 more synced, the backup
  restored: the desk pulls back the 50 from the province, nothing is sent twice, no code is
  issued twice, and the next dossier takes the next number."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services import audit, backups
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier, OutboxEvent
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_rating import Rating
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from province_hub.models import Dossier as HubDossier
from province_hub.models import Event
from tests.helpers import complete_request
from tests.sync.conftest import HubServer
from tests.sync.helpers_sync import activity, assert_hub_holds_desk, desk_id_of, sync_until_done

pytestmark = pytest.mark.slow
PASS = "mùa lúa chín 2026"


def test_events_the_hub_lost_are_sent_again_and_folded_right(
        hub_server: HubServer, make_desk, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    activity(desk.store, clock, 40)
    sync_until_done(desk, clock)
    total = assert_hub_holds_desk(hub_server.engine, desk.store)
    desk_id = desk_id_of(desk.store)
    with desk.store.read() as s:
        intakes = list(s.scalars(select(OutboxEvent.id).where(
            OutboxEvent.kind == "dossier.intake").order_by(OutboxEvent.id)))
        statuses = list(s.scalars(select(OutboxEvent.id).where(
            OutboxEvent.kind == "dossier.status").order_by(OutboxEvent.id)))
    # the middle of the history lost (an intake, two status changes), and the tail (the
    # database restored to an older state): 10 events and their dossiers' rows
    lost = {intakes[5], statuses[3], statuses[4], *range(total - 6, total + 1)}
    with hub_server.engine.begin() as c:
        gone = c.execute(delete(Event).where(Event.desk_id == desk_id, Event.seq.in_(lost))
                         .returning(Event.entity_uuid)).scalars().all()
        c.execute(delete(HubDossier).where(HubDossier.uuid.in_(list(gone))))
    assert len(gone) == len(lost) == 10
    worker = sync_until_done(desk, clock)
    assert worker.last_report is not None and worker.last_report.resent == 10
    assert assert_hub_holds_desk(hub_server.engine, desk.store) == total  # each once, same
    with hub_server.engine.connect() as c:
        assert c.scalar(select(func.count(Event.id)).where(Event.desk_id == desk_id)) == total
    sync_until_done(desk, clock)  # nothing more: the digests agree now
    with desk.store.read() as s:
        assert int(s.scalar(select(func.sum(OutboxEvent.attempts))) or 0) == total + 10


def _receive_more(store: Store, clock: FixedClock, n: int) -> list[str]:
    codes = []
    with store.write() as s:
        clerk = s.scalar(select(Clerk.id).where(Clerk.username == "binh"))
        for _ in range(n):
            codes.append(receive(s, clock, clerk, complete_request(s)).code)  # type: ignore[arg-type]
    return codes


def _enrolled_with_backups(hub_server: HubServer, make_desk, clock: FixedClock,  # type: ignore[no-untyped-def]
                           tmp_path: Path):
    """A desk enrolled with the hub whose admin has set backups up; (desk, admin's id)."""
    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    with desk.store.write() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        assert admin is not None
        backups.save_backup_settings(s, clock, admin, str(tmp_path / "usb"), 5, PASS, PASS)
    return desk, admin


def _codes(store: Store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(Dossier.code).order_by(Dossier.code)))


def test_a_restored_desk_takes_back_what_it_had_sent_and_never_reissues_a_code(
        hub_server: HubServer, make_desk, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk, admin = _enrolled_with_backups(hub_server, make_desk, clock, tmp_path)
    activity(desk.store, clock, 200)
    sync_until_done(desk, clock)
    made = backups.run_backup(desk.store, clock, "manual")
    clock.set(datetime(2026, 11, 23, 14, 0))
    activity(desk.store, clock, 50)  # statuses, returns and ratings after the backup too
    sync_until_done(desk, clock)
    before = {d: st for d, st in _states(desk.store).items()}
    codes_before = _codes(desk.store)
    assert len(codes_before) == 250
    # the PC's disk dies; the backup is restored (staged, confirmed, finished at the start)
    summary = backups.stage_restore(desk.store, admin, made.path, PASS)
    assert summary.dossiers == 200
    backups.confirm_restore(desk.store, admin, made.path, summary, clock.now())
    desk.store.dispose()
    assert backups.complete_pending_restore(desk.data_dir, clock.now())
    desk.store = Store(database_path(desk.data_dir))
    assert len(_codes(desk.store)) == 200
    worker = sync_until_done(desk, clock)
    assert worker.last_report is not None and worker.last_report.pulled_back > 50
    assert worker.last_report.not_rebuilt == []
    assert _codes(desk.store) == codes_before  # the 50 are back, under their own codes
    assert _states(desk.store) == before  # with their statuses, returns and due dates
    assert_hub_holds_desk(hub_server.engine, desk.store)  # nothing twice, nothing missing
    with desk.store.read() as s:
        assert s.scalar(select(func.count(Rating.id))) == len(
            [i for i in range(200) if i % 4 == 0]) + len([i for i in range(50) if i % 4 == 0])
        assert state.pending_count(s) == 0
        assert backups.restored_since(s) is None  # reconciled
        assert audit.verify(s) == []  # the who-did-what chain taken back whole, unbroken
    # the next dossier takes the next number of the day, not one the lost store gave
    last_today = max(c for c in codes_before if "-261123-" in c)
    (new_code,) = _receive_more(desk.store, clock, 1)
    assert new_code not in codes_before
    assert int(new_code.rsplit("-", 1)[1]) == int(last_today.rsplit("-", 1)[1]) + 1
    sync_until_done(desk, clock)
    assert_hub_holds_desk(hub_server.engine, desk.store)
    with hub_server.engine.connect() as c:
        hub_codes = list(c.scalars(select(HubDossier.code).where(
            HubDossier.code.like(f"{desk.agency_code}-%"))))
    assert len(hub_codes) == len(set(hub_codes)) == 251


def _states(store: Store) -> dict[str, tuple[str, object, object, str]]:
    with store.read() as s:
        return {d.uuid: (d.status, d.due_at, d.returned_at, d.return_timing)
                for d in s.scalars(select(Dossier))}


def test_a_dossier_received_before_the_province_is_reached_skips_ahead(
        hub_server: HubServer, make_desk, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk, admin = _enrolled_with_backups(hub_server, make_desk, clock, tmp_path)
    first = _receive_more(desk.store, clock, 3)
    made = backups.run_backup(desk.store, clock, "manual")
    later = _receive_more(desk.store, clock, 4)
    sync_until_done(desk, clock)
    summary = backups.stage_restore(desk.store, admin, made.path, PASS)
    backups.confirm_restore(desk.store, admin, made.path, summary, clock.now())
    desk.store.dispose()
    backups.complete_pending_restore(desk.data_dir, clock.now())
    desk.store = Store(database_path(desk.data_dir))
    # the line is down: a citizen is received all the same, under a number no lost code had
    (offline,) = _receive_more(desk.store, clock, 1)
    assert offline not in first + later
    assert offline.endswith("-1501")  # past the day's reserve of 500 numbers
    worker = sync_until_done(desk, clock)  # back up: pulled back, then the new one sent
    assert worker.last_report is not None
    assert_hub_holds_desk(hub_server.engine, desk.store)
    assert sorted(_codes(desk.store)) == sorted(first + later + [offline])
    with desk.store.read() as s:  # the offline intake's record chained after those taken back
        assert audit.verify(s) == []
        actions = list(s.scalars(select(AuditRecord.action).order_by(AuditRecord.seq)))
    assert actions.count("dossier.receive") == 8 and actions[-1] == "dossier.receive"
