"""Dossier codes across the counters of one commune: each desk has its own store and no network
at the moment of intake, and no two of them may ever make the same code (issue 10).

The scheme (desk_app/core/codes.py): the desk's counter number (1-9) is the first digit of the
4-digit daily sequence, then the desk's own count of the day on three digits."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from desk_app.clock import FixedClock
from desk_app.core.codes import (
    DEFAULT_FORMAT,
    CodeSpace,
    counter_sequence,
    format_code,
    looks_like_code,
    looks_like_partial_code,
)
from desk_app.errors import KnownError, ValidationError
from desk_app.paths import database_path
from desk_app.printing.context import load_dossier
from desk_app.services import counter as desk_counter
from desk_app.services import intake
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import CodeCounter, Dossier, OutboxEvent, Setting
from desk_app.store.models_sync import SyncEnrolment
from tests.helpers import complete_request

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "proc_receive.py"
CLERK, ADMIN = 3, 1


def test_the_counter_is_the_first_digit_of_the_daily_sequence() -> None:
    # worked out by hand: counter digit, then the day's count on three digits
    assert counter_sequence(1, 1) == 1001
    assert counter_sequence(2, 57) == 2057
    assert counter_sequence(9, 999) == 9999
    # a 1,000th dossier of a day gets one more digit: never another counter's number
    assert counter_sequence(2, 1000) == 21000
    assert counter_sequence(1, 12345) == 112345
    for bad in ((0, 1), (10, 1), (1, 0)):
        with pytest.raises(ValueError):
            counter_sequence(*bad)
    made = {format_code(DEFAULT_FORMAT, "000.00.21.H01", date(2026, 11, 28), counter_sequence(c, n))
            for c in range(1, 10) for n in range(1, 2001)}
    assert len(made) == 9 * 2000  # nine counters, 2,000 a day each: no code twice
    # legacy codes (before counters: first digit 0) never meet a counter's code
    legacy = {format_code(DEFAULT_FORMAT, "000.00.21.H01", date(2026, 11, 28), n)
              for n in range(1, 1000)}
    assert not legacy & made


def test_counter_codes_keep_the_national_look_and_are_found_by_their_end() -> None:
    code = "000.00.21.H01-261128-2001"
    assert format_code(DEFAULT_FORMAT, "000.00.21.H01", date(2026, 11, 28),
                       counter_sequence(2, 1)) == code
    assert looks_like_code(code) and looks_like_partial_code("2001")
    assert looks_like_code("000.00.21.H01-261128-21000")  # the rare 1,000th of a day too
    space = CodeSpace(DEFAULT_FORMAT, "000.00.21.H01", date(2026, 11, 27), date(2026, 11, 28))
    assert space.candidates("2001") == [code, "000.00.21.H01-261127-2001"]
    assert space.candidates("261128-2001") == [code]


def test_a_desk_without_a_counter_number_refuses_to_receive(store: Store, clock: FixedClock
                                                            ) -> None:
    with store.write() as s:
        s.execute(delete(Setting).where(Setting.key == desk_counter.COUNTER))
    with pytest.raises(KnownError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, complete_request(s))
    assert info.value.code == "counter_not_set"
    with store.read() as s:  # nothing written, no number spent
        assert s.scalar(select(func.count(Dossier.id))) == 0
        assert s.scalar(select(func.count(OutboxEvent.id))) == 0
        assert s.scalar(select(func.count()).select_from(CodeCounter)) == 0


def test_only_an_admin_sets_the_number_and_only_1_to_9(store: Store, clock: FixedClock) -> None:
    with pytest.raises(KnownError) as info, store.write() as s:
        desk_counter.change_counter(s, clock, CLERK, 2)
    assert info.value.code == "forbidden"
    for bad in ("0", "10", "", "a", "２", None, "-1"):
        with pytest.raises(ValidationError) as verr, store.write() as s:
            desk_counter.change_counter(s, clock, ADMIN, bad)
        assert verr.value.codes_for("counter") == ["bad_counter"], bad
    with store.write() as s:
        assert desk_counter.change_counter(s, clock, ADMIN, " 3 ") == 3
    with store.write() as s:
        assert intake.receive(s, clock, CLERK, complete_request(s)).code.endswith("-261123-3001")


def test_a_number_the_province_gave_to_another_desk_stops_intake_until_changed(
    store: Store, clock: FixedClock
) -> None:
    with store.write() as s:
        desk_counter.note_refused(s, 1)
    with pytest.raises(KnownError) as info, store.write() as s:
        intake.receive(s, clock, CLERK, complete_request(s))
    assert (info.value.code, info.value.params) == ("counter_taken", {"counter": 1})
    with store.write() as s:
        desk_counter.change_counter(s, clock, ADMIN, 4)
    with store.write() as s:
        assert intake.receive(s, clock, CLERK, complete_request(s)).code.endswith("-4001")


def test_an_upgraded_desk_goes_on_counting_and_finds_its_old_codes(
    store: Store, clock: FixedClock
) -> None:
    """Codes made before counters existed never change; later ones of the same day follow."""
    with store.write() as s:
        first = intake.receive(s, clock, CLERK, complete_request(s))
        old = first.code[:-4] + "0001"  # as the program made it before counter numbers
        s.get(Dossier, first.dossier_id).code = old
    with store.write() as s:
        second = intake.receive(s, clock, CLERK, complete_request(s))
    assert second.code == "000.00.12.H26-261123-1002"
    with store.read() as s:
        assert search_ids(s, "0001") == [first.dossier_id]
        assert search_ids(s, "261123-0001") == [first.dossier_id]
        assert search_ids(s, "1002") == [second.dossier_id]
        # the register line counts the desk's dossiers, whatever digits the code carries
        assert [load_dossier(s, i).register_number
                for i in (first.dossier_id, second.dossier_id)] == [1, 2]


def _spawn(data_dir: Path, count: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), str(count), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )


@pytest.mark.slow
def test_two_counters_of_one_commune_receiving_at_once_offline_never_share_a_code(
    template_dir: Path, tmp_path: Path
) -> None:
    """Two PCs of the same commune (two data folders made from the same set-up), counters 1
    and 2, no network (never enrolled), receive at the same moment."""
    folders = [tmp_path / "quay1", tmp_path / "quay2"]
    for folder in folders:
        shutil.copytree(template_dir, folder)
    go = tmp_path / "go"
    per_desk = 40
    workers = [_spawn(folder, per_desk, "--go-file", str(go), "--counter", str(n))
               for n, folder in enumerate(folders, start=1)]
    time.sleep(0.5)  # let both processes import and open their stores
    go.touch()
    printed: list[list[str]] = []
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        printed.append([line.split()[1] for line in out.splitlines()
                        if line.startswith("CODE ")])
    first, second = printed
    assert len(first) == len(second) == per_desk
    assert not set(first) & set(second)  # not one code twice in the commune
    day = "000.00.12.H26-261123-"
    assert first == [f"{day}1{n:03d}" for n in range(1, per_desk + 1)]
    assert second == [f"{day}2{n:03d}" for n in range(1, per_desk + 1)]
    assert all(looks_like_code(c) for c in first + second)
    for folder, codes in zip(folders, printed, strict=False):
        st = Store(database_path(folder))
        try:
            with st.read() as s:
                assert s.scalars(select(Dossier.code).order_by(Dossier.id)).all() == codes
                assert s.scalar(select(func.count(SyncEnrolment.id))) == 0  # offline
        finally:
            st.dispose()

