"""The one background-task helper of the interface: work off the GUI thread, its progress,
its cancellation, a generation token, and its outcome back on the GUI thread.

    runner = TaskRunner(self)                     # one lane of work of a widget or a model
    runner.start(lambda control: work(control),   # runs on a QThreadPool worker
                 on_done=self._show,               # GUI thread, with the result
                 on_fail=self._say,                # GUI thread, with the exception
                 on_progress=self._advance)        # GUI thread, (done, total, text)

A newer `start` on the same runner supersedes the older job: its flag is raised (the callable
may poll `control.cancelled`, or call `control.check()`, which raises `Cancelled`) and its
outcome is dropped, whatever it is. With `one_at_a_time` (the default) a runner never runs two
jobs at once: a request made while a job runs waits, and a newer request replaces the waiting
one, so ten quick requests cost about two runs. `start(..., supersede=False)` runs a job beside
the others (independent work of one owner); `control.wait(seconds)` blocks until the callable
has ended, for the rare caller that must (a copy at quit, when no event loop delivers).

Ownership (issue 19, and the heap corruption of the exchange tasks): no Qt object is created
per job and no worker ever touches a QObject that can be destroyed under it. Workers emit on
one dispatcher, a child of the application (Qt owns it), under a lock that the application's
destruction takes before Qt deletes it; per-job
state is a plain Python object held in a registry until the GUI thread has delivered its
outcome, so the callable, its result and its callbacks are always released on the GUI thread.
(Parenting a per-job signals object to its owner and deleting it after delivery let the GUI
thread free it while the worker was still inside `emit`: use after free. An object that
Python owns, released last by a worker, is destroyed on that worker: `QBasicTimer::stop`
warnings, `Signal source has been deleted`.) Deleting the owner cancels its jobs; a job that
reports after that is dropped in silence.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
EXIT_WAIT_MS = 10_000  # at exit, a job that ignores its cancel flag is waited for this long


class Cancelled(Exception):
    """Raised by `TaskControl.check()` in a job whose result nobody wants any more."""


class TaskControl:
    """What a job's callable receives: a cancel flag to poll and a progress reporter."""

    __slots__ = ("_ended", "_event", "_report")

    def __init__(self, report: Progress | None = None) -> None:
        self._event = threading.Event()
        self._ended = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        """Stop here (raise `Cancelled`) if the job was cancelled."""
        if self._event.is_set():
            raise Cancelled

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the job's callable has returned or raised (or was skipped); for the
        few callers that must wait, e.g. a copy at quit, when no event loop delivers any
        more. The outcome still arrives through the callbacks, if the loop runs."""
        return self._ended.wait(seconds)

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress (any thread); shown on the GUI thread by `on_progress`."""
        if self._report is not None and not self._event.is_set():
            self._report(int(done), int(total), str(text))


@dataclass(eq=False)
class _Job:
    id: int
    generation: int
    fn: Callable[[TaskControl], Any] | None
    on_done: Callable[[Any], None] | None
    on_fail: Callable[[BaseException], None] | None
    on_progress: Progress | None
    runner: weakref.ref = field(repr=False)
    control: TaskControl = field(default_factory=TaskControl)
    outcome: tuple[bool, Any] | None = None


class _Dispatcher(QObject):
    """Lives on the GUI thread from its creation to the interpreter's exit; workers emit on
    it, the GUI thread delivers."""

    finished = Signal(int)
    progressed = Signal(int, int, int, str)


_lock = threading.RLock()
_jobs: dict[int, _Job] = {}  # every job not yet delivered, submitted or waiting
_ids = itertools.count(1)
_dispatcher: _Dispatcher | None = None
_exit_hook: list = []


def _gui_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("TaskRunner.start is called on the GUI thread only")
        dispatcher = _Dispatcher(app)  # Qt owns it: no garbage collection pass can free it
        # queued even when emitted on the GUI thread: an outcome never arrives inside start()
        dispatcher.finished.connect(_deliver, Qt.ConnectionType.QueuedConnection)
        dispatcher.progressed.connect(_deliver_progress, Qt.ConnectionType.QueuedConnection)
        app.destroyed.connect(_forget_dispatcher)  # before Qt deletes the app's children
        with _lock:
            _dispatcher = dispatcher
        if not _exit_hook:
            _exit_hook.append(atexit.register(_drain_at_exit))
    return _dispatcher


def _forget_dispatcher(*_args: object) -> None:
    """The application is being destroyed (GUI thread): from now on workers emit nothing;
    one emitting right now holds the lock, so the dispatcher outlives its emit."""
    global _dispatcher
    with _lock:
        _dispatcher = None
        for job in _jobs.values():
            job.control.cancel()


def _emit(signal_name: str, *args: object) -> None:
    """From a worker: tell the GUI thread, unless the application is gone."""
    with _lock:
        if _dispatcher is not None:
            getattr(_dispatcher, signal_name).emit(*args)


def _drain_at_exit() -> None:
    """At interpreter exit: every job is cancelled and the workers are waited for, so that
    none emits on a dispatcher being destroyed (`Signal source has been deleted`)."""
    with _lock:
        for job in _jobs.values():
            job.control.cancel()
    pool().waitForDone(EXIT_WAIT_MS)


def pool() -> QThreadPool:
    """The pool of the interface's background work: Qt's global one, which the application
    drains when it quits (`app.main`), before the database closes."""
    return QThreadPool.globalInstance()


def _run(job_id: int) -> None:
    """On a worker: runs the job, keeps its outcome in the registry, tells the GUI thread.
    Only the job's id crosses threads; every object is released on the GUI thread."""
    with _lock:
        job = _jobs.get(job_id)
    if job is None:
        return
    fn, control = job.fn, job.control
    if control.cancelled or fn is None:
        outcome: tuple[bool, Any] = (False, Cancelled())
    else:
        try:
            outcome = (True, fn(control))
        except BaseException as exc:  # noqa: BLE001 - delivered to on_fail, never lost
            outcome = (False, exc)
    job.outcome = outcome
    control._ended.set()
    del job, fn, control, outcome  # the registry keeps them for the GUI thread
    _emit("finished", job_id)


def _deliver(job_id: int) -> None:
    with _lock:
        job = _jobs.pop(job_id, None)
    if job is None:
        return
    runner = job.runner()
    if runner is not None:
        runner._finished(job)
    else:
        _dropped(job)


def _deliver_progress(job_id: int, done: int, total: int, text: str) -> None:
    with _lock:
        job = _jobs.get(job_id)
    if job is None or job.on_progress is None:
        return
    runner = job.runner()
    if runner is not None and runner._wants(job):
        job.on_progress(done, total, text)


def _dropped(job: _Job) -> None:
    """An outcome nobody wants any more (superseded, cancelled, owner gone)."""
    if job.outcome is not None and not job.outcome[0] \
            and not isinstance(job.outcome[1], Cancelled):
        log.debug("a superseded background job failed", exc_info=job.outcome[1])


class TaskRunner:
    """One lane of background work for `owner` (a QObject on the GUI thread).

    `generation` grows with every `start` and `cancel`; only the newest generation's
    outcome is delivered. The runner keeps no reference to its owner's Python object (no
    cycle for a garbage collection pass on a worker to break) and stops delivering once the
    owner's C++ object is destroyed."""

    def __init__(self, owner: QObject, *, one_at_a_time: bool = True,
                 pool: QThreadPool | None = None) -> None:
        self._alive = True
        self._one_at_a_time = one_at_a_time
        self._pool = pool
        self.generation = 0
        self._running: set[int] = set()
        self._waiting: int | None = None
        self.started = 0  # jobs whose callable was handed to a worker
        me = weakref.ref(self)
        owner.destroyed.connect(lambda *_: _owner_destroyed(me))

    # ------------------------------------------------------------------ requests
    def start(self, fn: Callable[[TaskControl], Any], *,
              on_done: Callable[[Any], None] | None = None,
              on_fail: Callable[[BaseException], None] | None = None,
              on_progress: Progress | None = None, supersede: bool = True) -> TaskControl:
        """Run `fn(control)` off the GUI thread; supersedes every older job of this runner
        (with `supersede=False` it runs at once beside them, and only `cancel()` drops it).
        Returns the job's control (its `cancel()` drops this job only)."""
        _gui_dispatcher()
        if supersede:
            self.cancel()
        job_id = next(_ids)
        job = _Job(job_id, self.generation, fn, on_done, on_fail, on_progress,
                   weakref.ref(self))
        job.control._report = lambda d, t, text: _emit("progressed", job_id, d, t, text)
        with _lock:
            _jobs[job_id] = job
        if supersede and self._one_at_a_time and self._running:
            self._waiting = job_id  # runs when the current one ends
        else:
            self._submit(job_id)
        return job.control

    def cancel(self) -> None:
        """Drop every job of this runner: running ones see their flag, waiting ones never
        run, and no outcome older than now is delivered."""
        self.generation += 1
        with _lock:
            for job_id in [*self._running, self._waiting]:
                job = _jobs.get(job_id) if job_id is not None else None
                if job is not None:
                    job.control.cancel()
        if self._waiting is not None:
            with _lock:
                job = _jobs.pop(self._waiting, None)
            if job is not None:
                job.control._ended.set()  # it will never run
            self._waiting = None

    @property
    def busy(self) -> bool:
        return bool(self._running) or self._waiting is not None

    # ------------------------------------------------------------------ internals
    def _submit(self, job_id: int) -> None:
        self._running.add(job_id)
        self.started += 1
        (self._pool or pool()).start(lambda: _run(job_id))

    def _wants(self, job: _Job) -> bool:
        return self._alive and job.generation == self.generation and not job.control.cancelled

    def _finished(self, job: _Job) -> None:
        self._running.discard(job.id)
        if self._waiting is not None and not self._running:
            waiting, self._waiting = self._waiting, None
            self._submit(waiting)
        ok, value = job.outcome if job.outcome is not None else (False, Cancelled())
        if not self._wants(job) or isinstance(value, Cancelled):
            _dropped(job)
            return
        if ok:
            if job.on_done is not None:
                job.on_done(value)
        elif job.on_fail is not None:
            job.on_fail(value)
        else:
            log.error("background job failed", exc_info=value)


def _owner_destroyed(ref: weakref.ref) -> None:
    runner = ref()
    if runner is not None:
        runner._alive = False
        runner.cancel()
