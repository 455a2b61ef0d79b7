"""The bundled catalogue and catalogue versions."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.core.catalogue import CatalogueError, parse_catalogue, read_catalogue
from desk_app.paths import resources_dir
from desk_app.services import intake
from desk_app.services.setup import bundled_catalogues
from desk_app.store.catalogue import load_catalogue, version_in_force, versions_in_force
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, Procedure, ProcedureVersion
from tests.helpers import complete_request, load_test_release

CAT_DIR = resources_dir() / "catalogue"


def test_bundled_catalogue_is_real_and_broad() -> None:
    cat = read_catalogue(CAT_DIR / "procedures.json")
    assert len(cat.procedures) >= 40
    fields = Counter(p.field for p in cat.procedures)
    for needed in ("Hộ tịch", "Chứng thực", "Nuôi con nuôi", "Đất đai", "Hộ kinh doanh",
                   "Bảo trợ xã hội"):
        assert fields[needed] >= 1, needed
    by_code = {p.code: p for p in cat.procedures}
    assert by_code["2.000815"].time_limit.kind == "same_day"
    assert by_code["2.000815"].fee["kind"] == "per_page"
    assert by_code["1.001193"].name == "Đăng ký khai sinh"
    assert cat.effective_from == date(2026, 7, 1)


def test_newer_catalogue_adds_versions_and_old_dossiers_keep_theirs(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        old = intake.receive(s, clock, 3, complete_request(s, "1.004873"))
    # One release is bundled; the province's test release 2027.03 changes three procedures.
    assert [p.name for p in bundled_catalogues()] == ["procedures.json"]
    load_test_release(store, clock)
    with store.read() as s:
        proc = s.scalar(select(Procedure).where(Procedure.national_code == "1.004873"))
        proc_id = proc.id
        assert [v.effective_from for v in proc.versions] == [date(2026, 7, 1), date(2027, 3, 1)]
        assert proc.versions[0].effective_to == date(2027, 2, 28)
        before = version_in_force(s, proc.id, date(2027, 2, 28))
        after = version_in_force(s, proc.id, date(2027, 3, 1))
        assert before is not None and after is not None and before.id != after.id
        assert (before.limit_days, after.limit_days) == (3, 2)
        assert s.get(Dossier, old.dossier_id).procedure_version_id == before.id
        assert len(versions_in_force(s, date(2027, 3, 1))) == len(
            versions_in_force(s, date(2026, 11, 23)))
    # a dossier received after 1/3/2027 gets the new version and its 2-day limit
    clock.set(datetime(2027, 3, 2, 9, 0))  # Tue
    with store.write() as s:
        req = complete_request(s, "1.004873")
        req.procedure_version_id = version_in_force(s, proc_id, clock.now().date()).id
        new = intake.receive(s, clock, 3, req)
    assert new.due_at == datetime(2027, 3, 4, 9, 0)
    with store.read() as s:
        assert s.get(Dossier, old.dossier_id).due_at == datetime(2026, 11, 27, 9, 0)


def test_reloading_a_release_is_a_no_op(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        before = s.scalar(select(func.count(ProcedureVersion.id)))
        res = load_catalogue(s, read_catalogue(CAT_DIR / "procedures.json"), clock.now())
        assert res.already_loaded
        assert s.scalar(select(func.count(ProcedureVersion.id))) == before


def test_old_version_refused_at_intake_after_it_expired(store: Store, clock: FixedClock) -> None:
    load_test_release(store, clock)
    clock.set(datetime(2027, 3, 2, 9, 0))
    with store.write() as s:
        req = complete_request(s, "1.004873")  # first (2026) version, expired 28/2/2027
    with pytest.raises(intake.ValidationError) as info, store.write() as s:
        intake.receive(s, clock, 3, req)
    assert info.value.codes_for("procedure") == ["not_in_force"]


def test_malformed_catalogue_is_refused() -> None:
    base = {"catalogue_version": "x", "effective_from": "2026-01-01"}
    bad = [
        {"code": "1", "name": "A", "time_limit": {"kind": "working_days", "days": 0},
         "fee": {"kind": "free"}, "components": [{"name": "Tờ khai", "originals": 1}]},
        {"code": "1", "name": "A", "time_limit": {"kind": "same_day"}, "fee": {"kind": "free"},
         "components": []},
        {"code": "1", "name": "A", "time_limit": {"kind": "same_day"},
         "fee": {"kind": "bribe"}, "components": [{"name": "Tờ khai", "originals": 1}]},
    ]
    for proc in bad:
        with pytest.raises(CatalogueError):
            parse_catalogue(base | {"procedures": [proc]})
