"""A separate process that receives dossiers into a data folder (for concurrency/crash tests).

Usage: python tests/proc_receive.py DATA_DIR COUNT [--go-file PATH] [--hang] [--counter N]
Prints one line "CODE <code>" per dossier, flushed right after each save returns. With --hang
it then waits forever, so the test can SIGKILL it; --go-file makes it wait until that file
exists, so several processes start writing at the same moment; --counter sets the desk's
counter number first (as at its set-up).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services.counter import set_counter
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from tests.helpers import complete_request


def main() -> None:
    data_dir, count = Path(sys.argv[1]), int(sys.argv[2])
    go_file = Path(sys.argv[sys.argv.index("--go-file") + 1]) if "--go-file" in sys.argv else None
    store = Store(database_path(data_dir))
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    if "--counter" in sys.argv:
        with store.write() as session:
            set_counter(session, sys.argv[sys.argv.index("--counter") + 1])
    while go_file is not None and not go_file.exists():
        time.sleep(0.005)
    for _ in range(count):
        with store.write() as session:
            req = complete_request(session, full_name="Lê Thị Hồng Nhung")
            result = receive(session, clock, 3, req)
        print(f"CODE {result.code}", flush=True)
    if "--hang" in sys.argv:
        print("SAVED", flush=True)
        time.sleep(3600)


if __name__ == "__main__":
    main()
