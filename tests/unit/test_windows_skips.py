"""The README's Windows test command is true: what a Windows PC lacks is skipped with a reason
(issue 11). Windows cannot be run here, so two checks stand in for it:

* collecting as if on Windows (``DESK_APP_TEST_PLATFORM=win32``, read by tests/conftest.py) skips
  the tests that kill processes, start PostgreSQL or CUPS, or read PDFs with Poppler, each with
  its reason, and runs the others;
* every test whose source kills or stops a process, limits a child's resources, mounts, or
  calls Poppler carries the marker that says so (a new one without it fails here).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# what in a test's source needs which marker (a helper of the same module counts too)
NEEDS = {
    "requires_posix": ("SIGKILL", "SIGSTOP", "os.kill(", "os.fork(",
                       "read_only(", "small_disk(", "file_size_limit("),
    "requires_poppler": ("pdf_text(", "pdftotext", "pdftoppm", "words_out_of_bounds("),
}
SKIP_WORDS = "not on Windows: needs"


@pytest.mark.slow
def test_collected_as_if_on_windows_each_need_is_skipped_with_its_reason() -> None:
    env = {**os.environ, "DESK_APP_TEST_PLATFORM": "win32", "QT_QPA_PLATFORM": "offscreen"}
    picks = ["tests/test_durability.py::test_dossier_survives_kill_right_after_save",
             "tests/printing/test_print_layout.py::test_the_bounds_check_sees_an_overflow",
             "tests/sync/test_hub_contract.py", "tests/unit/test_sync_backoff.py"]
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs",
                          "-q", *picks], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600).stdout
    assert "POSIX signals" in out and "test_durability.py" in out, out
    assert "Poppler" in out and "test_print_layout.py" in out, out
    assert "PostgreSQL" in out and "test_hub_contract.py" in out, out
    assert "9 passed" in out, out  # the backoff tests need nothing: they run


def _uses(source: str, words: tuple[str, ...]) -> bool:
    return any(w in source for w in words)


def test_every_test_that_needs_posix_or_poppler_carries_its_marker() -> None:
    missing = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        module_marks = source.split("\ndef ", 1)[0]  # pytestmark = ... before the first def
        for marker, words in NEEDS.items():
            helpers = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)
                       and not n.name.startswith("test")
                       and _uses(ast.get_source_segment(source, n) or "", words)}
            for node in tree.body:
                if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test")):
                    continue
                body = ast.get_source_segment(source, node) or ""
                if not (_uses(body, words) or any(f"{h}(" in body for h in helpers)):
                    continue
                marks = [ast.unparse(d) for d in node.decorator_list]
                if f"pytest.mark.{marker}" not in marks and marker not in module_marks:
                    missing.append(f"{path.relative_to(ROOT)}::{node.name} needs {marker}")
    assert missing == []
