"""A small secret sealed to an X25519 public key, and opened with its private key.

The construction of the `.ccsbak` container's X25519 recipients (services/exchange/container.py):
an ephemeral X25519 key pair, the shared secret through HKDF-SHA256 with salt
`ephemeral public ‖ recipient public` and a purpose-specific `info`, and ChaCha20-Poly1305
under the derived key (used once, so its nonce is fixed) with caller-chosen associated data.
Everything comes from `cryptography`; nothing is hand-rolled. The key file (db/keyfile.py)
seals the database key to each account and to the recovery key with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_LEN = 32
_NONCE = b"\0" * 12  # every wrapping key is fresh (a new ephemeral key each time)


def public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)


def private_bytes(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    return private_bytes(private), public_bytes(private)


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=ephemeral + recipient,
                info=info).derive(shared)


@dataclass(frozen=True)
class Sealed:
    ephemeral: bytes  # 32 bytes
    ciphertext: bytes  # the secret + 16 bytes of tag


def seal(recipient_public: bytes, secret: bytes, *, info: bytes, aad: bytes) -> Sealed:
    recipient = X25519PublicKey.from_public_bytes(recipient_public)
    eph = X25519PrivateKey.generate()
    eph_pub = public_bytes(eph)
    key = _wrapping_key(eph.exchange(recipient), eph_pub, recipient_public, info)
    return Sealed(eph_pub, ChaCha20Poly1305(key).encrypt(_NONCE, secret, aad))


def open_sealed(private: bytes, sealed: Sealed, *, info: bytes, aad: bytes) -> bytes | None:
    """The secret, or None when this private key (or the associated data) does not open it."""
    try:
        priv = X25519PrivateKey.from_private_bytes(private)
        own = public_bytes(priv)
        shared = priv.exchange(X25519PublicKey.from_public_bytes(sealed.ephemeral))
        key = _wrapping_key(shared, sealed.ephemeral, own, info)
        return ChaCha20Poly1305(key).decrypt(_NONCE, sealed.ciphertext, aad)
    except (InvalidTag, ValueError):
        return None
