"""Shared pieces of the command line: errors, French argparse, data folder handling."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from ..domain.text import printable
from ..fileio import french_os_error


class CliError(Exception):
    """A French message for standard error; exit code 1 unless said otherwise."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French: usage, section titles, the -h option and the errors."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="affiche cette aide et quitte")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "utilisation : ", 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        translations = {
            "the following arguments are required": "arguments obligatoires manquants",
            "unrecognized arguments": "arguments non reconnus",
            "invalid choice": "choix invalide",
            "expected one argument": "une valeur est attendue",
            "choose from": "valeurs possibles :",
            "the following arguments are required:": "arguments obligatoires :",
            "invalid int value": "nombre entier invalide",
            "ignored explicit argument": "valeur inattendue",
            "not allowed with argument": "incompatible avec l'argument",
            "ambiguous option": "option ambiguë",
            "could match": "peut désigner",
        }
        for en, fr in translations.items():
            message = message.replace(en, fr)
        self.exit(2, printable(f"{self.prog} : erreur : {message}") + "\n")


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



# --- what the command line prints -----------------------------------------------------------
# (domain.text.printable: no raw control, format or bidirectional character on a terminal)

def printable_field(text: object) -> str:
    """One field of a tab-separated line: newlines and tabs escaped too, so that each
    record stays on one line and in its columns."""
    return printable("" if text is None else text, keep="")


# --- files a command writes -----------------------------------------------------------------

def add_force(parser: argparse.ArgumentParser) -> None:
    """--force for a command that writes a file named by --out."""
    parser.add_argument("--force", action="store_true",
                        help="remplacer le fichier de sortie s'il existe déjà (jamais un "
                             "fichier du dossier de données)")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None,
                      force: bool) -> Path:
    """The resolved path a command may write its output to, or a CliError in French.

    Never the live database, its journal, its copies or anything else in the data folder,
    even with --force: the path, the data folder and the database are compared after
    resolving symbolic links (and `..`), and an existing file is compared by identity too
    (a hard link to the database is the database). An existing file is replaced only with
    --force. Callers then write with fileio.write_atomically(..., overwrite=force), which
    also refuses a file created in between."""
    from .. import paths

    target = Path(path).expanduser()
    if target.is_dir():
        raise CliError(f"« {printable(target)} » est un dossier : donnez un nom de fichier "
                       "avec --out.")
    target = target.resolve()
    folder = paths.resolve_data_dir(data_dir).resolve()
    database = paths.database_path(data_dir).resolve()
    protected = [database] + [database.with_name(database.name + suffix)
                              for suffix in ("-wal", "-shm", "-journal")]
    if (_inside(target, folder) or target in protected
            or any(_same_file(target, p) for p in protected)):
        raise CliError(
            f"« {printable(target)} » est dans le dossier de données de CCS Desktop "
            f"(« {printable(folder)} ») ou désigne sa base de données : aucune commande n'y "
            "écrit, même avec --force, pour ne jamais abîmer la base ou ses copies. "
            "Choisissez un fichier dans un autre dossier avec --out.")
    if not target.parent.is_dir():
        raise CliError(f"Le dossier « {printable(target.parent)} » n'existe pas.")
    if os.path.lexists(target) and not force:
        raise CliError(f"Le fichier « {printable(target)} » existe déjà. Choisissez un autre "
                       "nom avec --out, ou ajoutez --force pour le remplacer.")
    return target


def check_output_folder(folder: str | os.PathLike[str],
                        data_dir: str | os.PathLike[str] | None) -> Path:
    """The resolved folder a command writes new files into (backups, transmissions; it is
    created if missing), or a CliError in French: it must lie outside the data folder
    (symbolic links resolved), since nothing but the application itself writes there."""
    from .. import paths

    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise CliError(f"« {printable(target)} » n'est pas un dossier : donnez le dossier de "
                       "destination (la clé USB) avec --out.")
    target = target.resolve()
    data = paths.resolve_data_dir(data_dir).resolve()
    if _inside(target, data):
        raise CliError(
            f"« {printable(target)} » est dans le dossier de données de CCS Desktop "
            f"(« {printable(data)} ») : une sauvegarde doit aller ailleurs, de préférence sur "
            "une clé USB. Choisissez un autre dossier avec --out.")
    return target


class SafeStream:
    """A text stream that writes everything through `printable`: whatever a command prints
    (names, file names, manifests, log lines, messages quoting them) reaches the terminal
    without raw control characters. `keep` lists the controls left as they are."""

    def __init__(self, stream, keep: str) -> None:  # noqa: ANN001
        self._stream = stream
        self._keep = keep

    def write(self, text: str) -> int:
        self._stream.write(printable(text, keep=self._keep))
        return len(text)

    def __getattr__(self, name: str):  # noqa: ANN204  (flush, encoding, isatty, fileno...)
        return getattr(self._stream, name)
