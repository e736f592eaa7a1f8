"""Issue 10: the persistence layer has no import circle. `migrate.py` (Alembic's scripts and
calls) sits under `engine.py` (the one way to open a database): engine imports migrate, never
the other way round, not even inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import ccs_desktop

ROOT = Path(ccs_desktop.__file__).parent
DB = ROOT / "db"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every ccs_desktop module `path` imports, at the top or inside a function (a relative
    `from . import x` counts as the module x when it is one)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:  # `from . import migrate`: the module itself
                found.add(f"{target}.{alias.name}")
    return {m for m in found if m.startswith("ccs_desktop")}


def _db_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in DB.glob("*.py")}
    return {name: imports_of(path) & set(modules) - {name} for name, path in modules.items()}


def test_migrate_does_not_import_the_engine():
    assert "ccs_desktop.db.engine" not in imports_of(DB / "migrate.py")
    assert "ccs_desktop.db.migrate" in imports_of(DB / "engine.py")


def test_no_import_cycle_between_the_db_modules():
    graph = _db_graph()
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in trail:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif len(trail) < len(graph):
                visit(nxt, trail + [nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []


def test_the_import_reader_sees_imports_inside_functions():
    # the reader itself: an import inside a function counts
    assert "ccs_desktop.db.models" in imports_of(DB / "engine.py")  # imported in functions
