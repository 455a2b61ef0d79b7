"""The hub reads the time only from the clock ``create_app`` is given (issue 11).

A hub on a real SQLite file, its clock fixed: every answer's ``X-Hub-Time`` and
``server_time`` say the fixed time, and what the routes store and judge follows that clock (an
enrolment code issued at the fixed time expires 7 days later by that clock, not the PC's).
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from desk_app.sync import protocol as p
from province_hub import auth
from province_hub.app import create_app
from province_hub.clock import FixedClock
from province_hub.db import make_engine, read, write
from province_hub.migrate import upgrade
from province_hub.models import EnrolmentCode

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx still works here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

AT = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)  # a time no test machine's clock shows
AGENCY = "000.00.41.H26"
Fixed = tuple[TestClient, FixedClock, str, Engine]


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[Fixed]:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    clock = FixedClock(AT)
    with write(engine) as s:
        admin = auth.make_admin_token(s, "test", clock.utc())
    with TestClient(create_app(engine=engine, clock=clock), base_url="http://testserver") as c:
        yield c, clock, admin, engine
    engine.dispose()


def test_every_answer_carries_the_injected_clock(
        fixed: Fixed) -> None:
    client, _clock, _admin, _engine = fixed
    for r in (client.get("/healthz"), client.get("/api/v1/pull"),  # 200, and 401
              client.get("/healthz", headers={p.HEADER_PROTOCOL: "999"})):  # 426
        assert r.headers[p.HEADER_HUB_TIME] == "2031-05-06T07:08:09Z", r.status_code
        assert r.json()["server_time"] == "2031-05-06T07:08:09Z", r.text


def test_routes_store_and_judge_by_the_injected_clock(
        fixed: Fixed) -> None:
    client, clock, admin, engine = fixed
    r = client.post("/api/v1/admin/codes", json={"agency_code": AGENCY, "valid_days": 7},
                    headers={"Authorization": f"Bearer {admin}"})
    assert r.status_code == 200, r.text
    with read(engine) as s:
        row = s.scalars(select(EnrolmentCode)).one()
        assert (row.issued_at, row.expires_at) == (datetime(2031, 5, 6, 7, 8, 9),
                                                   datetime(2031, 5, 13, 7, 8, 9))
    clock.advance(days=7, seconds=1)  # one second past the code's life, by the hub's clock
    body = {"code": r.json()["code"], "agency_code": AGENCY,
            "installation_id": str(uuid.uuid4())}
    refused = client.post("/api/v1/enrol", json=body)
    assert (refused.status_code, refused.json()["error"]) == (403, "bad_enrolment_code")
    assert refused.headers[p.HEADER_HUB_TIME] == "2031-05-13T07:08:10Z"
