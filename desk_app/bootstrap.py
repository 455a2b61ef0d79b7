"""Opening the desk's data folder: the Qt-free part of start-up.

Order: make the folders -> refuse to start afresh where a store existed (the data file missing
or zero-length while the marker, backups, printed forms or a draft show there was one:
:func:`desk_app.store.recovery.check_not_gone`) -> open the SQLite file -> migrate (copying the
file aside first when the schema changes; refusing a newer schema) -> write the marker on
first creation -> make sure a commune exists (the demo commune, in demo mode; else the
set-up wizard makes it at first start) -> load bundled
catalogue releases not loaded yet -> start ``quick_check`` of the file in the background
(every write waits for its verdict; a file found damaged refuses writes). A file whose check
failed at an earlier start is checked before this function returns.

A read-only folder, a full disk or a damaged file comes out as a
:class:`~desk_app.errors.KnownError` naming the folder, never as a database traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from desk_app.clock import Clock
from desk_app.errors import KnownError
from desk_app.paths import backups_dir, database_path
from desk_app.services.backups import audit_restore
from desk_app.services.setup import ensure_commune, load_bundled_catalogues
from desk_app.store import recovery, sealing
from desk_app.store.engine import Store
from desk_app.store.health import diagnose
from desk_app.store.migrate import migrate

log = logging.getLogger(__name__)


def open_store(data_dir: Path, clock: Clock, *, seed: bool = True, allow_fresh: bool = False,
               check: bool = True, demo: bool = True) -> Store:
    """The desk's store in ``data_dir``, migrated and seeded.

    ``demo``: a store without a commune becomes the demo commune (``./dev run``, the tests);
    otherwise it stays without one until the set-up wizard has run.
    ``allow_fresh``: the clerk confirmed a new, empty store where one existed.
    ``check``: run ``quick_check`` (in the background unless an earlier check failed).
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise diagnose(exc, data_dir) from exc
    if not allow_fresh:
        recovery.check_not_gone(data_dir)
    store = Store(database_path(data_dir))
    try:
        migrate(store, backups_dir(data_dir))
        sealing.seal_clear_credentials(store.engine)
        recovery.write_marker(data_dir, clock.now())
        if seed:
            with store.write() as session:
                if demo:
                    ensure_commune(session)
                load_bundled_catalogues(session, clock)
                audit_restore(session, clock.now())  # a restore, in the restored store's log
    except KnownError:
        store.dispose()
        raise
    except DBAPIError as exc:
        store.dispose()
        raise (store.known(exc) or diagnose(exc, data_dir)) from exc
    except OSError as exc:
        store.dispose()
        raise diagnose(exc, data_dir) from exc
    store.guard.on_failed.append(
        lambda problems: recovery.note_check_failed(data_dir, problems, clock.now()))
    if check:
        if recovery.check_failed_before(data_dir):
            log.warning("the store check failed at an earlier start: checking before opening")
            store.guard.run_now()
            if store.guard.state == "ok":
                recovery.check_failed_path(data_dir).unlink(missing_ok=True)
        else:
            store.guard.start()
    return store
