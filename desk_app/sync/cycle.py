"""One sync cycle: push every pending batch, pull what the province sends down, then look
after the desk's identity: rotate the credential when the province asks (or a rotation was left
half-way), and declare the counter number when the province has not accepted it yet (a number
another desk of the commune holds ends the cycle with ``counter_taken``, after the data went).
Last, the scanned files whose documents' events went, within a budget
(:mod:`desk_app.sync.files`): a large file never holds back the events of the next cycle.

Each batch is its own request and its own acknowledgement: a connection cut mid-batch costs that
batch (sent again, recognised as duplicate by the server), never more. Pulled items are applied
and the checkpoint advanced in the same SQLite transaction, so the checkpoint never runs ahead
of the data it covers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desk_app.clock import VN_TZ, Clock
from desk_app.store.engine import Store
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.apply import apply_item
from desk_app.sync.client import Refused, SyncClient
from desk_app.sync.enrolment import declare_counter, rotate_credential
from desk_app.sync.files import BUDGET_BYTES, FilesReport, Pace, upload_files
from desk_app.sync.reconcile import reconcile

log = logging.getLogger(__name__)


@dataclass
class CycleReport:
    batches: int = 0
    sent: int = 0
    duplicates: int = 0
    held: int = 0
    pulled: int = 0
    clock_offset_s: int | None = None
    rotated: bool = False
    pulled_back: int = 0  # own events taken back from the province (a restored store)
    resent: int = 0  # events the province had lost, marked to go again
    not_rebuilt: list[str] = field(default_factory=list)
    files: FilesReport = field(default_factory=FilesReport)


def clock_offset(server_time: datetime | None, desk_now: datetime) -> int | None:
    """Server minus desk clock, in seconds (the desk clock is naive Vietnam time)."""
    if server_time is None:
        return None
    desk = desk_now.replace(tzinfo=VN_TZ).astimezone(UTC)
    return round((server_time - desk).total_seconds())


def run_cycle(
    store: Store, clock: Clock, client: SyncClient, *,
    max_events: int = 200, max_bytes: int = 512_000,
    should_stop: Callable[[], bool] = lambda: False, file_budget: int = BUDGET_BYTES,
    pace: Pace | None = None,
) -> CycleReport:
    """Push then pull until nothing is left. Raises the client's errors; the caller records them."""
    report = CycleReport()
    # first what was delivered: a restored store takes back what it lost before it sends
    # anything new; events the hub lost are marked to go again (desk_app/sync/reconcile.py)
    found = reconcile(store, clock, client)
    report.pulled_back, report.resent = found.pulled_back, found.resent
    report.not_rebuilt = found.not_rebuilt
    max_events = min(max_events, p.MAX_BATCH_EVENTS)
    max_bytes = min(max_bytes, p.MAX_BATCH_BYTES)
    while not should_stop():
        held_now: list[int] = []
        with store.write() as session:
            batch = state.next_batch(session, max_events, max_bytes, clock.now(), held_now)
            if batch:
                state.note_attempt(session, [e["seq"] for e in batch], clock.now())
        report.held += len(held_now)  # events the desk knows the province cannot store
        if not batch:
            break
        try:
            answer = client.push(batch, fill_gaps=found.resent > 0)
        except Refused as exc:
            if exc.code != "batch_too_large":
                raise
            # the hub's bound is smaller than ours (or one event is too big): halve, and hold a
            # single event the hub can never take rather than blocking everything behind it
            if len(batch) > 1:
                max_events = max(1, len(batch) // 2)
                max_bytes = max(1, max_bytes // 2)
                continue
            with store.write() as session:
                state.hold(session, batch[0]["seq"], p.REJECTED, "too_large", clock.now())
            report.held += 1
            continue
        report.clock_offset_s = clock_offset(answer.server_time, clock.now())
        with store.write() as session:
            marked = state.record_answer(session, answer, clock.now())
        report.batches += 1
        report.sent += marked.sent
        report.duplicates += marked.duplicates
        report.held += marked.held
        if marked.sent + marked.held == 0:
            log.warning("push answer named none of %d events; stopping this cycle", len(batch))
            break
    rotate = False
    while not should_stop():
        with store.read() as session:
            cursor = state.checkpoint(session)
        pulled = client.pull(cursor)
        report.clock_offset_s = clock_offset(pulled.server_time, clock.now())
        with store.write() as session:
            for item in pulled.items:
                outcome = apply_item(session, item, clock.now())
                log.info("pulled %s #%s: %s", item.kind, item.cursor, outcome)
            if pulled.next_cursor > cursor:
                state.set_checkpoint(session, pulled.next_cursor, clock.now())
        report.pulled += len(pulled.items)
        rotate = rotate or pulled.rotate_credential
        if not pulled.more or pulled.next_cursor <= cursor:
            break
    with store.read() as session:
        current = state.active_enrolment(session)
        rotate = rotate or (current is not None
                            and state.has_pending_rotation(session, current.desk_id))
    if rotate and not should_stop():
        rotate_credential(store, clock, client)
        report.rotated = True
        log.info("credential rotated")
    if not should_stop():
        declare_counter(store, client)
    if not should_stop():  # the files last: every event of this cycle went before them
        report.files = upload_files(store, client, clock.now, budget_bytes=file_budget,
                                    should_stop=should_stop, pace=pace)
    with store.write() as session:
        state.record_success(session, clock.now(), report.clock_offset_s)
    return report
