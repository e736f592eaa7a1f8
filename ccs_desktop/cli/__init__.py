"""The `ccs` command line. Never imports Qt.

Each module named in COMMAND_MODULES adds its subcommands through `register(subparsers)`;
handlers raise CliError with a French message (exit 1); argparse usage errors exit 2.
Whatever else goes wrong is said in French without a traceback (CCS_DEBUG=1 prints it), and
every message passes through common.printable (no raw terminal control characters).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from .common import CliError, FrenchArgumentParser

COMMAND_MODULES = ("ccs_desktop.cli.core", "ccs_desktop.cli.documents",
                   "ccs_desktop.cli.exchange")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="ccs",
        description="CCS Desktop en ligne de commande : registres des Comités Consultatifs "
                    "de Sécurité.",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="journal détaillé")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes",
                                parser_class=FrenchArgumentParser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


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

UNEXPECTED = ("ccs : erreur interne inattendue, la commande s'est arrêtée. Ce qui était déjà "
              "enregistré dans la base reste intact. Pour le détail technique à transmettre "
              "au support, relancez la même commande avec la variable d'environnement "
              f"{DEBUG_ENV}=1.")
LOCKED = ("ccs : la base de données est occupée par un autre programme (CCS Desktop ouvert, "
          "ou une autre commande ccs en cours). Fermez-le ou attendez la fin de l'autre "
          "commande, puis recommencez.")
DAMAGED = ("ccs : la base de données ne peut pas être lue : le fichier est endommagé ou n'est "
           "pas une base CCS Desktop. Restaurez la dernière sauvegarde (« ccs backup restore ») "
           "ou une copie automatique.")


def _say(message: object) -> None:
    from .common import printable

    print(printable(message), file=sys.stderr)


def _database_message(exc: BaseException) -> str | None:
    """A French message for an SQLite failure that reached the top (raw SQLite or
    SQLAlchemy text is never shown)."""
    import sqlite3

    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover
        DBAPIError = ()  # type: ignore[assignment]  # noqa: N806
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return LOCKED
    return DAMAGED


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


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # the technical detail (DEBUG, with tracebacks) only when asked for with CCS_DEBUG=1
    level = (logging.DEBUG if os.environ.get(DEBUG_ENV)
             else logging.INFO if args.verbose else logging.WARNING)
    logging.basicConfig(level=level,
                        stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        if hasattr(args, "data_dir"):
            # what a killed restore, verify or import left in clear goes first
            from ..services.exchange.backup import clean_leftovers_at_start

            clean_leftovers_at_start(args.data_dir)
        return int(args.handler(args) or 0)
    except CliError as exc:
        _say(f"ccs : {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say("ccs : interrompu.")
        return 130
    except BrokenPipeError:  # the reader of our output went away: main() ends quietly
        raise
    except Exception as exc:  # never a traceback, never English, for the user
        from ..services.errors import UserError

        if isinstance(exc, UserError):
            _say(f"ccs : {exc}")
            return 1
        if isinstance(exc, OSError):
            from .common import french_os_error

            where = f" « {exc.filename} »" if getattr(exc, "filename", None) else ""
            _say(f"ccs : erreur d'accès au disque{where} : {french_os_error(exc)}.")
            return 1
        if os.environ.get(DEBUG_ENV):  # the technical detail, only when asked for
            import traceback

            _say(traceback.format_exc().rstrip())
        message = _database_message(exc)
        _say(message or UNEXPECTED)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
