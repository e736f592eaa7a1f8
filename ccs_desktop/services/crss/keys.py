"""The CRSS key pair: X25519, private key in a passphrase-protected `.ccsbak` container.

Public key file (`crss.pub`, text): comment lines starting with '#', and one line
`ccs-crss-pub-v1:<32 bytes in base64url>`. The fingerprint (four groups of four base32
characters) is read aloud to compare the key received with the one the CRSS made.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ...fileio import os_error_text, write_atomically
from ...i18n import _
from ..errors import UserError
from ..exchange import container as ct

PUB_PREFIX = "ccs-crss-pub-v1:"
PUBLIC_NAME, PRIVATE_NAME = "crss.pub", "crss.key"


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(b"ccs-crss-fingerprint-v1" + public_key).digest()
    b32 = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(b32[i:i + 4] for i in range(0, 16, 4))


def public_line(public_key: bytes) -> str:
    return PUB_PREFIX + base64.urlsafe_b64encode(public_key).decode("ascii").rstrip("=")


def parse_public_key(text: str) -> bytes:
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(PUB_PREFIX):
            body = line[len(PUB_PREFIX):]
            try:
                raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            except (binascii.Error, ValueError):
                break
            if len(raw) == 32:
                return raw
        break
    raise UserError(_("This file is not a valid CRSS public key (crss.pub)."))


def read_public_key(path: str | os.PathLike[str]) -> bytes:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(4096)
    except OSError as exc:
        raise UserError(_("Cannot read the public key “{path}”: {error}.").format(
            path=path, error=os_error_text(exc))) from None
    return parse_public_key(text)


@dataclass
class KeyPair:
    public_key: bytes
    private_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def generate() -> KeyPair:
    priv = X25519PrivateKey.generate()
    return KeyPair(
        priv.public_key().public_bytes(serialization.Encoding.Raw,
                                       serialization.PublicFormat.Raw),
        priv.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                           serialization.NoEncryption()))


def _write_new(path: Path, data: bytes) -> None:
    """Write a key file atomically (`fileio.write_atomically`), never over an existing one."""
    try:
        write_atomically(path, data, overwrite=False)
    except FileExistsError:
        raise UserError(_("“{path}” already exists: a key is never overwritten.").format(
            path=path)) from None


def write_key_files(pair: KeyPair, out_dir: str | os.PathLike[str], passphrase: str,
                    kdf: ct.KdfParams | None = None) -> tuple[Path, Path]:
    """Write crss.key (protected by the passphrase) and crss.pub into out_dir (created);
    refuses to overwrite an existing key."""
    import io

    ct.check_passphrase(passphrase)
    out = Path(out_dir).expanduser()
    priv_path, pub_path = out / PRIVATE_NAME, out / PUBLIC_NAME
    for p in (priv_path, pub_path):
        if p.exists():
            raise UserError(_("“{path}” already exists: a key is never overwritten. Choose "
                              "another folder.").format(path=p))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create the folder “{path}”: {error}.").format(
            path=out, error=os_error_text(exc))) from None
    buf = io.BytesIO()
    manifest = {"ccsbak": ct.FORMAT_VERSION, "kind": "crss-key",
                "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                "public_key": base64.b64encode(pair.public_key).decode("ascii"),
                "private_key": base64.b64encode(pair.private_key).decode("ascii")}
    w = ct.ContainerWriter(buf, [ct.PassphraseRecipient(passphrase, kdf)], manifest)
    w.close()
    # data: French by design (the file sent to the committees)
    pub_text = (f"# Clé publique du CRSS (CCS Desktop)\n"
                f"# Empreinte : {pair.fingerprint}\n"
                f"# Comparez cette empreinte à voix haute avec le CRSS avant de l'utiliser.\n"
                f"{public_line(pair.public_key)}\n")
    _write_new(priv_path, buf.getvalue())
    _write_new(pub_path, pub_text.encode("utf-8"))
    return priv_path, pub_path


def read_private_key(path: str | os.PathLike[str], passphrase: str) -> KeyPair:
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UserError(_("Cannot read the private key “{path}”: {error}.").format(
            path=path, error=os_error_text(exc))) from None
    with fh:
        reader = ct.ContainerReader(fh, [ct.PassphraseIdentity(passphrase)])
    mf = reader.manifest
    if mf.get("kind") != "crss-key":
        raise UserError(_("“{path}” is not a CRSS private key.").format(path=path))
    try:
        pub = base64.b64decode(mf["public_key"], validate=True)
        priv = base64.b64decode(mf["private_key"], validate=True)
        derived = X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise UserError(_("The private key “{path}” is damaged.").format(path=path)) from None
    if derived != pub:
        raise UserError(_("The private key “{path}” is damaged.").format(path=path))
    return KeyPair(pub, priv)


def identity(pair: KeyPair) -> ct.X25519Identity:
    return ct.X25519Identity(pair.private_key)


def export_private_key(src: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """Copy the protected private key to a second stick for safekeeping (never overwrites)."""
    data = Path(src).read_bytes()
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    target = out / PRIVATE_NAME
    if target.exists():
        raise UserError(_("“{path}” already exists: a key is never overwritten.").format(
            path=target))
    _write_new(target, data)
    if Path(target).read_bytes() != data:
        raise UserError(_("The copy of the key could not be checked."))
    return target


# --------------------------------------------------------------------------- committee side

def trusted_public_key(db) -> bytes | None:  # noqa: ANN001
    """The CRSS public key this committee trusts (settings.CRSS_PUBLIC_KEY), if any."""
    from ...db import settings

    value = settings.read_db(db, settings.CRSS_PUBLIC_KEY)
    if not value:
        return None
    try:
        return parse_public_key(value)
    except UserError:
        return None


def trust(db, public_key: bytes) -> str:  # noqa: ANN001
    """Keep `public_key` as the committee's CRSS key (default recipient); returns its
    fingerprint."""
    from ...db import settings
    from ..roles import require

    require(db, "crss.keys")

    if len(public_key) != 32:
        raise UserError(_("Invalid CRSS public key."))
    settings.write_db(db, settings.CRSS_PUBLIC_KEY, public_line(public_key))
    return fingerprint(public_key)


def export_public_key(public_key: bytes, out_dir: str | os.PathLike[str]) -> Path:
    """Write crss.pub into out_dir (created); an identical file already there is kept, a
    different one is never overwritten."""
    out = Path(out_dir).expanduser()
    target = out / PUBLIC_NAME
    # data: French by design (the file sent to the committees)
    text = (f"# Clé publique du CRSS (CCS Desktop)\n"
            f"# Empreinte : {fingerprint(public_key)}\n"
            f"# Comparez cette empreinte à voix haute avec le CRSS avant de l'utiliser.\n"
            f"{public_line(public_key)}\n")
    if target.exists():
        try:
            same = read_public_key(target) == public_key
        except UserError:
            same = False
        if same:
            return target
        raise UserError(_("“{path}” already exists and holds another key: choose another "
                          "folder.").format(path=target))
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_new(target, text.encode("utf-8"))
    except OSError as exc:
        raise UserError(_("Cannot write in “{path}”: {error}.").format(
            path=out, error=os_error_text(exc))) from None
    return target
