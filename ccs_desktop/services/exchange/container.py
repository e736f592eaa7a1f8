"""The `.ccsbak` container: an encrypted, authenticated, chunked file (format version 2;
version 1, the same layout with an unsigned manifest, is still read).

See docs/ccsbak-format.md for the byte layout. In short:

    magic "CCSBAK\\r\\n" | version u16 | header length u32 | header JSON | header MAC (32)
    | payload chunks (ChaCha20-Poly1305, STREAM construction with a last-chunk flag)

The payload is the zlib stream of: manifest length (u32) | manifest JSON | body bytes.
Only the magic, the version and the header (chunk size, payload salt, recipient entries with
their key derivation parameters) are readable without a key; the header is authenticated by
an HMAC keyed from the file key, so a changed bit anywhere is detected.

Every primitive comes from `cryptography` (ChaCha20-Poly1305, X25519, HKDF, HMAC) and
`argon2-cffi` (Argon2id); nothing is hand-rolled here but the framing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ... import kdf as _kdf
from ...i18n import _, ngettext
from ..errors import UserError

MAGIC = b"CCSBAK\r\n"
FORMAT_VERSION = 2  # written; format 1 (same layout, unsigned manifest) is still read
OLDEST_VERSION = 1
PREFIX = struct.Struct(">8sHI")  # magic, version, header length
MAC_LEN = 32
TAG_LEN = 16
KEY_LEN = 32
DEFAULT_CHUNK = 64 * 1024
MAX_HEADER = 16 * 1024
MAX_MANIFEST = 1024 * 1024
# JSON nesting accepted before parsing (json.loads recurses: a deep file must not reach it)
MAX_HEADER_DEPTH = 4  # {"recipients": [{...}]} is 3
MAX_MANIFEST_DEPTH = 8  # {"counts": {"people": {"live": 1}}} is 3
MIN_CHUNK_LOG2, MAX_CHUNK_LOG2 = 10, 20
MAX_RECIPIENTS = 8
MAX_PASSPHRASE_RECIPIENTS = 2
MIN_PASSPHRASE_LEN = 12

# Argon2id bounds checked BEFORE deriving anything: a flipped bit or a hostile file must not
# make us allocate a terabyte or spin for an hour. Refusing a file without the right key must
# cost at most a few seconds and well under 512 MiB on a modest PC: each derivation is
# bounded (memory, iterations, parallelism) and so is the total over every derivation tried
# for one file (sum of memory_kib * iterations over all attempts, KDF_BUDGET). The default
# the application writes (128 MiB, t = 3, p = 1) costs one third of the budget: a file with
# two such passphrase recipients (the most the format allows) is always opened. Measured on
# the reference PC (2 cores, shared): worst accepted header refused in about 2 s, 280 MiB.
KDF_MAX_MEMORY_KIB = _kdf.MAX_MEMORY_KIB  # 256 MiB (the one set of bounds: ccs_desktop.kdf)
KDF_MAX_ITERATIONS = _kdf.MAX_ITERATIONS
KDF_MAX_PARALLELISM = _kdf.MAX_PARALLELISM
KDF_BUDGET = 3 * 128 * 1024 * 3  # KiB x iterations over all attempts on one file
KDF_MAX_ATTEMPTS = 4
# Test-only cheap setting: honoured only when CCS_TEST_CHEAP_KDF=1 AND pytest is running
# (PYTEST_CURRENT_TEST is set by pytest and inherited by the subprocesses it starts).
TEST_CHEAP_ENV = _kdf.TEST_CHEAP_ENV


class ContainerError(UserError):
    """A file that cannot be opened: French message, nothing written anywhere."""


class WrongKey(ContainerError):
    pass


class NewerFormat(ContainerError):
    pass


@dataclass(frozen=True)
class KdfParams(_kdf.KdfParams):
    """ccs_desktop.kdf's parameters, refused in the container's French words when out of
    bounds (128 MiB, t = 3, p = 1 by default)."""

    def check(self) -> None:
        if not self.in_bounds():
            raise _kdf_out_of_bounds()


def _kdf_out_of_bounds() -> ContainerError:
    return ContainerError(_(
        "The file asks for key derivation parameters out of bounds (an unreasonable "
        "memory or time): it is damaged or was not created by CCS Desktop. Nothing was "
        "changed."))


CHEAP_KDF = KdfParams(memory_kib=8, iterations=1, parallelism=1)


def default_kdf() -> KdfParams:
    return CHEAP_KDF if _kdf.cheap_for_tests() else KdfParams()


# --------------------------------------------------------------------------- recipients

@dataclass(frozen=True)
class PassphraseRecipient:
    passphrase: str
    kdf: KdfParams | None = None


@dataclass(frozen=True)
class X25519Recipient:
    public_key: bytes  # 32 raw bytes


@dataclass(frozen=True)
class PassphraseIdentity:
    passphrase: str


@dataclass(frozen=True)
class X25519Identity:
    private_key: bytes  # 32 raw bytes


@dataclass(frozen=True)
class RecoveryIdentity(X25519Identity):
    """The committee's recovery key (db/keyfile.recovery_private_key of the printed text):
    the second recipient of every full backup."""


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LEN:
        raise UserError(ngettext(
            "The passphrase must have at least {min} character (it has {n}).",
            "The passphrase must have at least {min} characters (it has {n}).",
            MIN_PASSPHRASE_LEN).format(min=MIN_PASSPHRASE_LEN, n=len(passphrase)))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("bad length")
    return raw


def _hkdf(secret: bytes, salt: bytes | None, info: bytes, length: int = KEY_LEN) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(secret)


def _argon2(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    kdf.check()
    return _kdf.argon2id(passphrase, salt, kdf)


_WRAP_NONCE = b"\x00" * 12  # each wrapping key is used once (fresh salt / ephemeral key)


def _wrap_passphrase(file_key: bytes, r: PassphraseRecipient) -> dict:
    check_passphrase(r.passphrase)
    kdf = r.kdf or default_kdf()
    salt = secrets.token_bytes(16)
    kek = _argon2(r.passphrase, salt, kdf)
    wrapped = ChaCha20Poly1305(kek).encrypt(_WRAP_NONCE, file_key, b"ccsbak-v1 argon2id")
    return {"type": "argon2id", "salt": _b64(salt), "memory_kib": kdf.memory_kib,
            "iterations": kdf.iterations, "parallelism": kdf.parallelism,
            "wrapped_key": _b64(wrapped)}


def _x25519_wrap_key(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
    return _hkdf(shared, ephemeral_pub + recipient_pub, b"ccsbak-v1 x25519")


def _wrap_x25519(file_key: bytes, r: X25519Recipient) -> dict:
    recipient = X25519PublicKey.from_public_bytes(r.public_key)
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    shared = eph.exchange(recipient)
    kek = _x25519_wrap_key(shared, eph_pub, r.public_key)
    wrapped = ChaCha20Poly1305(kek).encrypt(_WRAP_NONCE, file_key, b"ccsbak-v1 x25519")
    return {"type": "x25519", "ephemeral": _b64(eph_pub), "wrapped_key": _b64(wrapped)}


def _damaged() -> ContainerError:
    return ContainerError(_("The file is damaged or was modified (unreadable header). "
                            "Nothing was changed."))


def json_depth(raw: bytes) -> int:
    """Deepest nesting of arrays and objects in JSON text, found without recursion (brackets
    inside strings do not count). Meant to run before `json.loads`, which recurses."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def parse_json_limited(raw: bytes, max_bytes: int, max_depth: int) -> object:
    """Parse untrusted JSON: its size and nesting depth are checked BEFORE parsing, so that
    a hostile file gives a French ContainerError ("endommagé"), never a RecursionError or a
    memory blow-up. Invalid UTF-8, invalid JSON, NaN/Infinity and duplicate keys are refused
    the same way."""
    if not isinstance(raw, (bytes, bytearray)) or len(raw) > max_bytes:
        raise _damaged()
    if json_depth(raw) > max_depth:
        raise _damaged()

    def no_constant(_name: str) -> object:
        raise ValueError("constant")

    def no_duplicates(pairs: list) -> dict:
        out = {}
        for k, v in pairs:
            if k in out:
                raise ValueError("duplicate key")
            out[k] = v
        return out

    try:
        return json.loads(bytes(raw).decode("utf-8"), parse_constant=no_constant,
                          object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged() from None


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _parse_header(raw: bytes) -> dict:
    header = parse_json_limited(raw, MAX_HEADER, MAX_HEADER_DEPTH)
    if not isinstance(header, dict) or set(header) != {"chunk_size", "payload_salt",
                                                       "recipients"}:
        raise _damaged()
    cs = header["chunk_size"]
    if (not _is_int(cs) or cs & (cs - 1)
            or not (1 << MIN_CHUNK_LOG2) <= cs <= (1 << MAX_CHUNK_LOG2)):
        raise _damaged()
    rec = header["recipients"]
    if not isinstance(rec, list) or not 1 <= len(rec) <= MAX_RECIPIENTS:
        raise _damaged()
    n_pass = 0
    total_cost = 0
    try:
        _unb64(header["payload_salt"], 16)
        for entry in rec:
            if not isinstance(entry, dict):
                raise ValueError
            if entry.get("type") == "argon2id":
                n_pass += 1
                if set(entry) != {"type", "salt", "memory_kib", "iterations", "parallelism",
                                  "wrapped_key"}:
                    raise ValueError
                _unb64(entry["salt"], 16)
                _unb64(entry["wrapped_key"], KEY_LEN + TAG_LEN)
                if not all(_is_int(entry[k]) for k in ("memory_kib", "iterations",
                                                        "parallelism")):
                    raise ValueError
                kdf = KdfParams(entry["memory_kib"], entry["iterations"], entry["parallelism"])
                kdf.check()
                total_cost += kdf.cost
            elif entry.get("type") == "x25519":
                if set(entry) != {"type", "ephemeral", "wrapped_key"}:
                    raise ValueError
                _unb64(entry["ephemeral"], 32)
                _unb64(entry["wrapped_key"], KEY_LEN + TAG_LEN)
            else:
                raise ValueError
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise _damaged() from None
    if n_pass > MAX_PASSPHRASE_RECIPIENTS:
        raise _damaged()
    if total_cost > KDF_BUDGET:
        raise _kdf_out_of_bounds()
    return header


OPENED_WITH_PASSPHRASE = "passphrase"
OPENED_WITH_X25519 = "x25519"
OPENED_WITH_RECOVERY = "recovery-key"
OPENED_WITH_FILE_KEY = "file-key"  # the writer's own read-back


def _unwrap(header: dict, identities: list) -> tuple[bytes, str]:
    """The file key, from the first identity that opens a recipient entry, and how it was
    opened (OPENED_WITH_PASSPHRASE or OPENED_WITH_X25519).

    Only a passphrase entry proves who wrote the file: an X25519 entry is made with the
    recipient's PUBLIC key, which anyone holding crss.pub can do.

    Key derivations are bounded per file: at most KDF_MAX_ATTEMPTS Argon2 runs and a total
    cost of KDF_BUDGET (memory x iterations), whatever the number of identities and entries;
    the same passphrase is never tried twice. An identity of one type never costs anything
    on entries of the other type (a transmission opened with a passphrase is refused at once)."""
    has_pass = any(e["type"] == "argon2id" for e in header["recipients"])
    has_x = any(e["type"] == "x25519" for e in header["recipients"])
    tried_pass = tried_x = False
    spent = attempts = 0
    seen: set = set()
    for ident in identities:
        if ident in seen:
            continue
        seen.add(ident)
        for entry in header["recipients"]:
            try:
                if isinstance(ident, PassphraseIdentity) and entry["type"] == "argon2id":
                    kdf = KdfParams(entry["memory_kib"], entry["iterations"],
                                    entry["parallelism"])
                    kdf.check()
                    if attempts >= KDF_MAX_ATTEMPTS or spent + kdf.cost > KDF_BUDGET:
                        break  # budget spent: refused below as a wrong key
                    attempts += 1
                    spent += kdf.cost
                    tried_pass = True
                    kek = _argon2(ident.passphrase, _unb64(entry["salt"]), kdf)
                    return ChaCha20Poly1305(kek).decrypt(
                        _WRAP_NONCE, _unb64(entry["wrapped_key"]), b"ccsbak-v1 argon2id"
                    ), OPENED_WITH_PASSPHRASE
                if isinstance(ident, X25519Identity) and entry["type"] == "x25519":
                    tried_x = "recovery" if isinstance(ident, RecoveryIdentity) else "crss"
                    priv = X25519PrivateKey.from_private_bytes(ident.private_key)
                    own_pub = priv.public_key().public_bytes(serialization.Encoding.Raw,
                                                             serialization.PublicFormat.Raw)
                    eph_pub = _unb64(entry["ephemeral"])
                    shared = priv.exchange(X25519PublicKey.from_public_bytes(eph_pub))
                    kek = _x25519_wrap_key(shared, eph_pub, own_pub)
                    return ChaCha20Poly1305(kek).decrypt(
                        _WRAP_NONCE, _unb64(entry["wrapped_key"]), b"ccsbak-v1 x25519"
                    ), (OPENED_WITH_RECOVERY if isinstance(ident, RecoveryIdentity)
                        else OPENED_WITH_X25519)
            except (InvalidTag, ValueError):
                continue
    if tried_pass:
        raise WrongKey(_("Wrong passphrase (or modified file): the file does not open. "
                         "Nothing was changed."))
    if tried_x == "recovery":
        raise WrongKey(_("This recovery key does not open this file (it was made for another "
                         "recovery key: a newer one, or another committee's; or the file was "
                         "modified). Nothing was changed."))
    if tried_x:
        raise WrongKey(_("This CRSS key does not open this file (it was encrypted for "
                         "another key, or modified). Nothing was changed."))
    if has_pass and has_x:
        raise WrongKey(_("This file opens with the committee's backup passphrase or its "
                         "recovery key."))
    if has_pass and not has_x:
        raise WrongKey(_("This file opens with the committee's backup passphrase."))
    if has_x and not has_pass:
        raise WrongKey(_("This file opens only with the CRSS private key."))
    raise WrongKey(_("None of the keys given opens this file."))


# --------------------------------------------------------------------------- STREAM

def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class _ChunkWriter:
    def __init__(self, out: BinaryIO, key: bytes, chunk_size: int) -> None:
        self.out, self.aead, self.cs = out, ChaCha20Poly1305(key), chunk_size
        self.buf = bytearray()
        self.counter = 0

    def write(self, data: bytes) -> None:
        self.buf += data
        while len(self.buf) > self.cs:  # keep at least one byte back for the last chunk
            piece = bytes(self.buf[: self.cs])
            del self.buf[: self.cs]
            self.out.write(self.aead.encrypt(_nonce(self.counter, False), piece, None))
            self.counter += 1

    def close(self) -> None:
        self.out.write(self.aead.encrypt(_nonce(self.counter, True), bytes(self.buf), None))
        self.buf = bytearray()


def _truncated() -> ContainerError:
    return ContainerError(_("The file is incomplete or was modified (integrity check "
                            "failed): an interrupted copy, a USB stick removed too early, "
                            "or tampering. Nothing was changed."))


def _read_chunks(src: BinaryIO, key: bytes, chunk_size: int) -> Iterator[bytes]:
    aead = ChaCha20Poly1305(key)
    size = chunk_size + TAG_LEN
    counter = 0
    block = _read_exact(src, size)
    while True:
        if len(block) < size:
            last = True
        else:
            nxt = _read_exact(src, size)
            last = not nxt
        try:
            plain = aead.decrypt(_nonce(counter, last), block, None)
        except InvalidTag:
            raise _truncated() from None
        if last and not plain and counter > 0:
            raise _truncated()  # an empty last chunk only for an empty payload
        yield plain
        if last:
            return
        counter += 1
        block = nxt


def _read_exact(src: BinaryIO, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        b = src.read(n - got)
        if not b:
            break
        parts.append(b)
        got += len(b)
    return b"".join(parts)


# --------------------------------------------------------------------------- writing

class ContainerWriter:
    """Write a container: `w = ContainerWriter(out, recipients, manifest)`, `w.write(body)`...,
    `w.close()`. The manifest goes first inside the encrypted payload."""

    def __init__(self, out: BinaryIO, recipients: list, manifest: dict,
                 chunk_size: int = DEFAULT_CHUNK, compress_level: int = 6,
                 signer: Callable[[bytes, dict], dict] | None = None,
                 format_version: int = FORMAT_VERSION) -> None:
        if not recipients:
            raise ValueError("au moins un destinataire")  # a programming error, not for users
        self.file_key = secrets.token_bytes(KEY_LEN)
        entries = []
        for r in recipients:
            if isinstance(r, PassphraseRecipient):
                entries.append(_wrap_passphrase(self.file_key, r))
            elif isinstance(r, X25519Recipient):
                entries.append(_wrap_x25519(self.file_key, r))
            else:
                raise TypeError(r)
        payload_salt = secrets.token_bytes(16)
        header = json.dumps({"chunk_size": chunk_size, "payload_salt": _b64(payload_salt),
                             "recipients": entries}, separators=(",", ":")).encode("utf-8")
        assert len(header) <= MAX_HEADER
        # format_version: 1 only to write the files of the previous version (tests)
        prefix = PREFIX.pack(MAGIC, format_version, len(header)) + header
        mac = hmac.new(_hkdf(self.file_key, None, b"ccsbak-v1 header"), prefix,
                       hashlib.sha256).digest()
        out.write(prefix + mac)
        if signer is not None:  # format 2: the signature covers these header bytes
            manifest = dict(manifest, signature=signer(prefix, manifest))
        self.manifest = manifest
        self._chunks = _ChunkWriter(
            out, _hkdf(self.file_key, payload_salt, b"ccsbak-v1 payload"), chunk_size)
        self._z = zlib.compressobj(compress_level)
        mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
        self._put(struct.pack(">I", len(mbytes)) + mbytes)

    def _put(self, data: bytes) -> None:
        c = self._z.compress(data)
        if c:
            self._chunks.write(c)

    def write(self, data: bytes) -> None:
        self._put(data)

    def close(self) -> None:
        self._chunks.write(self._z.flush())
        self._chunks.close()


# --------------------------------------------------------------------------- reading

class ContainerReader:
    """Open a container. `manifest` is available after construction; `iter_body()` yields the
    body in bounded pieces (at most `piece` bytes each), checked against the manifest's
    declared `body_size` / `body_sha256` when those are present."""

    def __init__(self, src: BinaryIO, identities: list | None = None,
                 file_key: bytes | None = None) -> None:
        head = _read_exact(src, PREFIX.size)
        if not head:
            raise ContainerError(_("The file is empty: it is not a CCS backup."))
        if len(head) < PREFIX.size or head[:8] != MAGIC:
            raise ContainerError(
                _("This file is not a CCS backup (.ccsbak): {what} Nothing was changed.")
                .format(what=_what_is_it(head)))
        _magic, version, hlen = PREFIX.unpack(head)
        if version > FORMAT_VERSION:
            raise NewerFormat(_(
                "This file was made by a newer version of CCS Desktop (format {version}; "
                "this version reads format {supported}). Install the latest version of the "
                "application. Nothing was changed.").format(version=version,
                                                            supported=FORMAT_VERSION))
        if version < OLDEST_VERSION or hlen > MAX_HEADER or hlen == 0:
            raise _damaged()
        raw = _read_exact(src, hlen)
        mac = _read_exact(src, MAC_LEN)
        if len(raw) < hlen or len(mac) < MAC_LEN:
            raise _truncated()
        header = _parse_header(raw)
        self.header = header
        self.version = version
        # what a format-2 signature covers (signing.signed_message)
        self.header_bytes = head + raw
        # how the file key was found: only OPENED_WITH_PASSPHRASE authenticates the author
        # (an X25519 entry is written with a public key, see _unwrap)
        self.opened_with = OPENED_WITH_FILE_KEY
        if file_key is None:
            file_key, self.opened_with = _unwrap(header, list(identities or []))
        expect = hmac.new(_hkdf(file_key, None, b"ccsbak-v1 header"), head + raw,
                          hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expect):
            raise ContainerError(_("The file's header was modified (authentication "
                                   "failed). Nothing was changed."))
        self.file_key = file_key
        self._chunks = _read_chunks(
            src, _hkdf(file_key, _unb64(header["payload_salt"]), b"ccsbak-v1 payload"),
            header["chunk_size"])
        self._z = zlib.decompressobj()
        self._pending = b""  # compressed bytes not yet fed
        self._out = bytearray()
        self._eof = False
        lenb = self._take(4)
        if len(lenb) < 4:
            raise _truncated()
        (mlen,) = struct.unpack(">I", lenb)
        if mlen > MAX_MANIFEST:
            raise _damaged()
        mraw = self._take(mlen)
        if len(mraw) < mlen:
            raise _truncated()
        manifest = parse_json_limited(mraw, MAX_MANIFEST, MAX_MANIFEST_DEPTH)
        if not isinstance(manifest, dict):
            raise _damaged()
        self.manifest = manifest

    def _fill(self, want: int) -> None:
        """Decompress until at least `want` bytes are buffered or the stream ends; never
        inflates more than `want` + one chunk at once (decompression bombs stay bounded)."""
        try:
            while len(self._out) < want and not self._eof:
                if self._z.unconsumed_tail:
                    self._out += self._z.decompress(self._z.unconsumed_tail,
                                                    max(want - len(self._out), 65536))
                    continue
                if self._z.eof:
                    if self._z.unused_data:
                        raise _damaged()
                    for extra in self._chunks:  # drain: the final chunk flag is checked
                        if extra:
                            raise _damaged()
                    self._eof = True
                    break
                block = next(self._chunks, None)
                if block is None:
                    raise _truncated()
                self._out += self._z.decompress(block, max(want - len(self._out), 65536))
        except zlib.error:
            raise _damaged() from None

    def _take(self, n: int) -> bytes:
        self._fill(n)
        data = bytes(self._out[:n])
        del self._out[:n]
        return data

    def iter_body(self, piece: int = 1024 * 1024) -> Iterator[bytes]:
        """The body, checked against the manifest's `body_size` and `body_sha256` when
        present: decompression never goes more than one byte past the declared size (a body
        that inflates to more is refused as damaged before the excess is kept)."""
        declared = self.manifest.get("body_size")
        digest = self.manifest.get("body_sha256")
        if declared is not None and (not _is_int(declared) or declared < 0):
            raise _damaged()
        h = hashlib.sha256()
        total = 0
        while True:
            want = piece if declared is None else min(piece, declared - total + 1)
            data = self._take(want)
            if not data:
                break
            total += len(data)
            if declared is not None and total > declared:
                raise _damaged()
            h.update(data)
            yield data
        if declared is not None and total != declared:
            raise _truncated()
        if digest is not None and h.hexdigest() != digest:
            raise _damaged()


def _what_is_it(head: bytes) -> str:
    """What a file that is not a container looks like: one clause, shown after a colon."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _("it is a renamed ZIP archive.")
    if head.startswith(b"\x89PNG"):
        return _("it is a renamed PNG image.")
    if head.startswith(b"\xff\xd8\xff"):
        return _("it is a renamed JPEG image.")
    if head.startswith(b"%PDF"):
        return _("it is a renamed PDF document.")
    if head.startswith(b"SQLite format"):
        return _("it is an unencrypted SQLite database.")
    return _("the start of the file does not match.")


def peek_is_container(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(8) == MAGIC
    except OSError:
        return False
