"""Issue 10, the desk's side of sync against the real hub: a refused event is held visibly (who,
what, why) and blocks nothing behind it; an event an older version stored with a NUL is held
at the desk instead of stopping the commune's sync on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from desk_app.clock import FixedClock
from desk_app.gui import sync_indicator
from desk_app.gui.sync_held import MALFORMED, REASON_WORDS
from desk_app.gui.sync_indicator import ERROR_WORDS, SyncIndicator
from desk_app.services.intake import receive
from desk_app.store.models import Dossier, OutboxEvent
from desk_app.store.models_sync import SyncHeldEvent
from desk_app.sync import state
from desk_app.sync.client import SyncClient
from desk_app.sync.cycle import run_cycle
from desk_app.sync.enrolment import enrol_desk
from tests.gui.conftest import open_window
from tests.helpers import complete_request, shot
from tests.sync.conftest import HubServer
from tests.sync.helpers_sync import activity, assert_hub_holds_desk
from tests.sync.test_sync_protocol import client_of, enrolled

CLERK = 3  # binh, "Nguyễn Văn Bình"
OTHER_COMMUNE = "000.00.99.H99"


def _naming_another_commune(store, clock):  # type: ignore[no-untyped-def]
    """A dossier whose intake event names another commune (its audit record names the desk's)."""
    with store.write() as s:
        got = receive(s, clock, CLERK, complete_request(s, full_name="Phạm Thị Lan"))
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.entity_uuid == got.uuid,
                                                OutboxEvent.kind == "dossier.intake"))
        ev.payload = dict(ev.payload, agency_code=OTHER_COMMUNE)
    return got


def _held(store) -> list[SyncHeldEvent]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return list(s.scalars(select(SyncHeldEvent)))


def test_a_refused_event_is_held_visibly_and_blocks_nothing_behind_it(
    qtbot, hub, make_desk, clock: FixedClock, tmp_path: Path
) -> None:
    desk = enrolled(hub, make_desk, clock)
    activity(desk.store, clock, 2, rate=False)  # ahead of it
    clock.advance(minutes=5)
    # a dossier naming another commune (as an older version's bug wrote it): the hub refuses it
    refused = _naming_another_commune(desk.store, clock)
    clock.advance(minutes=5)
    activity(desk.store, clock, 6)  # behind it: intakes, status changes, returns, ratings
    with desk.store.read() as s:
        total = state.pending_count(s)
    report = run_cycle(desk.store, clock, client_of(hub, desk), max_events=3)
    assert report.held == 1 and report.sent == total - 1 and report.batches >= total // 3
    [held] = _held(desk.store)
    with desk.store.read() as s:
        ev = s.get(OutboxEvent, held.outbox_id)
        assert (ev.kind, ev.entity_uuid) == ("dossier.intake", refused.uuid)
        assert state.pending_count(s) == 0  # everything behind it went out
    assert held.state == "rejected" and held.reason in REASON_WORDS
    assert_hub_holds_desk(hub.engine, desk.store, held=1)
    # visible: the status bar's "1 bị từ chối…" opens the list - which dossier, whose, who,
    # when, why (in Vietnamese)
    indicator = SyncIndicator(desk.store, clock)
    qtbot.addWidget(indicator)
    qtbot.waitUntil(lambda: not indicator.reading)  # the state is read on a worker
    assert indicator.held_button.isVisibleTo(indicator)
    assert indicator.held_button.text() == "1 bị từ chối…"
    dialog = indicator.open_held()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row == ["09:05 23/11/2026", refused.code, "Phạm Thị Lan", "Tiếp nhận hồ sơ",
                   "Nguyễn Văn Bình", REASON_WORDS[held.reason]]
    assert "Tỉnh trả lời lúc 09:10 23/11/2026" in dialog.table.item(0, 0).toolTip()
    assert "không làm chậm các thay đổi khác" in dialog.intro.text()
    dialog.copy()
    copied = QApplication.clipboard().text()
    assert refused.code in copied and held.reason in copied and ev.uuid in copied
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # the rows follow the reason column once laid out
    shot(dialog, "sync-held-dialog.png", tmp_path)  # as big as the (offscreen) screen allows
    dialog.resize(1180, 460)  # as on a 1366x768 counter PC
    qtbot.wait(50)
    shot(dialog, "sync-held-dialog-wide.png", tmp_path)
    # later cycles send what comes next and never retry the held one
    activity(desk.store, clock, 1, rate=False)
    assert run_cycle(desk.store, clock, client_of(hub, desk)).held == 0
    assert_hub_holds_desk(hub.engine, desk.store, held=1)


@pytest.mark.slow
def test_an_old_nul_in_the_outbox_is_held_and_the_rest_reaches_postgresql(
    qtbot, hub_server: HubServer, make_desk, clock: FixedClock
) -> None:
    """A desk upgraded with a NUL already stored (the earlier version accepted it at the field):
    PostgreSQL cannot store it, and today the hub answers 500 to its whole batch for good."""
    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    activity(desk.store, clock, 2, rate=False)
    with desk.store.write() as s:
        bad = receive(s, clock, CLERK, complete_request(s, full_name="Lê Văn Tám"))
        s.execute(update(Dossier).where(Dossier.id == bad.dossier_id)
                  .values(note="Gọi trước\x00 9 giờ"))
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.entity_uuid == bad.uuid))
        ev.payload = dict(ev.payload, note="Gọi trước\x00 9 giờ")
    activity(desk.store, clock, 4)
    with SyncClient(hub_server.url, _credential(desk)) as client:
        report = run_cycle(desk.store, clock, client, max_events=50)
    assert report.held == 1
    [held] = _held(desk.store)
    assert (held.state, held.reason) == ("rejected", "control_chars")
    with desk.store.read() as s:
        assert s.get(OutboxEvent, held.outbox_id).entity_uuid == bad.uuid
        assert state.pending_count(s) == 0
    assert_hub_holds_desk(hub_server.engine, desk.store, held=1)
    indicator = SyncIndicator(desk.store, clock)
    qtbot.addWidget(indicator)
    dialog = indicator.open_held()
    qtbot.addWidget(dialog)
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1:] == [bad.code, "Lê Văn Tám", "Tiếp nhận hồ sơ", "Nguyễn Văn Bình",
                       REASON_WORDS["control_chars"]]
    assert REASON_WORDS["control_chars"] != MALFORMED


def _credential(desk) -> str:  # type: ignore[no-untyped-def]
    with desk.store.read() as s:
        en = state.active_enrolment(s)
        assert en is not None
        return en.credential


def test_the_real_window_s_status_bar_opens_the_held_event_and_does_not_say_failing(
    qtbot, hub, make_desk, clock: FixedClock
) -> None:
    """Where a clerk sees it: the main window with its background sync worker on the hub; one
    refused intake among the others; the status bar says everything went, shows "1 bị từ
    chối…" (not an error), and a click on it lists who, what and why."""
    desk = enrolled(hub, make_desk, clock)
    refused = _naming_another_commune(desk.store, clock)
    clock.advance(minutes=5)
    activity(desk.store, clock, 3)  # behind it
    window = open_window(qtbot, desk.store, clock, desk.data_dir)
    indicator = sync_indicator.install(window, desk.store, clock, desk.data_dir,
                                       transport=hub.transport, interval=3600)
    try:
        qtbot.waitUntil(lambda: indicator.held_button.isVisible(), timeout=20_000)
        assert indicator.held_button.text() == "1 bị từ chối…"
        words = indicator.text.text()
        assert words.startswith("Tỉnh: đã gửi hết") and "lỗi" not in words
        assert not any(w in words or w in indicator.toolTip() for w in ERROR_WORDS.values())
        assert "#b3261e" not in indicator.dot.styleSheet()  # amber, not the failing red
        qtbot.mouseClick(indicator.held_button, Qt.MouseButton.LeftButton)
        dialog = indicator.held_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        [held] = _held(desk.store)
        row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
        assert row == ["09:00 23/11/2026", refused.code, "Phạm Thị Lan", "Tiếp nhận hồ sơ",
                       "Nguyễn Văn Bình", REASON_WORDS[held.reason]]
        dialog.reject()
    finally:
        assert indicator.worker is not None
        indicator.worker.stop(timeout=5.0)
    assert_hub_holds_desk(hub.engine, desk.store, held=1)


def test_every_reason_the_province_gives_for_one_event_has_words_in_the_list() -> None:
    """The province's refusal codes (province_hub.rules) read in Vietnamese in the held list."""
    from datetime import datetime

    from desk_app.gui.sync_held import OTHER_WORDS, reason_words
    from desk_app.sync.held import HeldEvent

    def event(reason: str) -> HeldEvent:
        t = datetime(2026, 11, 23, 9, 0)
        return HeldEvent(1, "u", "dossier.intake", "dossier", "rejected", reason, t, t, "", None,
                         "", "", "", "")

    for code in ("foreign_desk", "unknown_entity", "duplicate_code", "seq_not_increasing",
                 "control_chars", "too_large", "bad_payload"):
        words = reason_words(event(code))
        assert words and words != OTHER_WORDS and code not in words
