"""Twenty quick switches of document kind: what the documents view costs before and after
ui/tasks.py, in the same run.

Run explicitly (benchmarks are not part of the default run):
    .venv/bin/pytest tests/benchmarks/test_tasks_bench.py -q -s
Baseline: the mechanism the view had before issue 10 (each switch queues one render on the
pool; a token drops older results on arrival), rebuilt here. Measured: renders run, and the
time from the first switch to the last kind's PDF on screen; the ratios are printed.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThreadPool, Signal

from ccs_desktop.ui import documents_view as view_module
from ccs_desktop.ui.tasks import TaskRunner

KINDS = (view_module.MINUTES, view_module.ANNEX, view_module.CONVOCATION,
         view_module.ATTENDANCE)
SWITCHES = 20


class _Carrier(QObject):
    done = Signal(int, bytes)


def _baseline(qtbot, db) -> tuple[int, float]:
    """Before: one pool job per switch, the newest token wins on arrival."""
    runs, shown = [], []
    carrier = _Carrier()
    token = [0]
    carrier.done.connect(lambda t, pdf: shown.append(pdf) if t == token[0] else None)

    def job(t: int, kind: str) -> None:
        runs.append(kind)
        carrier.done.emit(t, view_module.render_document(db, kind, 1))

    started = time.perf_counter()
    for n in range(SWITCHES):
        token[0] += 1
        t, kind = token[0], KINDS[n % len(KINDS)]
        QThreadPool.globalInstance().start(lambda t=t, kind=kind: job(t, kind))
        qtbot.wait(1)
    qtbot.waitUntil(lambda: bool(shown), timeout=120000)
    elapsed = time.perf_counter() - started
    QThreadPool.globalInstance().waitForDone(120000)
    qtbot.wait(20)
    return len(runs), elapsed


def _with_tasks(qtbot, db) -> tuple[int, float]:
    owner = QObject()
    runner = TaskRunner(owner)
    runs, shown = [], []

    def work(kind: str):
        def render(control):
            control.check()
            runs.append(kind)
            return view_module.render_document(db, kind, 1)
        return render

    started = time.perf_counter()
    for n in range(SWITCHES):
        runner.start(work(KINDS[n % len(KINDS)]), on_done=shown.append)
        qtbot.wait(1)
    qtbot.waitUntil(lambda: bool(shown), timeout=120000)
    elapsed = time.perf_counter() - started
    QThreadPool.globalInstance().waitForDone(120000)
    return len(runs), elapsed


def test_quick_switches_cost_a_few_renders(qtbot, demo_db):
    view_module.render_document(demo_db, view_module.MINUTES, 1)  # warm the fonts
    base_runs, base_s = _baseline(qtbot, demo_db)
    runs, seconds = _with_tasks(qtbot, demo_db)
    print(f"\n{SWITCHES} switches: renders {base_runs} -> {runs} "
          f"(x{runs / base_runs:.2f}); last PDF shown after {base_s * 1000:.0f} ms -> "
          f"{seconds * 1000:.0f} ms (x{seconds / base_s:.2f})")
    assert runs * 4 <= base_runs  # one under way and the newest, not one per switch
    assert seconds < base_s
