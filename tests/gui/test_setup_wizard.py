"""A real commune's first start (issue 13): the set-up wizard, driven by keyboard on a fresh
data folder for a commune drawn from the official list with a fixed seed, then the
administrator's account, then a dossier received under the commune's agency code and its
form 01 naming the commune."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.core import divisions
from desk_app.core.text import fold
from desk_app.gui.login import FirstRunDialog
from desk_app.gui.setup_wizard import SetupWizard
from desk_app.gui.startup import Launcher
from desk_app.printing.service import render_form
from desk_app.store.engine import Store
from desk_app.store.models import Commune, Dossier
from desk_app.store.models_sync import SyncEnrolment
from tests.gui.conftest import focused, open_window, press, scan, type_text, wait_writes
from tests.gui.test_intake_flow import ALT, CTRL, PAYLOAD
from tests.printing.conftest import pdf_text, squash

SEED = 20261128
AGENCY = "000.07.21.H39"


def drawn_commune() -> tuple[divisions.Unit, divisions.Unit]:
    rng = random.Random(SEED)
    prov = rng.choice(divisions.provinces())
    return prov, rng.choice(divisions.communes(prov.code))


def choose(lst: object, want: str) -> None:
    """Down in the search box until the list's choice is ``want`` (as a clerk would)."""
    for _ in range(60):
        item = lst.currentItem()  # type: ignore[attr-defined]
        if item is not None and item.text() == want:
            return
        press(Qt.Key.Key_Down)
    raise AssertionError(f"{want} not reached")


@pytest.mark.requires_poppler  # pdftotext reads form 01
def test_the_wizard_sets_up_a_commune_that_then_receives_under_its_code(
        qtbot: QtBot, tmp_path: Path, clock: FixedClock) -> None:
    prov, unit = drawn_commune()
    assert unit.full_name != "Xã Phù Đổng"
    data_dir = tmp_path / "fresh"
    store = open_store(data_dir, clock, demo=False, check=False)
    try:
        launcher = Launcher(store, clock, data_dir)
        wizard = launcher.start()
        qtbot.addWidget(wizard)
        assert isinstance(wizard, SetupWizard)
        qtbot.waitUntil(wizard.isActiveWindow)
        page = wizard.unit_page
        assert focused() is page.province_find
        type_text(fold(prov.bare_name))  # no diacritics typed
        choose(page.province_list, prov.full_name)
        press(Qt.Key.Key_Tab)
        assert focused() is page.commune_find
        type_text(fold(unit.bare_name))
        choose(page.commune_list, unit.full_name)
        press(Qt.Key.Key_Tab)
        assert focused() is page.agency
        type_text("000.00.00.H39")  # the province's own code
        press(Qt.Key.Key_Return)
        assert wizard.currentPage() is page  # stays, said at the field
        assert "mã của UBND tỉnh" in page.msgs["agency_code"].text()
        page.agency.selectAll()
        type_text(AGENCY.lower())
        press(Qt.Key.Key_Return)
        desk = wizard.desk_page
        assert wizard.currentPage() is desk and focused() is desk.desk_name
        press(Qt.Key.Key_Tab)
        type_text("0251 3823 456")
        press(Qt.Key.Key_Tab)
        type_text("Số 2 đường Nguyễn Văn Trị")
        press(Qt.Key.Key_Return)
        assert wizard.currentPage() is wizard.printer_page
        press(Qt.Key.Key_Return)
        assert wizard.currentPage() is wizard.hub_page
        with qtbot.waitSignal(wizard.setUp):
            press(Qt.Key.Key_Return)  # "Hoàn tất": nothing typed for the province, optional
        first = launcher.dialog
        assert isinstance(first, FirstRunDialog)
        assert not wizard.isVisible()  # closed, not left behind the next window
        qtbot.addWidget(first)
        with store.read() as s:
            c = s.scalars(select(Commune)).one()
            assert c.agency_code == AGENCY
            assert c.name == "Ủy ban nhân dân " + unit.full_name[0].lower() + unit.full_name[1:]
            assert c.phone == "0251 3823 456"
        # the administrator's account and the counter number, then the main window
        qtbot.waitUntil(first.isActiveWindow)
        first.full_name.setFocus()
        type_text("Phan Thanh Hà")
        for edit in (first.password, first.password2):
            edit.setText("mat-khau-moi-1")
        first.counter.setText("2")
        with qtbot.waitSignal(launcher.windowReady):
            press(Qt.Key.Key_Return, first.counter)
        window = launcher.window
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(window.isActiveWindow)
        assert unit.full_name[1:] in window.windowTitle()  # "Một cửa - Ủy ban … xã Mỹ Thiện"
        type_text("xac nhan tinh trang hon")
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_N, modifiers=ALT)
        scan(PAYLOAD)
        type_text("0912 345 678")
        press(Qt.Key.Key_Return, modifiers=CTRL)
        wait_writes()
        assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text(), window.intake.banner.text()
        with store.read() as s:
            d = s.scalars(select(Dossier)).one()
            assert d.code == f"{AGENCY}-261123-2001"  # counter 2, first of the day
            pdf = render_form(s, d.id, "01", now=clock.now()).pdf
        text = squash(pdf_text(pdf, tmp_path))
        assert squash(f"{AGENCY}-261123-2001") in text
        assert squash(f"ỦY BAN NHÂN DÂN {unit.full_name.upper()}") in text
        assert squash(f"{unit.bare_name}, ngày 23 tháng 11 năm 2026") in text
        window.close()
    finally:
        store.dispose()


def test_the_admin_changes_the_set_up_later_through_the_same_pages(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "admin")
    window.findChild(QPushButton, "adminButton").click()
    wait_writes()
    admin = window.admin_dialog
    qtbot.waitUntil(admin.isVisible)
    wizard = admin.open_setup()
    qtbot.addWidget(wizard)
    unit_page = wizard.unit_page
    # a desk set up before the wizard existed: its units found by their names
    assert unit_page.province_list.currentItem().text() == "Thành phố Hà Nội"
    assert unit_page.commune_list.currentItem().text() == "Xã Phù Đổng"
    assert unit_page.agency.text() == "000.00.12.H26"
    assert len(wizard.pages) == 3  # the province's server: from the status bar's "Đăng ký…"
    with store.write() as s:  # meanwhile the desk was enrolled under its code
        s.add(SyncEnrolment(hub_url="https://dongbo.hanoi.gov.vn", desk_id=4, credential="x",
                            agency_code="000.00.12.H26", enrolled_at=clock.now()))
    unit_page.agency.setText(AGENCY)
    wizard.next()
    wizard.desk_page.phone.setText("024 3827 9999")
    wizard.next()
    wizard.validateCurrentPage()  # "Hoàn tất": the write refuses the new code
    wait_writes()
    assert wizard.currentPage() is unit_page  # back where the problem is, said there
    assert "000.00.12.H26" in unit_page.msgs["agency_code"].text()
    unit_page.agency.setText("000.00.12.H26")
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.setUp):
        wizard.validateCurrentPage()
    assert not wizard.isVisible()
    with store.read() as s:
        c = s.scalars(select(Commune)).one()
        assert (c.phone, c.agency_code) == ("024 3827 9999", "000.00.12.H26")


def test_a_clerk_has_no_way_to_the_set_up(qtbot: QtBot, store: Store, clock: FixedClock,
                                          data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "binh")
    button = window.findChild(QPushButton, "adminButton")
    assert button is None  # the services refuse it too (tests/unit/test_commune_setup.py)
