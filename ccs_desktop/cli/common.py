"""Shared pieces of the command line: errors, French argparse, data folder handling."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from ..fileio import french_os_error


class CliError(Exception):
    """A French message for standard error; exit code 1 unless said otherwise."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        translations = {
            "the following arguments are required": "arguments obligatoires manquants",
            "unrecognized arguments": "arguments non reconnus",
            "invalid choice": "choix invalide",
            "expected one argument": "une valeur est attendue",
            "choose from": "valeurs possibles :",
            "the following arguments are required:": "arguments obligatoires :",
        }
        for en, fr in translations.items():
            message = message.replace(en, fr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DOSSIER", default=None,
        help="dossier de données (par défaut : CCS_DATA_DIR ou le dossier de l'utilisateur)",
    )


def open_existing(data_dir: str | None):
    """Open the database of a folder for a command that only reads: refuse a missing one."""
    from ..db.engine import DatabaseError, open_database

    try:
        return open_database(data_dir, create=False)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None


def read_passphrase_file(path: str | Path) -> str:
    """The first line of a file, without its line ending."""
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline()
    except OSError as exc:
        raise CliError(f"Impossible de lire le fichier de phrase secrète « {path} » : "
                       f"{french_os_error(exc)}.") from None
    return line.rstrip("\r\n")

