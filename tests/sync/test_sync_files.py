"""The sync of scanned files against the hub in-process (SQLite): a document's event goes
first and its file after it, in chunks, once per file; the province counts digitisation from
the events; the files are served to provincial staff only."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desk_app.scanning.files import ScanFiles
from desk_app.services import scans
from desk_app.store.models_scans import ScanUpload
from desk_app.sync import files as desk_files
from desk_app.sync.cycle import run_cycle
from province_hub import figures
from province_hub.app import create_app
from province_hub.clock import Clock
from province_hub.models import Document
from tests.scanning.conftest import clerk_id, received
from tests.sync.conftest import LocalHub
from tests.sync.helpers_sync import assert_hub_holds_desk
from tests.sync.scan_docs import big_document, desk_hashes, files_of, hub_holds, scanned
from tests.sync.test_hub_staff import login, make_staff
from tests.sync.test_sync_protocol import client_of, enrolled

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def test_files_follow_their_events_once_and_the_province_counts_them(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    desk = enrolled(hub, make_desk, clock)
    _, _, card = scanned(desk.store, clock)
    again, comps2 = received(desk.store, clock)  # the same citizen comes back
    with desk.store.write() as s:
        scans.reuse(s, clock, clerk_id(desk.store), files_of(desk.store), again, comps2[0],
                    card.id)
    big = big_document(desk.store, clock, 700_000)  # three chunks of 256 KiB
    report = run_cycle(desk.store, clock, client_of(hub, desk))
    assert_hub_holds_desk(hub.engine, desk.store)
    # two files (the re-use names the scanned one): sent once each, in chunks
    assert (report.files.files, report.files.already) == (2, 0)
    assert report.files.chunks == 3 + 1
    hub_holds(hub.files, desk_hashes(desk.store))
    assert desk_hashes(desk.store) == {card.sha256, big}
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanUpload)) == 2
        assert desk_files.due(s) == [] and desk_files.pending_files(s) == 0
    again_report = run_cycle(desk.store, clock, client_of(hub, desk))  # nothing left to send
    assert again_report.files.chunks == 0
    with hub.engine.connect() as c:
        docs = c.execute(select(Document.source, Document.sha256)).all()
    assert sorted(docs) == sorted([("scanner", card.sha256), ("reused", card.sha256),
                                   ("file", big)])
    with hub.engine.connect() as c:
        from sqlalchemy.orm import Session
        counts = next(iter(figures.commune_counts(Session(c), None, None,
                                                  Clock().vn_local()).values()))
    assert (counts.digitised_dossiers, counts.digitised_components, counts.reused_documents,
            counts.digitised_results) == (3, 3, 1, 0)


def test_a_file_already_held_is_not_sent_and_a_cut_resumes_where_the_hub_is(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    desk = enrolled(hub, make_desk, clock)
    sha = big_document(desk.store, clock, 1_000_000)
    # a budget of one chunk: the first cycle leaves the file half-way (as a cut line would)
    report = run_cycle(desk.store, clock, client_of(hub, desk), file_budget=1)
    assert report.files.more and report.files.chunks == 1
    assert (hub.files.glob("c*/partial/*.part")).__next__().stat().st_size == 256 * 1024
    with desk.store.read() as s:
        assert desk_files.due(s) == [(sha, 1_000_000)]  # still due: survives a restart
    report = run_cycle(desk.store, clock, client_of(hub, desk))
    assert report.files.chunks == 3 and report.files.bytes_sent == 1_000_000 - 256 * 1024
    hub_holds(hub.files, {sha})
    # the same bytes under a second desk-side record: the hub has them, nothing is sent
    with desk.store.write() as s:
        s.execute(ScanUpload.__table__.delete())
    report = run_cycle(desk.store, clock, client_of(hub, desk))
    assert (report.files.already, report.files.chunks) == (1, 0)


def test_the_hub_refuses_a_file_no_document_names_and_a_wrong_chunk(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    desk = enrolled(hub, make_desk, clock)
    client = client_of(hub, desk)
    data = b"%PDF-1.4 not declared"
    sha = hashlib.sha256(data).hexdigest()
    from desk_app.sync.client import Refused
    with pytest.raises(Refused) as info:
        client.put_chunk(sha, 0, data, sha)
    assert info.value.code == "unknown_file"
    declared = big_document(desk.store, clock, 300_000)
    run_cycle(desk.store, clock, client, file_budget=1)  # the event and one chunk
    piece = b"x" * 1000
    for offset, digest, code in ((0, hashlib.sha256(piece).hexdigest(), "offset_mismatch"),
                                 (256 * 1024, "0" * 64, "chunk_hash_mismatch")):
        with pytest.raises(Refused) as info:
            client.put_chunk(declared, offset, piece, digest)
        assert info.value.code == code
    # wrong bytes to the end: the whole file is not its name, the hub drops the partial
    rest = 300_000 - 256 * 1024
    with pytest.raises(Refused) as info:
        client.put_chunk(declared, 256 * 1024, b"y" * rest, hashlib.sha256(b"y" * rest)
                         .hexdigest())
    assert info.value.code == "file_hash_mismatch"
    assert client.file_status(declared)["received"] == 0
    run_cycle(desk.store, clock, client)  # the desk starts again and gets it right
    hub_holds(hub.files, {declared})


@pytest.fixture
def staff_site(hub: LocalHub) -> Iterator[TestClient]:
    make_staff(hub)
    app = create_app(engine=hub.engine, files_dir=hub.files)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def test_only_provincial_staff_open_a_document(
        hub: LocalHub, staff_site: TestClient, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    desk = enrolled(hub, make_desk, clock)
    _, _, card = scanned(desk.store, clock)
    run_cycle(desk.store, clock, client_of(hub, desk))
    credential = client_of(hub, desk).credential
    page = f"/tinh/tai-lieu/{card.uuid}"
    for headers in ({}, {"Authorization": f"Bearer {credential}"},
                    {"Authorization": f"Bearer {hub.admin}"},
                    {"Cookie": f"hub_staff={credential}"}, {"Cookie": f"hub_staff={hub.admin}"}):
        r = staff_site.get(page, headers=headers)
        assert (r.status_code, r.headers.get("location")) == (303, "/tinh/dang-nhap"), headers
        assert b"%PDF" not in r.content
    # nor through the desks' API: a desk reads how much is held, never the bytes
    r = staff_site.get(f"/api/v1/files/{card.sha256}",
                       headers={"Authorization": f"Bearer {credential}"})
    assert r.status_code == 200 and set(r.json()) >= {"size", "received", "complete"}
    login(staff_site)
    r = staff_site.get(page)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(r.content).hexdigest() == card.sha256
    assert r.content == ScanFiles.of_data_dir(desk.data_dir).read(card.sha256)
    assert staff_site.get("/tinh/tai-lieu/" + "0" * 36).status_code == 404
    assert re.fullmatch(r"[0-9a-f]{64}", card.sha256)
