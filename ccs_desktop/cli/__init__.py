"""The `ccs` command line. Never imports Qt.

Each module named in COMMAND_MODULES adds its subcommands through `register(subparsers)`;
handlers raise CliError with a French message (exit 1); argparse usage errors exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
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


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"ccs : {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ccs : interrompu.", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for the user
        from ..services.errors import UserError

        if isinstance(exc, UserError):
            print(f"ccs : {exc}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError):
            from .common import french_os_error

            where = f" « {exc.filename} »" if getattr(exc, "filename", None) else ""
            print(f"ccs : erreur d'accès au disque{where} : {french_os_error(exc)}.",
                  file=sys.stderr)
            return 1
        logging.getLogger("ccs").debug("erreur inattendue", exc_info=True)
        print(f"ccs : erreur inattendue : {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
