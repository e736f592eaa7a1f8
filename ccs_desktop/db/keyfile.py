"""The key file beside an encrypted database: its key, sealed to each account and to the
recovery key, under a MAC that only the database key can make.

The database is encrypted (SQLCipher) with a random 256-bit key that nobody types. Format
version 2 (this one) stores it through public-key sealing (ccs_desktop.sealing: ephemeral
X25519, HKDF-SHA256, ChaCha20-Poly1305, the `.ccsbak` recipients' construction):

- each **account** has an X25519 key pair; its private key is wrapped (ChaCha20-Poly1305)
  under Argon2id(password) (ccs_desktop.kdf), the file id, the entry's kind, the account name
  and its public key as associated data; the database key is sealed to its public key;
- the **recovery key** is an X25519 key whose private half is derived (HKDF-SHA256, fixed
  info, no salt) from the 160 random bits printed on the recovery sheet (same text form as
  version 1); only its public half is stored, with the database key sealed to it.

So whoever holds the database key can seal a NEW database key to every remaining account and
to the recovery key without knowing any password (re-keying after an account is removed,
db/rekey.py), and full backups can be encrypted to the recovery public key (issue 12).

**Trusting the public keys.** Someone who can write the folder could swap the recovery public
key for theirs (every later backup and re-key would then be sealed to them) or add an account
entry. Therefore the entries are covered by an HMAC-SHA256 under a key derived (HKDF) from the
database key: `mac` over the canonical JSON of [format, version, key_id, entries]. It is checked
after every unlock (a password, the recovery key, a waiting key file) and before anything is
resealed or trusted (`verify`, `recovery_public_key`); a file that fails it is refused
(`KeyFileTampered`) and the login falls back to the second copy. The failure counters are
outside the MAC, since they are written after a wrong password, without the key (whoever can
write the file can also copy it away and attack it offline: the counter only slows guesses at
the keyboard). An attacker cannot make a valid MAC without the database key, and an entry they
add cannot yield the database key anyway (it is sealed under it).

    {"format": "ccs-desktop-keys", "version": 2, "key_id": "<32 hex>",
     "entries": [{"kind": "account", "name": "admin", "public_key": …,
                  "kdf": {"type": "argon2id", "salt": …, "memory_kib": …, "iterations": …,
                          "parallelism": …},
                  "nonce": …, "wrapped_private": …, "ephemeral": …, "sealed": …},
                 {"kind": "recovery", "public_key": …, "ephemeral": …, "sealed": …}],
     "mac": …,
     "failures": {"admin": {"count": 2, "at": "2026-12-01T10:00:00+00:00"}}}

**Version 1** (the first encrypted release): the database key itself wrapped under
Argon2id(password) per account and under HKDF(recovery bits, salt) for the recovery key, no
MAC. Such a file still unlocks. Its entries ("legacy") are converted one by one, when they
are opened: an account at its login (the same Argon2id salt and cost, so no second
derivation), the recovery entry when the recovery key is typed (reset of a password, or a new
recovery key made in Settings): the same printed text keeps working. The file is written as
version 2 (with its MAC) at the first conversion; its remaining legacy entries keep working.
Re-keying needs every entry in version 2 (a legacy entry cannot receive a key without its
secret): it is refused (`RekeyBlocked`, naming who must log in once) until then, and
`recovery_public_key` says the recovery key must be typed once or renewed. A version-1 file
has no MAC; it also has no public key, so there is nothing in it to swap: an entry added to it
can only unlock a key that opens nothing.

A file from outside is hostile: its size, depth, fields and derivation costs are checked
before anything is derived, and every refusal is a French `KeyFileError`. Files are written
with the one atomic writer (ccs_desktop.fileio). docs/keyfile-format.md describes the format.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .. import fileio, kdf, sealing
from ..i18n import _, ngettext
from ..services.errors import UserError

FORMAT = "ccs-desktop-keys"
VERSION = 2
LEGACY_VERSION = 1  # the database key wrapped directly (read, converted entry by entry)
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


class KeyFileTampered(KeyFileError):
    """The entries do not match their MAC: changed outside CCS Desktop."""


class RekeyBlocked(KeyFileError):
    """Entries of version 1 remain: they cannot receive a new database key."""


class NoRecoveryPublicKey(KeyFileError):
    """No recovery key in version 2 yet (a version-1 entry, or none)."""


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


def recovery_private_key(text_or_raw: str | bytes) -> bytes:
    """The recovery key's X25519 private key (32 raw bytes) from its printed text (or its
    160 bits): HKDF-SHA256 with a fixed info and no salt, so that the text alone gives it
    (a full backup sealed to the recovery public key opens with the sheet only)."""
    raw = text_or_raw if isinstance(text_or_raw, bytes) else parse_recovery(text_or_raw)
    seed = HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None,
                info=b"ccs-desktop recovery key x25519").derive(raw)
    return sealing.private_bytes(X25519PrivateKey.from_private_bytes(seed))


def recovery_public_key_of(text_or_raw: str | bytes) -> bytes:
    return sealing.public_bytes(X25519PrivateKey.from_private_bytes(
        recovery_private_key(text_or_raw)))



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
    """Associated data of a version-1 entry (its wrapping names version 1 for ever)."""
    return json.dumps([FORMAT, LEGACY_VERSION, key_id, kind, name]).encode("utf-8")


def _aad2(key_id: str, kind: str, name: str, public_key: bytes) -> bytes:
    return json.dumps([FORMAT, VERSION, key_id, kind, name, _b64(public_key)]).encode("utf-8")


_SEAL_INFO = b"ccs-desktop keys v2 database key"


@dataclass(frozen=True)
class Entry:
    """One way to the database key. Version 2 (`public_key` set): an account's private key
    wrapped under its password (`kdf`, `nonce`, `wrapped`) and the database key sealed to
    its public key (`ephemeral`, `sealed`); the recovery entry has only the sealed part.
    Version 1 ("legacy", no public key): the database key wrapped in `wrapped`."""

    kind: str  # "account" or "recovery"
    name: str  # the account name ("" for the recovery key)
    kdf: Mapping[str, Any]
    nonce: bytes
    wrapped: bytes
    public_key: bytes = b""
    ephemeral: bytes = b""
    sealed: bytes = b""

    @property
    def legacy(self) -> bool:
        return not self.public_key

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "account":
            out["name"] = self.name
        if self.legacy:
            out.update(kdf=dict(self.kdf), nonce=_b64(self.nonce), wrapped=_b64(self.wrapped))
            return out
        out["public_key"] = _b64(self.public_key)
        if self.kind == "account":
            out.update(kdf=dict(self.kdf), nonce=_b64(self.nonce),
                       wrapped_private=_b64(self.wrapped))
        out.update(ephemeral=_b64(self.ephemeral), sealed=_b64(self.sealed))
        return out

    def sealed_to(self, key_id: str, db_key: bytes) -> Entry:
        """The same entry with `db_key` sealed to its public key (version 2 only)."""
        box = sealing.seal(self.public_key, db_key, info=_SEAL_INFO,
                           aad=_aad2(key_id, self.kind, self.name, self.public_key))
        return replace(self, ephemeral=box.ephemeral, sealed=box.ciphertext)

    def open_sealed(self, key_id: str, private: bytes) -> bytes | None:
        if sealing.public_bytes(X25519PrivateKey.from_private_bytes(private)) \
                != self.public_key:
            return None
        return sealing.open_sealed(private, sealing.Sealed(self.ephemeral, self.sealed),
                                   info=_SEAL_INFO,
                                   aad=_aad2(key_id, self.kind, self.name, self.public_key))


def _account_kek(password: str, spec: Mapping[str, Any]) -> bytes:
    params = kdf.KdfParams(spec["memory_kib"], spec["iterations"], spec["parallelism"])
    return kdf.argon2id(password, _unb64(spec["salt"], 16), params)


def _recovery_kek(raw: bytes, spec: Mapping[str, Any]) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=_unb64(spec["salt"], 16),
                info=b"ccs-desktop recovery key").derive(raw)


def _account_spec(params: kdf.KdfParams | None) -> dict[str, Any]:
    params = params or (kdf.CHEAP if kdf.cheap_for_tests(kdf.TEST_CHEAP_ACCOUNTS_ENV)
                        else ACCOUNT_KDF)
    return {"type": "argon2id", "salt": _b64(secrets.token_bytes(16)),
            "memory_kib": params.memory_kib, "iterations": params.iterations,
            "parallelism": params.parallelism}


def _account_entry(key_id: str, name: str, spec: dict[str, Any], kek: bytes,
                   db_key: bytes) -> Entry:
    """A version-2 account entry: a new key pair, its private key wrapped under `kek`."""
    private, public = sealing.new_key_pair()
    nonce = secrets.token_bytes(12)
    wrapped = ChaCha20Poly1305(kek).encrypt(
        nonce, private, _aad2(key_id, "account-private", name, public))
    return Entry("account", name, spec, nonce, wrapped, public).sealed_to(key_id, db_key)


def _open_legacy(key_id: str, entry: Entry, kek: bytes) -> bytes | None:
    try:
        return ChaCha20Poly1305(kek).decrypt(entry.nonce, entry.wrapped,
                                             _aad(key_id, entry.kind, entry.name))
    except InvalidTag:
        return None


def _open_account(key_id: str, entry: Entry, kek: bytes) -> bytes | None:
    if entry.legacy:
        return _open_legacy(key_id, entry, kek)
    try:
        private = ChaCha20Poly1305(kek).decrypt(
            entry.nonce, entry.wrapped,
            _aad2(key_id, "account-private", entry.name, entry.public_key))
    except InvalidTag:
        return None
    return entry.open_sealed(key_id, private)


def _mac_key(db_key: bytes, key_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=bytes.fromhex(key_id),
                info=b"ccs-desktop keys v2 mac").derive(db_key)


def _mac(db_key: bytes, key_id: str, entries: tuple[Entry, ...]) -> bytes:
    doc = json.dumps([FORMAT, VERSION, key_id, [e.as_json() for e in entries]],
                     sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(_mac_key(db_key, key_id), doc.encode("ascii"), hashlib.sha256).digest()


# --- the file -----------------------------------------------------------------------------------

def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Failures:
    count: int = 0
    at: dt.datetime | None = None


def _tampered() -> KeyFileTampered:
    return KeyFileTampered(_("The key file was changed outside CCS Desktop (an account or "
                             "the recovery key was added or replaced): it was not used. Its "
                             "second copy (sauvegardes-auto) is tried; otherwise restore a "
                             "backup."))


@dataclass(frozen=True)
class KeyFile:
    """One database key's entries (immutable: every change returns a new KeyFile). Every
    change of the entries takes the database key, checks the entries against their MAC
    first and signs the result."""

    key_id: str
    entries: tuple[Entry, ...] = ()
    failures: Mapping[str, Failures] = field(default_factory=dict)
    mac: bytes = field(default=b"", repr=False)
    # the version the file was read in (1: no MAC to check while only legacy entries remain)
    read_version: int = VERSION

    # making and changing ---------------------------------------------------------------------
    @classmethod
    def new(cls) -> KeyFile:
        return cls(secrets.token_hex(16))

    def accounts(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries if e.kind == "account")

    def legacy_accounts(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries if e.kind == "account" and e.legacy)

    def has_recovery(self) -> bool:
        return any(e.kind == "recovery" for e in self.entries)

    def _recovery(self) -> Entry | None:
        return next((e for e in self.entries if e.kind == "recovery"), None)

    def recovery_public_key(self) -> bytes | None:
        """The recovery key's X25519 public key (None: version-1 entry, or none); trust it
        only after `verify` with the database key."""
        entry = self._recovery()
        return entry.public_key if entry is not None and not entry.legacy else None

    def verify(self, db_key: bytes) -> None:
        """KeyFileTampered unless the entries are the ones signed with this database key (a
        file read in version 1 with only its version-1 entries has nothing to check)."""
        if not self.entries or (not self.mac and self.read_version == LEGACY_VERSION
                                and all(e.legacy for e in self.entries)):
            return
        if not hmac.compare_digest(self.mac, _mac(db_key, self.key_id, self.entries)):
            raise _tampered()

    def _signed(self, entries: tuple[Entry, ...], db_key: bytes, **changes: Any) -> KeyFile:
        if len(entries) > MAX_ENTRIES:
            raise KeyFileError(_("Too many accounts for one database."))
        return replace(self, entries=entries, mac=_mac(db_key, self.key_id, entries),
                       read_version=VERSION, **changes)

    def _without(self, kind: str, name: str) -> tuple[Entry, ...]:
        folded = name.casefold()
        return tuple(e for e in self.entries
                     if not (e.kind == kind and e.name.casefold() == folded))

    def with_account(self, name: str, password: str, db_key: bytes,
                     params: kdf.KdfParams | None = None) -> KeyFile:
        """A new key pair for this account, its private key under its password, the database
        key sealed to it (replacing its entry)."""
        self.verify(db_key)
        name = _check_name(name)
        spec = _account_spec(params)
        entry = _account_entry(self.key_id, name, spec, _account_kek(password, spec), db_key)
        return self._signed(self._without("account", name) + (entry,), db_key)

    def without_account(self, name: str, db_key: bytes | None = None) -> KeyFile:
        """This account's entry and counter dropped (signed again when `db_key` is given;
        without it, only to be re-keyed with `rekeyed`, never saved)."""
        failures = {k: v for k, v in self.failures.items() if k.casefold() != name.casefold()}
        entries = self._without("account", name)
        if db_key is None:
            return replace(self, entries=entries, failures=failures, mac=b"")
        self.verify(db_key)
        return self._signed(entries, db_key, failures=failures)

    def with_recovery(self, raw: bytes, db_key: bytes) -> KeyFile:
        """The database key sealed to this recovery key (the previous one stops working)."""
        self.verify(db_key)
        entry = Entry("recovery", "", {}, b"", b"", recovery_public_key_of(raw))
        entry = entry.sealed_to(self.key_id, db_key)
        return self._signed(tuple(e for e in self.entries if e.kind != "recovery")
                            + (entry,), db_key)

    def rekeyed(self, db_key: bytes, new_key: bytes, *, drop: tuple[str, ...] = ()
                ) -> KeyFile:
        """The entries for a new database key, without any password: the new key sealed to
        every account (but `drop`) and to the recovery key. Checked under the old key first;
        RekeyBlocked while a version-1 entry remains (it cannot receive the new key)."""
        self.verify(db_key)
        dropped = {n.casefold() for n in drop}
        keep = tuple(e for e in self.entries
                     if not (e.kind == "account" and e.name.casefold() in dropped))
        legacy = [e for e in keep if e.legacy]
        if legacy:
            raise _blocked(legacy)
        failures = {k: v for k, v in self.failures.items() if k not in dropped}
        return self._signed(tuple(e.sealed_to(self.key_id, new_key) for e in keep), new_key,
                            failures=failures)

    # unlocking -------------------------------------------------------------------------------
    def login(self, name: str, password: str) -> tuple[bytes, KeyFile]:
        """(the database key, the key file to keep): the same file, or one where this
        account's version-1 entry became version 2 (same Argon2id salt and cost: derived once).
        WrongPassword with the same message for an unknown account (the screen does not tell
        which names exist); KeyFileTampered when the entries fail their MAC."""
        folded = name.casefold() if isinstance(name, str) else ""
        for entry in self.entries:
            if entry.kind == "account" and entry.name.casefold() == folded:
                kek = _account_kek(password, entry.kdf)
                key = _open_account(self.key_id, entry, kek)
                if key is not None:
                    self.verify(key)
                    if not entry.legacy:
                        return key, self
                    new = _account_entry(self.key_id, entry.name, dict(entry.kdf), kek, key)
                    return key, self._signed(tuple(new if e is entry else e
                                                   for e in self.entries), key)
        raise WrongPassword(_("Wrong account name or password."))

    def unlock(self, name: str, password: str) -> bytes:
        """The database key, or WrongPassword (see `login`)."""
        return self.login(name, password)[0]

    def recover(self, text_or_raw: str | bytes) -> tuple[bytes, KeyFile]:
        """(the database key, the key file to keep) from the recovery key; a version-1
        recovery entry becomes version 2 for the same recovery key (its sheet stays good)."""
        raw = text_or_raw if isinstance(text_or_raw, bytes) else parse_recovery(text_or_raw)
        entry = self._recovery()
        key = None
        if entry is not None and entry.legacy:
            key = _open_legacy(self.key_id, entry, _recovery_kek(raw, entry.kdf))
        elif entry is not None:
            key = entry.open_sealed(self.key_id, recovery_private_key(raw))
        if key is None:
            raise WrongPassword(_("This recovery key does not open this database (it may be "
                                  "an older one, replaced since)."))
        self.verify(key)
        if entry is not None and entry.legacy:
            return key, self.with_recovery(raw, key)
        return key, self

    def unlock_with_recovery(self, text_or_raw: str | bytes) -> bytes:
        return self.recover(text_or_raw)[0]

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
        version = self.read_version if not self.mac else VERSION
        doc: dict[str, Any] = {"format": FORMAT, "version": version, "key_id": self.key_id,
                               "entries": [e.as_json() for e in self.entries]}
        if version >= VERSION:
            doc["mac"] = _b64(self.mac)
        doc["failures"] = {k: {"count": f.count, "at": f.at.isoformat() if f.at else None}
                           for k, f in sorted(self.failures.items())}
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


def _blocked(legacy: list[Entry]) -> RekeyBlocked:
    names = [e.name for e in legacy if e.kind == "account"]
    parts = []
    if names:
        parts.append(_("these accounts must first log in once with this version: {names}")
                     .format(names=", ".join(names)))
    if any(e.kind == "recovery" for e in legacy):
        parts.append(_("the recovery key must first be typed once (password reset) or "
                       "replaced by a new one (Settings)"))
    return RekeyBlocked(_("The database key cannot be changed yet: {what}.")
                        .format(what="; ".join(parts)))


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


def _parse_account_kdf(spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict):
        raise _damaged()
    params = kdf.KdfParams(spec["memory_kib"], spec["iterations"], spec["parallelism"])
    if spec.get("type") != "argon2id" or not params.in_bounds() or params.cost > MAX_KDF_COST:
        raise _damaged()
    _unb64(spec["salt"], 16)
    return {"type": "argon2id", "salt": spec["salt"], "memory_kib": params.memory_kib,
            "iterations": params.iterations, "parallelism": params.parallelism}


def _parse_entry(raw: Any, version: int) -> Entry:
    if not isinstance(raw, dict):
        raise _damaged()
    kind = raw["kind"]
    if kind not in ("account", "recovery"):
        raise _damaged()
    name = _check_name(raw["name"]) if kind == "account" else ""
    if "public_key" not in raw:  # a version-1 entry (also inside a version-2 file)
        spec = raw["kdf"]
        if kind == "account":
            spec = _parse_account_kdf(spec)
        else:
            if not isinstance(spec, dict) or spec.get("type") != "hkdf-sha256":
                raise _damaged()
            _unb64(spec["salt"], 16)
            spec = {"type": "hkdf-sha256", "salt": spec["salt"]}
        return Entry(kind, name, spec, _unb64(raw["nonce"], 12),
                     _unb64(raw["wrapped"], KEY_LEN + 16))
    if version < VERSION:
        raise _damaged()  # public keys only in version 2, under its MAC
    public = _unb64(raw["public_key"], KEY_LEN)
    ephemeral = _unb64(raw["ephemeral"], KEY_LEN)
    sealed = _unb64(raw["sealed"], KEY_LEN + 16)
    if kind == "recovery":
        return Entry(kind, name, {}, b"", b"", public, ephemeral, sealed)
    return Entry(kind, name, _parse_account_kdf(raw["kdf"]), _unb64(raw["nonce"], 12),
                 _unb64(raw["wrapped_private"], KEY_LEN + 16), public, ephemeral, sealed)


def _parse(doc: Any) -> KeyFile:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _damaged()
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
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
    entries = tuple(_parse_entry(raw, version) for raw in raw_entries)
    if sum(e.kind == "recovery" for e in entries) > 1:
        raise _damaged()
    mac = b""
    if version >= VERSION:
        mac = _unb64(doc["mac"])
        if len(mac) not in ((32,) if entries else (0, 32)):
            raise _damaged()
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
    return KeyFile(key_id, entries, failures, mac, version)
