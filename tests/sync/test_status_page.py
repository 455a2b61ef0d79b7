"""The citizen's status page (``/tra-cuu/<code>?k=<key>``) on the hub, on a real PostgreSQL,
with a dossier a real desk received and synced: what it shows and hides, the one "not found"
for an unknown code, a wrong key and a missing one, and the rate limit."""

from __future__ import annotations

import uuid as uuid_mod
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote

import httpx
import pytest

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.core.status_link import status_link
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status
from desk_app.store.models import Dossier
from desk_app.sync.cycle import run_cycle
from province_hub import auth
from province_hub.app import create_app
from province_hub.clock import Clock
from province_hub.clock import FixedClock as HubClock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.helpers import complete_request
from tests.sync.conftest import LocalHub, Postgres
from tests.sync.servers import new_database
from tests.sync.test_sync_protocol import client_of, enrolled

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = [pytest.mark.slow, pytest.mark.requires_postgresql]

HUB_START = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, an hour after intake
PERSON = {"full_name": "Trần Văn Đức", "id_number": "001090067890",
          "address": "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội", "phone": "0987 654 321",
          "email": "tran.duc@example.vn"}


class StatusHub(LocalHub):
    clock: HubClock


def hub_on(url: str, clock: HubClock) -> Iterator[StatusHub]:
    upgrade(url)
    engine = make_engine(url)
    with write(engine) as s:
        token = auth.make_admin_token(s, "test", Clock().utc())
    with TestClient(create_app(engine=engine, clock=clock), base_url="http://testserver",
                    client=("203.0.113.7", 50000)) as client:
        hub = StatusHub(engine, client, token)
        hub.clock = clock
        yield hub
    engine.dispose()


@pytest.fixture
def hub(postgres: Postgres) -> Iterator[StatusHub]:
    yield from hub_on(new_database(postgres.url, f"hub_{uuid_mod.uuid4().hex[:10]}"),
                      HubClock(HUB_START))


@pytest.fixture
def synced(hub: StatusHub, make_desk, clock: FixedClock):  # type: ignore[no-untyped-def]
    """A desk that received one dossier at 09:00 on Mon 23/11/2026 and synced at 10:00."""
    desk = enrolled(hub, make_desk, clock)
    with desk.store.write() as s:
        res = receive(s, clock, 3, complete_request(s, **PERSON))
        uuid = s.get(Dossier, res.dossier_id).uuid
    run_cycle(desk.store, clock, client_of(hub, desk))
    return desk, res.dossier_id, res.code, uuid


def path_of(link: str) -> str:
    return link.removeprefix("http://testserver")


def test_the_page_shows_the_status_and_nothing_personal(hub: StatusHub, synced, clock) -> None:  # type: ignore[no-untyped-def]
    desk, dossier_id, code, uuid = synced
    link = status_link("http://testserver", code, uuid)
    r = hub.client.get(path_of(link))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    page = r.text
    for shown in [code, "Trần V. Đ.", "Cấp Giấy xác nhận tình trạng hôn nhân",
                  f"Xã {desk.agency_code}",  # as the province named the commune
                  "Tiếp nhận lúc</dt><dd id=\"received\">09:00 ngày 23/11/2026",
                  # 3 working days; Tue 24/11 is a day off: Wed, Thu, Fri
                  "Hẹn trả kết quả</dt><dd id=\"due\">09:00 ngày 27/11/2026",
                  "Đã tiếp nhận, đang chờ giải quyết",
                  "lần gần nhất lúc <strong>10:00 ngày 23/11/2026</strong>"]:
        assert shown in page, shown
    for hidden in ["Trần Văn Đức", "Văn", "001090067890", "0987 654 321", "0987654321",
                   "Phù Dực", "tran.duc@example.vn", uuid, "Đã quá ngày hẹn"]:
        assert hidden not in page, hidden
    assert "<script" not in page and "src=" not in page and "href=" not in page
    # Monday 30/11, the result not ready: past the appointment of Fri 27/11
    hub.clock.set(datetime(2026, 11, 30, 2, 0, tzinfo=UTC))
    page = hub.client.get(path_of(link)).text
    assert "Đã quá ngày hẹn trả kết quả." in page
    assert "lần gần nhất lúc <strong>10:00 ngày 23/11/2026</strong>" in page  # as it was
    # the result comes back that morning; the desk syncs at 15:30
    clock.advance(days=7)
    with desk.store.write() as s:
        change_status(s, clock, 3, dossier_id, Status.RESULT_READY)
    hub.clock.set(datetime(2026, 11, 30, 8, 30, tzinfo=UTC))
    run_cycle(desk.store, clock, client_of(hub, desk))
    page = hub.client.get(path_of(link)).text
    assert "Đã có kết quả: mời ông/bà đến bộ phận một cửa để nhận" in page
    assert "lần gần nhất lúc <strong>15:30 ngày 30/11/2026</strong>" in page
    assert "Đã quá ngày hẹn" not in page  # waiting for the citizen, not for the office

def test_unknown_code_wrong_key_and_no_key_answer_the_same_bytes(hub: StatusHub, synced,
                                                                  make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    _desk, _id, code, uuid = synced
    good = path_of(status_link("http://testserver", code, uuid))
    key = good.split("?k=")[1]
    other_key = key[:-1] + ("A" if key[-1] != "A" else "B")
    unknown = code[:-4] + "9999"
    asked = [
        f"/tra-cuu/{unknown}?k={key}",  # no such code (with a real key of another)
        f"/tra-cuu/{quote(code)}?k={other_key}",  # one character off
        f"/tra-cuu/{quote(code)}",  # no key
        f"/tra-cuu/{quote(code)}?k=",  # an empty key
        f"/tra-cuu/{quote(code)}?k={key.lower()}",  # the key in the wrong case
        f"/tra-cuu/{quote(code)}?k={key}{key}",  # the key and more
        f"/tra-cuu/{quote(code)}?k=%C4%90%00",  # not even ASCII
        f"/tra-cuu/{quote(code)}%00?k={key}",  # NUL: PostgreSQL would refuse it in a query
        f"/tra-cuu/{'9' * 5000}?k={key}",  # longer than any code
        f"/tra-cuu/{quote(code)}/x?k={key}",  # more path
        "/tra-cuu/",
    ]
    answers = [hub.client.get(path) for path in asked]
    first = answers[0]
    assert first.status_code == 404
    assert "Không tìm thấy hồ sơ" in first.text
    for path, r in zip(asked, answers, strict=True):
        assert (r.status_code, r.headers.raw, r.content) == (
            first.status_code, first.headers.raw, first.content), path
    assert hub.client.get(good).status_code == 200


def test_too_many_lookups_from_one_address_get_a_429_page(hub: StatusHub, synced) -> None:  # type: ignore[no-untyped-def]
    _desk, _id, code, uuid = synced
    good = path_of(status_link("http://testserver", code, uuid))
    # the fixture's client asked nothing yet: 30 at once pass (found or not, all count)
    got = [hub.client.get(good if i % 2 else f"/tra-cuu/{i}").status_code for i in range(30)]
    assert got == [404, 200] * 15
    r = hub.client.get(good)
    assert r.status_code == 429
    # refilled at 30 a minute: the next one in 2 seconds
    assert r.headers["retry-after"] == "2"
    assert "Tra cứu quá nhiều lần" in r.text and "Xin thử lại sau 2 giây." in r.text
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    hub.clock.advance(seconds=1)
    assert hub.client.get(good).status_code == 429  # half a token: not yet
    assert hub.client.get(good).headers["retry-after"] == "1"
    hub.clock.advance(seconds=1)
    assert hub.client.get(good).status_code == 200
    assert hub.client.get(good).status_code == 429
    # another address is not held up by this one; another IPv6 /64 neither, the same /64 is
    app = hub.client.app
    for host, want in [("198.51.100.4", 200), ("2001:db8:1:2::10", 200)]:
        with TestClient(app, client=(host, 4000)) as other:
            assert other.get(good).status_code == want
    with TestClient(app, client=("2001:db8:1:2:aaaa::99", 4000)) as same_net:
        assert [same_net.get(good).status_code for _ in range(30)] == [200] * 29 + [429]


def test_the_real_hub_serves_the_page(hub_server, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    """The hub as uvicorn runs it (2 workers, PostgreSQL), reached over HTTP."""
    from desk_app.sync.enrolment import enrol_desk

    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    with desk.store.write() as s:
        res = receive(s, clock, 3, complete_request(s, **PERSON))
        uuid = s.get(Dossier, res.dossier_id).uuid
    from tests.sync.helpers_sync import sync_until_done

    sync_until_done(desk, clock)
    r = httpx.get(status_link(hub_server.url, res.code, uuid), timeout=10)
    assert r.status_code == 200 and "Trần V. Đ." in r.text and "001090067890" not in r.text
    assert httpx.get(f"{hub_server.url}/tra-cuu/{res.code}", timeout=10).status_code == 404

