"""Helpers of the sync tests: desk activity through the real services, and the comparison
"the server holds exactly what the desk holds"."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.services.ratings import RatingInput, record_rating
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, OutboxEvent
from desk_app.store.models_rating import Rating as DeskRating
from desk_app.store.models_sync import SyncEnrolment, SyncHeldEvent
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.worker import SyncWorker
from province_hub.models import Desk, Event
from province_hub.models import Dossier as HubDossier
from province_hub.models import Rating as HubRating
from tests.helpers import complete_request

NAMES = ["Trần Văn Đức", "Nguyễn Thị Hoa", "Lê Minh Tuấn", "Phạm Thị Lan", "Hoàng Văn Nam",
         "Vũ Thị Hằng", "Đặng Quốc Bảo", "Bùi Thị Mai", "Đỗ Văn Hùng", "Ngô Thị Thu"]


def activity(store: Store, clock: FixedClock, dossiers: int, *, rate: bool = True) -> list[int]:
    """Receive dossiers and move some along: intake, status and return events in the outbox;
    with ``rate``, each returned dossier is rated by its citizen (a chained rating record)."""
    ids = []
    for i in range(dossiers):
        with store.write() as s:
            res = receive(s, clock, 3, complete_request(s, full_name=NAMES[i % len(NAMES)]))
            ids.append(res.dossier_id)
        if i % 2 == 0:
            with store.write() as s:
                change_status(s, clock, 3, res.dossier_id, Status.IN_PROCESSING)
                change_status(s, clock, 3, res.dossier_id, Status.RESULT_READY)
        if i % 4 == 0:
            with store.write() as s:
                change_status(s, clock, 3, res.dossier_id, Status.RETURNED)
        if i % 4 == 0 and rate:
            with store.write() as s:
                level = ("very_satisfied", "satisfied", "unsatisfied")[i % 3]
                record_rating(s, clock, 3, RatingInput(res.dossier_id, "return", level))
    return ids


def desk_id_of(store: Store) -> int:
    with store.read() as s:
        en = state.active_enrolment(s)
        assert en is not None
        return en.desk_id


def assert_hub_holds_desk(hub: Engine, store: Store, *, held: int = 0) -> int:
    """Every outbox event is stored once with the same content; dossier states agree."""
    with store.read() as s:
        events = list(s.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))
        held_ids = set(s.scalars(select(SyncHeldEvent.outbox_id)))
        desk_dossiers = {d.uuid: d.status for d in s.scalars(select(Dossier))}
        desk_ids = {e.desk_id for e in s.scalars(select(SyncEnrolment))}
        desk_ratings = {r.uuid: r.hash for r in s.scalars(select(DeskRating))}
    assert len(held_ids) == held
    sent = [e for e in events if e.id not in held_ids]
    assert all(e.sent_at is not None for e in sent), "an event was left unsent"
    refused = {e.entity_uuid for e in events if e.id in held_ids and e.kind == "dossier.intake"}
    desk_dossiers = {u: st for u, st in desk_dossiers.items() if u not in refused}
    want = {e.uuid: p.content_hash(state.wire_event(e)) for e in sent}
    with hub.connect() as c:
        got_rows = c.execute(select(Event.uuid, Event.content_hash)
                             .where(Event.uuid.in_(list(want)))).all()
        # a held event may exist at the hub in its other version (that is the conflict)
        held_at_hub = c.scalar(select(func.count(Event.id)).where(
            Event.uuid.in_([e.uuid for e in events if e.id in held_ids])))
        n_desk = c.scalar(select(func.count(Event.id)).where(Event.desk_id.in_(desk_ids)))
        hub_dossiers = dict(c.execute(select(HubDossier.uuid, HubDossier.status)
                                      .where(HubDossier.uuid.in_(list(desk_dossiers)))).all())
        hub_ratings = dict(c.execute(select(HubRating.uuid, HubRating.record["hash"].as_string())
                                     .where(HubRating.desk_id.in_(desk_ids))).all())
        chain_problems = [x for d in c.scalars(select(Desk.chain_problems)
                                               .where(Desk.id.in_(desk_ids))) for x in d]
    if not held:  # ratings arrive unchanged and the hub found their chain unbroken
        assert hub_ratings == desk_ratings
        assert chain_problems == []
    got = dict(got_rows)
    assert len(got_rows) == len(got), "an event is stored twice"
    assert got == want, "the hub does not hold exactly the desk's events"
    assert n_desk == len(want) + held_at_hub, "the hub holds events of this desk the desk does not have"
    assert hub_dossiers == desk_dossiers
    return len(want)


def sync_until_done(desk, clock: FixedClock, *, batch: int = 50, timeout: float = 2.0,  # type: ignore[no-untyped-def]
                    limit: int = 60) -> SyncWorker:
    """Run the desk's sync worker until nothing waits and the last cycle succeeded."""
    worker = SyncWorker(desk.store, clock, timeout=timeout, max_events=batch, base_backoff=0.01,
                        max_backoff=0.05)
    for _ in range(limit):
        worker.run_once()
        with desk.store.read() as s:
            if worker.last_error is None and state.pending_count(s) == 0:
                return worker
    raise AssertionError(f"sync did not finish: {worker.last_error}")
