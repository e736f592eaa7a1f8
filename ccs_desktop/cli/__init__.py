"""The `ccs` command line. Never imports Qt.

Each module named in COMMAND_MODULES adds its subcommands through `register(subparsers)`;
handlers raise CliError with a translated message (exit 1); argparse usage errors exit 2.
Whatever else goes wrong is said in words without a traceback (CCS_DEBUG=1 prints it), and
every message passes through common.printable (no raw terminal control characters).
Everything is said in French, or in English with `ccs --lang en` or CCS_LANG=en (the system's
locale is never looked at).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from .. import i18n
from ..i18n import N_, _, pgettext
from ..logs import log_to_file_only, start_logging
from .common import CliError, FrenchArgumentParser

COMMAND_MODULES = ("ccs_desktop.cli.core", "ccs_desktop.cli.documents",
                   "ccs_desktop.cli.exchange", "ccs_desktop.cli.export",
                   "ccs_desktop.cli.reporting", "ccs_desktop.cli.audit",
                   "ccs_desktop.cli.accounts", "ccs_desktop.cli.suspensions")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="ccs",
        description=_("CCS Desktop on the command line: registers of the Security Advisory "
                      "Committees."),
    )
    parser.add_argument("--verbose", "-v", action="store_true", help=_("detailed log"))
    parser.add_argument(LANG_OPTION, choices=i18n.LANGUAGES, default=None,
                        help=_("language of the messages: fr (the default) or en; "
                               "CCS_LANG=en does the same"))
    sub = parser.add_subparsers(dest="command", metavar=pgettext("metavar", "COMMAND"),
                                title=_("commands"), parser_class=FrenchArgumentParser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


LANG_OPTION = "--lang"


def _language_asked(argv: Sequence[str]) -> str | None:
    """The value of `--lang` among the options before the subcommand (`--lang en`,
    `--lang=en`, or a prefix argparse would accept, `--la en`), read before the parser is
    built, so that everything, the help included, is said in that language."""
    for i, arg in enumerate(argv):
        if arg == "--" or not arg.startswith("-"):
            return None  # the subcommand (or the end of the options): --lang is not after it
        name, eq, value = arg.partition("=")
        if len(name) >= 3 and LANG_OPTION.startswith(name):
            if eq:
                return value
            return argv[i + 1] if i + 1 < len(argv) else None
    return None


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding == "utf8":
            continue
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


DEBUG_ENV = "CCS_DEBUG"

# translated where they are said (the language is known only then); UNEXPECTED names
# {debug_env}
UNEXPECTED = N_("ccs: unexpected internal error, the command stopped. What was already saved "
                "in the database is intact. For the technical detail to send to the support, "
                "run the same command again with the environment variable {debug_env}=1.")
LOCKED = N_("ccs: the database is in use by another program (CCS Desktop open, or another ccs "
            "command running). Close it or wait for the other command to end, then try again.")
DAMAGED = N_("ccs: the database cannot be read: the file is damaged or is not a CCS Desktop "
             "database. Restore the last backup (“ccs backup restore”) or an automatic copy.")


def _say(message: object) -> None:
    from .common import printable

    print(printable(message), file=sys.stderr)


def _database_message(exc: BaseException) -> str | None:
    """The message (translated) for an SQLite failure that reached the top (raw SQLite or
    SQLAlchemy text is never shown)."""
    from sqlalchemy.exc import DBAPIError

    from ..db.engine import DRIVER_DATABASE_ERRORS

    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, DRIVER_DATABASE_ERRORS):
        return None
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return _(LOCKED)
    return _(DAMAGED)


def _safe_streams() -> tuple:
    """Route stdout and stderr through common.SafeStream for the time of one command (the
    progress line on stderr keeps its carriage return)."""
    from .common import SafeStream

    saved = (sys.stdout, sys.stderr)
    if sys.stdout is not None:
        sys.stdout = SafeStream(sys.stdout, keep="\n\t")
    if sys.stderr is not None:
        sys.stderr = SafeStream(sys.stderr, keep="\n\t\r")
    return saved


BROKEN_PIPE = 141  # what a shell reports for a command stopped by SIGPIPE (128 + 13)


def _pipe_closed() -> int:
    """The reader of standard output went away (`ccs info | head -1`): end quietly. Python's
    advice (signal module, "Note on SIGPIPE"): point stdout at devnull, so that the final
    flush at exit does not raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (OSError, AttributeError, ValueError):
        pass
    return BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `--lang` first, before anything is printed (help included), for this command only
    language = i18n._language  # noqa: SLF001  (the one set_language chose, to give back)
    asked = _language_asked(argv)
    if asked:
        i18n.set_language(asked)
    _utf8_streams()
    saved = _safe_streams()
    try:
        code = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe is seen here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    finally:
        sys.stdout, sys.stderr = saved
        i18n.set_language(language)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    # the technical detail (DEBUG, with tracebacks) only when asked for with CCS_DEBUG=1
    level = (logging.DEBUG if os.environ.get(DEBUG_ENV)
             else logging.INFO if args.verbose else logging.WARNING)
    # the console as asked, and the data folder's rotating file at the same level
    # (ccs_desktop.logs): a command that went well leaves nothing in the data folder
    stop_logging = start_logging(_data_folder(args), level=level, file_level=level)
    try:
        return _command(args)
    finally:
        stop_logging()


def _data_folder(args: argparse.Namespace):  # noqa: ANN202
    if not hasattr(args, "data_dir"):
        return None  # a command without a data folder (crss keygen...): the console only
    from ..paths import resolve_data_dir

    try:
        return resolve_data_dir(args.data_dir)
    except Exception:  # noqa: BLE001  (no usable default folder: the command says it)
        return None


def _command(args: argparse.Namespace) -> int:
    try:
        if hasattr(args, "data_dir"):
            # what a killed restore, verify or import left in clear goes first
            from ..services.exchange.backup import clean_leftovers_at_start

            clean_leftovers_at_start(args.data_dir)
        from ..db.unlock import command_line

        with command_line(getattr(args, "user", None), getattr(args, "password_file", None)):
            if getattr(args, "needs_account", hasattr(args, "data_dir")):
                from .common import ensure_credentials

                with ensure_credentials(args.data_dir):  # asked on a terminal, else exit 2
                    return int(args.handler(args) or 0)
            return int(args.handler(args) or 0)
    except CliError as exc:
        _say(_("ccs: {message}").format(message=exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _say(_("ccs: interrupted."))
        return 130
    except BrokenPipeError:  # the reader of our output went away: main() ends quietly
        raise
    except Exception as exc:  # never a traceback, never Python's words, for the user
        from ..services.errors import UserError

        if isinstance(exc, UserError):
            _say(_("ccs: {message}").format(message=exc))
            return 1
        if isinstance(exc, OSError):
            from ..fileio import os_error_message

            _say(_("ccs: {message}").format(message=os_error_message(exc)))
            return 1
        # the file gets its kind and frames (never its text); the console, words
        log_to_file_only("ccs %s stopped by an unexpected error", args.command)
        if os.environ.get(DEBUG_ENV):  # the technical detail, only when asked for
            import traceback

            _say(traceback.format_exc().rstrip())
        message = _database_message(exc)
        _say(message or _(UNEXPECTED).format(debug_env=DEBUG_ENV))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
