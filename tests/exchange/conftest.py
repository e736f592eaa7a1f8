"""Fixtures for the exchange tests: cheap key derivation, a rich committee database, keys."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from ccs_desktop.db import models as m
from ccs_desktop.db.engine import Database
from ccs_desktop.services.crss import keys
from ccs_desktop.services.exchange import container as ct

PASS = "une phrase secrète assez longue"
SECRET_NOTE = "SOURCE-CONFIDENTIELLE-XQZ17"
PHONE = "+223 76 12 34 99"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ct.TEST_CHEAP_ENV, "1")
    # a file opened without a data folder is decrypted in the default one: keep it here
    monkeypatch.setenv("CCS_DATA_DIR", str(tmp_path / "default-data"))


@pytest.fixture(scope="session")
def pair() -> keys.KeyPair:
    return keys.generate()


def enrich(db: Database) -> None:
    """Add what the demo lacks: phones, a restricted note, a complaint about FDS conduct
    (restricted threat), a scan, a stored PV, a tombstone."""
    with db.session() as s:
        own = s.get(m.Setting, "committee_uuid").value
        c = s.query(m.Committee).filter_by(uuid=own).one()
        people = s.query(m.Person).filter_by(committee_id=c.id).order_by(m.Person.id).all()
        for p in people[:5]:
            p.phone = PHONE
        gone = people[-1]
        gone.given_names, gone.family_name, gone.phone = "", "", ""
        gone.organisation = gone.function = gone.title = gone.sort_key = ""
        gone.deleted_at = dt.datetime(2024, 1, 2)
        meeting = (s.query(m.Meeting).filter_by(committee_id=c.id, status="adopted")
                   .order_by(m.Meeting.id).first())
        s.add(m.RestrictedNote(committee_id=c.id, meeting_id=meeting.id, text=SECRET_NOTE))
        s.add(m.Threat(committee_id=c.id, title="PLAINTE-FDS-RESTREINTE", type_code="GOU.FDS",
                       is_restricted=True, description="plainte transmise"))
        s.add(m.Attachment(committee_id=c.id, meeting_id=meeting.id, filename="scan.jpg",
                           data=b"\xff\xd8\xffSCAN-PRIVE", size=13))
        s.add(m.StoredDocument(committee_id=c.id, meeting_id=meeting.id, filename="pv.pdf",
                               pdf=b"%PDF-1.4 PV-ADOPTE", sha256="x"))
        planned = s.query(m.Meeting).filter_by(committee_id=c.id, status="planned").first()
        if planned is not None:
            s.add(m.StoredDocument(committee_id=c.id, meeting_id=planned.id,
                                   filename="brouillon.pdf", pdf=b"%PDF BROUILLON"))


@pytest.fixture
def rich_db(demo_db: Database) -> Database:
    enrich(demo_db)
    return demo_db


def dump(path: Path, skip_fts: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table (FTS tables left out), sorted."""
    from ccs_desktop.db.search import is_fts_table
    from ccs_desktop.services.audit import AUDIT_TABLES

    conn = rawdb.connect(path)
    try:
        out = {}
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            if name.startswith("sqlite_") or (skip_fts and is_fts_table(name)):
                continue
            if name in AUDIT_TABLES:  # a log of what was done (issue 13), like the import log
                continue
            out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()


def read_setting(path: Path, key: str) -> str | None:
    """A row of the settings table, read behind the application's back."""
    conn = rawdb.connect(path)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def write_setting(path: Path, key: str, value: str) -> None:
    conn = rawdb.connect(path)
    with conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
    conn.close()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`ccs ARGV` in this process: (exit code, stdout, stderr)."""
    from ccs_desktop import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def forge(rich_db, pair, tmp_path: Path):  # noqa: ANN001, ANN201
    """Forges hostile files for the CRSS import (decrypt, raw SQL, re-encrypt)."""
    from .test_h8_import_forge import Forge

    return Forge(rich_db, pair, tmp_path / "forge")


@pytest.fixture
def crss(tmp_path: Path):  # noqa: ANN201
    """An empty CRSS database."""
    from ccs_desktop.services.crss import importer

    db = importer.open_crss_database(tmp_path / "crss")
    yield db
    db.close()


def reseal(src: Path, identities: list, out: Path, recipients: list, *,
           change: Callable[[dict], dict] | None = None, signer=None,  # noqa: ANN001
           version: int = 1) -> Path:
    """Write `src` again as another application would: its manifest (changed by `change`)
    and body under `recipients`; `version` 1 (default) writes a format-1 file (no
    signature, body kind "sqlite"); `signer` signs it (format 2)."""
    import hashlib
    import shutil

    from ccs_desktop.services.exchange import backup as bk

    work = out.parent / (out.name + ".work")
    work.mkdir(parents=True, exist_ok=True)
    with bk.open_file(src, identities, work_dir=work) as opened:
        manifest = {k: v for k, v in opened.manifest.items() if not k.startswith("_")}
        body = work / "body.sqlite3"
        shutil.copy2(opened.snapshot, body)
    manifest.pop("signature", None)
    if version == 1:
        manifest.pop("sequence", None)
        manifest.update(ccsbak=1, body="sqlite")
    if change is not None:
        manifest = change(manifest)
    data = body.read_bytes()
    manifest.update(body_size=len(data), body_sha256=hashlib.sha256(data).hexdigest())
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        w = ct.ContainerWriter(fh, recipients, manifest, signer=signer, format_version=version)
        w.write(data)
        w.close()
    shutil.rmtree(work)
    return out


def v1_backup_for_crss(db: Database, pair: keys.KeyPair, out: Path) -> Path:
    """A full backup as version 1 wrote it for a committee that trusted a CRSS key: the
    passphrase and the CRSS key as recipients, unsigned."""
    from ccs_desktop.services.exchange import backup as bk

    b = bk.create_backup(db, out / "new", PASS).path
    return reseal(b, [ct.PassphraseIdentity(PASS)], out / ("v1-" + b.name),
                  [ct.PassphraseRecipient(PASS), ct.X25519Recipient(pair.public_key)])
