"""The meeting editor is a package with a module per tab, and none of its modules reaches the
database: no SQLAlchemy, nothing of ccs_desktop.db, no Session (imports inside functions
included)."""

from __future__ import annotations

import ast
from pathlib import Path

import ccs_desktop
from ccs_desktop.ui.editors import meeting

PACKAGE = Path(meeting.__file__).parent
ROOT = Path(ccs_desktop.__file__).parent


def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def _imported(path: Path) -> list[str]:
    """Every module `path` imports, relative imports resolved (ccs_desktop.db...)."""
    package = ".".join(("ccs_desktop", *path.parent.relative_to(ROOT).parts))
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names += [target] + [f"{target}.{a.name}" for a in node.names]
    return names


def test_the_meeting_editor_is_a_package_with_a_module_per_tab():
    names = {p.stem for p in _modules()}
    assert {"editor", "general", "attendance", "agenda", "threats", "recommendations",
            "adoption"} <= names
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, (path.name, lines)


def test_no_module_of_the_meeting_editor_reaches_the_database():
    for path in _modules():
        for name in _imported(path):
            assert not name.startswith(("sqlalchemy", "ccs_desktop.db")), (path.name, name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        assert not attributes & {"session", "new_session", "execute", "scalars"}, path.name


def test_the_old_import_paths_keep_working():
    from ccs_desktop.ui.editors import editor_class
    from ccs_desktop.ui.editors.meeting import MeetingEditor, status_choices

    assert editor_class("meetings") is MeetingEditor
    assert "adopted" not in dict(status_choices())
