"""The store's modules import each other without a circle (issue 11).

The graph is read from the source (ast), not from ``sys.modules``: an import that only works
because another module happened to be imported first is still a circle. Every import counts,
including those inside functions and ``if TYPE_CHECKING:`` blocks, so a circle cannot hide.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desk_app.store

STORE_DIR = Path(desk_app.store.__file__).parent
PACKAGE = "desk_app.store"


def _module_name(path: Path) -> str:
    return PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"


def store_import_graph() -> dict[str, set[str]]:
    """module -> the store modules it imports (by ``import x.y`` or ``from x import y``)."""
    modules = {_module_name(p): p for p in STORE_DIR.glob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from .x import y
                    parts = PACKAGE.split(".")[: len(PACKAGE.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of the graph as a path (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_the_cycle_finder_sees_a_circle_drawn_by_hand() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_store_module_imports_another_in_a_circle() -> None:
    graph = store_import_graph()
    assert "desk_app.store.models" in graph  # the scan reads the real package
    assert find_cycle(graph) is None, f"import circle in desk_app/store: {find_cycle(graph)}"


def test_the_schema_registers_every_model_module() -> None:
    """Every module that declares tables is imported by the one registering module, and every
    table is in the metadata Alembic compares against."""
    from desk_app.store.base import Base
    from desk_app.store.schema import metadata

    model_modules = {
        name for name, path in ((_module_name(p), p) for p in STORE_DIR.glob("*.py"))
        if "__tablename__" in path.read_text(encoding="utf-8")
    }
    assert model_modules <= store_import_graph()["desk_app.store.schema"]
    assert metadata is Base.metadata
    for table in ("dossiers", "outbox", "printed_forms", "ratings", "sync_enrolments"):
        assert table in metadata.tables
