"""Issue 8, container limits: JSON size and depth checked before parsing, every manifest field
type-checked before anything is written or merged, bounded key derivation (real Argon2 in a
subprocess: time and peak memory), body stopped at its declared size, free disk space."""

from __future__ import annotations

import base64
import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import copy
import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ccs_desktop.services.crss import importer
from ccs_desktop.services.errors import UserError
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import reading
from ccs_desktop.services.exchange import snapshot as sn

from .conftest import PASS, dump

IDENT = [ct.PassphraseIdentity(PASS)]
ROOT = Path(__file__).resolve().parents[2]


def _b64(n: int) -> str:
    return base64.b64encode(secrets.token_bytes(n)).decode()


def _keyless_file(path: Path, header: bytes) -> Path:
    """A file with any header bytes; its MAC and payload are random (never reached)."""
    path.write_bytes(ct.PREFIX.pack(ct.MAGIC, 1, len(header)) + header
                     + secrets.token_bytes(32 + 200))
    return path


def _argon_entry(memory_kib: int, iterations: int, parallelism: int = 1) -> dict:
    return {"type": "argon2id", "salt": _b64(16), "memory_kib": memory_kib,
            "iterations": iterations, "parallelism": parallelism, "wrapped_key": _b64(48)}


def _header(*entries: dict) -> bytes:
    return json.dumps({"chunk_size": 65536, "payload_salt": _b64(16),
                       "recipients": list(entries)}).encode()


# --------------------------------------------------------------------------- JSON limits

def test_parse_json_limited_checks_depth_before_parsing() -> None:
    deep = b"[" * 16000 + b"]" * 16000
    with pytest.raises(ct.ContainerError, match="endommagé"):
        ct.parse_json_limited(deep, 10 ** 6, 8)
    assert ct.json_depth(b'{"a": "[[[[[[[[[[\\"[[[[", "b": [1, {"c": 2}]}') == 3
    assert ct.parse_json_limited(b'{"a": [1, {"b": "]]]"}]}', 100, 3) == {"a": [1, {"b": "]]]"}]}
    for bad in (b'{"a": NaN}', b'{"a": 1, "a": 2}', b"\xff", b"x" * 101, b'{"a": [[[[1]]]]}'):
        with pytest.raises(ct.ContainerError):
            ct.parse_json_limited(bad, 100, 4)


def test_keyless_file_with_a_deeply_nested_header_is_a_french_refusal(tmp_path: Path,
                                                                      rich_db) -> None:  # noqa: ANN001
    nested = b'{"chunk_size": 65536, "x": ' + b"[" * 8000 + b"]" * 8000 + b"}"
    assert len(nested) <= ct.MAX_HEADER
    f = _keyless_file(tmp_path / "profond.ccsbak", nested)
    for ident in ([], IDENT):
        with pytest.raises(ct.ContainerError, match="endommagé"):
            with open(f, "rb") as fh:
                ct.ContainerReader(fh, ident)
        with pytest.raises(UserError, match="endommagé"):
            bk.verify_file(f, ident, work_dir=rich_db.data_dir)


def test_deep_manifest_is_refused(tmp_path: Path, rich_db) -> None:  # noqa: ANN001
    manifest: dict = {"ccsbak": 1, "kind": "backup", "committee": None}
    inner = manifest
    for _ in range(12):
        inner["x"] = {}
        inner = inner["x"]
    buf = io.BytesIO()
    w = ct.ContainerWriter(buf, [ct.PassphraseRecipient(PASS)], manifest)
    w.close()
    f = tmp_path / "m.ccsbak"
    f.write_bytes(buf.getvalue())
    with pytest.raises(ct.ContainerError, match="endommagé"):
        bk.verify_file(f, IDENT, work_dir=rich_db.data_dir)


# --------------------------------------------------------------------------- manifest types

FORGE_KEY = bytes(range(32))  # the forged body's key (a SQLCipher body, as files are now)


def _forge(rich_db, tmp_path: Path, change, kind: str = "transmission",  # noqa: ANN001
           pair=None) -> Path:  # noqa: ANN001
    snap = tmp_path / "snap.sqlite3"
    if not snap.exists():
        own = reading._committee_info(rawdb.connect(rich_db.path))
        sn.make_snapshot(rich_db.path, snap, transmission=(kind == "transmission"),
                         own_uuid=own["uuid"], key=rich_db.key, body_key=FORGE_KEY)
    body = snap.read_bytes()
    conn = rawdb.connect(snap, FORGE_KEY)
    info = reading._committee_info(conn)
    counts = sn.table_counts(conn)
    conn.close()
    manifest = {"ccsbak": 1, "kind": kind, "app_version": "0.1.0",
                "created_at": "2024-04-12T10:15:00+00:00",
                "created_local": "2024-04-12T10:15:00", "committee": info,
                "schema_revision": None, "counts": counts, "body": "sqlite",
                "body_size": len(body), "body_sha256": hashlib.sha256(body).hexdigest(),
                "body_key": FORGE_KEY.hex()}
    manifest = change(copy.deepcopy(manifest)) or manifest
    buf = io.BytesIO()
    rec = ct.X25519Recipient(pair.public_key) if pair else ct.PassphraseRecipient(PASS)
    w = ct.ContainerWriter(buf, [rec], manifest)
    w.write(body)
    w.close()
    out = tmp_path / "stick" / f"forge-{secrets.token_hex(4)}_transmission.ccsbak"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(buf.getvalue())
    return out


def _set(path: str, value):  # noqa: ANN001, ANN202
    def change(mf: dict) -> dict:
        target = mf
        keys = path.split(".")
        for k in keys[:-1]:
            target = target[k]
        if value is KeyError:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
        return mf
    return change


BAD = [
    ("ccsbak", True), ("ccsbak", "1"), ("kind", ["transmission"]), ("app_version", 3),
    ("created_at", "pas-une-date"), ("created_at", 20240412), ("created_local", {}),
    ("committee", "CCSC-ALAFIA"), ("committee.uuid", 12), ("committee.uuid", "pas-un-uuid"),
    ("committee.code", None), ("committee.code", "x" * 500), ("committee.name", 5),
    ("committee.level", []), ("committee.region", 7), ("committee.restore_generation", "3"),
    ("committee.restore_generation", -1), ("committee.restore_generation", 2 ** 40),
    ("committee.restore_generation", 1.5), ("committee.share_names", "oui"),
    ("committee.share_names", 2), ("committee", KeyError), ("schema_revision", 4),
    ("counts", []), ("counts.people", 3), ("counts.people.live", "26"),
    ("counts.people.live", -1), ("body", "zip"), ("body_size", True), ("body_size", 0),
    ("body_size", "12"), ("body_sha256", 5), ("body_sha256", "z" * 64),
    # issue 11: the body's key and a full backup's key file, from a hostile file
    ("body_key", 5), ("body_key", "z" * 64), ("body_key", "ab"), ("body_key", "A" * 64),
    ("keyfile", 7), ("keyfile", ["x"]), ("keyfile", "A" * (600 * 1024)),
]


@pytest.mark.parametrize("field,value", BAD, ids=[f"{f}={v!r}"[:40] for f, v in BAD])
def test_every_manifest_field_is_type_checked_before_anything_is_written(
        rich_db, pair, tmp_path: Path, field: str, value) -> None:  # noqa: ANN001
    f = _forge(rich_db, tmp_path, _set(field, value), pair=pair)
    ident = [ct.X25519Identity(pair.private_key)]
    made: list[Path] = []
    real = bk.WorkFolder.__init__

    def spy(self, parent, prefix) -> None:  # noqa: ANN001
        real(self, parent, prefix)
        made.append(self.path)

    bk.WorkFolder.__init__ = spy
    try:
        with pytest.raises(UserError) as info:
            bk.verify_file(f, ident, work_dir=rich_db.data_dir)
    finally:
        bk.WorkFolder.__init__ = real
    assert "Traceback" not in str(info.value) and made == []  # refused before any clear copy


def test_wrong_manifest_types_are_refused_by_the_crss_import_and_the_batch_goes_on(
        rich_db, pair, tmp_path: Path) -> None:  # noqa: ANN001
    bad = [_forge(rich_db, tmp_path, _set(field, value), pair=pair) for field, value in BAD]
    good = _forge(rich_db, tmp_path, lambda mf: mf, pair=pair)
    ident = [ct.X25519Identity(pair.private_key)]
    crss = importer.open_crss_database(tmp_path / "crss")
    before = dump(crss.path)
    before.pop("crss_import_log", None)
    for f in bad:
        report = importer.import_file(crss, f, ident)
        assert not report.ok and report.message, (f, report)
    after = dump(crss.path)
    after.pop("crss_import_log", None)
    assert after == before  # nothing merged
    assert importer.import_file(crss, good, ident).ok
    crss.close()


def test_the_manifest_the_application_writes_is_accepted(rich_db, pair, tmp_path: Path) -> None:  # noqa: ANN001
    t = bk.create_transmission(rich_db, tmp_path / "t", crss_public=pair.public_key)
    b = bk.create_backup(rich_db, tmp_path / "b", PASS)
    bk.check_manifest(t.manifest)
    bk.check_manifest(b.manifest)
    assert bk.verify_file(b.path, IDENT, work_dir=rich_db.data_dir)["kind"] == "backup"
    f = _forge(rich_db, tmp_path, lambda mf: mf, pair=pair)
    assert bk.verify_file(f, [ct.X25519Identity(pair.private_key)],
                          work_dir=rich_db.data_dir)["kind"] == "transmission"


# --------------------------------------------------------------------------- key derivation

def test_kdf_bounds_and_budget_are_checked_before_deriving(tmp_path: Path) -> None:
    over = [
        _header(_argon_entry(ct.KDF_MAX_MEMORY_KIB + 1, 1)),
        _header(_argon_entry(1024 * 1024, 3)),  # 1 GiB: accepted before, refused now
        _header(_argon_entry(8, ct.KDF_MAX_ITERATIONS + 1)),
        _header(_argon_entry(64, 1, ct.KDF_MAX_PARALLELISM + 1)),
        _header(_argon_entry(256 * 1024, 6), _argon_entry(256 * 1024, 1)),  # over budget
        _header(_argon_entry(256 * 1024, 7)),
    ]
    for i, h in enumerate(over):
        f = _keyless_file(tmp_path / f"k{i}.ccsbak", h)
        t0 = time.monotonic()
        with pytest.raises(ct.ContainerError, match="hors limites"):
            with open(f, "rb") as fh:
                ct.ContainerReader(fh, IDENT)
        assert time.monotonic() - t0 < 0.5
    # the default the application writes, twice (two passphrase recipients), is accepted
    ct.KdfParams().check()
    assert 2 * ct.KdfParams().cost <= ct.KDF_BUDGET


def test_transmission_opened_with_a_passphrase_is_refused_at_once(rich_db, pair,
                                                                   tmp_path: Path) -> None:  # noqa: ANN001
    t = bk.create_transmission(rich_db, tmp_path / "t", crss_public=pair.public_key).path
    t0 = time.monotonic()
    with pytest.raises(ct.WrongKey, match="clé privée du CRSS"):
        with open(t, "rb") as fh:
            ct.ContainerReader(fh, [ct.PassphraseIdentity(f"phrase numero {i} !") for i in
                                    range(50)])
    assert time.monotonic() - t0 < 0.2


WORST = textwrap.dedent("""
    import json, resource, sys, time
    from ccs_desktop.services.exchange import container as ct
    t0 = time.monotonic()
    try:
        with open(sys.argv[1], "rb") as fh:
            ct.ContainerReader(fh, [ct.PassphraseIdentity("phrase secrète numéro %d" % i)
                                    for i in range(int(sys.argv[2]))])
        outcome = "opened"
    except ct.ContainerError as exc:
        outcome = str(exc)
    print(json.dumps({"seconds": time.monotonic() - t0, "outcome": outcome,
                      "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def _measure(path: Path, identities: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != ct.TEST_CHEAP_ENV}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-c", WORST, str(path), str(identities)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage")
def test_worst_case_keyless_refusal_costs_under_5_s_and_512_mib(tmp_path: Path) -> None:
    """Real Argon2id (not the cheap test setting), in a fresh process each time: the most
    expensive headers still accepted by the bounds, tried with several passphrases."""
    mem = ct.KDF_MAX_MEMORY_KIB
    shapes = {
        "one-max-entry": [_argon_entry(mem, ct.KDF_BUDGET // mem)],
        "two-max-memory": [_argon_entry(mem, ct.KDF_BUDGET // mem // 2)] * 2,
        "two-default": [_argon_entry(128 * 1024, 3), _argon_entry(128 * 1024, 3)],
        "max-parallelism": [_argon_entry(mem, ct.KDF_BUDGET // mem, ct.KDF_MAX_PARALLELISM)],
        "small-many-iterations": [_argon_entry(mem // 16, ct.KDF_MAX_ITERATIONS)] * 2,
    }
    results = {}
    for name, entries in shapes.items():
        f = _keyless_file(tmp_path / f"{name}.ccsbak", _header(*entries))
        r = _measure(f, identities=5)
        results[name] = r
        assert "incorrecte" in r["outcome"], (name, r)
        assert r["seconds"] < 5.0, (name, r)
        assert r["rss_mib"] < 512, (name, r)
    print("worst-case keyless refusal:", json.dumps(results, indent=1))


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage")
def test_a_file_written_with_the_default_kdf_still_opens(tmp_path: Path) -> None:
    """Real default Argon2 (128 MiB, t=3): a file as the application writes it (one
    passphrase recipient and the CRSS one), and one with two passphrase recipients (the most
    the format allows) opened by the second; a wrong passphrase, then the right one."""
    from ccs_desktop.services.crss import keys

    files = []
    for recipients in ([ct.PassphraseRecipient(PASS, ct.KdfParams()),
                        ct.X25519Recipient(keys.generate().public_key)],
                       [ct.PassphraseRecipient("autre phrase secrète 1", ct.KdfParams()),
                        ct.PassphraseRecipient(PASS, ct.KdfParams())]):
        buf = io.BytesIO()
        w = ct.ContainerWriter(buf, recipients, {"ccsbak": 1, "kind": "backup"})
        w.write(b"contenu")
        w.close()
        files.append(buf.getvalue())
    for data in files:
        reader = ct.ContainerReader(io.BytesIO(data), IDENT)
        assert reader.manifest["kind"] == "backup"
        with pytest.raises(ct.WrongKey, match="incorrecte"):
            ct.ContainerReader(io.BytesIO(data), [ct.PassphraseIdentity("mauvaise phrase ici")])
    reader = ct.ContainerReader(io.BytesIO(files[0]), [ct.PassphraseIdentity("mauvaise phrase"),
                                                       ct.PassphraseIdentity(PASS)])
    assert reader.manifest["kind"] == "backup"


# --------------------------------------------------------------------------- body and disk

def _lying(rich_db, tmp_path: Path, delta: int) -> Path:  # noqa: ANN001
    """A real backup whose manifest declares `delta` bytes fewer than the body holds."""
    snap = tmp_path / "body.sqlite3"
    sn.make_snapshot(rich_db.path, snap, transmission=False, own_uuid=None, key=rich_db.key,
                     body_key=FORGE_KEY)
    body = snap.read_bytes() + b"\x00" * (4 * 1024 * 1024)  # compresses to almost nothing
    manifest = {"ccsbak": 1, "kind": "backup", "committee": None, "body": "sqlite",
                "body_key": FORGE_KEY.hex(),
                "created_at": "2024-04-12T10:15:00+00:00",
                "body_size": len(body) - delta,
                "body_sha256": hashlib.sha256(body[:len(body) - delta]).hexdigest()}
    buf = io.BytesIO()
    w = ct.ContainerWriter(buf, [ct.PassphraseRecipient(PASS)], manifest)
    w.write(body)
    w.close()
    out = tmp_path / "menteur.ccsbak"
    out.write_bytes(buf.getvalue())
    return out


def test_body_larger_than_declared_is_refused_without_writing_the_excess(rich_db,
                                                                        tmp_path: Path,
                                                                        monkeypatch) -> None:  # noqa: ANN001
    f = _lying(rich_db, tmp_path, delta=3 * 1024 * 1024)
    declared = None
    written: list[int] = []
    real_iter = ct.ContainerReader.iter_body

    def spy(self, piece: int = 1024 * 1024):  # noqa: ANN001, ANN202
        nonlocal declared
        declared = self.manifest["body_size"]
        for data in real_iter(self, piece):
            written.append(len(data))
            yield data

    monkeypatch.setattr(ct.ContainerReader, "iter_body", spy)
    # what the body reader asks the decompressor for, after the manifest
    asked: list[int] = []
    real_take = ct.ContainerReader._take

    def take(self, n: int) -> bytes:  # noqa: ANN001
        if hasattr(self, "manifest"):
            asked.append(n)
        return real_take(self, n)

    monkeypatch.setattr(ct.ContainerReader, "_take", take)
    before = rich_db.path.read_bytes()
    with pytest.raises(UserError, match="endommagé"):
        bk.restore(f, rich_db.data_dir, IDENT)
    assert sum(written) <= declared
    assert sum(asked) <= declared + 1  # never inflates a piece past the declared size
    assert rich_db.path.read_bytes() == before
    assert not [p for p in rich_db.data_dir.iterdir() if p.name.startswith(".ccs-")]


def test_body_that_would_not_fit_on_disk_is_refused_before_writing(rich_db, tmp_path: Path,
                                                                  monkeypatch) -> None:  # noqa: ANN001
    backup = bk.create_backup(rich_db, tmp_path / "usb", PASS)
    size = backup.manifest["body_size"]
    import shutil
    from collections import namedtuple

    Usage = namedtuple("Usage", "total used free")
    # declared + 10 % + 64 MiB is needed: a few bytes less is refused
    free = size + size // 10 + 64 * 1024 * 1024 - 1
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(10 ** 12, 0, free))
    opened: list[Path] = []
    real = bk.WorkFolder.__init__

    def spy(self, parent, prefix) -> None:  # noqa: ANN001
        real(self, parent, prefix)
        opened.append(self.path)

    monkeypatch.setattr(bk.WorkFolder, "__init__", spy)
    before = rich_db.path.read_bytes()
    for call in (lambda: bk.verify_file(backup.path, IDENT, work_dir=rich_db.data_dir),
                 lambda: bk.restore(backup.path, rich_db.data_dir, IDENT)):
        with pytest.raises(UserError, match="Pas assez de place"):
            call()
    assert opened == [] and rich_db.path.read_bytes() == before
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(10 ** 12, 0, free + 1))
    assert bk.verify_file(backup.path, IDENT, work_dir=rich_db.data_dir)["kind"] == "backup"


def test_header_mac_still_guards_a_valid_looking_header(tmp_path: Path) -> None:
    """Sanity of the crafted-file helper: a well-formed header with random keys is refused as
    a wrong passphrase (the derivation ran), not as damaged."""
    f = _keyless_file(tmp_path / "ok.ccsbak", _header(_argon_entry(8, 1)))
    with pytest.raises(ct.WrongKey, match="incorrecte"):
        with open(f, "rb") as fh:
            ct.ContainerReader(fh, IDENT)


@pytest.mark.parametrize("packed", [
    base64.b64encode(b"pas un fichier de cles").decode(),
    base64.b64encode(json.dumps({"format": "ccs-desktop-keys", "version": 1,
                                 "key_id": "0" * 32, "entries": [{"kind": "root"}]}).encode()
                     ).decode(),
    "%%%% pas du base64",
])
def test_a_hostile_key_file_inside_a_backup_is_refused_and_nothing_changes(
        rich_db, tmp_path: Path, packed: str) -> None:  # noqa: ANN001
    """Issue 11: a full backup carries the committee's key file; a forged one is refused in
    French before the live database is touched."""
    f = _forge(rich_db, tmp_path, lambda m: {**m, "keyfile": packed}, kind="backup")
    rich_db.close()
    before = rich_db.path.read_bytes()
    with pytest.raises(UserError) as info:
        bk.restore(f, rich_db.data_dir, IDENT)
    assert "clés" in str(info.value) or "fichier" in str(info.value)
    assert "Traceback" not in str(info.value)
    assert rich_db.path.read_bytes() == before
