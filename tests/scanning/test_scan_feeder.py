"""A feeder batch longer than the scanner's timeout: the time given is how long the scanner
may stay silent, not how long the whole batch may take. Cut at the timeout, a feeder of
fifty sheets (minutes on a commune scanner) lost every page already through the feeder."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from desk_app.errors import KnownError
from desk_app.scanning import sane

needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="sane-utils (tools/apt/test-scanning.txt)")
SLOW_FEEDER = ("--source", "Automatic Document Feeder", "--read-delay=yes",
               "--read-delay-duration", "200000")  # SANE's test device, slowed down


@needs_sane
def test_a_long_feeder_batch_is_not_cut_by_the_timeout() -> None:
    started = time.monotonic()
    pages = sane.scan(sane.ScanSettings(device="test", resolution=75, pages=6, timeout=1.5,
                                        extra=SLOW_FEEDER))
    took = time.monotonic() - started
    assert len(pages) == 6 and all(p[:8] == b"\x89PNG\r\n\x1a\n" for p in pages)
    assert took > 1.5  # longer than the timeout, all of it


@pytest.mark.requires_posix  # a shell script stands for a scanner that hangs
def test_a_scanner_that_stays_silent_is_given_up(tmp_path: Path) -> None:
    hung = tmp_path / "scanimage"
    hung.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    hung.chmod(0o755)
    started = time.monotonic()
    with pytest.raises(KnownError) as exc:
        sane.scan(sane.ScanSettings(device="test", timeout=0.5), program=str(hung))
    assert exc.value.code == "scanner_timeout"
    assert time.monotonic() - started < 5  # given up, and its process killed
