"""The CRSS and exchange screens reach the data only through services (issue 10): none of their
modules imports sqlalchemy or ccs_desktop.db, even inside a function, nor opens a Session;
ui.crss loads on its own (no import cycle through ui.exchange); no module over 900 lines."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import ccs_desktop

ROOT = Path(ccs_desktop.__file__).parent
SCREENS = sorted([*(ROOT / "ui" / "crss").glob("*.py"), *(ROOT / "ui" / "exchange").glob("*.py"),
                  ROOT / "ui" / "views" / "crss.py", ROOT / "ui" / "wizard.py"])


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at any depth, resolved to its absolute name."""
    package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT.parent).parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append(name)
            out += [f"{name}.{a.name}" for a in node.names]
    return out


def test_the_screens_import_neither_sqlalchemy_nor_the_database_layer():
    assert len(SCREENS) >= 10
    offenders = {str(p.relative_to(ROOT)): bad for p in SCREENS
                 if (bad := sorted({n for n in _imports(p) if n.split(".")[0] == "sqlalchemy"
                                    or n.startswith("ccs_desktop.db")}))}
    assert offenders == {}


def test_the_screens_open_no_session():
    offenders = [str(p.relative_to(ROOT)) for p in SCREENS
                 if ".session()" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_crss_screens_are_their_own_modules_under_900_lines():
    assert not (ROOT / "ui" / "exchange" / "crss.py").exists()
    for path in [*SCREENS, *(ROOT / "services" / "crss").glob("*.py"),
                 ROOT / "services" / "committee.py"]:
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 900, (path.name, lines)


def test_the_crss_screens_load_first_without_an_import_cycle():
    code = ("import ccs_desktop.ui.crss.pages as p, ccs_desktop.ui.exchange as ex; "
            "assert ex.RegisterPage is p.RegisterPage; "
            "from ccs_desktop.ui.exchange import install_exchange_actions")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT.parent)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
