"""The province's figures at the hub (province_hub.figures), on SQLite and PostgreSQL: a month
of dossiers and ratings pushed as a desk sends them, and every count worked out by hand from
the rules of desk_app.core.indicators (see tests/sync/hub_seed.py for the month)."""

from __future__ import annotations

from datetime import date, datetime

from alembic import command
from sqlalchemy import select

from desk_app.core.indicators import Counts, default_index, score
from province_hub.db import read
from province_hub.figures import by_month, commune_counts, monthly
from province_hub.migrate import config, upgrade
from province_hub.models import Commune
from province_hub.models import Dossier as HubDossier
from tests.sync.conftest import LocalHub
from tests.sync.hub_seed import A, B, enrol_desk, november, push
from tests.sync.hubs import hub  # noqa: F401 (the fixture, on SQLite and PostgreSQL)

NOW = datetime(2026, 11, 20, 12, 0)


def counts(kinds: dict[str, int], channels: dict[str, int], **rest: object) -> Counts:
    c = Counts()
    c.kinds.update(kinds)
    c.by_channel.update(channels)
    for k, v in rest.items():
        setattr(c, k, v)
    return c


# Commune A, November: d1 early; d2 on time (16:00 of the due day), d11 on time (17:00 sharp);
# d3 late though extended (form 04), d4 late; d5 form 02 and d6 form 03 at intake (not
# received); d7 withdrawn, d12 stopped, d13 refused later; d8 (in processing) and d9 (extended
# to 25/11, but its legal due 10/11 is past) overdue on 20/11; d10 not due yet.
A_NOV = counts(
    {"received": 11, "supplement_requested": 1, "refused_intake": 1, "solved_early": 1,
     "solved_on_time": 2, "solved_late": 2, "apologised": 2, "late_apologised": 1,
     "refused_later": 1, "withdrawn": 1, "stopped": 1},
    {"desk": 8, "online": 2, "post": 1},
    overdue_open=2, overdue_apologised=1,
    # r1 (very satisfied), r3 (unsatisfied), r5 (unsatisfied); the two repeats not counted
    ratings=3, ratings_positive=1, criteria={"attitude": [2, 1], "timeliness": [1, 1]},
    # d2 (rated unsatisfied), d3 (late, and rated unsatisfied: once), d4 (late); d1's
    # unsatisfied rating is a repeat
    late_or_dissatisfied=3)
A_DEC = counts({}, {}, ratings=1, ratings_positive=1, criteria={"timeliness": [1, 1]})
B_NOV = counts({"received": 1, "solved_early": 1}, {"desk": 1})  # e1, received 30/11 16:00
B_DEC = counts({"received": 1, "solved_late": 1}, {"online": 1}, ratings=1, ratings_positive=1,
               criteria={"attitude": [1, 1]}, late_or_dissatisfied=1)


def seeded(hub: LocalHub) -> dict[str, int]:
    a, b = november()
    for seed in (a, b):
        push(lambda path, body, headers: hub.client.post(path, json=body, headers=headers),
             enrol_desk(hub.engine, seed.agency_code, f"Xã {seed.agency_code}"), seed)
    with read(hub.engine) as s:
        return {c.agency_code: c.id for c in s.scalars(select(Commune))}


def test_each_dossier_counts_as_the_shared_rules_say(hub: LocalHub) -> None:
    ids = seeded(hub)
    with read(hub.engine) as s:
        got = monthly(s, date(2026, 11, 1), date(2026, 12, 31), NOW)
        nov = commune_counts(s, date(2026, 11, 1), date(2026, 11, 30), NOW)
    assert got[ids[A]] == {"2026-11": A_NOV, "2026-12": A_DEC}
    assert got[ids[B]] == {"2026-11": B_NOV, "2026-12": B_DEC}
    assert nov == {ids[A]: A_NOV, ids[B]: B_NOV}
    # the province's months: the communes added up
    trend = by_month(got)
    assert list(trend) == ["2026-11", "2026-12"]
    assert (trend["2026-11"].kinds["received"], trend["2026-12"].ratings) == (12, 2)


def test_the_766_groups_of_a_commune(hub: LocalHub) -> None:
    ids = seeded(hub)
    with read(hub.engine) as s:
        a = commune_counts(s, date(2026, 11, 1), date(2026, 11, 30), NOW)[ids[A]]
    points = {x.group.code: (x.rate, x.points) for x in score(default_index(), a)}
    # progress: (1 early + 2 on time) / 5 solved; satisfaction: (5 solved - 3) / 5
    assert points == {"publicity": (None, None), "progress": (0.6, 12.0),
                      "digitisation": (None, None), "online": (None, None),
                      "satisfaction": (0.4, 7.2)}


def test_the_admin_summary_says_the_same(hub: LocalHub) -> None:
    seeded(hub)
    r = hub.client.get("/api/v1/admin/summary", headers={"Authorization": f"Bearer {hub.admin}"},
                       params={"start": "2026-11-01", "end": "2026-11-30",
                               "as_of": NOW.isoformat()})
    rows = {x["agency_code"]: x for x in r.json()["communes"]}
    assert {k: rows[A][k] for k in ("dossiers", "received", "on_time", "late", "overdue_open",
                                     "on_time_rate", "ratings", "satisfaction_rate")} == {
        "dossiers": 13, "received": 11, "on_time": 3, "late": 2, "overdue_open": 2,
        "on_time_rate": 60.0, "ratings": 3, "satisfaction_rate": 33.33}


def test_the_migration_fills_the_legal_due_date_and_channel_from_what_the_hub_holds(
    hub: LocalHub,
) -> None:
    ids = seeded(hub)
    url = hub.engine.url.render_as_string(hide_password=False)
    hub.engine.dispose()
    command.downgrade(config(url), "0004_chain")
    upgrade(url)
    hub.engine.dispose()
    with read(hub.engine) as s:
        rows = {d.code[-4:]: (d.due_at, d.original_due_at, d.channel)
                for d in s.scalars(select(HubDossier).where(HubDossier.code.like(f"{A}-%")))}
    assert rows["0003"] == (datetime(2026, 11, 10, 17), datetime(2026, 11, 6, 17), "desk")
    assert rows["0002"] == (datetime(2026, 11, 5, 17), datetime(2026, 11, 5, 17), "online")
    assert rows["0005"] == (None, None, "online")
    with read(hub.engine) as s:
        assert monthly(s, date(2026, 11, 1), date(2026, 11, 30), NOW)[ids[A]]["2026-11"] == A_NOV
