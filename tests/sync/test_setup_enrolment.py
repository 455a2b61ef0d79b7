"""The province's server typed in the set-up wizard: kept until the administrator's first
login, enrolled then through the status bar's indicator, then forgotten; a clerk's login never
spends it (only an admin enrols)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.startup import Launcher
from desk_app.services.commune_setup import PENDING_ENROLMENT
from desk_app.services.desk_settings import get_setting, set_setting
from desk_app.sync import state
from desk_app.sync.enrolment import enrol_desk
from tests.gui.conftest import clerk_info, wait_writes


def _open(qtbot: QtBot, launcher: Launcher, username: str) -> object:
    launcher._open_window(clerk_info(launcher.store, username))
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    return launcher.installed["sync"]


def test_the_server_typed_in_the_wizard_is_enrolled_at_the_admins_first_login(
        qtbot: QtBot, hub, make_desk, clock: FixedClock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk()
    code = hub.issue_code(desk.agency_code)
    with desk.store.write() as s:
        set_setting(s, PENDING_ENROLMENT, {"hub_url": "http://testserver", "code": code})
    real = enrol_desk
    monkeypatch.setattr("desk_app.gui.sync_indicator.enrol_desk",
                        lambda *a, **k: real(*a, transport=hub.transport, **k))
    launcher = Launcher(desk.store, clock, desk.data_dir, extensions=True)
    clerk_ind = _open(qtbot, launcher, "binh")
    wait_writes()
    with desk.store.read() as s:
        assert get_setting(s, PENDING_ENROLMENT) is not None  # a clerk does not spend it
        assert state.active_enrolment(s) is None
    clerk_ind.worker.stop()  # type: ignore[attr-defined]
    launcher.window.close()  # type: ignore[union-attr]
    ind = _open(qtbot, launcher, "admin")
    try:
        wait_writes()
        qtbot.waitUntil(lambda: ind.snapshot is not None  # type: ignore[attr-defined]
                        and ind.snapshot.enrolled, timeout=10_000)  # type: ignore[attr-defined]
        with desk.store.read() as s:
            assert get_setting(s, PENDING_ENROLMENT) is None  # spent: forgotten
            enrolment = state.active_enrolment(s)
            assert enrolment is not None and enrolment.hub_url == "http://testserver"
            assert enrolment.agency_code == desk.agency_code
    finally:
        ind.worker.stop()  # type: ignore[attr-defined]
