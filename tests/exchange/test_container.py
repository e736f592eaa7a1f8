"""The .ccsbak container: round trips, every-byte tampering, truncation, hostile headers."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest

from ccs_desktop.services.exchange import container as ct

from .conftest import PASS


def _write(body: bytes, recipients: list, chunk: int = 1024, manifest: dict | None = None
           ) -> bytes:
    import hashlib

    buf = io.BytesIO()
    mf = manifest or {"kind": "test", "body_size": len(body),
                      "body_sha256": hashlib.sha256(body).hexdigest()}
    w = ct.ContainerWriter(buf, recipients, mf, chunk_size=chunk, compress_level=0)
    for i in range(0, len(body), 700):
        w.write(body[i:i + 700])
    w.close()
    return buf.getvalue()


def _read(data: bytes, identities: list) -> tuple[dict, bytes]:
    r = ct.ContainerReader(io.BytesIO(data), identities)
    return r.manifest, b"".join(r.iter_body())


def test_cheap_kdf_only_under_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ct.default_kdf() == ct.CHEAP_KDF
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    assert ct.default_kdf() == ct.KdfParams()  # the real, costly setting


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 5000])
def test_round_trip_sizes_and_both_recipients(pair, size: int) -> None:
    body = bytes(range(256)) * (size // 256 + 1)
    body = body[:size]
    data = _write(body, [ct.PassphraseRecipient(PASS), ct.X25519Recipient(pair.public_key)])
    assert _read(data, [ct.PassphraseIdentity(PASS)])[1] == body
    assert _read(data, [ct.X25519Identity(pair.private_key)])[1] == body


def test_clear_part_holds_no_content(pair) -> None:
    data = _write(b"Alafia CCSC-ALAFIA " * 50, [ct.PassphraseRecipient(PASS)],
                  manifest={"committee": "CCSC-ALAFIA", "kind": "backup"})
    assert b"ALAFIA" not in data.upper() and b"backup" not in data


def test_every_byte_flipped_is_refused(pair) -> None:
    """A bit flipped at ANY position (magic, version, header, recipients, MAC, chunks)."""
    body = b"contenu de la base " * 150  # about 3 chunks of 1 KiB
    data = _write(body, [ct.PassphraseRecipient(PASS), ct.X25519Recipient(pair.public_key)])
    ident = [ct.PassphraseIdentity(PASS)]
    assert _read(data, ident)[1] == body
    for pos in range(len(data)):
        for bit in (0x01, 0x80):
            bad = bytearray(data)
            bad[pos] ^= bit
            with pytest.raises(ct.ContainerError):
                _read(bytes(bad), ident)


def test_cut_at_every_byte_and_chunk_boundary_is_refused() -> None:
    body = b"x" * 4000 + b"y" * 4000
    data = _write(body, [ct.PassphraseRecipient(PASS)], chunk=1024)
    ident = [ct.PassphraseIdentity(PASS)]
    header_end = data.index(b"}]}") + 3 + ct.MAC_LEN
    boundaries = list(range(header_end, len(data), 1024 + ct.TAG_LEN))
    assert len(boundaries) >= 3
    for cut in list(range(len(data))) + boundaries:
        with pytest.raises(ct.ContainerError):
            _read(data[:cut], ident)
    # and data appended after the last chunk
    with pytest.raises(ct.ContainerError):
        _read(data + b"\x00" * 20, ident)


def test_wrong_passphrase_and_wrong_key(pair) -> None:
    data = _write(b"abc", [ct.PassphraseRecipient(PASS)])
    with pytest.raises(ct.WrongKey, match="Phrase secrète incorrecte"):
        _read(data, [ct.PassphraseIdentity(PASS + "!")])
    with pytest.raises(ct.WrongKey, match="phrase secrète de sauvegarde"):
        _read(data, [ct.X25519Identity(pair.private_key)])
    other = _write(b"abc", [ct.X25519Recipient(pair.public_key)])
    from ccs_desktop.services.crss.keys import generate

    with pytest.raises(ct.WrongKey, match="autre clé"):
        _read(other, [ct.X25519Identity(generate().private_key)])


def test_short_passphrase_refused() -> None:
    with pytest.raises(ct.UserError, match="12"):
        _write(b"abc", [ct.PassphraseRecipient("court")])


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "bonjour")
    return buf.getvalue()


@pytest.mark.parametrize("data,words", [
    (b"", "vide"),
    (_zip_bytes(), "ZIP"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
    (b"SQLite format 3\x00" + b"\x00" * 100, "SQLite"),
    (b"CCSB", "pas une sauvegarde"),
])
def test_foreign_files_refused(data: bytes, words: str) -> None:
    with pytest.raises(ct.ContainerError, match=words):
        _read(data, [ct.PassphraseIdentity(PASS)])


def _forge(header: dict, version: int = ct.FORMAT_VERSION) -> bytes:
    raw = json.dumps(header).encode()
    return ct.PREFIX.pack(ct.MAGIC, version, len(raw)) + raw + b"\x00" * 200


def _legit_header() -> dict:
    data = _write(b"abc", [ct.PassphraseRecipient(PASS)])
    (hlen,) = struct.unpack(">I", data[10:14])
    return json.loads(data[14:14 + hlen])


def test_huge_kdf_claims_refused_before_deriving() -> None:
    for field, value in (("memory_kib", 2 ** 40), ("iterations", 10 ** 6),
                         ("parallelism", 10 ** 4), ("memory_kib", -1)):
        h = _legit_header()
        h["recipients"][0][field] = value
        with pytest.raises(ct.ContainerError, match="hors limites|endommagé"):
            _read(_forge(h), [ct.PassphraseIdentity(PASS)])


def test_huge_header_or_chunk_claims_refused() -> None:
    huge = ct.PREFIX.pack(ct.MAGIC, ct.FORMAT_VERSION, 2 ** 31) + b"{}"
    with pytest.raises(ct.ContainerError):
        _read(huge, [ct.PassphraseIdentity(PASS)])
    h = _legit_header()
    h["chunk_size"] = 2 ** 30
    with pytest.raises(ct.ContainerError):
        _read(_forge(h), [ct.PassphraseIdentity(PASS)])


def test_newer_format_refused() -> None:
    with pytest.raises(ct.NewerFormat, match="plus récente"):
        _read(_forge(_legit_header(), version=ct.FORMAT_VERSION + 1), [ct.PassphraseIdentity(PASS)])
