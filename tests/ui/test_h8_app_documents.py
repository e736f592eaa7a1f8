"""Issue 19 (and 8): the documents view's background rendering leaves no Qt object to a
garbage collection pass on the pool thread, and an unexpected failure is said in French."""

from __future__ import annotations

import gc

import shiboken6

from ccs_desktop.ui import documents_view as view_module
from ccs_desktop.ui import tasks


def _carriers_owned_by_python() -> list:
    return [o for o in gc.get_objects() if isinstance(o, tasks._Dispatcher)
            and shiboken6.isValid(o) and shiboken6.ownedByPython(o)]


def test_rendering_signals_are_owned_by_qt_and_deleted_after_reporting(qtbot, demo_db,
                                                                       monkeypatch):
    """Issue 10 moved the rendering onto ui/tasks.py: the only signal carrier is its
    dispatcher, a child of the application (Qt owns it); what a job holds is released on the
    GUI thread once it has reported."""
    from PySide6.QtCore import QCoreApplication

    seen = []
    real = tasks._run

    def spy(job_id):  # runs on the pool thread
        carrier = tasks._dispatcher
        seen.append((shiboken6.ownedByPython(carrier), carrier.parent()))
        real(job_id)

    monkeypatch.setattr(tasks, "_run", spy)
    widget = view_module.DocumentsView(demo_db)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.rendered, timeout=20000):
        widget.set_meeting(1)
    assert seen == [(False, QCoreApplication.instance())]  # never destroyed by the pool
    assert _carriers_owned_by_python() == []
    qtbot.wait(50)
    assert not widget.renders.busy
    assert [j for j in tasks._jobs.values() if j.runner() is widget.renders] == []


def test_an_unexpected_rendering_failure_is_french(qtbot, demo_db, monkeypatch):
    def broken(*_a, **_k):
        raise ValueError("unexpected English text")

    monkeypatch.setattr(view_module, "render_document", broken)
    widget = view_module.DocumentsView(demo_db)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.failed, timeout=20000) as blocker:
        widget.set_meeting(1)
    message = blocker.args[0]
    assert message == view_module.RENDER_FAILED
    assert "ValueError" not in message and "English" not in message
    assert widget.status.text() == message
