"""The program's words go through one catalogue (desk_app.gui.tr): every Vietnamese text a GUI
module shows is written as ``tr("...")`` or marked ``QT_TR_NOOP("...")``; the catalogue
resources/i18n/desk_app_vi.ts lists every one of them (tests/gui/test_wording_gui.py: a wording
a reviewer writes there reaches the real window)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "resources" / "i18n" / "desk_app_vi.ts"
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
WORDING_CALLS = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}
NOT_WORDING = "# data, not wording"  # a line holding stored values or patterns, not texts


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def untranslated(path: Path) -> list[str]:
    """Vietnamese literals of ``path`` that reach the screen without passing through tr()."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    docstrings = {n.body[0].value for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr)
                  and isinstance(n.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and VIETNAMESE.search(node.value)) or node in docstrings:
            continue
        if NOT_WORDING in lines[node.lineno - 1]:
            continue
        outer: ast.AST = node
        while isinstance(parents.get(outer), ast.JoinedStr | ast.FormattedValue):
            outer = parents[outer]
        call = parents.get(outer)
        if isinstance(call, ast.Call) and (
                _name(call) in WORDING_CALLS
                or (_name(call) in LOG_CALLS and isinstance(call.func, ast.Attribute))
                or _name(call) in {"compile", "match", "search", "fullmatch"}):  # patterns
            continue
        found.append(f"{path.name}:{node.lineno}: {node.value[:50]!r}")
    return found


def test_every_vietnamese_text_of_the_gui_passes_through_tr() -> None:
    found = [f"{path.parent.name}/{hit}"
             for path in sorted((ROOT / "desk_app" / "gui").rglob("*.py"))
             for hit in untranslated(path)]
    assert found == [], "wrap in tr() (or QT_TR_NOOP where a table is written):\n" + \
        "\n".join(found)


def test_the_checker_sees_a_bare_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('from desk_app.gui.tr import tr\n\n\ndef f(n: int) -> tuple[str, ...]:\n'
                      '    """Trả về chữ."""\n'
                      '    return (tr("Lưu"), "Hủy", f"Còn {n} hồ sơ", tr(f"Đã {n}"))\n',
                      encoding="utf-8")
    found = untranslated(sample)
    assert [hit.split(": ", 1)[1] for hit in found] == ["'Hủy'", "'Còn '", "' hồ sơ'"]


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source") or "")
            for ctx in root.iter("context") for m in ctx.iter("message")}


@pytest.mark.slow
def test_the_catalogue_lists_every_text_of_the_source(tmp_path: Path) -> None:
    """Run tools/strings.py on a copy: it must find nothing new and nothing vanished."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import strings  # tools/strings.py
    finally:
        sys.path.remove(str(ROOT / "tools"))
    copy = tmp_path / CATALOGUE.name
    shutil.copy(CATALOGUE, copy)
    strings.update(copy)
    shipped, fresh = _sources(CATALOGUE), _sources(copy)
    assert len(shipped) > 400
    assert fresh - shipped == set(), "run tools/strings.py: the catalogue lacks these"
    assert shipped - fresh == set(), "run tools/strings.py: the source no longer has these"
    words = {s for c, s in shipped if c == "Words"}
    assert {"Đã tiếp nhận", "Đúng hạn"} <= words


@pytest.mark.slow
def test_dev_compiles_the_catalogue() -> None:
    """./dev compiles every resources/i18n/*.ts; the wording's .ts compiles cleanly."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None
    proc = subprocess.run([lrelease, str(CATALOGUE), "-qm", "/dev/null"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
