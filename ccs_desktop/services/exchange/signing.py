"""The committee's signing key (Ed25519) and the signature of a `.ccsbak` file (format 2).

The private key lives in the settings table of the encrypted database (`signing_key`, 32 raw
bytes in base64): inside the database, so inside full backups (a restored committee keeps
its key), never in a transmission (settings travel reduced to the committee's identity).
It is made by migration 0005s for every database (at set-up and at the first start of this
version; a downgrade keeps it) and, should it be missing, at the first file written or the
first look at its fingerprint in Settings (`ensure_signing_key`).

The signature travels in the encrypted manifest, `"signature": {"alg": "ed25519",
"public_key": <base64>, "sig": <base64>}`, over
`"ccsbak-sig-1" ‖ header bytes (offset 0 to the end of the clear header, what the header MAC
covers) ‖ SHA-256(canonical manifest without "signature")`; the manifest holds
`body_sha256`, so the whole payload is covered. Canonical: JSON with sorted keys, no spaces,
UTF-8 (`ensure_ascii=False`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (Ed25519PrivateKey,
                                                               Ed25519PublicKey)

from ...db import cipher
from ...db import settings as db_settings
from ...i18n import _
from . import container as ct

SIGNING_SETTING = db_settings.SIGNING_KEY.name
# the counter of files written by this database (backups and transmissions): with the
# committee's restore generation it orders a committee's files at the CRSS (no clock)
SEQUENCE_SETTING = db_settings.FILE_SEQUENCE.name
MAX_SEQUENCE = 2 ** 53
SIG_ALG = "ed25519"
SIG_CONTEXT = b"ccsbak-sig-1"
FINGERPRINT_CONTEXT = b"ccs-committee-fingerprint-v1"


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


def new_private_value() -> str:
    """A new private key as stored in the settings (base64 of 32 raw bytes)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())
    return base64.b64encode(raw).decode("ascii")


def _load_private(value: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value, validate=True))


def ensure_signing_key(conn: cipher.Connection) -> Ed25519PrivateKey:
    """The database's private key, made now if missing (the caller commits)."""
    stored = db_settings.read_raw(conn, db_settings.SIGNING_KEY)
    if stored:
        try:
            return _load_private(stored)
        except (ValueError, binascii.Error):
            pass  # an unreadable value is replaced (it could sign nothing)
    value = new_private_value()
    db_settings.write_raw(conn, db_settings.SIGNING_KEY, value)
    return _load_private(value)


def next_sequence(conn: cipher.Connection) -> int:
    """The number of the next file: above every number this database gave (settings
    `file_sequence`) and at least the clock's seconds, so that a file whose number was not
    stored (a process killed after the file took its name) is still followed by a higher
    one. Read only: `store_sequence` records it once the file is in place."""
    n = _stored_sequence(conn)
    return min(max(n + 1, int(time.time())), MAX_SEQUENCE)


def _stored_sequence(conn: cipher.Connection) -> int:
    try:
        return int(db_settings.read_raw(conn, db_settings.FILE_SEQUENCE) or 0)
    except ValueError:
        return 0


def store_sequence(db, sequence: int) -> None:  # noqa: ANN001 - a Database
    """Record the number of the file just written (never lowers it)."""
    conn = db.connect_raw()
    try:
        with conn:
            stored = _stored_sequence(conn)
            db_settings.write_raw(conn, db_settings.FILE_SEQUENCE, str(max(stored, sequence)))
    finally:
        conn.close()


def fingerprint(public_key: bytes) -> str:
    """Read out over the phone: four groups of four letters and digits (base32, no 0/1/8/9
    to confuse), e.g. `K3QF-7ZXA-M2PD-W6RT`."""
    digest = hashlib.sha256(FINGERPRINT_CONTEXT + public_key).digest()
    b32 = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(b32[i:i + 4] for i in range(0, 16, 4))


def canonical(manifest: dict) -> bytes:
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def signed_message(header_bytes: bytes, manifest: dict) -> bytes:
    return SIG_CONTEXT + header_bytes + hashlib.sha256(canonical(manifest)).digest()


def signer(key: Ed25519PrivateKey):  # noqa: ANN201 - ContainerWriter's `signer`
    """What `ContainerWriter(signer=...)` calls with the header bytes and the manifest."""
    public = base64.b64encode(_raw_public(key)).decode("ascii")

    def sign(header_bytes: bytes, manifest: dict) -> dict:
        sig = key.sign(signed_message(header_bytes, manifest))
        return {"alg": SIG_ALG, "public_key": public,
                "sig": base64.b64encode(sig).decode("ascii")}

    return sign


def _bad_signature() -> ct.ContainerError:
    return ct.ContainerError(_("The file's signature is invalid: the file was modified or "
                               "was not made by the committee it names. Nothing was "
                               "changed."))


def verify(manifest: dict, header_bytes: bytes) -> bytes | None:
    """The signer's raw public key when the manifest is signed and the signature holds;
    None for an unsigned manifest; a French ContainerError for a malformed or wrong
    signature."""
    sig = manifest.get("signature")
    if sig is None:
        return None
    if (not isinstance(sig, dict) or set(sig) != {"alg", "public_key", "sig"}
            or sig.get("alg") != SIG_ALG or not isinstance(sig.get("public_key"), str)
            or not isinstance(sig.get("sig"), str) or len(sig["public_key"]) > 64
            or len(sig["sig"]) > 128):
        raise _bad_signature()
    try:
        public = base64.b64decode(sig["public_key"], validate=True)
        raw_sig = base64.b64decode(sig["sig"], validate=True)
        if len(public) != 32 or len(raw_sig) != 64:
            raise _bad_signature()
        Ed25519PublicKey.from_public_bytes(public).verify(
            raw_sig, signed_message(header_bytes, manifest))
    except (ValueError, binascii.Error, InvalidSignature):
        raise _bad_signature() from None
    return public


def own_fingerprint(db) -> str:  # noqa: ANN001 - a Database
    """The fingerprint of the database's signing key (made now if it has none), for the
    Settings page: the committee reads it out to the CRSS, which confirms it."""
    conn = db.connect_raw()
    try:
        with conn:
            key = ensure_signing_key(conn)
    finally:
        conn.close()
    return fingerprint(_raw_public(key))
