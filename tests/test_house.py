"""The house's own rules, checked with the tests: ruff and mypy pass over the program, no module
is over 400 lines, and no GUI module reaches into the store's models to run its own queries."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("desk_app", "province_hub")
MAX_LINES = 400


def modules(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (ROOT / pkg).rglob("*.py")
                  if "migrations" not in p.parts)


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in modules(*PACKAGES)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these by what they own: {long}"


def test_no_gui_module_imports_the_store_models() -> None:
    """Queries live in services; the GUI asks them (a Store handle is fine)."""
    found = []
    for path in modules("desk_app/gui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names
                      if n.startswith("desk_app.store.models")]
    assert found == []


@pytest.mark.slow
def test_ruff_passes() -> None:
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "desk_app",
                           "province_hub", "tests", "bench", "tools"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_mypy_passes() -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy", *PACKAGES],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr
