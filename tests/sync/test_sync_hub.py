"""The hub's projections: dossiers, ratings with their chain checked per desk, the summary."""

from __future__ import annotations

from sqlalchemy import select

from desk_app.core.lifecycle import Status
from desk_app.services import lifecycle
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.sync import protocol as p
from desk_app.sync.cycle import run_cycle
from province_hub.models import Desk, Rating
from tests.sync.helpers_sync import activity, assert_hub_holds_desk, desk_id_of
from tests.sync.test_sync_protocol import client_of, enrolled


def _return(store, clock, dossier_id: int) -> None:  # type: ignore[no-untyped-def]
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RESULT_READY)
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RETURNED)


def test_ratings_summary_and_chain(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    ids = activity(desk.store, clock, 4, rate=False)  # returned (0), received (1, 3), result_ready (2)
    with desk.store.write() as s:
        record_rating(s, clock, 3, RatingInput(ids[0], "return", "very_satisfied"))
    clock.advance(days=40)
    _return(desk.store, clock, ids[1])  # late
    with desk.store.write() as s:
        record_rating(s, clock, 3, RatingInput(ids[1], "return", "unsatisfied"))
    run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    with hub.engine.connect() as c:
        assert c.scalar(select(Desk.chain_problems).where(
            Desk.id == desk_id_of(desk.store))) == []
        assert len(c.execute(select(Rating.uuid)).all()) == 2
    r = hub.client.get("/api/v1/admin/summary", params={"as_of": clock.now().isoformat()},
                       headers={"Authorization": f"Bearer {hub.admin}"})
    row = next(x for x in r.json()["communes"] if x["agency_code"] == desk.agency_code)
    assert (row["received"], row["on_time"], row["late"]) == (4, 1, 1)
    assert (row["ratings"], row["satisfaction_rate"]) == (2, 50.0)
    assert row["overdue_open"] == 1  # the fourth, still received, is past its due date by now


def test_a_broken_rating_chain_is_reported(hub, make_desk, clock) -> None:
    desk = enrolled(hub, make_desk, clock)
    ids = activity(desk.store, clock, 1, rate=False)
    with desk.store.write() as s:
        record_rating(s, clock, 3, RatingInput(ids[0], "return", "satisfied"))
    run_cycle(desk.store, clock, client_of(hub, desk))
    c = client_of(hub, desk)
    forged = {"seq": 2, "uuid": "r-forged", "agency_code": desk.agency_code, "overall":
              "very_satisfied", "dossier_uuid": "", "prev_hash": "0" * 64, "hash": "1" * 64}
    ans = c.push([{"uuid": "e-forged", "seq": 999, "entity": "rating", "entity_uuid": "r-forged",
                   "kind": "rating.recorded", "payload": forged,
                   "created_at": "2026-11-23T10:00:00+07:00"}])
    assert ans.results[0].status == p.STORED  # kept, never lost ...
    with hub.engine.connect() as conn:  # ... and flagged
        problems = conn.scalar(select(Desk.chain_problems).where(
            Desk.id == desk_id_of(desk.store)))
    assert any("edited" in x for x in problems) and any("broken_link" in x for x in problems)
    r = hub.client.get("/api/v1/admin/problems", headers={"Authorization": f"Bearer {hub.admin}"})
    assert [c["desk_id"] for c in r.json()["rating_chains"]] == [desk_id_of(desk.store)]


def test_hub_migrations_build_exactly_the_models(hub) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from province_hub.models import Base

    with hub.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
