"""Opening the desk's data folder: the Qt-free part of start-up.

Order: make the folders -> open the SQLite file -> migrate (copying the file aside first when
the schema changes; refusing a newer schema) -> make sure a commune exists (the demo commune by
default) -> load bundled catalogue releases not loaded yet.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desk_app.clock import Clock
from desk_app.paths import backups_dir, database_path
from desk_app.services.setup import ensure_commune, load_bundled_catalogues
from desk_app.store.engine import Store
from desk_app.store.migrate import migrate

log = logging.getLogger(__name__)


def open_store(data_dir: Path, clock: Clock, *, seed: bool = True) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(database_path(data_dir))
    migrate(store, backups_dir(data_dir))
    if seed:
        with store.write() as session:
            ensure_commune(session)
            load_bundled_catalogues(session, clock)
    return store
