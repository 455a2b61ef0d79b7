"""One truth for a dossier at the desk and the province: the hub folds a desk's events in the
desk's own sequence under the same life cycle, shows a province change the desk could not apply
as rejected, flags stamps from the future, and counts satisfaction by the desk's rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from desk_app.clock import VN_TZ, FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.services.ratings import RatingInput, figures, record_rating
from desk_app.store import outbox
from desk_app.store.models import Dossier, DossierEvent, OutboxEvent
from desk_app.sync.cycle import run_cycle
from province_hub.clock import Clock
from province_hub.models import Dossier as HubDossier
from province_hub.models import FeedItem
from tests.helpers import complete_request
from tests.sync.helpers_sync import activity, assert_hub_holds_desk
from tests.sync.hubs import hub  # noqa: F401  (on SQLite and PostgreSQL)
from tests.sync.test_sync_protocol import client_of, enrolled


def admin(hub, method: str, path: str, **kw):  # type: ignore[no-untyped-def]
    return hub.client.request(method, "/api/v1/admin" + path,
                              headers={"Authorization": f"Bearer {hub.admin}"}, **kw)


def hub_dossier(hub, uuid: str) -> HubDossier:  # type: ignore[no-untyped-def]
    with hub.engine.connect() as c:
        return c.execute(select(HubDossier).where(HubDossier.uuid == uuid)).one()


def summary_row(hub, desk, as_of: datetime) -> dict:  # type: ignore[no-untyped-def]
    r = admin(hub, "GET", "/summary", params={"as_of": as_of.isoformat()})
    return next(x for x in r.json()["communes"] if x["agency_code"] == desk.agency_code)


def move(desk, clock, dossier_id: int, *targets: Status) -> None:  # type: ignore[no-untyped-def]
    for target in targets:
        with desk.store.write() as s:
            change_status(s, clock, 3, dossier_id, target)
        clock.advance(minutes=1)


def test_a_desk_clock_corrected_mid_life_does_not_reorder_the_dossiers_life(
    hub, make_desk, clock, monkeypatch
) -> None:
    # a desk of a version before monotonic stamps (desk_app.store.stamps): the hub must cope
    monkeypatch.setattr("desk_app.services.lifecycle.stamp", lambda _session, now: now)
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        got = receive(s, clock, 3, complete_request(s))
    run_cycle(desk.store, clock, client_of(hub, desk))
    clock.advance(minutes=60)  # the PC's clock runs an hour fast ...
    move(desk, clock, got.dossier_id, Status.IN_PROCESSING)
    clock.advance(minutes=-41)  # ... and is put right: later events carry earlier stamps
    move(desk, clock, got.dossier_id, Status.RESULT_READY, Status.RETURNED)
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)  # the same status at both ends
    d = hub_dossier(hub, got.uuid)
    assert (d.status, d.returned_at) == ("returned", datetime(2026, 11, 23, 9, 21))
    # the province's figures rest on that status: returned on time, not overdue
    row = summary_row(hub, desk, datetime(2027, 6, 1))
    assert (row["on_time"], row["late"], row["overdue_open"]) == (1, 0, 0)


def test_a_slow_desk_clock_and_a_province_change_give_one_status(hub, make_desk, clock) -> None:
    # the desk's clock (23/11/2026 09:00) is days behind the hub's, which reads the real time
    assert Clock().utc() > datetime(2026, 11, 23, 2, 0)
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        got = receive(s, clock, 3, complete_request(s))
    run_cycle(desk.store, clock, client_of(hub, desk))
    r = admin(hub, "POST", f"/dossiers/{got.uuid}/status",
              json={"to": "in_processing", "reason": "Chuyển phòng chuyên môn", "by": "Sở"})
    assert r.status_code == 200, r.text
    clock.advance(minutes=5)
    run_cycle(desk.store, clock, client_of(hub, desk))  # pulled and applied at the desk
    move(desk, clock, got.dossier_id, Status.RESULT_READY, Status.RETURNED)
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    d = hub_dossier(hub, got.uuid)
    assert d.status == "returned"
    assert [(c["to"], c["state"]) for c in d.snapshot["province_changes"]] == [
        ("in_processing", "applied")]


def _report_rejections(desk, clock) -> int:  # type: ignore[no-untyped-def]
    """What the desk sends when it could not apply a province change (the contract's
    ``dossier.province_rejected``), written here for a desk that does not send it yet."""
    with desk.store.write() as s:
        if s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "dossier.province_rejected")):
            return 0
        n = 0
        for ev, d in s.execute(select(DossierEvent, Dossier).join(Dossier).where(
                DossierEvent.action == "upstream_ignored")):
            outbox.append(s, entity="dossier", entity_uuid=d.uuid,
                          kind="dossier.province_rejected", at=clock.now(), payload={
                              "uuid": d.uuid, "code": d.code,
                              "province_event": ev.data["event_uuid"], "to": ev.to_status,
                              "current": ev.from_status, "reason": "transition_final",
                              "at": clock.now().replace(tzinfo=VN_TZ).isoformat()})
            n += 1
        return n


def test_a_province_change_the_desk_rejects_is_shown_rejected_not_as_the_status(
    hub, make_desk, clock
) -> None:
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        got = receive(s, clock, 3, complete_request(s))
    run_cycle(desk.store, clock, client_of(hub, desk))
    # offline, the desk returns the result; the province, seeing "received", asks for papers
    move(desk, clock, got.dossier_id, Status.IN_PROCESSING, Status.RESULT_READY,
         Status.RETURNED)
    r = admin(hub, "POST", f"/dossiers/{got.uuid}/status",
              json={"to": "waiting_supplement", "reason": "Thiếu giấy tờ", "by": "Sở"})
    assert r.status_code == 200, r.text
    run_cycle(desk.store, clock, client_of(hub, desk))  # push the return, pull the change
    with desk.store.read() as s:
        assert s.get(Dossier, got.dossier_id).status == "returned"
    assert hub_dossier(hub, got.uuid).status == "returned"  # the life cycle, as at the desk
    _report_rejections(desk, clock)
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    d = hub_dossier(hub, got.uuid)
    assert d.status == "returned" and d.returned_at is not None
    [change] = d.snapshot["province_changes"]
    assert (change["to"], change["state"], change["why"]) == (
        "waiting_supplement", "rejected", "transition_final")
    problems = admin(hub, "GET", "/problems").json()["events"]
    assert [(x["problem"], x["reason"], x["entity_uuid"]) for x in problems] == [
        ("flagged", "province_change_rejected", got.uuid)]
    # the desk reads the same through its own read-back of the dossier
    assert client_of(hub, desk).dossier(got.uuid)["snapshot"]["province_changes"][0][
        "state"] == "rejected"


def test_the_province_cannot_make_a_change_the_life_cycle_forbids(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    ids = activity(desk.store, clock, 2, rate=False)  # 0: returned, 1: received
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        done, fresh = (s.get(Dossier, i).uuid for i in ids)
    with hub.engine.connect() as c:
        items = len(c.execute(select(FeedItem.id)).all())
    for uuid, to, code in [(done, "in_processing", "transition_final"),
                           (fresh, "returned", "transition_not_allowed"),
                           (fresh, "received", "transition_not_allowed")]:
        r = admin(hub, "POST", f"/dossiers/{uuid}/status", json={"to": to, "by": "Sở"})
        assert (r.status_code, r.json()["error"]) == (409, code), r.text
    with hub.engine.connect() as c:  # nothing recorded, nothing sent down
        assert len(c.execute(select(FeedItem.id)).all()) == items
    assert (hub_dossier(hub, done).status, hub_dossier(hub, fresh).status) == (
        "returned", "received")
    r = admin(hub, "POST", f"/dossiers/{fresh}/status", json={"to": "in_processing"})
    assert r.status_code == 200


def test_stamps_from_the_future_are_stored_and_flagged(hub, make_desk, monkeypatch) -> None:
    # a desk of a version before monotonic stamps (desk_app.store.stamps), whose clock is put
    # right: the next receipt is not stamped in the future
    monkeypatch.setattr("desk_app.services.intake.stamp", lambda _session, now, _raw=None: now)
    now = datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)
    fast = FixedClock(now + timedelta(hours=2))  # a PC two hours fast
    desk = enrolled(hub, make_desk, fast)
    with desk.store.write() as s:
        ahead = receive(s, fast, 3, complete_request(s))
    fast.set(now + timedelta(minutes=2))  # within the tolerance: a PC a little fast
    with desk.store.write() as s:
        near = receive(s, fast, 3, complete_request(s))
    report = run_cycle(desk.store, fast, client_of(hub, desk))
    assert report.held == 0
    assert_hub_holds_desk(hub.engine, desk.store)  # stored ...
    problems = admin(hub, "GET", "/problems").json()["events"]
    # ... and shown to the province (the fast PC's audit records of that time too)
    assert [(x["problem"], x["reason"], x["entity_uuid"]) for x in problems
            if x["entity_uuid"] in (ahead.uuid, near.uuid)] == [
        ("flagged", "future_stamp", ahead.uuid)]
    assert near.uuid != ahead.uuid


def test_satisfaction_is_counted_by_the_same_rule_at_the_desk_and_the_province(
    hub, make_desk, clock
) -> None:
    desk = enrolled(hub, make_desk, clock)
    ids = activity(desk.store, clock, 5, rate=False)  # 0 and 4 returned
    for dossier, occasion, level in [
        (ids[0], "return", "very_satisfied"),
        (ids[0], "return", "unsatisfied"),  # the slip offered twice: a repeat
        (ids[4], "return", "unsatisfied"),
        (ids[4], "return", "satisfied"),  # a repeat
        (ids[1], "intake", "satisfied"),
    ]:
        with desk.store.write() as s:
            record_rating(s, clock, 3, RatingInput(dossier, occasion, level))
    run_cycle(desk.store, clock, client_of(hub, desk))
    with desk.store.read() as s:
        _, total = figures(s, start=date(2026, 1, 1), end=date(2027, 12, 31), by="month")
    row = summary_row(hub, desk, clock.now())
    # counted: very satisfied, unsatisfied, satisfied -> 2 of 3
    assert (total.total, round(total.positive_pct, 2)) == (3, 66.67)
    assert (row["ratings"], row["satisfaction_rate"]) == (3, 66.67)
