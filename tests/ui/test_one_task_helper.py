"""Issue 10: one background-task helper. Nothing under ui/ but ui/tasks.py hands work to a
thread by itself (QThreadPool.start, threading.Thread, QRunnable) or makes a signals-only
QObject to carry a worker's outcome back: every background job goes through TaskRunner."""

from __future__ import annotations

import ast
from pathlib import Path

import ccs_desktop.ui as ui_package

UI = Path(ui_package.__file__).parent
ALLOWED = {UI / "tasks.py"}


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(UI.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                owner = ast.unparse(func.value)
                if func.attr == "Thread" and owner == "threading":
                    found.append(f"{where} threading.Thread")
                if func.attr == "start" and ("QThreadPool" in owner or owner.endswith("pool()")
                                             or owner.endswith("_pool")):
                    found.append(f"{where} {owner}.start")
            elif isinstance(func, ast.Name) and func.id in {"Thread", "QRunnable"}:
                found.append(f"{where} {func.id}()")
        elif isinstance(node, ast.ImportFrom) and node.module == "threading":
            if any(a.name == "Thread" for a in node.names):
                found.append(f"{where} from threading import Thread")
        elif isinstance(node, ast.ClassDef):
            bases = {_base_name(b) for b in node.bases}
            if "QRunnable" in bases or "QThread" in bases:
                found.append(f"{where} class {node.name}({', '.join(sorted(bases))})")
            if "QObject" in bases:
                body = [s for s in node.body
                        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
                signals_only = body and all(
                    isinstance(s, (ast.Assign, ast.AnnAssign)) and isinstance(s.value, ast.Call)
                    and _base_name(s.value.func) == "Signal" for s in body)
                if signals_only:
                    found.append(f"{where} signals-only QObject {node.name}")
    return found


def test_only_ui_tasks_starts_background_work() -> None:
    offences = [o for path in sorted(UI.rglob("*.py")) if path not in ALLOWED
                for o in _offences(path)]
    assert offences == [], "background work outside ui/tasks.TaskRunner:\n" + "\n".join(offences)


def test_the_check_sees_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "ui" / "sample.py"
    sample.parent.mkdir()
    sample.write_text(
        "import threading\nfrom PySide6.QtCore import QObject, QThreadPool, Signal\n"
        "class _Carrier(QObject):\n    '''doc'''\n    done = Signal(object)\n"
        "QThreadPool.globalInstance().start(lambda: None)\n"
        "threading.Thread(target=print).start()\n", encoding="utf-8")
    global UI
    saved, UI = UI, tmp_path
    try:
        found = _offences(sample)
    finally:
        UI = saved
    assert len(found) == 3, found
