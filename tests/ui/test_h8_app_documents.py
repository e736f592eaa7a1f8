"""Issue 19 (and 8): the documents view's background rendering leaves no Qt object to a
garbage collection pass on the pool thread, and an unexpected failure is said in French."""

from __future__ import annotations

import gc

import shiboken6

from ccs_desktop.ui import documents_view as view_module


def _render_signals_owned_by_python() -> list:
    return [o for o in gc.get_objects() if isinstance(o, view_module._RenderSignals)
            and shiboken6.isValid(o) and shiboken6.ownedByPython(o)]


def test_rendering_signals_are_owned_by_qt_and_deleted_after_reporting(qtbot, demo_db,
                                                                       monkeypatch):
    seen = []
    real = view_module._render_in_pool

    def spy(token, work, signals):  # runs on the pool thread, which drops the last reference
        seen.append((shiboken6.ownedByPython(signals), signals.parent()))
        real(token, work, signals)

    monkeypatch.setattr(view_module, "_render_in_pool", spy)
    widget = view_module.DocumentsView(demo_db)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.rendered, timeout=20000):
        widget.set_meeting(1)
    assert seen == [(False, widget)]  # Qt owns it: never destroyed by the pool thread
    assert _render_signals_owned_by_python() == []
    qtbot.wait(50)  # the deferred deletion of the carrier that reported
    assert widget.findChildren(view_module._RenderSignals) == []


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
