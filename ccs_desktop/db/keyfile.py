"""The key file beside an encrypted database: its key, wrapped once per account and once
under the recovery key.

The database is encrypted (SQLCipher) with a random 256-bit key that nobody types. That key
is stored here only wrapped: once per account under a key derived from the account's password
(Argon2id, ccs_desktop.kdf) and once under the recovery key (160 random bits printed for the
mairie's safe; HKDF-SHA256, since it is not a password). Each wrapping is ChaCha20-Poly1305
with the key file's id, the entry's kind and the account name as associated data, so an entry
moved to another account, another file or changed by one bit does not open.

    {"format": "ccs-desktop-keys", "version": 1, "key_id": "<32 hex>",
     "entries": [{"kind": "account", "name": "admin", "kdf": {"type": "argon2id", "salt": …,
                  "memory_kib": …, "iterations": …, "parallelism": …},
                  "nonce": …, "wrapped": …},
                 {"kind": "recovery", "kdf": {"type": "hkdf-sha256", "salt": …}, …}],
     "failures": {"admin": {"count": 2, "at": "2026-12-01T10:00:00+00:00"}}}

The failed-login counters live here, outside the encrypted database, because they are read
before it can be opened; they are not authenticated (whoever can write the file can also copy
it away and attack it offline: the counter only slows guesses at the keyboard). A file from
outside is hostile: its size, depth, fields and derivation costs are checked before anything is
derived, and every refusal is a French `KeyFileError`. Files are written with the one atomic
writer (ccs_desktop.fileio).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .. import fileio, kdf
from ..i18n import _, ngettext
from ..services.errors import UserError

FORMAT = "ccs-desktop-keys"
VERSION = 1
KEY_LEN = 32
MAX_FILE = 256 * 1024
MAX_ENTRIES = 64
MAX_NAME = 64
# Account passwords: Argon2id, 64 MiB, 3 passes, 1 lane (above OWASP's minimums; ~0.17 s on
# the reference PC, so that opening and unlocking stays well under a second).
ACCOUNT_KDF = kdf.KdfParams(memory_kib=64 * 1024, iterations=3, parallelism=1)
# A file may ask for more (a later version), never beyond what we can afford to try.
MAX_KDF_COST = 256 * 1024 * 4
RECOVERY_BYTES = 20  # 160 bits
# Crockford's base32: no I, L, O, U (read out over the phone and typed back from paper)
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED_AS = {"O": "0", "I": "1", "L": "1"}
# Waits after wrong passwords: none for the first three, then doubling, at most 5 minutes.
FREE_ATTEMPTS = 3
MAX_WAIT = 300.0
UNKNOWN = "*"  # the counter of names that are no account


class KeyFileError(UserError):
    """A key file that cannot be used: French message, nothing changed."""


class WrongPassword(KeyFileError):
    pass


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_LEN)


# --- the recovery key as a person reads and types it ------------------------------------------

def _check_chars(raw: bytes) -> str:
    digest = hashlib.sha256(b"ccs-recovery-check" + raw).digest()
    return "".join(_ALPHABET[b % 32] for b in digest[:4])


def recovery_text(raw: bytes) -> str:
    """160 bits as 32 base32 characters plus 4 of check, in groups of four:
    "7K2M-…-Q9XA" (nine groups)."""
    number = int.from_bytes(raw, "big")
    chars = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(32)))
    chars += _check_chars(raw)
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def parse_recovery(text: object) -> bytes:
    """The recovery key typed back (spaces, dashes, lower case, O for 0 and I/L for 1 are all
    forgiven); a typo is caught by the check characters."""
    if not isinstance(text, str):
        raise KeyFileError(_("Type the recovery key (nine groups of four characters)."))
    chars = "".join(_TYPED_AS.get(c, c) for c in text.upper() if c.isalnum())
    if len(chars) != 36 or any(c not in _ALPHABET for c in chars):
        raise KeyFileError(_("This is not a recovery key: it has nine groups of four "
                             "letters and digits, as printed on its sheet."))
    number = 0
    for c in chars[:32]:
        number = (number << 5) | _ALPHABET.index(c)
    raw = number.to_bytes(RECOVERY_BYTES, "big")
    if _check_chars(raw) != chars[32:]:
        raise KeyFileError(_("The recovery key has a typing error: check each group "
                             "against the printed sheet."))
    return raw


def new_recovery_key() -> tuple[bytes, str]:
    raw = secrets.token_bytes(RECOVERY_BYTES)
    return raw, recovery_text(raw)


# --- entries -----------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, length: int | None = None) -> bytes:
    if not isinstance(value, str) or len(value) > 4096:
        raise ValueError("not base64 text")
    raw = base64.b64decode(value.encode("ascii"), validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("bad length")
    return raw


def _aad(key_id: str, kind: str, name: str) -> bytes:
    return json.dumps([FORMAT, VERSION, key_id, kind, name]).encode("utf-8")


@dataclass(frozen=True)
class Entry:
    kind: str  # "account" or "recovery"
    name: str  # the account name ("" for the recovery key)
    kdf: Mapping[str, Any]
    nonce: bytes
    wrapped: bytes

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "account":
            out["name"] = self.name
        out.update(kdf=dict(self.kdf), nonce=_b64(self.nonce), wrapped=_b64(self.wrapped))
        return out


def _account_kek(password: str, spec: Mapping[str, Any]) -> bytes:
    params = kdf.KdfParams(spec["memory_kib"], spec["iterations"], spec["parallelism"])
    return kdf.argon2id(password, _unb64(spec["salt"], 16), params)


def _recovery_kek(raw: bytes, spec: Mapping[str, Any]) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=_unb64(spec["salt"], 16),
                info=b"ccs-desktop recovery key").derive(raw)


def _seal(key_id: str, kind: str, name: str, spec: dict[str, Any], kek: bytes,
          db_key: bytes) -> Entry:
    nonce = secrets.token_bytes(12)
    wrapped = ChaCha20Poly1305(kek).encrypt(nonce, db_key, _aad(key_id, kind, name))
    return Entry(kind, name, spec, nonce, wrapped)


def _open(key_id: str, entry: Entry, kek: bytes) -> bytes | None:
    try:
        return ChaCha20Poly1305(kek).decrypt(entry.nonce, entry.wrapped,
                                             _aad(key_id, entry.kind, entry.name))
    except InvalidTag:
        return None


# --- the file -----------------------------------------------------------------------------------

def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Failures:
    count: int = 0
    at: dt.datetime | None = None


@dataclass(frozen=True)
class KeyFile:
    """One database key's wrappings (immutable: every change returns a new KeyFile)."""

    key_id: str
    entries: tuple[Entry, ...] = ()
    failures: Mapping[str, Failures] = field(default_factory=dict)

    # making and changing ---------------------------------------------------------------------
    @classmethod
    def new(cls) -> KeyFile:
        return cls(secrets.token_hex(16))

    def accounts(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries if e.kind == "account")

    def has_recovery(self) -> bool:
        return any(e.kind == "recovery" for e in self.entries)

    def _without(self, kind: str, name: str) -> tuple[Entry, ...]:
        folded = name.casefold()
        return tuple(e for e in self.entries
                     if not (e.kind == kind and e.name.casefold() == folded))

    def with_account(self, name: str, password: str, db_key: bytes,
                     params: kdf.KdfParams | None = None) -> KeyFile:
        """The database key wrapped under this account's password (replacing its entry)."""
        name = _check_name(name)
        params = params or (kdf.CHEAP if kdf.cheap_for_tests(kdf.TEST_CHEAP_ACCOUNTS_ENV)
                            else ACCOUNT_KDF)
        spec = {"type": "argon2id", "salt": _b64(secrets.token_bytes(16)),
                "memory_kib": params.memory_kib, "iterations": params.iterations,
                "parallelism": params.parallelism}
        entry = _seal(self.key_id, "account", name, spec, _account_kek(password, spec), db_key)
        entries = self._without("account", name) + (entry,)
        if len(entries) > MAX_ENTRIES:
            raise KeyFileError(_("Too many accounts for one database."))
        return replace(self, entries=entries)

    def without_account(self, name: str) -> KeyFile:
        failures = {k: v for k, v in self.failures.items() if k.casefold() != name.casefold()}
        return replace(self, entries=self._without("account", name), failures=failures)

    def with_recovery(self, raw: bytes, db_key: bytes) -> KeyFile:
        """The database key wrapped under this recovery key (the previous one stops working)."""
        spec = {"type": "hkdf-sha256", "salt": _b64(secrets.token_bytes(16))}
        entry = _seal(self.key_id, "recovery", "", spec, _recovery_kek(raw, spec), db_key)
        return replace(self, entries=tuple(e for e in self.entries if e.kind != "recovery")
                       + (entry,))

    def rekeyed(self) -> KeyFile:
        """An empty key file for a new database key (re-keying after removing an account):
        the caller wraps the new key again for every account that stays."""
        return KeyFile.new()

    # unlocking -------------------------------------------------------------------------------
    def unlock(self, name: str, password: str) -> bytes:
        """The database key, or WrongPassword (the same message for an unknown account, so
        that the screen does not tell which names exist)."""
        folded = name.casefold() if isinstance(name, str) else ""
        for entry in self.entries:
            if entry.kind == "account" and entry.name.casefold() == folded:
                key = _open(self.key_id, entry, _account_kek(password, entry.kdf))
                if key is not None:
                    return key
        raise WrongPassword(_("Wrong account name or password."))

    def unlock_with_recovery(self, text_or_raw: str | bytes) -> bytes:
        raw = text_or_raw if isinstance(text_or_raw, bytes) else parse_recovery(text_or_raw)
        for entry in self.entries:
            if entry.kind == "recovery":
                key = _open(self.key_id, entry, _recovery_kek(raw, entry.kdf))
                if key is not None:
                    return key
                break
        raise WrongPassword(_("This recovery key does not open this database (it may be "
                              "an older one, replaced since)."))

    # failed logins ---------------------------------------------------------------------------
    def _counter(self, name: object) -> str:
        """Failures are counted per account; every unknown name shares one counter, so that
        typing random names cannot grow the file."""
        folded = name.casefold() if isinstance(name, str) else ""
        return folded if folded in {a.casefold() for a in self.accounts()} else UNKNOWN

    def failed(self, name: str, now: dt.datetime | None = None) -> KeyFile:
        key = self._counter(name)
        before = self.failures.get(key, Failures())
        failures = dict(self.failures)
        failures[key] = Failures(before.count + 1, now or _now())
        return replace(self, failures=failures)

    def succeeded(self, name: str) -> KeyFile:
        key = self._counter(name)
        if key not in self.failures:
            return self
        return replace(self, failures={k: v for k, v in self.failures.items() if k != key})

    def wait_before(self, name: str, now: dt.datetime | None = None) -> float:
        """Seconds to wait before the next attempt for this name (0 when none)."""
        f = self.failures.get(self._counter(name))
        if f is None or f.count < FREE_ATTEMPTS or f.at is None:
            return 0.0
        wait = min(MAX_WAIT, 2.0 ** (f.count - FREE_ATTEMPTS + 1))
        elapsed = ((now or _now()) - f.at).total_seconds()
        return max(0.0, wait - max(elapsed, 0.0))

    # reading and writing ---------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "key_id": self.key_id,
               "entries": [e.as_json() for e in self.entries],
               "failures": {k: {"count": f.count, "at": f.at.isoformat() if f.at else None}
                            for k, f in sorted(self.failures.items())}}
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def save(self, path: str | Path, *, copy: str | Path | None = None) -> None:
        """Write atomically (and a second copy, e.g. in sauvegardes-auto/): losing the key
        file must never lose the database."""
        data = self.to_bytes()
        fileio.write_atomically(path, data)
        if copy is not None:
            Path(copy).parent.mkdir(parents=True, exist_ok=True)
            fileio.write_atomically(copy, data)

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        if not isinstance(data, bytes) or len(data) > MAX_FILE:
            raise _damaged()
        try:
            doc = json.loads(data.decode("utf-8"))
            return _parse(doc)
        except KeyFileError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error,
                RecursionError, OverflowError):
            raise _damaged() from None

    @classmethod
    def load(cls, path: str | Path) -> KeyFile:
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_FILE + 1)
        except FileNotFoundError:
            raise KeyFileError(_("The key file of this database is missing ({name}).")
                               .format(name=path.name)) from None
        except OSError as exc:
            raise KeyFileError(fileio.os_error_message(exc, path)) from None
        return cls.from_bytes(data)


def _damaged() -> KeyFileError:
    return KeyFileError(_("The key file is damaged or was not written by CCS Desktop. "
                          "Use its second copy (sauvegardes-auto) or the recovery key."))


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise KeyFileError(_("Give the account a name."))
    name = name.strip()
    if len(name) > MAX_NAME or any(not c.isprintable() for c in name):
        raise KeyFileError(ngettext(
            "An account name has at most {n} printable character.",
            "An account name has at most {n} printable characters.", MAX_NAME)
            .format(n=MAX_NAME))
    return name


def _parse(doc: Any) -> KeyFile:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _damaged()
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _damaged()
    if version > VERSION:
        raise KeyFileError(_("This key file was written by a newer version of CCS Desktop: "
                             "update the application."))
    key_id = doc["key_id"]
    if not isinstance(key_id, str) or len(key_id) != 32:
        raise _damaged()
    bytes.fromhex(key_id)
    raw_entries = doc.get("entries")
    if not isinstance(raw_entries, list) or len(raw_entries) > MAX_ENTRIES:
        raise _damaged()
    entries = []
    for raw in raw_entries:
        if not isinstance(raw, dict):
            raise _damaged()
        kind = raw["kind"]
        spec = raw["kdf"]
        if not isinstance(spec, dict):
            raise _damaged()
        if kind == "account":
            name = _check_name(raw["name"])
            params = kdf.KdfParams(spec["memory_kib"], spec["iterations"], spec["parallelism"])
            if (spec.get("type") != "argon2id" or not params.in_bounds()
                    or params.cost > MAX_KDF_COST):
                raise _damaged()
            _unb64(spec["salt"], 16)
            spec = {"type": "argon2id", "salt": spec["salt"], "memory_kib": params.memory_kib,
                    "iterations": params.iterations, "parallelism": params.parallelism}
        elif kind == "recovery":
            name = ""
            if spec.get("type") != "hkdf-sha256":
                raise _damaged()
            _unb64(spec["salt"], 16)
            spec = {"type": "hkdf-sha256", "salt": spec["salt"]}
        else:
            raise _damaged()
        entries.append(Entry(kind, name, spec, _unb64(raw["nonce"], 12),
                             _unb64(raw["wrapped"], KEY_LEN + 16)))
    failures = {}
    raw_failures = doc.get("failures") or {}
    if not isinstance(raw_failures, dict):
        raise _damaged()
    for name, f in list(raw_failures.items())[:MAX_ENTRIES + 1]:
        # a damaged counter is forgiven (read as no failure), never a reason to lock out
        if not isinstance(name, str) or not isinstance(f, dict):
            continue
        count = f.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count < 10**6:
            continue
        try:
            at = dt.datetime.fromisoformat(f["at"]) if f.get("at") else None
        except (TypeError, ValueError):
            at = None
        if at is not None and at.tzinfo is None:
            at = at.replace(tzinfo=dt.timezone.utc)
        failures[name.casefold()] = Failures(count, at)
    return KeyFile(key_id, tuple(entries), failures)
