"""`ccs-desktop`: start-up order as in well-kept desktop apps: arguments, paths and logging,
the database opened and migrated (copied aside first), then Qt and the main window.

When a login is needed (an encrypted database, or a new folder, and no account given), Qt
and the login screen come first, with the database layer not even imported (issue 18): it
loads while the user types the password (`preload_while_waiting`), and the database opens
once the password is right; its errors then come in a French message box after the login."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, paths
from .i18n import _
from .logs import install_crash_hook, log_to_file_only, start_logging

log = logging.getLogger("ccs_desktop")


# Seconds before the daily automatic copy starts (the window shows first).
AUTO_COPY_DELAY_MS = 2000
# Seconds the end of main() waits for a daily copy still running before it closes the
# database under it (the copy is consistent either way: it is the sqlite3 backup API).
AUTO_COPY_JOIN_S = 20.0
DEBUG_ENV = "CCS_DEBUG"
# smoke tests and benchmarks: quit with exit 0 as soon as the first window is shown (the
# login screen, or the main window with --demo)
EXIT_AFTER_START_ENV = "CCS_EXIT_AFTER_START"
# benchmarks: write the start-up times (seconds, JSON) to this file at exit: the first window
# and the password to the home page (issue 18's two), the process start to the home page's
# figures, and the modules imported when the first window showed
STARTUP_TIMES_ENV = "CCS_STARTUP_TIMES"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options of `ccs-desktop`; anything else is refused (exit 2), in French by default.

    Qt's own command-line options (-platform, -style, -reverse...) are not accepted: main()
    gives QApplication only the program name, so they would be silently ignored, which is
    exactly what must not happen to a mistyped option. Qt reads the same settings from the
    environment (QT_QPA_PLATFORM, QT_STYLE_OVERRIDE, QT_SCALE_FACTOR...), which is how the
    tests and a packager set them."""
    from .cli.common import FrenchArgumentParser

    parser = FrenchArgumentParser(prog="ccs-desktop",
                                  description=_("CCS Desktop: the registers of the CCS."))
    parser.add_argument("--data-dir", default=None, metavar=_("FOLDER"),
                        help=_("data folder (default: the user's folder)"))
    parser.add_argument("--demo", action="store_true",
                        help=_("opens a new demonstration database in a temporary folder"))
    parser.add_argument("--lang", default=None, choices=("fr", "en"), help=_("language"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("checks, without a window, that this copy can do its work "
                               "(encrypted database, PV, backup) and says what it checked"))
    parser.add_argument("file", nargs="?", default=None, metavar=_("FILE"),
                        help=_("a .ccsbak backup to check or restore: the restore dialog "
                               "opens on it once signed in (what a double-click on the file "
                               "does)"))
    return parser.parse_args(argv)


def _lang_option(argv: Sequence[str]) -> str | None:
    """The value of --lang in the command line, read before argparse (so that its help and
    its errors already follow it); None if absent or not given in full."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(explicit: str | None) -> str:
    """Set the core's language before anything can fail (the database's errors at start
    come before Qt's translators): --lang, else CCS_LANG, else the choice saved in Settings,
    else French, as the interface's translators will choose (ui.i18n.current_language)."""
    from . import i18n

    try:
        from PySide6.QtCore import QCoreApplication

        from .ui.i18n import current_language

        # the names main() gives the application: QSettings() reads the same file
        QCoreApplication.setOrganizationName("CCS-Desktop")
        QCoreApplication.setApplicationName("CCS Desktop")
        lang = current_language(explicit)
    except Exception:  # noqa: BLE001  (no Qt or unreadable settings: the rest still holds)
        log.debug("settings unreadable for the language", exc_info=True)
        lang = explicit or os.environ.get(i18n.ENV_LANG)
    return i18n.set_language(lang)


def prepare_database(args: argparse.Namespace):  # noqa: ANN201
    from .db.engine import open_database

    if args.demo:
        from .services.demo import create_demo_database

        # built in a temporary file and renamed: a kill never leaves a half-filled demo;
        # it opens unlocked (its accounts' password is in the README)
        folder = getattr(args, "demo_folder", None) or Path(tempfile.mkdtemp(prefix="ccs-demo-"))
        return create_demo_database(folder)
    from .services.exchange.backup import clean_leftovers_at_start

    # what a killed restore, verify or import left in clear goes before anything else
    clean_leftovers_at_start(args.data_dir)
    return open_database(args.data_dir)


def open_error_message(exc: BaseException, data_dir: str | None) -> str:
    """What the start-up says when the database cannot be opened (any cause), in the language
    chosen (French by default)."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from .db.engine import DRIVER_DATABASE_ERRORS

    from .db.engine import DatabaseError
    from .fileio import os_error_text
    from .services.errors import UserError

    try:
        where = str(paths.database_path(data_dir))
    except Exception:  # noqa: BLE001  (no usable default folder either)
        where = str(data_dir or "")
    what_to_do = _("Check that it is the right data folder (option --data-dir); otherwise "
                   "restore the latest backup or automatic copy (command “ccs backup "
                   "restore”).")
    if isinstance(exc, (DatabaseError, UserError)):
        return str(exc)  # already in the user's language, and says what to do
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return _("“{path}” is not a folder: the data folder must be one. {what_to_do}").format(
            path=exc.filename or where, what_to_do=what_to_do)
    if isinstance(exc, OSError):
        return _("The data folder or the database “{path}” cannot be accessed: {error}. "
                 "{what_to_do}").format(path=where, error=os_error_text(exc),
                                        what_to_do=what_to_do)
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(original, DRIVER_DATABASE_ERRORS):
        text = str(original).lower()
        if "locked" in text or "busy" in text:
            return _("The database “{path}” is in use by another program (CCS Desktop "
                     "already open, or a ccs command running). Close it, then start CCS "
                     "Desktop again.").format(path=where)
        return _("The database “{path}” cannot be opened: the file is damaged, is not a CCS "
                 "Desktop database or is not a file. {what_to_do}").format(
                     path=where, what_to_do=what_to_do)
    if isinstance(exc, SQLAlchemyError):
        return _("The database “{path}” cannot be opened. {what_to_do}").format(
            path=where, what_to_do=what_to_do)
    return _("CCS Desktop could not open the database “{path}” (unexpected internal "
             "error). {what_to_do} For the technical details, start the program with the "
             "environment variable {variable}=1.").format(
                 path=where, what_to_do=what_to_do, variable=DEBUG_ENV)


def demo_error_message(exc: BaseException, folder: object) -> str:
    """What `--demo` says when its database cannot be built (a full disk, a temporary folder
    that cannot be written...), in the language chosen."""
    from .fileio import os_error_text

    if isinstance(exc, OSError):
        reason = os_error_text(exc)
    else:
        reason = _("unexpected internal error (for the technical details, start the program "
                   "with the environment variable {variable}=1)").format(variable=DEBUG_ENV)
    return _("The demonstration database could not be prepared in “{path}”: {error}.").format(
        path=folder or "", error=reason)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI and return its exit code (callable in-process: a QApplication may exist
    already). Everything main() sets up it also takes down before it returns (signal
    connections, timers, the window, the database, the log file and the crash hook), so
    nothing of a finished run fires later and main() can run again in the same process."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # before anything can fail: the help, the refusals and the database's errors at start
    # (all before Qt's translators are installed) follow --lang / CCS_LANG / Settings
    early = _lang_option(argv)
    choose_language(early)
    args = parse_args(argv)
    if args.lang != early:  # given in a form only argparse reads (--lan en)
        choose_language(args.lang)
    if args.self_test:  # headless: no window, no log in the user's data folder
        from .services import selftest

        return selftest.main(_print_if_console)
    debug = bool(os.environ.get(DEBUG_ENV))
    stop_logging = start_logging(_data_folder(args),
                                 level=logging.DEBUG if debug else logging.WARNING,
                                 file_level=logging.DEBUG if debug else logging.INFO)
    # the crash hook before the database is opened: an error from here on is logged
    remove_hook = install_crash_dialog()
    log.info("CCS Desktop %s starting (window%s)", __version__,
             ", demonstration" if args.demo else "")
    # an exception leaving main() keeps the hook and the file: they report it
    code = _run(args)
    log.info("CCS Desktop stopped (%s)", code)
    if remove_hook is not None:
        remove_hook()
    stop_logging()
    return code


def _print_if_console(text: str) -> None:
    """The self-test's report on the console; a windowed program on Windows has none
    (sys.stdout is None there): its exit code still says the result."""
    if sys.stdout is not None:
        print(text, flush=True)


def _data_folder(args: argparse.Namespace) -> Path | None:
    """The folder whose journaux/ receives the log: the data folder, or the demonstration's
    temporary folder (made here, kept on args for prepare_database)."""
    if args.demo:
        args.demo_folder = Path(tempfile.mkdtemp(prefix="ccs-demo-"))
        return args.demo_folder
    try:
        return paths.resolve_data_dir(args.data_dir)
    except Exception:  # noqa: BLE001  (no usable default folder: open_error_message says it)
        return None


def _login_first(args: argparse.Namespace) -> str | None:
    """The folder's state ("encrypted" or "none") when the login screen comes first, the
    database layer not imported yet: no --demo, no account given, a folder whose state the
    file system tells alone (services.presence). None: the database opens before Qt, as
    it did."""
    from .services import presence

    if args.demo or presence.credentials_given():
        return None  # (the demonstration's database is built once its window shows)
    return presence.quick_state(args.data_dir)


def _open_failed(exc: BaseException, data_dir: str | None) -> int:
    log.log(logging.ERROR if os.environ.get(DEBUG_ENV) else logging.DEBUG,
            "database could not be opened", exc_info=exc)
    log_to_file_only("database could not be opened")  # kind and frames, no text
    return _fatal(open_error_message(exc, data_dir))


def _run(args: argparse.Namespace) -> int:
    db = None
    args.login_state = _login_first(args)
    if args.login_state is None and not args.demo:
        from .db.engine import NeedsCredentials

        try:
            db = prepare_database(args)
        except NeedsCredentials:
            pass  # encrypted (or new): the login screen asks, once Qt is up
        except Exception as exc:  # noqa: BLE001  (any cause: a message, never a crash)
            return _open_failed(exc, args.data_dir)
        log.info("database open")

    from PySide6.QtWidgets import QApplication

    from .ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CCS Desktop")
    app.setOrganizationName("CCS-Desktop")
    app.setWindowIcon(application_icon())  # every window's, the login's included
    install_translators(app, args.lang)
    watch = watch_start(app, bool(os.environ.get(EXIT_AFTER_START_ENV)),
                        os.environ.get(STARTUP_TIMES_ENV))
    try:
        return _show_windows(app, args, db, watch)
    finally:
        if watch is not None:
            app.removeEventFilter(watch)
            watch.write()
            watch.deleteLater()


# What the password's check and the opening import (SQLAlchemy ~0.3 s, the models, the key
# file's cryptography), then what the main window imports (about a third of a second),
# loaded once the login screen is shown, one module per turn of its event loop, while the
# user types the password; the first window does not wait for them.
DATABASE_MODULES = (
    "ccs_desktop.db.unlock", "sqlalchemy", "sqlalchemy.orm", "ccs_desktop.db.models",
    "ccs_desktop.db.engine", "ccs_desktop.services.access",
    "ccs_desktop.services.exchange.backup", "argon2",
)
MAIN_WINDOW_MODULES = (
    "ccs_desktop.ui.exchange.common", "ccs_desktop.ui.exchange.dialogs",
    "ccs_desktop.ui.exchange.window", "ccs_desktop.ui.views.list_page",
    "ccs_desktop.ui.views.home", "ccs_desktop.ui.views.settings",
    "ccs_desktop.ui.views.pages", "ccs_desktop.ui.views.opening",
    "ccs_desktop.ui.main_window", "ccs_desktop.ui.lock", "ccs_desktop.ui.views.accounts",
    "ccs_desktop.ui.views.audit", "ccs_desktop.ui.views.crss", "ccs_desktop.ui.help",
    "ccs_desktop.ui.tour", "ccs_desktop.ui.charts_board",
    "ccs_desktop.services.meetings", "ccs_desktop.services.activities",
    "ccs_desktop.services.recommendations", "ccs_desktop.services.threats",
)


def preload_while_waiting(  # noqa: ANN201
        app, modules: Sequence[str | Callable[[], object]] = MAIN_WINDOW_MODULES):  # noqa: ANN001
    """Once the first window is shown and painted, import `modules` one per turn of the
    event loop, in the GUI thread (Qt's classes are defined there, as they would be at a
    plain import); returns the timer (stop it to give up). A module that fails here is
    imported again, and fails for real, when used. A callable among them is called in its
    turn (its errors are its own to report)."""
    import importlib

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    left = [m for m in modules if callable(m) or m not in sys.modules]
    timer = QTimer()
    timer.setInterval(0)

    class FirstShow(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802  (Qt's name)
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) \
                    and obj.isWindow():
                app.removeEventFilter(self)
                # two turns later: after the window's painting and the start-up watch; with
                # this filter (the timer's child) as context, nothing fires once the timer
                # is deleted (a login left at once)
                QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, timer.start))
            return False

    watcher = FirstShow(timer)
    app.installEventFilter(watcher)
    timer.destroyed.connect(lambda *_: app.removeEventFilter(watcher))

    def next_step() -> None:
        if not left:
            timer.stop()
            return
        step = left.pop(0)
        try:
            step() if callable(step) else importlib.import_module(step)
        except Exception:  # noqa: BLE001  (the real import says it, in its place)
            log.debug("preloading failed", exc_info=True)

    timer.timeout.connect(next_step)
    return timer


def _show_windows(app, args: argparse.Namespace, db, watch) -> int:  # noqa: ANN001
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer

    if db is None and not args.demo:
        from .ui.login import sign_in

        what = getattr(args, "login_state", None)
        cleaned: list[bool] = []

        def clean_once() -> None:  # before the database opens, and never twice
            if what is not None and not cleaned:  # (else prepare_database did it)
                cleaned.append(True)
                from .services.exchange.backup import clean_leftovers_at_start

                clean_leftovers_at_start(args.data_dir)

        # once sign_in's screen is shown: first what a killed operation left in clear, then
        # the database layer, then the main window's modules
        preload = preload_while_waiting(app, (clean_once, *DATABASE_MODULES,
                                              *MAIN_WINDOW_MODULES))
        try:
            db = sign_in(args.data_dir, what=what, before_open=clean_once)
        except Exception as exc:  # noqa: BLE001  (opening after the login: a message)
            return _open_failed(exc, args.data_dir)
        finally:
            preload.stop()
            preload.deleteLater()
        if db is None:
            return 0  # the user left the login screen
    elif db is not None and db.credentials is not None:  # an account given (CCS_USER)
        from .services import access

        access.remember_session(db.credentials)
    if db is None and args.demo:
        from .ui.main_window import waiting_main_window

        # the window first, with Qt alone loaded; its database is built behind it
        window = waiting_main_window()
        demo = DemoOpening(app, window, args)
    else:
        from .ui.main_window import create_main_window

        window = create_main_window(db)
        demo = None
    copies: list = []  # the daily copy's thread, joined before the database closes

    def start_copy() -> None:
        from .ui.exchange import on_start_auto_backup

        copies.append(on_start_auto_backup(window.services.db))

    def close_copy() -> None:
        from .ui.exchange import on_close_auto_backup

        on_close_auto_backup(window.services.db)

    # Timers are children of the window: destroyed with it, they can never fire on a
    # window (or a database) that is gone, whatever event loop runs after main() returned.
    timers: list[QTimer] = []

    def later(msec: int, slot) -> None:  # noqa: ANN001
        timer = QTimer(window)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        timer.start(msec)
        timers.append(timer)

    quit_hooks = [lambda: QThreadPool.globalInstance().waitForDone(5000)]
    def when_attached() -> None:
        if watch is not None:
            later(0, watch.main_window_shown)  # once shown and painted, its figures in
        if not os.environ.get(EXIT_AFTER_START_ENV):
            later(0, lambda: after_start(window))
            if args.file:  # a double-click on a .ccsbak: its restore / verify dialog
                later(0, lambda: open_backup_file(window, args.file))

    if demo is not None:
        window.attached.connect(when_attached)
        demo.start()  # once the window below is shown and painted
    window.show()
    if demo is None:
        when_attached()
        if not os.environ.get(EXIT_AFTER_START_ENV):
            # a local copy a day, and one at close when something changed (data folder)
            later(AUTO_COPY_DELAY_MS, start_copy)
            quit_hooks.insert(0, close_copy)
    if os.environ.get(EXIT_AFTER_START_ENV):  # smoke tests: start, show, quit
        later(0, app.quit)
    for hook in quit_hooks:
        app.aboutToQuit.connect(hook)
    try:
        code = app.exec()
    finally:
        for hook in quit_hooks:  # a second main() must not run this run's hooks
            app.aboutToQuit.disconnect(hook)
        for timer in timers:
            timer.stop()
        if demo is not None:
            demo.stop()  # a build still running ends, and what it built is closed
        db = window.services.db if window.services is not None else None  # (a restore may
        # have reopened another one)
        # the widgets go first, while Qt and Python are both whole, rather than in whatever
        # order the garbage collector picks at interpreter exit
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # closing the last window posts a Quit that would end, at once, the next event loop
        # of this process (main() run again, a test's): this run has already quit
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        del window
        for thread in copies:
            if thread is not None:
                thread.join(AUTO_COPY_JOIN_S)
        if db is not None:
            db.close()
    return code if demo is None or demo.error is None else 1


# What the demonstration's window loads in the GUI thread, one module per turn of its event
# loop, before its database is built off the GUI thread: the database layer and the
# demonstration's generator, with every module that both the build and the pages import, so
# that no module is imported by two threads at once (the build then imports only Alembic,
# argon2 and their own; the pages, loaded while it runs, only the interface's).
DEMO_MODULES = (
    *DATABASE_MODULES, "ccs_desktop.services.demo", "ccs_desktop.services.roles", "html",
    "ccs_desktop.ui.drafts", "ccs_desktop.ui.tasks",
)


class DemoOpening:
    """`ccs-desktop --demo` (issue 18): the main window shows at once, waiting, with only Qt
    loaded; then, one step per turn of its event loop, the database layer loads, the
    demonstration database is built on a worker (about a second: Argon2id for its three
    accounts, the migrations) while the pages' modules load, and the window builds its pages
    on it (`attach`); the window stays responsive throughout. A build
    that fails says why in a message and the program ends with exit 1."""

    def __init__(self, app, window, args: argparse.Namespace) -> None:  # noqa: ANN001
        self.app, self.window, self.args = app, window, args
        self.error: BaseException | None = None
        self._built: list = []  # the database the worker made (closed if never attached)
        self._runner = None
        self._preload = None
        self._stopped = False

    def start(self) -> None:
        self._preload = preload_while_waiting(
            self.app, (*DEMO_MODULES, self._build, *MAIN_WINDOW_MODULES))

    def _build(self) -> None:
        from .ui.tasks import TaskRunner

        folder = getattr(self.args, "demo_folder", None)

        def work(control) -> object:  # noqa: ANN001  (on a worker: the Qt-free core only)
            db = prepare_database(self.args)
            self._built.append(db)
            if self._stopped:  # main() ended meanwhile (it waited 30 s): nobody will close it
                db.close()
            return db

        self._runner = TaskRunner(self.window)
        self._runner.start(work, on_done=self._open, on_fail=self._failed)
        log.info("building the demonstration database in %s", folder)

    def _open(self, db) -> None:  # noqa: ANN001
        from .services import access

        log.info("database open")
        if db.credentials is not None:  # the demonstration's account
            access.remember_session(db.credentials)
        try:
            self.window.attach(db)
        except Exception as exc:  # noqa: BLE001  (a page that cannot show: said, exit 1)
            self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        log.log(logging.ERROR if os.environ.get(DEBUG_ENV) else logging.DEBUG,
                "demonstration database could not be built", exc_info=exc)
        log_to_file_only("demonstration database could not be built")
        from .ui import prompts

        message = demo_error_message(exc, getattr(self.args, "demo_folder", None))
        print(_("ccs-desktop: {message}").format(message=message), file=sys.stderr)
        prompts.current().inform(self.window, "CCS Desktop", message, warning=True)
        self.app.exit(1)  # (main() closes the window)

    def stop(self) -> None:
        """At the end of main(): the preloading stops, a build still running is waited for,
        and a database built but never attached is closed."""
        from PySide6.QtCore import QThreadPool

        self._stopped = True
        if self._preload is not None:
            self._preload.stop()
            self._preload.deleteLater()
        if self._runner is not None:
            self._runner.cancel()
            QThreadPool.globalInstance().waitForDone(30000)
        for db in self._built:
            if db is not self.window.db:
                db.close()


def process_age() -> float:
    """Seconds since the operating system started this process (not since Python ran)."""
    if sys.platform.startswith("linux"):
        with open("/proc/self/stat", "rb") as f:  # field 22: start, in clock ticks since boot
            start = int(f.read().rsplit(b")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start
    import psutil

    return time.time() - psutil.Process().create_time()


def watch_start(app, exit_after_start: bool, times_file: str | None):  # noqa: ANN001, ANN201
    """What CCS_EXIT_AFTER_START and CCS_STARTUP_TIMES need, as an event filter on the
    application: the first window shown (login screen or main window) and, for the times,
    the moment a correct password closed the login (Argon2id done) and the main window's
    first showing with its home page's figures. None when neither is asked."""
    if not exit_after_start and not times_file:
        return None
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QDialog, QWidget

    class StartWatch(QObject):
        def __init__(self) -> None:
            super().__init__(app)
            self.times: dict[str, float | None] = {"first_window_s": None,
                                                   "password_to_home_s": None,
                                                   "home_s": None}
            self._password_ok: float | None = None
            self.modules: list[str] = []

        def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802  (Qt's name)
            kind = event.type()
            if kind == QEvent.Type.Show and self.times["first_window_s"] is None \
                    and isinstance(obj, QWidget) \
                    and obj.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog):
                self.times["first_window_s"] = -1.0  # once
                # once the events pending are handled: painted and taking input
                QTimer.singleShot(0, lambda: self._shown(obj))
            elif kind == QEvent.Type.Hide and type(obj).__name__ == "LoginDialog" \
                    and obj.result() == QDialog.DialogCode.Accepted:
                self._password_ok = time.perf_counter()
            return False

        def _shown(self, window) -> None:  # noqa: ANN001
            self.times["first_window_s"] = round(process_age(), 4)
            # what the first window waited for (tests/ui/test_startup_modules.py)
            self.modules = sorted(sys.modules)
            if exit_after_start and isinstance(window, QDialog):
                window.reject()  # the login screen: sign_in returns None, main() 0

        def main_window_shown(self) -> None:
            # from process start to the home page's figures (--demo: its database built)
            self.times["home_s"] = round(process_age(), 4)
            if self._password_ok is not None:
                self.times["password_to_home_s"] = round(
                    time.perf_counter() - self._password_ok, 4)

        def write(self) -> None:
            if times_file:
                Path(times_file).write_text(json.dumps(
                    dict(self.times, modules_at_first_window=self.modules)) + "\n",
                    encoding="utf-8")

    watch = StartWatch()
    app.installEventFilter(watch)
    return watch


def after_start(window) -> None:  # noqa: ANN001
    """Once the window shows: warn about a wrong clock, then the first-run wizard if needed."""
    from PySide6.QtWidgets import QMessageBox

    committee = window.services.committee
    try:
        warning = committee.clock_warning()
    except Exception:  # noqa: BLE001  (a warning must never stop the start)
        log.exception("clock check failed")
        warning = None
    if warning:
        QMessageBox.warning(window, "CCS Desktop", warning)
    if not committee.is_configured():
        window.run_wizard()
        return
    # drafts left by an interruption: the main window offers them itself, once, at its first
    # show (ui/main_window.MainWindow.offer_drafts)


def application_icon():  # noqa: ANN201  (QIcon)
    """The application's icon at every size drawn (resources/icons, packaging/make_icons.py):
    the title bars, the task bar and Alt+Tab pick the size they need."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted(paths.resource_path("icons").glob("ccs-desktop-*.png")):
        icon.addFile(str(png))
    return icon


def open_backup_file(window, path: str) -> None:  # noqa: ANN001
    """The restore / verify dialog on the file given on the command line (a .ccsbak opened
    from the file manager): the user types its passphrase, checks it, restores it or not."""
    from .ui.exchange import open_restore
    from .ui.prompts import current

    dialog = open_restore(window)
    dialog._set_path(str(Path(path).resolve()))  # noqa: SLF001  (the dialog's own choice)
    current().run_dialog(dialog)


def install_crash_dialog() -> Callable[[], None]:
    """Unexpected errors: logged (in the file, their type and frames only), and shown in a
    dialog once the application is there, instead of silently closing it. main() installs it
    before the database is opened; returns what puts the previous hooks back."""

    def show(exc_type, exc, tb) -> None:  # noqa: ANN001
        import traceback

        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return  # before Qt: the console and the log file have it
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("Crash", "Unexpected error"),
                          QCoreApplication.translate(
                              "Crash", "An unexpected error occurred. What was saved is "
                              "safe; the details below help to fix the problem."))
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()

    return install_crash_hook(show)


def _fatal(message: str) -> int:
    print(_("ccs-desktop: {message}").format(message=message), file=sys.stderr)
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        QMessageBox.critical(None, "CCS Desktop", message)
    except Exception:  # noqa: BLE001  (no display: the message went to stderr)
        pass
    return 1
