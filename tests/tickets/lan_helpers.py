"""Shared parts of the LAN queue tests: a host store serving on loopback, counter stores."""

from __future__ import annotations

import shutil
from pathlib import Path

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.queue_lan.server import QueueServer
from desk_app.services.counter import set_counter
from desk_app.services.queue_host import set_link
from desk_app.store.engine import Store

ADMIN = 1


def make_host(store: Store, clock: FixedClock) -> str:
    """This store hosts the queue; its new key."""
    with store.write() as s:
        return set_link(s, clock, ADMIN, "host").key


def serve(store: Store, clock: FixedClock, port: int = 0) -> QueueServer:
    return QueueServer(store, clock, port, bind="127.0.0.1").start()


def counter_dir(template_dir: Path, tmp_path: Path, counter: int) -> Path:
    """Another desk's data folder (the seeded template) with its own counter number."""
    folder = tmp_path / f"counter{counter}"
    shutil.copytree(template_dir, folder)
    store = Store(database_path(folder))
    with store.write() as s:
        set_counter(s, counter)
    store.dispose()
    return folder
