"""Dossier code allocation inside the caller's write transaction.

The counter row for (agency, day) is bumped with ``UPDATE ... RETURNING`` in the same
``BEGIN IMMEDIATE`` transaction that inserts the dossier: if the insert rolls back, so does the
number (no gap); two writers cannot hold the write lock together (no duplicate); a committed
number is on disk with its dossier (never reused after a crash). The ``UNIQUE`` constraint on
``dossiers.code`` is the last line of defence.

The row counts this desk's dossiers of the day; the code carries that count behind the desk's
counter number (:func:`desk_app.core.codes.counter_sequence`), so the other counters of the
commune, counting their own, never make the same code. A desk that made codes before it had a
counter number goes on counting from where it was: its old codes (``0001``...) and its new ones
(``1016``...) differ by their first digit.
"""

from __future__ import annotations

from datetime import date

from desk_app.core.codes import counter_sequence, format_code
from desk_app.store.raw import Raw


def next_sequence(raw: Raw, agency_code: str, day: date) -> int:
    row = raw.one(
        "INSERT INTO code_counters (agency_code, day, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = last_seq + 1 "
        "RETURNING last_seq", (agency_code, day.isoformat()))
    assert row is not None
    return int(row[0])


def allocate_code(raw: Raw, fmt: str, agency_code: str, day: date, counter: int) -> str:
    """The next code of ``day`` at counter number ``counter`` (1-9)."""
    count = next_sequence(raw, agency_code, day)
    return format_code(fmt, agency_code, day, counter_sequence(counter, count))


RESTORE_RESERVE = 500  # daily numbers skipped after a restore, until the province is asked


def reserve_after_restore(raw: Raw, agency_code: str, day: date) -> None:
    """A store restored from a backup, not yet reconciled with the province: the day's numbers
    the lost store may have issued are unknown, so this day's count jumps past a reserve
    (codes never repeat; the day's numbering has a gap, said in docs/data-at-rest.md)."""
    raw.one("INSERT INTO code_counters (agency_code, day, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = max(last_seq, ?)",
            (agency_code, day.isoformat(), RESTORE_RESERVE, RESTORE_RESERVE))
