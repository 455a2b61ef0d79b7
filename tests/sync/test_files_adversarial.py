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
