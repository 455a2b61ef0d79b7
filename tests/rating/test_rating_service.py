"""Recording ratings on a real SQLite store: chain, outbox, repeat visits, tampering, figures."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from desk_app.clock import FixedClock
from desk_app.core.rating_settings import default_form, parse_form
from desk_app.core.ratingchain import GENESIS, seal, verify_chain
from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import ratings
from desk_app.services.ratings import RatingInput
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent, Setting
from desk_app.store.models_rating import Rating
from tests.rating.conftest import CLERK, LEADER


def _rate(store: Store, clock: FixedClock, dossier_id: int, overall: str = "satisfied",
          **kw: object) -> ratings.Recorded:
    with store.write() as s:
        return ratings.record_rating(
            s, clock, CLERK, RatingInput(dossier_id, kw.pop("occasion", "return"), overall,
                                         **kw))  # type: ignore[arg-type]


def test_rating_of_a_returned_dossier(store: Store, clock: FixedClock,
                                      returned_dossier: int) -> None:
    rec = _rate(store, clock, returned_dossier, "very_satisfied",
                criteria={"attitude": "satisfied", "timeliness": "on_time"},
                comment="  Cán bộ hướng dẫn tận tình ")
    assert rec.seq == 1 and rec.flags == () and not rec.already_stored
    with store.read() as s:
        row = s.scalars(select(Rating)).one()
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.entity == "rating")).one()
        desk = s.get(Setting, "rating.desk_uuid")
    assert row.prev_hash == GENESIS and row.hash == rec.hash
    assert row.comment == "Cán bộ hướng dẫn tận tình"
    assert row.clerk == "binh" and row.procedure_code == "1.004873"
    assert row.dossier_code.startswith("000.00.12.H26-2611")
    assert event.kind == "rating.recorded" and event.entity_uuid == row.uuid
    payload = event.payload
    assert payload["hash"] == rec.hash and payload["prev_hash"] == GENESIS
    assert payload["desk"] == desk.value and payload["seq"] == 1
    assert payload["overall"] == "very_satisfied"
    assert payload["criteria"] == {"attitude": "satisfied", "timeliness": "on_time"}
    assert payload["at"] == "2026-11-25T09:05:00+07:00"
    assert verify_chain([payload]) == []


def test_outbox_payloads_form_a_verifiable_chain(store: Store, clock: FixedClock,
                                                 receive: Callable[..., int]) -> None:
    for level in ("satisfied", "unsatisfied", "very_satisfied", "satisfied"):
        clock.advance(minutes=3)
        _rate(store, clock, receive(), level, occasion="intake")
    with store.read() as s:
        payloads = [e.payload for e in s.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "rating.recorded")
            .order_by(OutboxEvent.id))]
    assert [p["seq"] for p in payloads] == [1, 2, 3, 4]
    assert verify_chain(payloads) == []
    assert payloads[2]["prev_hash"] == payloads[1]["hash"]
    with store.read() as s:
        assert ratings.check_stored_chain(s) == []
        assert ratings.stored_chains(s)[payloads[0]["desk"]] == payloads


def test_same_uuid_twice_is_stored_once(store: Store, clock: FixedClock,
                                        returned_dossier: int) -> None:
    inp = RatingInput(returned_dossier, "return", "satisfied")
    with store.write() as s:
        first = ratings.record_rating(s, clock, CLERK, inp)
    with store.write() as s:
        second = ratings.record_rating(s, clock, CLERK, inp)
    assert second.already_stored and second.rating_id == first.rating_id
    with store.read() as s:
        assert len(s.scalars(select(Rating)).all()) == 1
        assert len(s.scalars(select(OutboxEvent).where(OutboxEvent.entity == "rating")).all()) == 1


def test_second_rating_of_the_same_visit_is_flagged_not_counted(
        store: Store, clock: FixedClock, returned_dossier: int) -> None:
    _rate(store, clock, returned_dossier, "satisfied")
    again = _rate(store, clock, returned_dossier, "unsatisfied")
    other_visit = _rate(store, clock, returned_dossier, "very_satisfied", occasion="intake")
    assert again.flags == ("repeat",) and other_visit.flags == ()
    with store.read() as s:
        rows, total = ratings.figures(s, start=date(2026, 11, 1), end=date(2026, 11, 30),
                                      by="clerk")
        assert ratings.check_stored_chain(s) == []
    assert total.total == 2 and total.counts == {"satisfied": 1, "very_satisfied": 1}
    assert [(r.label, r.total) for r in rows] == [("Nguyễn Văn Bình", 2)]


def test_bad_answers_are_refused_with_field_codes(store: Store, clock: FixedClock,
                                                  returned_dossier: int) -> None:
    with pytest.raises(ValidationError) as info:
        _rate(store, clock, returned_dossier, "tuyet_voi",
              criteria={"attitude": "meh", "parking": "satisfied"}, comment="x" * 501)
    assert info.value.codes_for("overall") == ["unknown_level"]
    assert info.value.codes_for("attitude") == ["unknown_level"]
    assert info.value.codes_for("parking") == ["unknown_question"]
    assert info.value.codes_for("comment") == ["too_long"]
    with pytest.raises(ValidationError) as info:  # time vs limit is not asked at intake
        _rate(store, clock, returned_dossier, "satisfied", occasion="intake",
              criteria={"timeliness": "on_time"})
    assert info.value.codes_for("timeliness") == ["unknown_question"]
    with pytest.raises(NotFoundError):
        _rate(store, clock, 99999)
    with store.read() as s:
        assert s.scalars(select(Rating)).all() == []


def test_ratings_table_refuses_edits_and_deletes(store: Store, clock: FixedClock,
                                                 returned_dossier: int) -> None:
    _rate(store, clock, returned_dossier)
    for sql in ("UPDATE ratings SET overall = 'very_satisfied'", "DELETE FROM ratings"):
        with pytest.raises(IntegrityError, match="append-only"):
            with store.write() as s:
                s.execute(text(sql))


def _tamper(store: Store, *sql: str) -> None:
    """What someone with the database file and sqlite3 could do: drop the guard, edit."""
    db = sqlite3.connect(store.path)
    db.execute("DROP TRIGGER ratings_no_update")
    db.execute("DROP TRIGGER ratings_no_delete")
    for statement in sql:
        db.execute(statement)
    db.commit()
    db.close()


def test_altered_stored_rating_is_reported(store: Store, clock: FixedClock,
                                           receive: Callable[..., int]) -> None:
    for level in ("unsatisfied", "unsatisfied", "satisfied", "satisfied"):
        clock.advance(minutes=1)
        _rate(store, clock, receive(), level, occasion="intake")
    _tamper(store, "UPDATE ratings SET overall = 'very_satisfied' WHERE seq = 2")
    with store.read() as s:
        problems = ratings.check_stored_chain(s)
    assert [(p.code, p.seq) for p in problems] == [("edited", 2)]


def test_deleted_stored_rating_is_reported(store: Store, clock: FixedClock,
                                           receive: Callable[..., int]) -> None:
    for _ in range(3):
        _rate(store, clock, receive(), "unsatisfied", occasion="intake")
    _tamper(store, "DELETE FROM ratings WHERE seq = 2")
    with store.read() as s:
        assert [(p.code, p.seq) for p in ratings.check_stored_chain(s)] == [
            ("missing", 3), ("broken_link", 3), ("missing", 2)]


def test_deleting_the_last_rating_is_seen_through_the_outbox(
        store: Store, clock: FixedClock, receive: Callable[..., int]) -> None:
    for _ in range(3):
        _rate(store, clock, receive(), "unsatisfied", occasion="intake")
    _tamper(store, "DELETE FROM ratings WHERE seq = 3")
    with store.read() as s:
        assert [str(p) for p in ratings.check_stored_chain(s)] == [
            "seq 3: missing: in the outbox but not in ratings"]


def test_rewriting_the_chain_is_seen_through_the_outbox(
        store: Store, clock: FixedClock, receive: Callable[..., int]) -> None:
    """Someone recomputes every hash after an edit: the chain is consistent again, but the
    records no longer match what was queued for (or already sent to) the province."""
    for _ in range(2):
        _rate(store, clock, receive(), "unsatisfied", occasion="intake")
    with store.read() as s:
        first, second = ratings.stored_chains(s).popitem()[1]
    forged1 = seal(GENESIS, {**first, "overall": "very_satisfied"})
    forged2 = seal(forged1["hash"], second)
    _tamper(store, *(f"UPDATE ratings SET overall = '{f['overall']}', prev_hash = "
                     f"'{f['prev_hash']}', hash = '{f['hash']}' WHERE seq = {f['seq']}"
                     for f in (forged1, forged2)))
    with store.read() as s:
        assert verify_chain(ratings.stored_chains(s).popitem()[1]) == []
        assert [(p.code, p.seq) for p in ratings.check_stored_chain(s)] == [
            ("edited", 1), ("edited", 2)]


def test_figures_per_clerk_procedure_and_month(store: Store, clock: FixedClock,
                                              receive: Callable[..., int]) -> None:
    plan = [("1.004873", "very_satisfied", CLERK), ("1.004873", "unsatisfied", CLERK),
            ("2.000815", "satisfied", LEADER)]
    for code, level, clerk in plan:
        dossier = receive(code)
        with store.write() as s:
            ratings.record_rating(s, clock, clerk, RatingInput(dossier, "intake", level))
    clock.set(clock.now().replace(month=12, day=1))
    _rate(store, clock, receive(), "satisfied", occasion="intake")
    with store.read() as s:
        by_clerk, total = ratings.figures(s, start=date(2026, 11, 1), end=date(2026, 11, 30),
                                          by="clerk")
        by_proc, _ = ratings.figures(s, start=date(2026, 11, 1), end=date(2026, 12, 31),
                                     by="procedure")
        by_month, all_total = ratings.figures(s, start=date(2026, 1, 1),
                                              end=date(2026, 12, 31), by="month")
    assert [(r.label, r.total, r.positive) for r in by_clerk] == [
        ("Nguyễn Văn Bình", 2, 1), ("Trần Thị Lan", 1, 1)]
    assert total.total == 3 and round(total.positive_pct, 1) == 66.7
    assert {r.key: r.total for r in by_proc} == {"1.004873": 3, "2.000815": 1}
    assert all(r.label.endswith(f"({r.key})") and len(r.label) > 20 for r in by_proc)
    assert [(r.label, r.total) for r in by_month] == [("11/2026", 3), ("12/2026", 1)]
    assert all_total.total == 4


def test_slip_from_settings_with_default(store: Store, clock: FixedClock,
                                         returned_dossier: int) -> None:
    with store.read() as s:
        assert ratings.load_form(s) == default_form()
    custom = {
        "id": "hue-2026", "offer_after": ["return"], "comment": False,
        "overall": {"code": "overall", "question": "Mức độ hài lòng?", "levels": [
            {"code": "yes", "label": "Hài lòng", "positive": True},
            {"code": "neutral", "label": "Bình thường"},
            {"code": "no", "label": "Không hài lòng"}]},
        "criteria": [],
    }
    with store.write() as s:
        s.add(Setting(key="rating", value=custom))
    with store.read() as s:
        form = ratings.load_form(s)
    assert form == parse_form(custom) and form.offer_after == ("return",)
    rec = _rate(store, clock, returned_dossier, "neutral")
    with store.read() as s:
        assert s.get(Rating, rec.rating_id).form == "hue-2026"
    with store.write() as s:  # a broken slip in the settings: the default applies
        s.get(Setting, "rating").value = {"id": "x", "overall": {"levels": []}}
    with store.read() as s:
        assert ratings.load_form(s) == default_form()
