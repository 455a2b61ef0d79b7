"""An adversarial pass over the scanned files' sync (issue 16): what a crash, a faulty
network or a desk that does not play by the rules leaves at the hub, and that every file
still arrives once, byte-identical, or is refused without harm."""

from __future__ import annotations

import hashlib

from desk_app.sync import files as desk_files
from desk_app.sync.cycle import run_cycle
from tests.sync.conftest import LocalHub
from tests.sync.scan_docs import big_document, files_of, hub_holds
from tests.sync.test_sync_protocol import client_of, enrolled

CHUNK = 256 * 1024


def hub_holds_some(hub: LocalHub, shas: set[str]) -> None:
    for sha in shas:
        copies = list(hub.files.glob(f"c*/{sha[:2]}/{sha}.pdf"))
        assert len(copies) == 1 and hashlib.sha256(copies[0].read_bytes()).hexdigest() == sha


def _partial_of(hub: LocalHub, sha: str):  # type: ignore[no-untyped-def]
    found = list(hub.files.glob(f"c*/partial/{sha}.part"))
    assert len(found) == 1
    return found[0]


def test_a_partial_as_long_as_its_file_is_named_not_left_for_ever(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    """The hub killed after the last byte was appended but before the file was named (its
    whole hash takes a while for a large file) leaves a partial as long as the file: the desk
    then has nothing left to send from there, and the hub must finish it itself."""
    desk = enrolled(hub, make_desk, clock)
    sha = big_document(desk.store, clock, 600_000)
    run_cycle(desk.store, clock, client_of(hub, desk), file_budget=1)  # one chunk arrives
    part = _partial_of(hub, sha)
    data = files_of(desk.store).read(sha)
    with part.open("ab") as fh:  # the rest appended by the hub that was then killed
        fh.write(data[CHUNK:])
    run_cycle(desk.store, clock, client_of(hub, desk))  # raised bad_chunk: nothing to send
    hub_holds(hub.files, {sha})
    with desk.store.read() as s:
        assert desk_files.due(s) == []


def test_a_torn_partial_as_long_as_its_file_is_dropped_and_sent_again(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    """The same, with the last bytes torn (wrong): the hub drops it and the desk sends the
    file again from 0."""
    desk = enrolled(hub, make_desk, clock)
    sha = big_document(desk.store, clock, 600_000)
    run_cycle(desk.store, clock, client_of(hub, desk), file_budget=1)
    part = _partial_of(hub, sha)
    with part.open("ab") as fh:
        fh.write(b"\0" * (600_000 - CHUNK))
    assert hashlib.sha256(part.read_bytes()).hexdigest() != sha
    run_cycle(desk.store, clock, client_of(hub, desk))
    hub_holds(hub.files, {sha})
    with desk.store.read() as s:
        assert desk_files.due(s) == []


def test_two_documents_declaring_one_file_with_two_sizes_get_one_answer(
        hub: LocalHub, make_desk, clock) -> None:  # type: ignore[no-untyped-def]
    """A faulty desk declares the same file (SHA-256) twice with different sizes: the hub's
    two ways of asking (one file, many files) and its PUT must take the same size, else the
    status says one length and the PUT checks another."""
    import uuid as uuid_mod

    from desk_app.services import scans
    from desk_app.store.models import Dossier, DossierComponent
    from desk_app.store.models_scans import ScanDocument
    from tests.scanning.conftest import clerk_id, received

    desk = enrolled(hub, make_desk, clock)
    sha = big_document(desk.store, clock, 300_000)
    dossier_id, comps = received(desk.store, clock, "001090099999")
    with desk.store.write() as s:  # the same file declared 1,000 bytes longer
        dossier = s.get(Dossier, dossier_id)
        comp = s.get(DossierComponent, comps[0])
        assert dossier is not None and comp is not None
        doc = ScanDocument(uuid=str(uuid_mod.uuid4()), dossier_id=dossier.id,
                           component_id=comp.id, role="component", name=comp.name,
                           sha256=sha, size=301_000, pages=1, kind="pdf", source="file",
                           dpi=200, mode="gray", page_info=[], created_at=clock.now(),
                           created_by=clerk_id(desk.store))
        s.add(doc)
        s.flush()
        scans.document_event(s, doc, dossier, comp)
    client = client_of(hub, desk)
    run_cycle(desk.store, clock, client, file_budget=0)  # the events only
    one = client.file_status(sha)["size"]
    many = client.files_status([sha])[sha]["size"]
    assert one == many
    # a file the hub can never have whole from this desk does not hold back the others
    other = big_document(desk.store, clock, 100_000, id_number="001090088888")
    report = run_cycle(desk.store, clock, client)
    hub_holds_some(hub, {other})
    assert report.files.files == 1
