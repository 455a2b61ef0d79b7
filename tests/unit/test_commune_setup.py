"""The units a desk is set up for (the 2025 two-tier list), agency codes (QĐ 20/2020/QĐ-TTg),
and the set-up's one write: what a first start and an admin may change, and what never changes
(codes already issued)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.core import divisions
from desk_app.errors import ValidationError
from desk_app.services.access import ForbiddenError
from desk_app.services.commune_setup import (
    SetupValues,
    current_setup,
    save_setup,
    take_pending_enrolment,
)
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Commune, Dossier
from desk_app.store.models_sync import SyncEnrolment
from tests.helpers import complete_request

CLOCK = FixedClock(datetime(2026, 11, 23, 9, 0))


def _unit(province_name: str, name: str) -> tuple[divisions.Unit, divisions.Unit]:
    prov = next(p for p in divisions.provinces() if p.full_name == province_name)
    return prov, next(c for c in divisions.communes(prov.code) if c.full_name == name)


def test_the_list_is_the_one_in_force_since_july_2025() -> None:
    # Nghị quyết 202/2025/QH15: 34 provinces; 3,321 commune-level units after the merger
    assert len(divisions.provinces()) == 34
    assert sum(len(divisions.communes(p.code)) for p in divisions.provinces()) == 3321
    assert not divisions.communes(999)


def test_names_are_matched_without_diacritics() -> None:
    prov, unit = _unit("Thành phố Hà Nội", "Xã Phù Đổng")
    assert divisions.matches(unit, "phu dong") and divisions.matches(unit, "xa phu dong")
    assert divisions.matches(prov, "ha noi") and not divisions.matches(prov, "ha nam")
    dong_nai = [p.full_name for p in divisions.provinces() if divisions.matches(p, "dong nai")]
    assert dong_nai == ["Tỉnh Đồng Nai"]


@pytest.mark.parametrize(("province", "name", "expected"), [
    ("Thành phố Hà Nội", "Xã Phù Đổng",
     ("Ủy ban nhân dân xã Phù Đổng", "Ủy ban nhân dân thành phố Hà Nội", "Phù Đổng")),
    ("Tỉnh An Giang", "Đặc khu Phú Quốc",
     ("Ủy ban nhân dân đặc khu Phú Quốc", "Ủy ban nhân dân tỉnh An Giang", "Phú Quốc")),
    ("Thành phố Hà Nội", "Phường Hoàn Kiếm",
     ("Ủy ban nhân dân phường Hoàn Kiếm", "Ủy ban nhân dân thành phố Hà Nội", "Hoàn Kiếm")),
])
def test_how_forms_name_the_commune(province: str, name: str,
                                    expected: tuple[str, str, str]) -> None:
    names = divisions.agency_names(*_unit(province, name))
    assert (names["name"], names["parent_name"], names["place_name"]) == expected


@pytest.mark.parametrize(("typed", "written"), [
    ("000.00.12.H26", "000.00.12.H26"),
    (" 000.05.31.h48 ", "000.05.31.H48"),
    ("000.21.00.H56", "000.21.00.H56"),
])
def test_agency_codes_of_the_law_are_taken(typed: str, written: str) -> None:
    assert divisions.check_agency_code(typed) == written


@pytest.mark.parametrize(("typed", "code"), [
    ("", "required"),
    ("000.00.12", "agency_format"),
    ("000.00.12.26", "agency_format"),
    ("00.00.12.H26", "agency_format"),
    ("000-00-12-H26", "agency_format"),
    ("000.00.00.H26", "agency_province_level"),  # the province's own People's Committee
])
def test_other_agency_codes_are_refused_with_the_reason(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        divisions.check_agency_code(typed)
    assert info.value.codes_for("agency_code") == [code]


def _values(**changes: object) -> SetupValues:
    prov, unit = _unit("Tỉnh Đồng Nai", "Phường Trấn Biên")
    values = SetupValues(province=prov.code, commune=unit.code, agency_code="000.07.21.H39",
                         phone="0251 3823 456", address="Số 2 Nguyễn Văn Trị")
    for key, value in changes.items():
        setattr(values, key, value)
    return values


def test_first_start_writes_the_commune(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d", CLOCK, demo=False, check=False)
    try:
        with store.read() as s:
            assert s.scalars(select(Commune)).first() is None  # not the demo commune
        with store.write() as s:
            save_setup(s, CLOCK, None, _values(hub_url="https://dongbo.dongnai.gov.vn",
                                               enrol_code="ABCD-EFGH"))
        with store.read() as s:
            c = s.scalars(select(Commune)).one()
            assert (c.name, c.parent_name, c.place_name, c.agency_code, c.phone) == (
                "Ủy ban nhân dân phường Trấn Biên", "Ủy ban nhân dân tỉnh Đồng Nai",
                "Trấn Biên", "000.07.21.H39", "0251 3823 456")
            assert c.office_hours == [["07:30", "11:30"], ["13:30", "17:00"]]
            assert "demo" not in c.settings
            again = current_setup(s)
            assert (again.province, again.commune) == (_values().province, _values().commune)
        with store.write() as s:
            assert take_pending_enrolment(s) == {"hub_url": "https://dongbo.dongnai.gov.vn",
                                                 "code": "ABCD-EFGH"}
        with store.write() as s:
            assert take_pending_enrolment(s) is None  # handed over once, then forgotten
    finally:
        store.dispose()


def test_every_problem_is_said_at_its_field(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d", CLOCK, demo=False, check=False)
    try:
        bad = _values(commune=0, agency_code="H39", phone="12345", desk_name=" ",
                      hours=[("07:30", "07:00"), ("", "")], hub_url="dongbo", enrol_code="")
        with pytest.raises(ValidationError) as info, store.write() as s:
            save_setup(s, CLOCK, None, bad)
        codes = {e.field: e.code for e in info.value.errors}
        assert codes == {"commune": "required", "agency_code": "agency_format",
                         "phone": "bad_phone", "desk_name": "required",
                         "hours.0.end": "hours_end_early", "hub_url": "bad_url",
                         "enrol_code": "required"}
        with store.read() as s:
            assert s.scalars(select(Commune)).first() is None  # nothing written
    finally:
        store.dispose()


def _receive(store: Store, clock: FixedClock, clerk_id: int) -> str:
    with store.write() as s:
        return receive(s, clock, clerk_id, complete_request(s)).code


def test_only_an_admin_changes_it_later_and_issued_codes_stay(
        store: Store, clock: FixedClock) -> None:
    with store.read() as s:
        admin, clerk = (s.scalar(select(Clerk.id).where(Clerk.username == name))
                        for name in ("admin", "binh"))
    assert admin is not None and clerk is not None
    old_code = _receive(store, clock, clerk)
    with pytest.raises(ValidationError), store.write() as s:
        save_setup(s, clock, None, _values())  # no "first start" once accounts exist
    with pytest.raises(ForbiddenError), store.write() as s:
        save_setup(s, clock, clerk, _values())
    with store.write() as s:
        save_setup(s, clock, admin, _values())
    new_code = _receive(store, clock, clerk)
    with store.read() as s:
        codes = set(s.scalars(select(Dossier.code)))
        commune = s.scalars(select(Commune)).one()
        assert "lookup_text" not in commune.settings  # the demo's Hà Nội address went
    assert old_code == "000.00.12.H26-261123-1001" and old_code in codes  # unchanged
    assert new_code == "000.07.21.H39-261123-1001"  # the new code's own daily sequence


def test_an_enrolled_desk_keeps_its_agency_code(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        s.add(SyncEnrolment(hub_url="https://dongbo.hanoi.gov.vn", desk_id=4, credential="x",
                            agency_code="000.00.12.H26", enrolled_at=clock.now()))
    with pytest.raises(ValidationError) as info, store.write() as s:
        save_setup(s, clock, admin, _values())
    assert info.value.errors[0].code == "agency_enrolled"
    assert info.value.errors[0].params == {"code": "000.00.12.H26"}
    with store.write() as s:  # the same code: the rest may change
        save_setup(s, clock, admin, _values(agency_code="000.00.12.H26"))
