"""A separate process that attaches documents to a dossier (for the SIGKILL test).

Usage: python tests/scanning/proc_attach.py DATA_DIR DOSSIER_ID COMPONENT_ID COUNT [--hang-after-file]
Prints "SAVED <sha256>" after each committed attach; with --hang-after-file the last attach
writes its file, prints "FILE <sha256>" and waits (before its row commits) to be killed.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.scanning.assemble import pages_of
from desk_app.scanning.files import ScanFiles, Stored
from desk_app.services import scans
from desk_app.store.engine import Store
from tests.scanning.conftest import picture


class HangingFiles(ScanFiles):
    def put(self, data: bytes) -> Stored:
        stored = super().put(data)
        print(f"FILE {stored.sha256}", flush=True)
        time.sleep(3600)
        return stored


def main() -> None:
    data_dir, dossier, comp, count = (Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                                      int(sys.argv[4]))
    store = Store(database_path(data_dir))
    clock = FixedClock(datetime(2026, 11, 23, 10, 0))
    for i in range(count + (1 if "--hang-after-file" in sys.argv else 0)):
        hang = i == count
        files = (HangingFiles if hang else ScanFiles)(data_dir / "scans")
        pages = pages_of(picture("PNG", (300 + i, 400)))  # different bytes each time
        with store.write() as session:
            doc = scans.attach(session, clock, 3, files, dossier, comp, pages, source="file")
        print(f"SAVED {doc.sha256}", flush=True)


if __name__ == "__main__":
    main()
