"""What the program says happened: the console (stderr) and a rotating file in the data folder,
`<data>/journaux/ccs.log` (a few files of about 1 MB), for the window and the command line.

The file never holds what the user typed: the messages logged say ids, kinds, counts and file
names, and an exception (the crash hook's included) is written as its type and its frames,
never its message, which may quote a title, a name or an SQL parameter; a text that quotes
SQLAlchemy's statement and its parameters (`str()` of a StatementError given as an argument)
is cut before them. The console keeps Python's whole text, as before.

Qt-free: `ccs` uses it too. `start_logging` returns what puts everything back (main() of the
window and of the command line can run again in one process, the tests do).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from . import paths

LOG_FILENAME = "ccs.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# Records for the file only (the command line's unexpected errors: the user reads words on
# the console, never a traceback)
FILE_ONLY = "ccs_desktop.fichier"

log = logging.getLogger("ccs_desktop")


def log_path(data_dir: str | Path | None) -> Path:
    return paths.log_dir(data_dir) / LOG_FILENAME


# Where SQLAlchemy's text of an error starts quoting the statement and its parameters (the
# values of the record: titles, names, notes) and its link to the documentation
_SQL_QUOTE = re.compile(r"\s*\[(SQL|parameters|SQL parameters): |\s*\(Background on this error")
SQL_NOT_LOGGED = " [SQL not logged]"


def without_sql(text: str) -> str:
    """`text` cut where it starts quoting an SQL statement or its parameters."""
    found = _SQL_QUOTE.search(text)
    return text if found is None else text[:found.start()] + SQL_NOT_LOGGED


class PrivateFormatter(logging.Formatter):
    """The file's formatter: an exception, in the record's arguments or its exc_info, is its
    type (and its frames), never its text; a text argument quoting SQL is cut before it."""

    def format(self, record: logging.LogRecord) -> str:
        clean = logging.makeLogRecord(record.__dict__)
        if isinstance(clean.args, tuple):
            clean.args = tuple(_private(a) for a in clean.args)
        elif isinstance(clean.args, dict):
            clean.args = {k: _private(a) for k, a in clean.args.items()}
        clean.msg = _private(clean.msg)
        clean.exc_text = None  # another handler may have cached the whole text
        return super().format(clean)

    def formatException(self, ei) -> str:  # noqa: ANN001, N802
        _type, value, tb = ei
        if value is None:
            return ""
        return "".join(_frames(traceback.TracebackException(type(value), value, tb),
                               depth=0)).rstrip("\n")


def _private(value: object) -> object:
    if isinstance(value, BaseException):
        return _kind(value)
    if isinstance(value, str):
        return without_sql(value)
    return value


def _kind(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__}"


def _frames(te: traceback.TracebackException, depth: int) -> list[str]:
    out: list[str] = []
    if depth < 5:
        if te.__cause__ is not None:
            out += _frames(te.__cause__, depth + 1)
            out.append("\nThe above exception was the direct cause of the following:\n\n")
        elif te.__context__ is not None and not te.__suppress_context__:
            out += _frames(te.__context__, depth + 1)
            out.append("\nDuring handling of the above exception, another occurred:\n\n")
    out.append("Traceback (most recent call last):\n")
    out += te.stack.format()
    kind = getattr(te, "exc_type_str", None) or (
        f"{te.exc_type.__module__}.{te.exc_type.__qualname__}" if te.exc_type else "?")
    out.append(f"{kind} (message not logged)\n")
    return out


class LogFile(RotatingFileHandler):
    """The rotating file: its folder is made at the first record (a run that logs nothing
    leaves nothing in the data folder), and a failure to write it (full disk, read-only
    folder, another program rotating it on Windows) never reaches the user."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                         encoding="utf-8", delay=True)
        self.setFormatter(PrivateFormatter(FILE_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is None:
            try:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        pass  # the log is best effort: never a "--- Logging error ---" on the console


def start_logging(data_dir: str | Path | None, *, level: int = logging.WARNING,
                  file_level: int = logging.INFO) -> Callable[[], None]:
    """The console at `level` (as logging.basicConfig, when nothing is configured yet) and the
    data folder's file at `file_level` (None as data_dir: the console only). Returns the
    function that removes what this call added."""
    root = logging.getLogger()
    before = list(root.handlers)
    old_level = root.level
    logging.basicConfig(level=level, stream=sys.stderr, format=CONSOLE_FORMAT)
    for handler in root.handlers:
        if handler not in before:  # basicConfig's console: its own level, not the root's
            handler.setLevel(level)
            handler.addFilter(lambda record: not getattr(record, FILE_ONLY, False))
    file_only = logging.getLogger(FILE_ONLY)
    file_only.propagate = False
    if not file_only.handlers:
        file_only.addHandler(logging.NullHandler())  # no file: silent, not Python's last resort
    handler: LogFile | None = None
    if data_dir is not None:
        try:
            handler = LogFile(log_path(data_dir))
        except Exception:  # noqa: BLE001  (no usable folder: the console still works)
            handler = None
    if handler is not None:
        handler.setLevel(file_level)
        root.addHandler(handler)
        file_only.addHandler(handler)
        if root.level != logging.NOTSET:  # NOTSET lets everything through already
            root.setLevel(min(root.level, file_level))

    def stop() -> None:
        root.setLevel(old_level)
        if handler is not None:
            root.removeHandler(handler)
            file_only.removeHandler(handler)
            handler.close()

    return stop


def log_to_file_only(message: str, *args: object, exc_info: object = True) -> None:
    """An error for the file only (the console of `ccs` says it in words)."""
    logging.getLogger(FILE_ONLY).error(message, *args, exc_info=exc_info)


ShowCrash = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_crash_hook(show: ShowCrash | None = None) -> Callable[[], None]:
    """sys.excepthook and threading.excepthook: an unexpected error is logged (console and
    file), then, in the main thread, given to `show` (the window's dialog). Returns the
    function that puts the previous hooks back."""
    previous = (sys.excepthook, threading.excepthook)

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if show is not None:
            try:
                show(exc_type, exc, tb)
            except Exception:  # noqa: BLE001
                sys.__excepthook__(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error("unexpected error in the thread %s", name,
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def restore() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous[0]
        if threading.excepthook is thread_hook:
            threading.excepthook = previous[1]

    return restore
