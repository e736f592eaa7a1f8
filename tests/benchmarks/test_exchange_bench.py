"""Benchmarks (on demand: `pytest tests/benchmarks/test_exchange_bench.py -s`).

- backup + restore of a large database, against sqlite3's own backup API + gzip measured in
  the same run (real Argon2id parameters);
- import of many committee transmissions at the CRSS (CCS_BENCH_COMMITTEES, default 800).
"""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import gzip
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from ccs_desktop.db.engine import open_database
from ccs_desktop.paths import DB_FILENAME
from ccs_desktop.services.crss import importer, keys
from ccs_desktop.services.demo import generate_demo
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct

PASS = "phrase secrète de mesure"


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} Mo"


def test_backup_restore_large(tmp_path: Path) -> None:
    committees = int(os.environ.get("CCS_BENCH_BIG_COMMITTEES", "200"))
    db = open_database(tmp_path / "big")
    t = time.perf_counter()
    generate_demo(db, seed=3, committees=committees, years=5)
    print(f"\ndemo {committees} comités × 5 ans : {time.perf_counter() - t:.1f} s, "
          f"{_mb(db.path.stat().st_size)}")
    # reference: sqlite3 backup API + gzip
    t = time.perf_counter()
    ref = tmp_path / "ref.sqlite3"
    src, dst = rawdb.connect(db.path), rawdb.connect(ref)
    src.backup(dst)
    src.close()
    dst.close()
    with open(ref, "rb") as fi, gzip.open(tmp_path / "ref.sqlite3.gz", "wb", 6) as fo:
        shutil.copyfileobj(fi, fo, 1024 * 1024)
    ref_time = time.perf_counter() - t
    ref_size = (tmp_path / "ref.sqlite3.gz").stat().st_size
    t = time.perf_counter()
    written = bk.create_backup(db, tmp_path / "usb", PASS, kdf=ct.KdfParams())
    backup_time = time.perf_counter() - t
    db.close()
    t = time.perf_counter()
    bk.restore(written.path, tmp_path / "restored", [ct.PassphraseIdentity(PASS)])
    restore_time = time.perf_counter() - t
    print(f"sqlite3 backup + gzip : {ref_time:.2f} s, {_mb(ref_size)}")
    print(f".ccsbak écrit + relu  : {backup_time:.2f} s, {_mb(written.size)}")
    print(f"restauration          : {restore_time:.2f} s (dont index de recherche)")


def test_import_many_transmissions(tmp_path: Path) -> None:
    n = int(os.environ.get("CCS_BENCH_COMMITTEES", "800"))
    pair = keys.generate()
    template = tmp_path / "tpl"
    db = open_database(template)
    generate_demo(db, seed=5, committees=n, years=1)
    db.close()
    conn = rawdb.connect(template / DB_FILENAME)
    uuids = [r[0] for r in conn.execute("SELECT uuid FROM committees ORDER BY id")]
    conn.close()
    stick = tmp_path / "stick"
    t = time.perf_counter()
    for u in uuids:  # one database holds them all; each transmission keeps one committee
        c = rawdb.connect(template / DB_FILENAME)
        c.execute("UPDATE settings SET value = ? WHERE key = 'committee_uuid'", (u,))
        c.commit()
        c.close()
        d = open_database(template)
        bk.create_transmission(d, stick, crss_public=pair.public_key)
        d.close()
    print(f"\n{n} transmissions écrites : {time.perf_counter() - t:.1f} s")
    crss = importer.open_crss_database(tmp_path / "crss")
    # baseline: only decrypting and checking every file (no merge), same run
    files = sorted(stick.glob("*.ccsbak"))
    (tmp_path / "v").mkdir()  # verify decrypts into an existing folder and creates none
    t = time.perf_counter()
    for f in files:
        bk.verify_file(f, [ct.X25519Identity(pair.private_key)], work_dir=tmp_path / "v")
    baseline = time.perf_counter() - t
    t = time.perf_counter()
    reports = importer.import_paths(crss, [stick], [ct.X25519Identity(pair.private_key)])
    first = time.perf_counter() - t
    assert all(r.ok for r in reports) and len(reports) == n
    t = time.perf_counter()
    importer.import_paths(crss, [stick], [ct.X25519Identity(pair.private_key)])
    second = time.perf_counter() - t
    print(f"déchiffrer et vérifier {n} fichiers (référence) : {baseline:.1f} s")
    print(f"import de {n} transmissions : {first:.1f} s ({first / baseline:.2f} × la "
          f"référence) ; réimport (rien ne change) : {second:.1f} s "
          f"({second / baseline:.2f} ×) ; base CRSS {_mb(crss.path.stat().st_size)}")
    crss.close()


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-s"])


def test_atomic_writer_cost(tmp_path: Path) -> None:
    """The one atomic writer (temp file, fsync, rename with its retry guard, folder fsync)
    against a plain write + fsync of the same bytes, measured in the same run."""
    from ccs_desktop import fileio

    data = os.urandom(256 * 1024)
    n = int(os.environ.get("CCS_BENCH_WRITES", "200"))

    def plain(i: int) -> None:
        with open(tmp_path / f"plain-{i % 10}.bin", "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    def atomic(i: int) -> None:
        fileio.write_atomically(tmp_path / f"atomic-{i % 10}.bin", data)

    timings = {}
    for name, fn in (("plain", plain), ("atomic", atomic)):
        t = time.perf_counter()
        for i in range(n):
            fn(i)
        timings[name] = (time.perf_counter() - t) / n
    print(f"\n{n} writes of 256 KiB: plain write+fsync {timings['plain'] * 1000:.2f} ms, "
          f"write_atomically {timings['atomic'] * 1000:.2f} ms "
          f"(ratio {timings['atomic'] / timings['plain']:.2f})")
    assert not list(tmp_path.glob(".*.partial"))
