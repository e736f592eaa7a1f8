"""Shared pieces of the command line: errors, argparse in the catalog's language, data folder
handling."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from ..domain.text import printable
from ..fileio import os_error_text
from ..i18n import N_, _, ngettext, pgettext


class CliError(Exception):
    """A message (already translated) for standard error; exit code 1 unless said otherwise."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# argparse's own texts (usage, section titles, -h, its errors) are looked up by argparse itself
# with its module's `_` and `ngettext`; while one of our parsers works they are our catalog's
# (see _in_catalog), so these English message ids, argparse's own (Python 3.11 to 3.13: every
# variant a user can see), are declared here for the extractor and translated in po/fr.po.
# argparse's messages about a mistake in the parser's own definition (conflicting options,
# invalid nargs...) are a programmer's, never a user's, and stay English.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),  # 3.13
    N_("subcommands"),  # 3.13
    N_("%(heading)s:"),  # 3.13 (a section title)
    N_(" (default: %(default)s)"),  # 3.13
    N_("%(prog)s: error: %(message)s\n"),
    N_("%(prog)s: warning: %(message)s\n"),  # 3.13
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("argument '%(argument_name)s' is deprecated"),  # 3.13
    N_("option '%(option)s' is deprecated"),  # 3.13
    N_("command '%(parser_name)s' is deprecated"),  # 3.13
)
ARGPARSE_PLURALS = (
    lambda n: ngettext("expected %s argument", "expected %s arguments", n),
)


def _in_catalog(method):  # noqa: ANN001, ANN202
    """Run an ArgumentParser method with argparse's `_` and `ngettext` answering from our
    catalog (in the language in force), then give argparse its own back: other parsers in the
    same process are left as they were."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
        argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
        try:
            return method(*args, **kwargs)
        finally:
            argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
    return wrapper


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in the catalog's language (French by default): usage, section titles, the -h
    option and the errors all come from our catalog, whatever the system's locale."""

    __init__ = _in_catalog(argparse.ArgumentParser.__init__)
    add_subparsers = _in_catalog(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_catalog(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_catalog(argparse.ArgumentParser.parse_known_args)
    parse_intermixed_args = _in_catalog(argparse.ArgumentParser.parse_intermixed_args)
    parse_known_intermixed_args = _in_catalog(
        argparse.ArgumentParser.parse_known_intermixed_args)
    format_usage = _in_catalog(argparse.ArgumentParser.format_usage)
    format_help = _in_catalog(argparse.ArgumentParser.format_help)

    @_in_catalog
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        self.exit(2, printable(text.rstrip("\n")) + "\n")


def whole_number(text: str) -> int:
    """An argparse type: int(), with its refusal in the catalog's words."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid whole number: {value}").format(value=repr(text))) from None


def grouped(number: int) -> str:
    """A whole number with its thousands separated as the language does (2,000 / 2 000)."""
    # Translators: the thousands separator (a narrow no-break space in French)
    return format(number, ",").replace(",", pgettext("thousands separator", ","))


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """--data-dir and the credentials that unlock (or, for a new database, make the first
    administrator of) the encrypted database."""
    parser.add_argument(
        "--data-dir", metavar=pgettext("metavar", "FOLDER"), default=None,
        help=_("data folder (by default: CCS_DATA_DIR or the user's folder)"),
    )
    parser.add_argument(
        "--user", metavar=pgettext("metavar", "NAME"), default=None,
        help=_("account name (by default: CCS_USER; “admin” for a new database)"))
    parser.add_argument(
        "--password-file", metavar=pgettext("metavar", "FILE"), default=None,
        help=_("file whose first line is the account's password (by default: "
               "CCS_PASSWORD_FILE)"))


def open_existing(data_dir: str | None):
    """Open the database of a folder for a command: refuse a missing one. The account that
    unlocked it is the one acting (services.roles checks its role)."""
    from ..db.engine import DatabaseError, NeedsCredentials, open_database

    try:
        return acting(open_database(data_dir, create=False))
    except NeedsCredentials as exc:
        raise CliError(str(exc), exit_code=NO_CREDENTIALS) from None
    except DatabaseError as exc:
        raise CliError(str(exc)) from None


def require_in_folder(data_dir: str | None, action: str) -> None:
    """The acting account's role allows `action` on the database of this folder (nothing
    to check when there is none yet)."""
    from ..db.engine import DatabaseCorrupt, database_exists, open_database
    from ..services.errors import DatabaseBusy
    from ..services.roles import require

    if not database_exists(data_dir):
        return
    try:  # read only (no migration, no row written): the live file stays as it is
        db = acting(open_database(data_dir, create=False, migrate=False))
    except (DatabaseBusy, DatabaseCorrupt):
        return  # unreadable or held by another program: the restore itself says so
    try:
        require(db, action)
    except DatabaseBusy:
        return
    finally:
        db.close()


# a command that needs an account and got none (no --password-file, no terminal to ask on)
NO_CREDENTIALS = 2


def acting(db):  # noqa: ANN001, ANN201
    """`db` with the command's credentials as its acting account (services.roles)."""
    from ..db.unlock import Credentials

    if getattr(db, "credentials", None) is None:
        db.credentials = Credentials.given()
    return db


@contextlib.contextmanager
def ensure_credentials(data_dir: str | None) -> Iterator[None]:
    """Before a command opens an existing encrypted database: its credentials given
    (--user/--password-file, CCS_USER/CCS_PASSWORD_FILE), else asked for on a terminal
    (the password with getpass, never echoed), else a French refusal with exit code 2."""
    from ..db import unlock
    from ..db.engine import database_exists

    try:
        given = unlock.Credentials.given() is not None or not database_exists(data_dir)
    except unlock.CredentialsError:
        given = True  # said by the command itself, in its words
    if given:
        yield
        return
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise CliError(_("This database is encrypted and this command needs an account: "
                         "give its name with --user and a file holding its password with "
                         "--password-file (or CCS_USER and CCS_PASSWORD_FILE), or run it on "
                         "a terminal to type them."),
                       exit_code=NO_CREDENTIALS)
    import getpass

    user = os.environ.get(unlock.ENV_USER) or input(_("Account: ")).strip()
    password = getpass.getpass(_("Password of “{user}”: ").format(user=user))
    if not user or not password:
        raise CliError(_("No account name or password typed."), exit_code=NO_CREDENTIALS)
    unlock.remember_session(unlock.Credentials(user, password))
    try:
        yield
    finally:
        unlock.remember_session(None)


def read_passphrase_file(path: str | Path) -> str:
    """The first line of a file, without its line ending."""
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline()
    except OSError as exc:
        raise CliError(_("Cannot read the passphrase file “{path}”: {reason}.")
                       .format(path=path, reason=os_error_text(exc))) from None
    return line.rstrip("\r\n")



# --- what the command line prints -----------------------------------------------------------
# (domain.text.printable: no raw control, format or bidirectional character on a terminal)

def read_recovery_key_file(path: str | Path) -> str:
    """The text of a recovery key file (as `ccs init --recovery-key-out` writes it, or typed
    from the sheet); checked by whoever parses it."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read(4096)
    except (OSError, UnicodeDecodeError) as exc:
        error = os_error_text(exc) if isinstance(exc, OSError) else _("not a text file")
        raise CliError(_("Cannot read the recovery key file “{path}”: {error}.")
                       .format(path=path, error=error)) from None


def printable_field(text: object) -> str:
    """One field of a tab-separated line: newlines and tabs escaped too, so that each
    record stays on one line and in its columns."""
    return printable("" if text is None else text, keep="")


# --- files a command writes -----------------------------------------------------------------

def add_force(parser: argparse.ArgumentParser) -> None:
    """--force for a command that writes a file named by --out."""
    parser.add_argument("--force", action="store_true",
                        help=_("replace the output file if it already exists (never a "
                               "file of the data folder)"))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def writing_output(path: str | os.PathLike[str]) -> Iterator[None]:
    """Around the writing of a command's output file (an export, a report): a file that
    appeared meanwhile or an OS error reads as a French CliError."""
    try:
        yield
    except FileExistsError:
        raise CliError(_("The file “{path}” already exists (created during the command). "
                         "Choose another name with --out, or add --force to replace it.")
                       .format(path=printable(path))) from None
    except OSError as exc:
        raise CliError(_("Cannot write “{path}”: {reason}.")
                       .format(path=printable(path), reason=os_error_text(exc))) from None


def period_option(text: str):  # noqa: ANN201  (services.export.Period | None)
    """--period as the exports and reports read it (`2024`, `2024-Q2`, `2024-05`,
    `2024-01..2024-06`); a bad one is a usage error (exit 2)."""
    from ..services import export
    from ..services.errors import UserError

    try:
        return export.parse_period(text)
    except UserError as exc:
        raise CliError(str(exc), exit_code=2) from None


def check_output_path(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None,
                      force: bool) -> Path:
    """The resolved path a command may write its output to, or a CliError.

    Never the live database, its journal, its copies or anything else in the data folder,
    even with --force: the path, the data folder and the database are compared after
    resolving symbolic links (and `..`), and an existing file is compared by identity too
    (a hard link to the database is the database). An existing file is replaced only with
    --force. Callers then write with fileio.write_atomically(..., overwrite=force), which
    also refuses a file created in between."""
    from .. import paths

    target = Path(path).expanduser()
    if target.is_dir():
        raise CliError(_("“{path}” is a folder: give a file name with --out.")
                       .format(path=printable(target)))
    target = target.resolve()
    folder = paths.resolve_data_dir(data_dir).resolve()
    database = paths.database_path(data_dir).resolve()
    protected = [database] + [database.with_name(database.name + suffix)
                              for suffix in ("-wal", "-shm", "-journal")]
    if (_inside(target, folder) or target in protected
            or any(_same_file(target, p) for p in protected)):
        raise CliError(_(
            "“{path}” is in the data folder of CCS Desktop (“{folder}”) or names its "
            "database: no command writes there, even with --force, so as never to damage "
            "the database or its copies. Choose a file in another folder with --out.")
            .format(path=printable(target), folder=printable(folder)))
    if not target.parent.is_dir():
        raise CliError(_("The folder “{folder}” does not exist.")
                       .format(folder=printable(target.parent)))
    if os.path.lexists(target) and not force:
        raise CliError(_("The file “{path}” already exists. Choose another name with --out, "
                         "or add --force to replace it.").format(path=printable(target)))
    return target


def check_output_folder(folder: str | os.PathLike[str],
                        data_dir: str | os.PathLike[str] | None) -> Path:
    """The resolved folder a command writes new files into (backups, transmissions; it is
    created if missing), or a CliError: it must lie outside the data folder
    (symbolic links resolved), since nothing but the application itself writes there."""
    from .. import paths

    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise CliError(_("“{path}” is not a folder: give the destination folder (the USB "
                         "stick) with --out.").format(path=printable(target)))
    target = target.resolve()
    data = paths.resolve_data_dir(data_dir).resolve()
    if _inside(target, data):
        raise CliError(_(
            "“{path}” is in the data folder of CCS Desktop (“{folder}”): a backup must go "
            "elsewhere, preferably on a USB stick. Choose another folder with --out.")
            .format(path=printable(target), folder=printable(data)))
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
