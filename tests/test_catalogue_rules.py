"""What the catalogue says and where it comes from (issue 12): limit kinds and their legal
sources, the components of 1.012590 as the law lists them, test data never shipped, a province
release superseding a bundled one, and the retirement of the test release on old installs."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.catalogue import parse_catalogue, read_catalogue
from desk_app.paths import resources_dir
from desk_app.services import intake
from desk_app.store import migrate
from desk_app.store.catalogue import load_catalogue, version_in_force
from desk_app.store.engine import Store
from desk_app.store.models import CatalogueRelease, Dossier, Procedure
from tests.helpers import TEST_RELEASE, complete_request

BUNDLED = resources_dir() / "catalogue" / "procedures.json"

# Limits the law writes in days ("ngày"), not working days, read from each text by hand.
CALENDAR_DAYS = {
    "2.001263": 30,  # Luật Nuôi con nuôi 2010, Điều 19
    "1.012812": 30,  # Luật Đất đai 2024, Điều 235
    "1.012592": 15,  # Luật Tín ngưỡng, tôn giáo 2016, Điều 12
    "1.012591": 15,  # Luật Tín ngưỡng, tôn giáo 2016, Điều 13
    "1.012590": 20,  # Luật Tín ngưỡng, tôn giáo 2016, Điều 16
    "1.013225": 15,  # Luật Xây dựng, Điều 102: 15 ngày for a detached house
}


def test_limits_in_days_are_calendar_days_and_every_limit_names_its_source() -> None:
    cat = read_catalogue(BUNDLED)
    by_code = {p.code: p for p in cat.procedures}
    for code, days in CALENDAR_DAYS.items():
        limit = by_code[code].time_limit
        assert (limit.kind, limit.days) == ("calendar_days", days), code
    assert by_code["2.001263"].limit_source.startswith("Luật Nuôi con nuôi 2010, Điều 19")
    assert all(p.limit_source for p in cat.procedures), "a limit without its legal source"
    # working-day limits stay working days: Luật Hộ tịch art. 25, 03 ngày làm việc
    assert by_code["1.001022"].time_limit.kind == "working_days"


def test_religious_group_registration_lists_what_article_16_asks() -> None:
    # Luật Tín ngưỡng, tôn giáo 2016, Điều 16 khoản 3: a) the registration; b) the
    # representative's résumé and criminal-record certificate; c) proof of a lawful place
    proc = {p.code: p for p in read_catalogue(BUNDLED).procedures}["1.012590"]
    names = [c.name for c in proc.components]
    assert len(names) == 4
    assert names[0].startswith("Văn bản đăng ký sinh hoạt tôn giáo tập trung")
    assert any("tóm tắt lý lịch của người đại diện" in n for n in names)
    assert any("lý lịch tư pháp của người đại diện" in n for n in names)
    assert any("địa điểm hợp pháp" in n for n in names)
    assert not any("Danh sách" in n or "giáo lý" in n for n in names)  # not in art. 16


def test_test_data_never_ships() -> None:
    shipped = sorted((resources_dir() / "catalogue").glob("*.json"))
    assert [p.name for p in shipped] == ["procedures.json"]
    for path in shipped:
        assert "thử nghiệm" not in json.loads(path.read_text(encoding="utf-8"))["description"]
    assert "thử nghiệm" in json.loads(TEST_RELEASE.read_text(encoding="utf-8"))["description"]


def _release(version: str, effective: str, limit_days: int) -> dict:
    """The bundled 1.004873 with another limit, as a province would publish it."""
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    proc = next(p for p in data["procedures"] if p["code"] == "1.004873")
    proc["time_limit"] = {"kind": "working_days", "days": limit_days}
    return data | {"catalogue_version": version, "effective_from": effective,
                   "procedures": [proc]}


def test_a_province_release_dated_earlier_supersedes_the_bundled_version_from_today(
        store: Store, clock: FixedClock) -> None:
    with store.write() as s:  # a dossier under the bundled version (3 working days)
        old = intake.receive(s, clock, 3, complete_request(s, "1.004873"))
    today = clock.now().date()
    with store.write() as s:  # dated 01/06/2026, before the bundled 01/07/2026
        load_catalogue(s, parse_catalogue(_release("2026.06.9", "2026-06-01", 2)),
                       clock.now(), source="province")
    with store.read() as s:
        proc = s.scalar(select(Procedure).where(Procedure.national_code == "1.004873"))
        now = version_in_force(s, proc.id, today)
        before = version_in_force(s, proc.id, date.fromordinal(today.toordinal() - 1))
        assert now is not None and now.limit_days == 2 and now.effective_from == today
        assert before is not None and before.limit_days == 3
        assert s.get(Dossier, old.dossier_id).procedure_version_id == before.id  # kept


def test_the_province_version_is_never_superseded_by_an_older_or_bundled_release(
        store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        load_catalogue(s, parse_catalogue(_release("2026.12.1", "2026-12-01", 2)),
                       clock.now(), source="province")
    for version, source in (("2026.11.9", "province"), ("2026.11.8", "procedures.json")):
        with pytest.raises(ValueError, match="not newer"), store.write() as s:
            load_catalogue(s, parse_catalogue(_release(version, "2026-11-15", 4)),
                           clock.now(), source=source)


def _with_old_test_release(store: Store, clock: FixedClock) -> None:
    """A store as an install before this fix left it: the test release loaded from the
    program's folder, then the schema one step back."""
    with store.write() as s:
        load_catalogue(s, read_catalogue(TEST_RELEASE), clock.now(),
                       source="procedures-2027.03.json")
    cfg = migrate.alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")


def test_an_old_install_loses_the_test_release_on_upgrade(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    _with_old_test_release(store, clock)
    migrate.migrate(store, tmp_path / "backups")
    with store.read() as s:
        assert s.scalar(select(CatalogueRelease).where(
            CatalogueRelease.version == "2027.03.1")) is None
        proc = s.scalar(select(Procedure).where(Procedure.national_code == "1.004873"))
        assert [(v.effective_from, v.effective_to) for v in proc.versions] == [
            (date(2026, 7, 1), None)]  # open again: 3 working days after 01/03/2027 too
        assert version_in_force(s, proc.id, date(2027, 3, 2)).limit_days == 3


def test_a_test_release_a_dossier_was_received_under_stays(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    with store.write() as s:
        load_catalogue(s, read_catalogue(TEST_RELEASE), clock.now(),
                       source="procedures-2027.03.json")
    clock.set(datetime(2027, 3, 2, 9, 0))
    with store.write() as s:
        req = complete_request(s, "1.004873")
        proc = s.scalar(select(Procedure).where(Procedure.national_code == "1.004873"))
        req.procedure_version_id = version_in_force(s, proc.id, clock.now().date()).id
        intake.receive(s, clock, 3, req)
    cfg = migrate.alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    migrate.migrate(store, tmp_path / "backups")
    with store.read() as s:
        assert s.scalar(select(CatalogueRelease).where(
            CatalogueRelease.version == "2027.03.1")) is not None
