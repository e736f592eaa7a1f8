"""Forging transmissions as an attacker holding the CRSS public key (or a buggy committee
application) would: a real transmission, decrypted, its snapshot changed with raw SQL and
its manifest patched, encrypted again for the CRSS."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import signing


def seal(snapshot: Path, manifest: dict, public_key: bytes, out: Path,
         signer=None) -> Path:  # noqa: ANN001
    """Encrypt for the CRSS; `signer` signs it (format 2: the committee's own key, as a
    buggy committee application would), else an unsigned file."""
    data = snapshot.read_bytes()
    manifest = dict(manifest, body_size=len(data), body_sha256=hashlib.sha256(data).hexdigest())
    manifest.pop("signature", None)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        w = ct.ContainerWriter(fh, [ct.X25519Recipient(public_key)], manifest, signer=signer)
        w.write(data)
        w.close()
    return out


class Forge:
    """One real transmission kept decrypted; `make` writes variants of it."""

    def __init__(self, db, pair, work: Path) -> None:  # noqa: ANN001
        self.pair = pair
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        t = bk.create_transmission(db, work / "orig", crss_public=pair.public_key)
        self.original = t.path
        # issue 12: the variants are signed with the committee's own key (what is tested
        # here is the CRSS's checks of rows, past the signature) and numbered after it
        conn = db.connect_raw()
        try:
            with conn:
                self.signer = signing.signer(signing.ensure_signing_key(conn))
        finally:
            conn.close()
        with bk.open_file(t.path, [ct.X25519Identity(pair.private_key)],
                          work_dir=work) as opened:
            self.manifest = opened.manifest
            self.key = opened.body_key  # the body's own key, in the manifest
            self.snapshot = work / "base.sqlite3"
            shutil.copy2(opened.snapshot, self.snapshot)
        self.n = 0

    def make(self, name: str, sql: str | list[str] | Callable[[sqlite3.Connection], None] = (),
             manifest: Callable[[dict], dict] | None = None) -> Path:
        self.n += 1
        snap = self.work / f"v{self.n}.sqlite3"
        shutil.copy2(self.snapshot, snap)
        conn = rawdb.connect(snap, self.key)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("PRAGMA ignore_check_constraints = ON")
            if callable(sql):
                sql(conn)
            else:
                for stmt in [sql] if isinstance(sql, str) else sql:
                    conn.execute(stmt)
            conn.commit()
        finally:
            conn.close()
        man = dict(self.manifest)
        man["committee"] = dict(man["committee"])
        man["sequence"] = man.get("sequence", 0) + self.n
        if manifest is not None:
            man = manifest(man)
        return seal(snap, man, self.pair.public_key, self.work / "files" / name,
                    signer=self.signer)

    @property
    def identities(self) -> list:
        return [ct.X25519Identity(self.pair.private_key)]
