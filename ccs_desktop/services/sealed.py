"""Small files sealed with the key of the database beside them (the drafts of the forms).

What a secretary typed but did not save yet is as sensitive as the records: it is written
encrypted and authenticated (ChaCha20-Poly1305 from `cryptography`) under a key derived with
HKDF-SHA256 from the database key of its data folder, which only a process that opened the
database holds. The file's name is the associated data, so a sealed draft moved to another
name does not open. Nothing is hand-rolled but the framing: MAGIC ‖ nonce (12) ‖ ciphertext.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..db import unlock

MAGIC = b"CCS-SCELLE\x01"


class Box:
    """Seals and opens the small files of one data folder."""

    def __init__(self, database_key: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"ccs-desktop drafts").derive(database_key)
        self._aead = ChaCha20Poly1305(key)

    def seal(self, name: str, data: bytes) -> bytes:
        nonce = secrets.token_bytes(12)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, name.encode("utf-8"))

    def open(self, name: str, sealed: bytes) -> bytes | None:
        """The clear bytes, or None for a file that is not sealed by this key (foreign,
        damaged, of another database)."""
        if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + 12 + 16:
            return None
        nonce = sealed[len(MAGIC):len(MAGIC) + 12]
        try:
            return self._aead.decrypt(nonce, sealed[len(MAGIC) + 12:], name.encode("utf-8"))
        except InvalidTag:
            return None


def box_for(data_dir: str | os.PathLike[str]) -> Box | None:
    """The box of a data folder whose database this process opened (None otherwise: then
    nothing is written, rather than anything in clear)."""
    key = unlock.folder_key(Path(data_dir))
    return Box(key) if key is not None else None


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)
