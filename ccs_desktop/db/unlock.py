"""Who opens the database, and the key they unlock: credentials, the key file's two copies,
the first administrator, logins with a growing wait after wrong passwords, the recovery key.

Qt-free; the GUI's login screen, the CLI's `--user/--password-file` and the services all come
here. The key file (db/keyfile.py) lives beside the database (`ccs.cles`) with a second copy
in `sauvegardes-auto/`: a missing or damaged one is rebuilt from the other, so losing one never
loses the database.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import paths
from ..i18n import _, ngettext
from ..services.errors import UserError
from . import keyfile as kf
# public here too (`unlock.DEFAULT_ADMIN`): the start-up reads them without this module
from ..services.presence import DEFAULT_ADMIN, ENV_PASSWORD_FILE, ENV_USER  # noqa: F401

KEYFILE_NAME = "ccs.cles"  # data: French by design, like the copies' names
COPY_FOLDER = "sauvegardes-auto"
MIN_PASSWORD = 8
MAX_PASSWORD = 1024


class CredentialsError(UserError):
    """No usable account name or password (French, with what to give)."""


@dataclass(frozen=True)
class Credentials:
    """An account name and its password (never printed: repr hides it)."""

    user: str
    password: str = field(repr=False)

    @classmethod
    def given(cls, user: str | None = None, password_file: str | os.PathLike[str] | None = None,
              *, default_user: str | None = None, session: bool = True) -> Credentials | None:
        """From the command line's `--user`/`--password-file` (given here, or for the time
        of a command by `command_line`), else CCS_USER and CCS_PASSWORD_FILE; None when no
        password is given at all."""
        cmd_user, cmd_file = _COMMAND_LINE[-1] if _COMMAND_LINE else (None, None)
        user = user or cmd_user or os.environ.get(ENV_USER) or default_user
        password_file = password_file or cmd_file or os.environ.get(ENV_PASSWORD_FILE)
        if not password_file:
            return _SESSION[-1] if _SESSION and session else None
        if not user:
            raise CredentialsError(_("Give the account name with --user (or CCS_USER)."))
        return cls(user, read_password_file(password_file))


_COMMAND_LINE: list[tuple[str | None, str | None]] = []
# who signed in to the application (in memory only): what reopens the database after a
# restore, or reads an automatic copy, without asking again
_SESSION: list[Credentials] = []


# the key of each data folder whose database this process opened (in memory only): what
# seals the drafts written beside it (services/sealed.py)
_FOLDER_KEYS: dict[str, bytes] = {}


def remember_folder_key(folder: str | os.PathLike[str], key: bytes | None) -> None:
    if key is not None:
        _FOLDER_KEYS[str(Path(folder).resolve())] = key


def folder_key(folder: str | os.PathLike[str]) -> bytes | None:
    return _FOLDER_KEYS.get(str(Path(folder).resolve()))


def remember_session(credentials: Credentials | None) -> None:
    _SESSION.clear()
    if credentials is not None:
        _SESSION.append(credentials)


@contextlib.contextmanager
def command_line(user: str | None, password_file: str | os.PathLike[str] | None
                 ) -> Iterator[None]:
    """The `--user`/`--password-file` of one `ccs` command, for every opening it makes."""
    _COMMAND_LINE.append((user, str(password_file) if password_file else None))
    try:
        yield
    finally:
        _COMMAND_LINE.pop()


def read_password_file(path: str | os.PathLike[str]) -> str:
    """The first line of a password file (its end of line removed, nothing else)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PASSWORD + 2)
    except OSError as exc:
        from ..fileio import os_error_text

        raise CredentialsError(_("Cannot read the password file “{path}”: {error}.")
                               .format(path=path, error=os_error_text(exc))) from None
    try:
        first = data.decode("utf-8-sig").splitlines()[0] if data else ""
    except UnicodeDecodeError:
        raise CredentialsError(_("The password file “{path}” is not UTF-8 text.")
                               .format(path=path)) from None
    if not first:
        raise CredentialsError(_("The password file “{path}” is empty: write the password "
                                 "on its first line.").format(path=path))
    return first


# NIST SP 800-63B (5.1.1.2) asks verifiers to refuse passwords found in lists of commonly
# used or compromised ones, the account's own name and the application's name, instead of
# composition rules (which push people to "Password1!"). The most common ones in the
# published leak lists, and the ones a French-speaking office picks first, are here (compared
# without capitals or accents: "Azerty" is "azerty").
COMMON_PASSWORDS = frozenset({
    "password", "motdepasse", "azerty", "azertyuiop", "qwerty", "qwertyuiop", "abcdefgh",
    "abcd1234", "123456789", "1234567890", "12345678", "11111111", "00000000", "87654321",
    "iloveyou", "sunshine", "princess", "football", "baseball", "welcome", "bienvenue",
    "superman", "dragon", "monkey", "letmein", "trustno1", "admin", "administrateur",
    "administrator", "secretaire", "lecteur", "analyste", "utilisateur", "bonjour",
    "soleil", "doudou", "loulou", "chouchou", "marseille", "mali", "bamako", "ccsdesktop",
    "ccs-desktop", "mairie", "commune", "securite", "changeme",
    "passw0rd", "p@ssw0rd", "p@ssword", "aaaaaaaa", "password1", "azerty123", "qwerty123",
})


def _folded(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c)).strip()


def check_new_password(password: object, *, user: str | None = None) -> str:
    """At least 8 characters, no composition rule (NIST SP 800-63B); nothing but spaces and
    no control characters (they cannot be typed back at the login); not the account's own
    name (`user`) and not one of the most common passwords (COMMON_PASSWORDS: the first
    ones tried by whoever holds a stolen PC)."""
    if not isinstance(password, str):
        raise CredentialsError(_("Type a password."))
    if len(password) < MIN_PASSWORD:
        raise CredentialsError(ngettext(
            "The password must have at least {min} character (it has {n}).",
            "The password must have at least {min} characters (it has {n}).",
            MIN_PASSWORD).format(min=MIN_PASSWORD, n=len(password)))
    folded = _folded(password)
    if user and folded in (_folded(user), user.casefold()):
        raise CredentialsError(_("The password cannot be the account name: choose another."))
    if folded in COMMON_PASSWORDS or len(set(password)) == 1:
        raise CredentialsError(_("This password is among the most common ones, the first "
                                 "tried by whoever steals a PC: choose another (a short "
                                 "sentence is easy to remember)."))
    if len(password) > MAX_PASSWORD or not password.strip() or any(
            ord(c) < 32 or ord(c) == 127 for c in password):
        raise CredentialsError(_("The password has characters that cannot be typed at the "
                                 "login (line breaks, tabs) or only spaces: choose another."))
    return password


# --- where the key file lives ----------------------------------------------------------------

def keyfile_path(data_dir: str | os.PathLike[str] | None) -> Path:
    return paths.resolve_data_dir(data_dir) / KEYFILE_NAME


def keyfile_copy_path(data_dir: str | os.PathLike[str] | None) -> Path:
    return paths.resolve_data_dir(data_dir) / COPY_FOLDER / KEYFILE_NAME


def has_keys(data_dir: str | os.PathLike[str] | None) -> bool:
    return keyfile_path(data_dir).is_file() or keyfile_copy_path(data_dir).is_file()


def load_keys(data_dir: str | os.PathLike[str] | None) -> kf.KeyFile:
    """The key file; a missing or damaged one is rebuilt from its second copy (and the
    other way round). Two copies that both read but differ are left as they are: which one
    is right is known only with the database key (`unlock` checks their MAC), and a copy
    changed outside CCS Desktop must not overwrite the good one."""
    main, copy = keyfile_path(data_dir), keyfile_copy_path(data_dir)
    first_error: kf.KeyFileError | None = None
    for path, other in ((main, copy), (copy, main)):
        try:
            keys = kf.KeyFile.load(path)
        except kf.KeyFileError as exc:
            first_error = first_error or exc
            continue
        try:
            if not _readable(other):
                save_keys(data_dir, keys)
        except OSError:
            pass  # a read-only copy folder: the database still opens
        return keys
    assert first_error is not None
    raise first_error


def _readable(path: Path) -> bool:
    try:
        kf.KeyFile.load(path)
    except kf.KeyFileError:
        return False
    return True


def _other_copy(data_dir: str | os.PathLike[str] | None, keys: kf.KeyFile
                ) -> kf.KeyFile | None:
    """The copy of the key file that is not `keys` (a different content), if it reads."""
    for path in (keyfile_path(data_dir), keyfile_copy_path(data_dir)):
        try:
            other = kf.KeyFile.load(path)
        except kf.KeyFileError:
            continue
        if other.to_bytes() != keys.to_bytes():
            return other
    return None


def save_keys(data_dir: str | os.PathLike[str] | None, keys: kf.KeyFile) -> None:
    keys.save(keyfile_path(data_dir), copy=keyfile_copy_path(data_dir))


# A key file that waits for its database (a restore brings the backup's): written before the
# restored database gets its name, promoted right after. Killed in between, the opening
# tries it when the key file in force does not open the database (`candidates`).
PENDING_SUFFIX = ".en-attente"


def pending_path(data_dir: str | os.PathLike[str] | None) -> Path:
    path = keyfile_path(data_dir)
    return path.with_name(path.name + PENDING_SUFFIX)


def save_pending(data_dir: str | os.PathLike[str] | None, keys: kf.KeyFile) -> None:
    keys.save(pending_path(data_dir))


def promote_pending(data_dir: str | os.PathLike[str] | None) -> None:
    pending = pending_path(data_dir)
    save_keys(data_dir, kf.KeyFile.load(pending))
    pending.unlink(missing_ok=True)


def drop_pending(data_dir: str | os.PathLike[str] | None) -> None:
    pending_path(data_dir).unlink(missing_ok=True)


def unlock_pending(data_dir: str | os.PathLike[str] | None,
                   credentials: Credentials) -> bytes | None:
    """The key of the waiting key file for these credentials (None when there is none or
    it does not open with them)."""
    try:
        keys = kf.KeyFile.load(pending_path(data_dir))
        return keys.unlock(credentials.user, credentials.password)
    except kf.KeyFileError:
        return None


# --- set-up and logins -----------------------------------------------------------------------

@dataclass(frozen=True)
class NewKeys:
    """What the set-up makes: the database key (kept in memory) and the recovery key, shown
    once and printed."""

    database_key: bytes = field(repr=False)
    recovery_text: str = field(repr=False)


def make_keys(admin: Credentials) -> tuple[kf.KeyFile, NewKeys]:
    """A new database key wrapped for the first administrator and a new recovery key (the
    caller saves the key file once the database is there)."""
    check_new_password(admin.password, user=admin.user)
    key = kf.new_database_key()
    raw, text = kf.new_recovery_key()
    keys = kf.KeyFile.new().with_account(admin.user, admin.password, key).with_recovery(raw, key)
    return keys, NewKeys(key, text)


class TooManyAttempts(UserError):
    """Raised only when the caller asks not to wait (the screen counts down instead)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        n = max(1, int(seconds + 0.999))
        super().__init__(ngettext(
            "Too many wrong passwords: wait {n} second before trying again.",
            "Too many wrong passwords: wait {n} seconds before trying again.", n).format(n=n))


def unlock(data_dir: str | os.PathLike[str] | None, credentials: Credentials, *,
           sleep: Callable[[float], None] | None = time.sleep) -> bytes:
    """The database key for these credentials. After wrong passwords the next attempt waits
    (sleep) first — a right password is never refused, only delayed; with sleep=None the
    wait is raised (TooManyAttempts) for a screen to count down. Every wrong password is
    counted in the key file (kept across restarts). A version-1 entry of this account is
    converted to version 2 here; a key file whose entries fail their MAC is left for its
    second copy (which is then written to both places), else refused (KeyFileTampered)."""
    return login(data_dir, credentials, sleep=sleep)[0]


def login(data_dir: str | os.PathLike[str] | None, credentials: Credentials, *,
          sleep: Callable[[float], None] | None = time.sleep) -> tuple[bytes, kf.KeyFile]:
    """`unlock`, and the key file in force after it."""
    keys = load_keys(data_dir)
    wait = keys.wait_before(credentials.user)
    if wait > 0:
        if sleep is None:
            raise TooManyAttempts(wait)
        sleep(wait)
    repaired = False
    try:
        key, kept = keys.login(credentials.user, credentials.password)
    except kf.WrongPassword:
        _save_quietly(data_dir, keys.failed(credentials.user))
        raise
    except kf.KeyFileTampered:
        other = _other_copy(data_dir, keys)
        if other is None:
            raise
        key, kept = other.login(credentials.user, credentials.password)
        kept, repaired = replace(kept, failures=keys.failures), True  # both places get it
    done = kept.succeeded(credentials.user)
    if repaired or done is not keys:
        _save_quietly(data_dir, done)
    return key, done


def wait_before(data_dir: str | os.PathLike[str] | None, user: str) -> float:
    try:
        return load_keys(data_dir).wait_before(user)
    except kf.KeyFileError:
        return 0.0


def _save_quietly(data_dir: str | os.PathLike[str] | None, keys: kf.KeyFile) -> None:
    try:
        save_keys(data_dir, keys)
    except OSError:
        pass  # the counter is a brake, not a lock: a read-only medium still opens


def _recover(data_dir: str | os.PathLike[str] | None, text: str
             ) -> tuple[bytes, kf.KeyFile]:
    keys = load_keys(data_dir)
    try:
        return keys.recover(text)
    except kf.KeyFileTampered:
        other = _other_copy(data_dir, keys)
        if other is None:
            raise
        return other.recover(text)


def unlock_with_recovery(data_dir: str | os.PathLike[str] | None, text: str) -> bytes:
    """The database key from the recovery key (a version-1 recovery entry is converted to
    version 2 for the same recovery key, whose sheet stays good)."""
    key, keys = _recover(data_dir, text)
    _save_quietly(data_dir, keys)
    return key


def reset_password(data_dir: str | os.PathLike[str] | None, recovery_text: str,
                   account: Credentials) -> bytes:
    """Every password forgotten: the recovery key gives the database key back and `account`
    gets its new password (its entry made again, its failures forgotten)."""
    check_new_password(account.password, user=account.user)
    key, keys = _recover(data_dir, recovery_text)
    save_keys(data_dir, keys.with_account(account.user, account.password, key)
              .succeeded(account.user))
    return key


def change_password(data_dir: str | os.PathLike[str] | None, old: Credentials,
                    new_password: str) -> None:
    """Makes only this account's entry again."""
    check_new_password(new_password, user=old.user)
    key, keys = load_keys(data_dir).login(old.user, old.password)
    save_keys(data_dir, keys.with_account(old.user, new_password, key))


def add_accounts(data_dir: str | os.PathLike[str] | None, names: tuple[str, ...],
                 password: str, database_key: bytes) -> None:
    """More accounts on the same database key (the demonstration's)."""
    keys = load_keys(data_dir)
    for name in names:
        keys = keys.with_account(name, password, database_key)
    save_keys(data_dir, keys)


def new_recovery_key(data_dir: str | os.PathLike[str] | None, database_key: bytes) -> str:
    """A new recovery key (the old one stops working); returns its text to show and print."""
    raw, text = kf.new_recovery_key()
    save_keys(data_dir, load_keys(data_dir).with_recovery(raw, database_key))
    return text


def accounts(data_dir: str | os.PathLike[str] | None) -> tuple[str, ...]:
    """The account names of the key file (in the order they were made)."""
    return load_keys(data_dir).accounts()


# --- for the full backups sealed to the recovery key (issue 12) ------------------------------

def recovery_public_key(data_dir: str | os.PathLike[str] | None,
                        database_key: bytes | None = None) -> bytes:
    """The recovery key's X25519 public key (32 raw bytes), checked against the key file's
    MAC under the database key (`database_key`, else the key of the database this process
    opened in that folder): a key swapped by someone who could write the folder is refused
    (KeyFileTampered). NoRecoveryPublicKey (French) while the recovery entry is still of
    version 1: the recovery key must be typed once, or a new one made in Settings."""
    key = database_key if database_key is not None else folder_key(
        paths.resolve_data_dir(data_dir))
    if key is None:
        raise kf.KeyFileError(_("Open the database first: its recovery key is known only "
                                "once it is unlocked."))
    keys = load_keys(data_dir)
    try:
        keys.verify(key)
    except kf.KeyFileTampered:
        other = _other_copy(data_dir, keys)
        if other is None:
            raise
        other.verify(key)
        keys = other
    public = keys.recovery_public_key()
    if public is None:
        raise kf.NoRecoveryPublicKey(_(
            "The recovery key of this database dates from the first encrypted version: type "
            "it once (password reset) or make a new one in Settings, so that backups can be "
            "sealed to it."))
    return public


def recovery_private_key(recovery_text: str) -> bytes:
    """The X25519 private key (32 raw bytes) of a recovery key typed back (French
    KeyFileError for a typo): what opens a full backup sealed to `recovery_public_key`."""
    return kf.recovery_private_key(recovery_text)
