"""Issue 10: switching document kinds quickly supersedes the render under way (ui/tasks.py):
only the last choice is rendered and shown, fewer renders run than switches, and closing the
window then quitting prints nothing (no `Signal source has been deleted`, no QBasicTimer)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from ccs_desktop.ui import documents_view as view_module

ROOT = Path(__file__).resolve().parents[2]
KINDS = (view_module.MINUTES, view_module.ANNEX, view_module.CONVOCATION,
         view_module.ATTENDANCE)
# the offscreen platform's own notice when a window is shown (not ours, not an error)
PLATFORM_NOTICE = "This plugin does not support propagateSizeHints()"


def _counting_renders(monkeypatch):
    real = view_module.render_document
    calls = []

    def counted(db, kind, meeting_id, with_phone=False):  # noqa: ANN001
        calls.append(kind)
        return real(db, kind, meeting_id, with_phone)

    monkeypatch.setattr(view_module, "render_document", counted)
    return calls


def test_twenty_quick_switches_render_and_show_only_the_last(qtbot, demo_db, monkeypatch):
    calls = _counting_renders(monkeypatch)
    widget = view_module.DocumentsView(demo_db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.rendered, timeout=20000):
        widget.set_meeting(1)
    calls.clear()
    delivered = []
    widget.rendered.connect(delivered.append)
    switches = [KINDS[(i + 1) % len(KINDS)] for i in range(20)]
    for kind in switches:
        widget.set_kind(kind)
        qtbot.wait(1)  # the event loop turns between two clicks
    qtbot.waitUntil(lambda: not widget.renders.busy, timeout=30000)
    qtbot.wait(50)
    assert len(delivered) == 1, len(delivered)
    assert widget.kind == switches[-1] and calls[-1] == switches[-1]
    assert len(calls) < len(switches) // 2, calls  # one under way, then the last one
    assert delivered[0] == widget.pdf and widget.save_button.isEnabled()


def test_switching_then_closing_and_quitting_prints_nothing(tmp_path, _demo_template):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONFAULTHANDLER="1", HOME=str(tmp_path))
    for mode in ("close", "quit-at-once"):
        done = subprocess.run([sys.executable, __file__, mode, str(_demo_template)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (mode, done.stderr[-4000:])
        stderr = [line for line in done.stderr.splitlines() if line != PLATFORM_NOTICE]
        assert stderr == [], (mode, "\n".join(stderr)[-4000:])
        report = done.stdout.split()
        assert report[0] == "ok", (mode, done.stdout)
        assert int(report[1]) < 20, (mode, done.stdout)  # renders run for 20 switches


def _drive(mode: str, template: str) -> None:
    """In the subprocess: a real window, 20 quick switches, close it, quit."""
    import gc
    import shutil
    import tempfile

    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from ccs_desktop.db.engine import open_database
    from ccs_desktop.paths import DB_FILENAME

    sys.path.insert(0, str(ROOT / "tests"))  # run as a script: tests/rawdb.py
    import rawdb

    folder = Path(tempfile.mkdtemp())
    rawdb.copy_database(Path(template).parent, folder)
    db = open_database(folder)
    app = QApplication([])
    runs = []
    real = view_module.render_document
    view_module.render_document = lambda *a, **k: runs.append(
        threading.get_ident()) or real(*a, **k)
    window = view_module.DocumentsView(db, 1)
    window.show()
    step = iter(range(21))

    def switch() -> None:
        n = next(step, None)
        if n is None:
            window.close()
            window.deleteLater()
            QTimer.singleShot(0 if mode == "quit-at-once" else 300, app.quit)
            return
        window.set_kind(KINDS[n % len(KINDS)])
        QTimer.singleShot(5, switch)

    QTimer.singleShot(0, switch)
    app.exec()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del window
    gc.collect()
    if mode == "close":
        QThreadPool.globalInstance().waitForDone(20000)
        db.close()
    print("ok", len(runs))


if __name__ == "__main__":
    _drive(sys.argv[1], sys.argv[2])
