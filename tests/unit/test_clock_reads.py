"""Nothing reads the system clock except the clock modules (issue 11).

The desk reads the time through ``desk_app/clock.py`` (an injectable ``Clock``; file-name
stamps), the hub through ``province_hub/clock.py`` (``create_app(clock=...)``). The scan reads
the source (ast) of both packages and refuses, anywhere else: ``datetime.now``,
``datetime.utcnow``, ``datetime.today``, ``date.today``, ``time.time``, ``time.time_ns``,
``time.localtime``, ``time.gmtime``, ``time.ctime`` and ``time.strftime`` (which reads the
time when given none), and ``from time import time`` (a bare call would hide).

Allowed everywhere: ``time.monotonic`` and ``time.perf_counter`` (and their ``_ns``): they
measure how long something took (timeouts of the store check and of CUPS, the scanner's gap
between keystrokes, the sync worker's back-off). They cannot be set by the clerk, never go
backwards, and never become a date a dossier or an answer carries.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desk_app
import province_hub

CLOCK_MODULES = {Path(desk_app.__file__).parent / "clock.py",
                 Path(province_hub.__file__).parent / "clock.py"}
READS = {"datetime": {"now", "utcnow", "today"}, "date": {"today"},
         "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "strftime"}}


def clock_reads(source: str) -> list[str]:
    """``name.attr`` (with its line) of every call that reads the system clock."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            for alias in node.names:
                if alias.name in READS["time"] and node.module == "time":
                    found.append(f"from time import {alias.name}:{node.lineno}")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        # datetime.now(), date.today(), time.time(), and datetime.datetime.now()
        name = owner.id if isinstance(owner, ast.Name) else (
            owner.attr if isinstance(owner, ast.Attribute) else "")
        if node.func.attr in READS.get(name, ()):
            found.append(f"{name}.{node.func.attr}:{node.lineno}")
    return found


def test_the_scan_finds_each_kind_of_read_written_by_hand() -> None:
    source = ("import datetime, time\nfrom datetime import date\nfrom time import time as t\n"
              "a = datetime.datetime.now()\nb = date.today()\nc = time.time()\n"
              "d = datetime.datetime.utcnow()\ne = time.monotonic()\nf = time.perf_counter()\n")
    assert clock_reads(source) == [
        "from time import time:3", "datetime.now:4", "date.today:5", "time.time:6",
        "datetime.utcnow:7"]


def test_nothing_reads_the_system_clock_outside_the_clock_modules() -> None:
    roots = [Path(desk_app.__file__).parent, Path(province_hub.__file__).parent]
    files = [f for root in roots for f in sorted(root.rglob("*.py"))]
    assert len(files) > 100  # both packages, their sub-packages and the hub's migrations
    offenders = {str(f): reads for f in files if f not in CLOCK_MODULES
                 and (reads := clock_reads(f.read_text(encoding="utf-8")))}
    assert offenders == {}
    for clock in CLOCK_MODULES:  # the clock modules themselves are scanned and do read it
        assert clock_reads(clock.read_text(encoding="utf-8"))
