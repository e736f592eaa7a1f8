"""The core stays Qt-free: nothing under db/, domain/, services/ or cli/ imports Qt."""

from __future__ import annotations

import re
from pathlib import Path

import ccs_desktop

CORE = ("db", "domain", "services", "cli")
QT = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)


def test_core_has_no_qt_import():
    root = Path(ccs_desktop.__file__).parent
    offenders = [str(p.relative_to(root)) for sub in CORE for p in (root / sub).rglob("*.py")
                 if QT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_core_modules_at_the_top_have_no_qt_import():
    root = Path(ccs_desktop.__file__).parent
    offenders = [name for name in ("i18n.py", "fileio.py", "paths.py", "logs.py")
                 if QT.search((root / name).read_text(encoding="utf-8"))]
    assert offenders == []


# --- the boundary between screens and data (issue 10) ----------------------------------------

import ast  # noqa: E402

ROOT = Path(ccs_desktop.__file__).parent

# Files under ui/ allowed to reach into SQLAlchemy or ccs_desktop.db: none.
UI_DB_ALLOWED: set[str] = set()

# Import cycles among ccs_desktop modules that remain (none: db.engine -> db.migrate only).
CYCLES_ALLOWED: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every name a file imports, at the top or inside functions, relative ones resolved:
    `from a.b import c` gives "a.b.c" (the module a.b.c, or the name c of the module a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.update(f"{prefix}.{alias.name}" if prefix else alias.name
                         for alias in node.names)
    return found


def _python_files(sub: str) -> list[Path]:
    return sorted((ROOT / sub).rglob("*.py"))


def _reaches(names: set[str], targets: tuple[str, ...]) -> bool:
    return any(n == t or n.startswith(t + ".") for n in names for t in targets)


def test_ui_imports_nothing_of_sqlalchemy_or_the_database():
    offenders = {str(p.relative_to(ROOT)) for p in _python_files("ui")
                 if _reaches(_imports(p), ("sqlalchemy", "ccs_desktop.db"))}
    assert offenders - UI_DB_ALLOWED == set(), "ui/ imports sqlalchemy or ccs_desktop.db"
    # an allowed file that no longer needs it leaves the list
    assert UI_DB_ALLOWED - offenders == set(), "these files are clean: remove them"


def test_domain_imports_nothing_of_db_or_services():
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("domain")
                 if _reaches(_imports(p), ("ccs_desktop.db", "ccs_desktop.services",
                                           "sqlalchemy"))]
    assert offenders == []


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            # "pkg.mod.func" names the module pkg.mod: the longest known prefix
            parts = imported.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                targets.add(".".join(parts))
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_no_import_cycle_among_ccs_desktop_modules():
    cycles = set(_cycles(_graph()))
    assert cycles - CYCLES_ALLOWED == set(), sorted(sorted(c) for c in cycles - CYCLES_ALLOWED)
    assert CYCLES_ALLOWED - cycles == set(), "these cycles are broken: remove them"


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]


def test_files_are_renamed_and_synced_only_by_fileio():
    """One atomic writer: `os.replace` (retried on Windows sharing violations) and `os.fsync`
    are called in ccs_desktop/fileio.py only."""
    pattern = re.compile(r"\bos\.(replace|fsync)\(")
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                 if p.name != "fileio.py" or p.parent != ROOT
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
