"""Who a desk is, against the hub on a real PostgreSQL (issue 10): enrolment asked again after a
lost answer, no takeover by a fresh code, revocation and rotation that lose and resend nothing,
and counter numbers (the first digit of a desk's dossier codes) unique in a commune."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.gui.sync_indicator import EnrolDialog, SyncIndicator, error_words
from desk_app.services import counter as desk_counter
from desk_app.services.intake import receive
from desk_app.store.models import Commune, OutboxEvent
from desk_app.sync import state
from desk_app.sync.client import Refused, SyncClient, Unreachable
from desk_app.sync.enrolment import enrol_desk
from desk_app.sync.worker import SyncWorker
from province_hub.models import Commune as HubCommune
from province_hub.models import Desk as HubDesk
from tests.helpers import complete_request
from tests.sync.conftest import HubServer, Postgres
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers_sync import activity, assert_hub_holds_desk, desk_id_of, sync_until_done
from tests.sync.servers import ROOT

pytestmark = pytest.mark.slow


def enrol(hub: HubServer, desk, clock: FixedClock, url: str, **kw):  # type: ignore[no-untyped-def]
    return enrol_desk(desk.store, clock, url, hub.issue_code(desk.agency_code), **kw)


def desk_info(url: str, credential: str) -> dict:  # type: ignore[type-arg]
    with SyncClient(url, credential) as client:
        return client.desk_info()


def credential_of(desk) -> str:  # type: ignore[no-untyped-def]
    with desk.store.read() as s:
        en = state.active_enrolment(s)
        assert en is not None
        return en.credential


def installation_of(desk) -> str:  # type: ignore[no-untyped-def]
    with desk.store.read() as s:
        return state.status_row(s).installation_id


def hub_desks(hub: HubServer, agency: str) -> list[tuple[int, int | None, bool]]:
    with hub.engine.connect() as c:
        return [tuple(r) for r in c.execute(  # type: ignore[misc]
            select(HubDesk.id, HubDesk.counter, HubDesk.revoked).join(HubCommune)
            .where(HubCommune.agency_code == agency).order_by(HubDesk.id))]


def same_commune(first, second) -> None:  # type: ignore[no-untyped-def]
    """``second`` becomes another counter PC of ``first``'s commune."""
    with second.store.write() as s:
        s.execute(update(Commune).values(agency_code=first.agency_code))
    second.agency_code = first.agency_code


def test_a_lost_enrolment_answer_is_asked_again_and_gets_the_same_credential(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    code = hub_server.issue_code(desk.agency_code)
    proxy.add("/api/v1/enrol", "drop_answer")  # the hub enrols the desk; the answer is lost
    with pytest.raises(Unreachable):
        enrol_desk(desk.store, clock, proxy.url, code)
    with desk.store.read() as s:
        assert state.active_enrolment(s) is None
    again = enrol_desk(desk.store, clock, proxy.url, code)  # the same code, asked again
    assert hub_desks(hub_server, desk.agency_code) == [(again.desk_id, 1, False)]
    assert desk_info(proxy.url, again.credential)["desk_id"] == again.desk_id
    activity(desk.store, clock, 2)
    sync_until_done(desk, clock)
    assert_hub_holds_desk(hub_server.engine, desk.store)
    # the code is spent: the same code with any other secret, or none, gets nothing
    body = {"code": code, "agency_code": desk.agency_code,
            "installation_id": installation_of(desk), "desk_name": "Máy lạ", "counter": 2}
    for extra in ({"secret": "x" * 43}, {}):
        r = httpx.post(hub_server.url + "/api/v1/enrol", json=body | extra, timeout=10)
        assert (r.status_code, r.json()["error"]) == (403, "bad_enrolment_code"), extra
    assert desk_info(proxy.url, again.credential)["desk_id"] == again.desk_id


def test_a_fresh_code_with_another_desks_installation_id_does_not_take_it_over(
    hub_server: HubServer, make_desk, clock: FixedClock
) -> None:
    victim, other = make_desk(), make_desk()
    same_commune(victim, other)
    with other.store.write() as s:
        desk_counter.set_counter(s, 2)
    enrol(hub_server, victim, clock, hub_server.url)
    enrol(hub_server, other, clock, hub_server.url)
    activity(victim.store, clock, 2)
    sync_until_done(victim, clock)
    victim_id, credential = desk_id_of(victim.store), credential_of(victim)
    fresh = hub_server.issue_code(victim.agency_code)
    body = {"code": fresh, "agency_code": victim.agency_code,
            "installation_id": installation_of(victim), "desk_name": "Máy lạ", "counter": 3}
    forged = f"dk.{victim_id}." + "f" * 43
    for proof in ({}, {"previous_credential": credential_of(other)},
                  {"previous_credential": forged}):
        r = httpx.post(hub_server.url + "/api/v1/enrol", json=body | proof, timeout=10)
        assert (r.status_code, r.json()["error"]) == (409, "installation_taken"), proof
    assert desk_info(hub_server.url, credential)["desk_id"] == victim_id
    with hub_server.engine.connect() as c:
        assert c.scalar(select(HubDesk.name).where(HubDesk.id == victim_id)) != "Máy lạ"
    # the desk itself, with that same fresh code, is the same desk: its credential proves it
    activity(victim.store, clock, 1)
    again = enrol_desk(victim.store, clock, hub_server.url, fresh)
    assert again.desk_id == victim_id
    worker = sync_until_done(victim, clock)
    assert worker.last_report is not None and worker.last_report.duplicates == 0
    assert_hub_holds_desk(hub_server.engine, victim.store)


def test_the_province_revokes_a_desk_which_says_so_and_re_enrols_losing_nothing(
    qtbot: QtBot, hub_server: HubServer, postgres: Postgres, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    enrol(hub_server, desk, clock, hub_server.url)
    activity(desk.store, clock, 3)
    sync_until_done(desk, clock)
    activity(desk.store, clock, 2)  # not sent yet
    with desk.store.read() as s:
        pending = state.pending_count(s)
    desk_id = desk_id_of(desk.store)
    clock.set(datetime(2026, 11, 23, 10, 0))  # the refusal comes after the last success
    done = subprocess.run([sys.executable, "-m", "province_hub", "--db", postgres.url,
                           "revoke-desk", str(desk_id)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and f"desk {desk_id} revoked" in done.stdout, done.stderr
    worker = SyncWorker(desk.store, clock, timeout=3.0)
    worker.run_once()
    assert worker.last_error is not None and worker.last_error.code == "credential_revoked"
    with desk.store.read() as s:
        assert state.pending_count(s) == pending  # kept, not dropped
    indicator = SyncIndicator(desk.store, clock)
    qtbot.addWidget(indicator)
    indicator.refresh()
    qtbot.waitUntil(lambda: not indicator.reading)  # the state is read on a worker
    assert "đã bị thu hồi" in indicator.text.text()
    assert "dữ liệu chưa gửi vẫn giữ trên máy" in indicator.toolTip()
    assert indicator.enrol_button.isVisibleTo(indicator)
    assert indicator.enrol_button.text() == "Đăng ký lại…"
    listed = httpx.get(f"{hub_server.url}/api/v1/admin/desks",
                       params={"agency_code": desk.agency_code}, timeout=10,
                       headers={"Authorization": f"Bearer {hub_server.admin}"}).json()
    assert [(d["desk_id"], d["revoked"], d["revoked_at"] is not None)
            for d in listed["desks"]] == [(desk_id, True, True)]
    again = enrol(hub_server, desk, clock, hub_server.url)  # a fresh code from the province
    assert again.desk_id == desk_id
    worker = sync_until_done(desk, clock)
    assert worker.last_report is not None and worker.last_report.duplicates == 0
    assert_hub_holds_desk(hub_server.engine, desk.store)


def test_a_rotation_moves_the_desk_to_a_new_credential_losing_and_resending_nothing(
    hub_server: HubServer, proxy: FaultProxy, make_desk, clock: FixedClock, tmp_path: Path
) -> None:
    desk = make_desk()
    enrol(hub_server, desk, clock, proxy.url)
    activity(desk.store, clock, 3)
    sync_until_done(desk, clock)
    desk_id, old = desk_id_of(desk.store), credential_of(desk)
    r = hub_server.post(f"/api/v1/admin/desks/{desk_id}/rotate")
    assert r.status_code == 200, r.text
    activity(desk.store, clock, 2)
    # the hub registers the new secret, the desk never hears it: it goes on with the old one
    proxy.add("/api/v1/desk/credential", "drop_answer")
    worker = SyncWorker(desk.store, clock, timeout=3.0, max_events=50)
    worker.run_once()
    assert worker.last_error is not None and worker.last_error.code == "unreachable"
    assert credential_of(desk) == old
    assert desk_info(proxy.url, old)["desk_id"] == desk_id
    worker.run_once()  # asks again with the same secret, then uses the new credential
    assert worker.last_error is None and worker.last_report is not None
    assert worker.last_report.rotated
    new = credential_of(desk)
    assert new != old and new.startswith(f"dk.{desk_id}.")
    # the new one is not used yet: the old one still works (the answer may have been lost)
    assert desk_info(proxy.url, old)["desk_id"] == desk_id
    assert desk_info(proxy.url, new)["desk_id"] == desk_id
    with pytest.raises(Refused) as info:  # the new one was used: the old one is gone
        desk_info(proxy.url, old)
    assert info.value.code == "unauthorized"
    with hub_server.engine.connect() as c:
        assert c.execute(select(HubDesk.rotate_requested, HubDesk.next_token_hash)
                         .where(HubDesk.id == desk_id)).one() == (False, None)
    # the desk may also rotate by itself (its command line)
    desk.store.dispose()
    done = subprocess.run([sys.executable, "-m", "desk_app.sync", "--data-dir",
                           str(desk.data_dir), "rotate"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "new credential in use" in done.stdout, done.stderr
    assert credential_of(desk) not in (old, new)
    activity(desk.store, clock, 1)
    worker = sync_until_done(desk, clock)
    assert_hub_holds_desk(hub_server.engine, desk.store)
    with desk.store.read() as s:  # nothing lost, nothing sent twice
        assert s.scalar(select(func.max(OutboxEvent.attempts))) == 1


def test_a_desk_revoked_mid_rotation_is_told_revoked_with_either_credential(
    hub_server: HubServer, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    enrol(hub_server, desk, clock, hub_server.url)
    sync_until_done(desk, clock)
    desk_id, old = desk_id_of(desk.store), credential_of(desk)
    assert hub_server.post(f"/api/v1/admin/desks/{desk_id}/rotate").status_code == 200
    worker = SyncWorker(desk.store, clock, timeout=3.0)
    worker.run_once()  # the desk now holds the rotated credential, not used by the hub yet
    new = credential_of(desk)
    assert new != old
    assert hub_server.post(f"/api/v1/admin/desks/{desk_id}/revoke").status_code == 200
    for credential in (old, new):  # "revoked" in words, never "unknown credential"
        with pytest.raises(Refused) as info:
            desk_info(hub_server.url, credential)
        assert info.value.code == "credential_revoked"


def test_a_commune_never_has_two_live_desks_with_one_counter_number(
    hub_server: HubServer, make_desk, clock: FixedClock
) -> None:
    first, second = make_desk(), make_desk()
    same_commune(first, second)  # both set up as counter 1
    enrol(hub_server, first, clock, hub_server.url)
    code = hub_server.issue_code(first.agency_code)
    with pytest.raises(Refused) as info:
        enrol_desk(second.store, clock, hub_server.url, code)
    assert info.value.code == "counter_taken"
    assert "Số quầy của máy này đã thuộc một máy khác của xã" in error_words("counter_taken")
    with pytest.raises(KnownError) as refused, second.store.write() as s:
        receive(s, clock, 3, complete_request(s))  # it would make the first desk's codes
    assert refused.value.code == "counter_taken"
    again = enrol_desk(second.store, clock, hub_server.url, code, counter="2")
    assert again.counter == 2
    with second.store.write() as s:
        assert receive(s, clock, 3, complete_request(s)).code.endswith("-261123-2001")
    assert [(c, r) for _, c, r in hub_desks(hub_server, first.agency_code)] == [
        (1, False), (2, False)]
    # a number changed later is declared at the next sync: one in use is refused there
    with second.store.write() as s:
        desk_counter.set_counter(s, 1)
    worker = SyncWorker(second.store, clock, timeout=3.0)
    worker.run_once()
    assert worker.last_error is not None and worker.last_error.code == "counter_taken"
    with second.store.read() as s:
        assert state.pending_count(s) == 0  # the data went out before the refusal
    with pytest.raises(KnownError) as refused, second.store.write() as s:
        receive(s, clock, 3, complete_request(s))
    assert refused.value.code == "counter_taken"
    with second.store.write() as s:
        desk_counter.set_counter(s, 3)
    worker.run_once()
    assert worker.last_error is None
    assert [c for _, c, _ in hub_desks(hub_server, first.agency_code)] == [1, 3]
    # the province revokes the first desk: its number is free for another
    r = hub_server.post(f"/api/v1/admin/desks/{desk_id_of(first.store)}/revoke")
    assert r.status_code == 200, r.text
    with second.store.write() as s:
        desk_counter.set_counter(s, 1)
    worker.run_once()
    assert worker.last_error is None
    assert [(c, r) for _, c, r in hub_desks(hub_server, first.agency_code)] == [
        (1, True), (1, False)]


def test_two_desks_asking_for_one_number_at_the_same_moment_one_gets_it(
    hub_server: HubServer, make_desk, clock: FixedClock
) -> None:
    desks = [make_desk() for _ in range(4)]
    for d in desks[1:]:
        same_commune(desks[0], d)
    codes = [hub_server.issue_code(desks[0].agency_code) for _ in desks]
    go = threading.Barrier(len(desks))
    outcome: list[str] = []

    def ask(desk, code: str) -> None:  # type: ignore[no-untyped-def]
        go.wait()
        try:
            enrol_desk(desk.store, clock, hub_server.url, code, counter="5")
            outcome.append("enrolled")
        except Refused as exc:
            outcome.append(exc.code)

    threads = [threading.Thread(target=ask, args=pair) for pair in zip(desks, codes, strict=False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcome) == ["counter_taken"] * 3 + ["enrolled"]
    assert [c for _, c, _ in hub_desks(hub_server, desks[0].agency_code)] == [5]


def test_the_enrolment_dialog_says_a_wrong_counter_number_at_its_field(
    qtbot: QtBot, make_desk, clock: FixedClock
) -> None:
    desk = make_desk()
    indicator = SyncIndicator(desk.store, clock)
    qtbot.addWidget(indicator)
    dialog = indicator.open_enrolment()
    assert dialog is not None and isinstance(dialog, EnrolDialog)
    qtbot.addWidget(dialog)
    assert dialog.counter.text() == "1"  # the desk's own number
    dialog.url.setText("http://127.0.0.1:9")
    dialog.code.setText("ABCD-EFGH-JKLM")
    dialog.counter.setText("12")
    dialog.accept()
    assert dialog.isVisible()  # nothing typed is lost
    assert dialog.counter_msg.text() == (
        "Số quầy là một chữ số từ 1 đến 9; mỗi máy của xã một số khác nhau.")
    assert dialog.code.text() == "ABCD-EFGH-JKLM"
    dialog.close()
