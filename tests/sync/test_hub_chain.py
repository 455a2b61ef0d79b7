"""The hub checks a desk's rating chain from where its last check stopped, and finds exactly
what a check of the whole chain finds: an edited record, a gap filled later by a resend,
records arriving out of order, a duplicate seq, a malformed record."""

from __future__ import annotations

import random
import uuid as uuid_mod
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.core.ratingchain import (
    GENESIS,
    ChainPosition,
    check_chain,
    check_from,
    seal,
    verify_chain,
)
from desk_app.sync import protocol as p
from province_hub import ratings
from province_hub.models import Desk
from tests.sync.helpers_sync import desk_id_of
from tests.sync.hubs import hub  # noqa: F401  (on SQLite and PostgreSQL)
from tests.sync.test_sync_protocol import client_of, enrolled

AT = "2026-11-23T09:00:00+07:00"


def chain(n: int, agency: str) -> list[dict[str, Any]]:
    """``n`` sealed rating records of one desk's chain."""
    out, prev, desk = [], GENESIS, str(uuid_mod.uuid4())
    for seq in range(1, n + 1):
        rec = seal(prev, {"uuid": str(uuid_mod.uuid4()), "seq": seq, "desk": desk,
                          "agency_code": agency, "dossier_uuid": "", "overall": "satisfied",
                          "at": AT})
        out.append(rec)
        prev = rec["hash"]
    return out


def event(seq: int, rec: dict[str, Any]) -> dict[str, Any]:
    return {"uuid": str(uuid_mod.uuid4()), "seq": seq, "entity": "rating",
            "entity_uuid": rec["uuid"], "kind": "rating.recorded", "payload": rec,
            "created_at": AT}


def test_checking_from_the_last_position_finds_what_the_whole_check_finds(
        hub, make_desk, clock, monkeypatch) -> None:
    desk = enrolled(hub, make_desk, clock)
    desk_id = desk_id_of(desk.store)
    c = client_of(hub, desk)
    recs = chain(45, desk.agency_code)
    recs[6] = {**recs[6], "overall": "very_satisfied"}  # seq 7 edited after it was sealed
    twin = seal(recs[28]["hash"], {**recs[29], "uuid": str(uuid_mod.uuid4())})  # a second 30
    malformed = {k: v for k, v in recs[30].items() if k != "seq"} | {
        "uuid": str(uuid_mod.uuid4())}
    whole: list[int] = []
    real_whole = ratings.whole_chain
    monkeypatch.setattr(ratings, "whole_chain",
                        lambda s, d: whole.append(1) or real_whole(s, d))
    batches: list[tuple[list[dict[str, Any]], bool, bool]] = [  # events, fill_gaps, whole?
        ([event(i, recs[i - 1]) for i in range(1, 11)], False, True),  # no position yet
        ([event(i, recs[i - 1]) for i in range(12, 21)], False, False),  # 11 missing
        ([event(11, recs[10])], True, True),  # the gap filled by a resend
        ([event(i - 5, recs[i - 1]) for i in range(26, 31)], False, False),  # 21-25 missing
        ([event(i + 5, recs[i - 1]) for i in range(21, 26)], False, True),  # ... out of order
        ([event(31, twin)], False, True),  # seq 30 twice: a duplicate
        ([event(32, malformed)], False, False),  # no seq: malformed
        ([event(i + 2, recs[i - 1]) for i in range(31, 41)], False, True),  # sorts before it
        ([event(i + 2, recs[i - 1]) for i in range(41, 46)], False, False),
    ]
    for n, (events, fill_gaps, expect_whole) in enumerate(batches):
        before = len(whole)
        answer = c.push(events, fill_gaps=fill_gaps)
        assert [r.status for r in answer.results] == [p.STORED] * len(events), n
        with hub.engine.connect() as conn:
            problems = conn.scalar(select(Desk.chain_problems).where(Desk.id == desk_id))
            held = [rec for _, _, rec in real_whole(conn, desk_id)]  # type: ignore[arg-type]
        assert problems == verify_chain(held), n
        assert (len(whole) > before) == expect_whole, n
    assert any("seq 7: edited" in x for x in problems)
    assert any("seq 30: duplicate" in x for x in problems)
    assert any("malformed" in x for x in problems)
    assert not any("missing" in x for x in problems)  # every gap was filled in the end


@pytest.mark.parametrize("seed", range(20))
def test_a_chain_checked_in_pieces_gives_the_whole_check(seed: int) -> None:
    rng = random.Random(seed)
    recs = chain(60, "000.00.01.H26")
    for _ in range(4):  # edits, drops, swaps, copies, malformed records
        i = rng.randrange(len(recs))
        what = rng.choice(["edit", "drop", "swap", "copy", "malformed"])
        if what == "edit":
            recs[i] = {**recs[i], "overall": "unsatisfied"}
        elif what == "drop":
            del recs[i]
        elif what == "swap" and i + 1 < len(recs):
            recs[i], recs[i + 1] = recs[i + 1], recs[i]
        elif what == "copy":
            recs.insert(i, dict(recs[i]))
        else:
            recs[i] = {k: v for k, v in recs[i].items() if k != "hash"}
    found: list[str] = []
    pos = ChainPosition()
    start = 0
    while start < len(recs):
        end = start + rng.randrange(1, 12)
        piece = recs[start:end]
        if any(isinstance(r.get("seq"), int) and r["seq"] <= pos.seq for r in piece):
            problems, pos = check_from(recs[:end])  # what the hub does: the whole again
            found = [str(x) for x in problems]
        else:
            problems, pos = check_from(piece, pos)
            found += [str(x) for x in problems]
        start = end
    assert found == [str(x) for x in check_chain(recs)]


def test_the_content_hash_made_with_the_payload_text_is_the_protocols() -> None:
    import json

    from province_hub.ingest import _hashed

    rng = random.Random(7)

    def value(depth: int) -> Any:
        k = rng.random()
        if depth > 3 or k < 0.4:
            return rng.choice(["Trần Văn Đức", 'a"b\\c', "\u2028", "😀", "\t", 1, -2, 2.5,
                               1e16, None, True])
        if k < 0.7:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        return {rng.choice(["b", "a", "Đ", "é"]) + str(i): value(depth + 1)
                for i in range(rng.randrange(5))}

    for i in range(500):
        ev = {"uuid": str(uuid_mod.uuid4()), "seq": i + 1, "entity": "dossier",
              "entity_uuid": f"Đ\"{i}", "kind": "dossier.intake", "created_at": AT,
              "payload": {"uuid": f"Đ\"{i}", "x": value(0)}}
        digest, text = _hashed(ev)
        assert digest == p.content_hash(ev)
        assert json.loads(text) == ev["payload"]
