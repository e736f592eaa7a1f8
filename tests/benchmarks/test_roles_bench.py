"""Benchmark of the roles and the automatic lock (issue 13), each against a baseline measured
in the same run.

Run on demand (pytest ignores tests/benchmarks by default):

    QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/benchmarks/test_roles_bench.py -s \
        -o addopts=""

1. A record saved (PeopleService.save, the autosave's call) as an account checked by
   services.roles.require, against the same save on a database opened with its key only
   (nothing checked). Target: within 1.1x.
2. 20,000 mouse-move and key events sent to a bare widget (nothing handles them: the worst
   case for the ratio) with the lock's application event filter installed, against the same
   events without it. Target: under 5 µs added per event (a Python filter costs a call per
   event; the ratio on a bare widget is printed, about 1.6x).
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ccs_desktop.db import unlock  # noqa: E402
from ccs_desktop.services import access  # noqa: E402
from ccs_desktop.services.hub import Services  # noqa: E402


def _saves(sv, person_id: int, n: int = 300) -> float:
    start = time.perf_counter()
    for i in range(n):
        sv.people.save(person_id, function=f"Fonction {i}")
    return time.perf_counter() - start


def test_require_costs_nothing_next_to_a_save(demo_db):
    from rawdb import TEST_PASSWORD, TEST_USER

    pid = Services(demo_db).people.rows()[0].id
    checked = access.open_with(demo_db.data_dir,
                               credentials=unlock.Credentials(TEST_USER, TEST_PASSWORD))
    try:
        _saves(checked, pid, 20)
        _saves(Services(demo_db), pid, 20)  # warm both
        base = min(_saves(Services(demo_db), pid) for _ in range(3))
        with_roles = min(_saves(checked, pid) for _ in range(3))
    finally:
        checked.db.close()
    ratio = with_roles / base
    print(f"\nsave with require: {with_roles * 1000 / 300:.2f} ms, without: "
          f"{base * 1000 / 300:.2f} ms, ratio {ratio:.2f}")
    assert ratio < 1.1


def test_the_lock_event_filter_is_cheap(qtbot, demo_db):
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from ccs_desktop.ui.lock import SessionLock

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.services = Services(demo_db)
    app = QApplication.instance()

    def send(n: int = 10_000) -> float:
        start = time.perf_counter()
        for _ in range(n):
            app.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5),
                                              QPointF(5, 5), Qt.MouseButton.NoButton,
                                              Qt.MouseButton.NoButton,
                                              Qt.KeyboardModifier.NoModifier))
            app.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                            Qt.KeyboardModifier.NoModifier, "a"))
        return time.perf_counter() - start

    send(1000)
    base = min(send() for _ in range(3))
    lock = SessionLock(widget)
    send(1000)
    with_lock = min(send() for _ in range(3))
    lock.deleteLater()
    ratio = with_lock / base
    added_us = (with_lock - base) / 20_000 * 1e6
    print(f"\n20,000 events with the lock's filter: {with_lock * 1000:.0f} ms, without: "
          f"{base * 1000:.0f} ms, ratio {ratio:.2f}, {added_us:.1f} µs added per event")
    assert added_us < 5
