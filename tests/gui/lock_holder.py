"""Another process holding the store's SQLite write lock: ``python lock_holder.py DB SECONDS``.

It opens the file with plain ``sqlite3`` (no desk_app code), takes the write lock with
``BEGIN IMMEDIATE``, prints ``locked`` and keeps the lock for SECONDS before rolling back.
"""

from __future__ import annotations

import sqlite3
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
conn = sqlite3.connect(path, isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(seconds)  # the lock is held all along: this is the fault the test is about
conn.execute("ROLLBACK")
conn.close()
print("released", flush=True)
