"""Agency codes unique within a test session.

The counter lives here, not in conftest.py: pytest may load conftest.py as a second module when a
test imports it by name, and two counters handed the same codes to two communes of the one hub
(the dashboard's figures then held another test's dossiers)."""

from __future__ import annotations

import itertools
import os

_agency = itertools.count(1)


def new_agency_code() -> str:
    n = next(_agency)
    return f"000.{os.getpid() % 100:02d}.{n % 100:02d}.H{(os.getpid() // 100 + n // 100) % 60:02d}"
