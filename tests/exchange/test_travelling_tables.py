"""Issue 12: a transmission carries only the tables declared travelling; every table of the
model has a decision (travels / stays), so that a table added later (accounts, an audit
trail, drafts...) cannot travel by accident."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
from pathlib import Path

from ccs_desktop.db import models as m
from ccs_desktop.db.search import is_fts_table
from ccs_desktop.services.exchange import backup as bk
from ccs_desktop.services.exchange import container as ct
from ccs_desktop.services.exchange import snapshot as sn


def test_every_table_of_the_model_has_a_decision() -> None:
    """Fails when a table is added to db/models.py or models_exchange.py without being put
    in snapshot.TRAVELLING_TABLES or snapshot.STAYING_TABLES."""
    tables = {t.name for t in m.Base.metadata.sorted_tables}
    undecided = tables - sn.TRAVELLING_TABLES - sn.STAYING_TABLES
    assert not undecided, f"travels or stays? {sorted(undecided)}"
    assert not sn.TRAVELLING_TABLES & sn.STAYING_TABLES
    unknown = (sn.TRAVELLING_TABLES | sn.STAYING_TABLES) - tables - {"alembic_version"}
    assert not unknown, f"declared but not in the model: {sorted(unknown)}"
    # what must never travel
    assert {"attachments", "restricted_notes", "crss_committee_keys", "crss_import_log"} <= \
        sn.STAYING_TABLES


def test_an_undeclared_table_is_emptied_in_a_transmission(committee_db, pair,
                                                          tmp_path: Path) -> None:
    """A table the model does not know (a later version's drafts or accounts, a table made
    by another program) travels empty."""
    conn = rawdb.connect(committee_db.path)
    conn.execute("CREATE TABLE drafts (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO drafts (text) VALUES ('BROUILLON-SECRET-QX9')")
    conn.commit()
    conn.close()
    t = bk.create_transmission(committee_db, tmp_path / "usb", crss_public=pair.public_key)
    with open(t.path, "rb") as fh:
        reader = ct.ContainerReader(fh, [ct.X25519Identity(pair.private_key)])
        body = tmp_path / "body.sqlite3"
        with open(body, "wb") as out:
            for piece in reader.iter_body():
                out.write(piece)
        key = bytes.fromhex(reader.manifest["body_key"])
    # (the CRSS's schema check refuses the extra table anyway; its rows must not travel)
    assert b"BROUILLON-SECRET-QX9" not in rawdb.plain_bytes(body, key)
    conn = rawdb.connect(body, key)
    assert conn.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0
    conn.close()


def test_strip_private_empties_every_undeclared_table(committee_db, tmp_path: Path) -> None:
    snap = tmp_path / "s.sqlite3"
    rawdb.plain_snapshot(committee_db.path, snap, transmission=False, own_uuid=None)
    conn = rawdb.connect(snap)
    # a table of a later version that nobody declared, and the accounts (declared staying)
    conn.execute("CREATE TABLE later_secrets (name TEXT, password_hash TEXT)")
    conn.execute("INSERT INTO later_secrets VALUES ('admin', 'argon2-hash')")
    conn.execute("INSERT INTO accounts (name, role, enabled, created_at) "
                 "VALUES ('admin', 'administrateur', 1, '2026-01-01 00:00:00')")
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('signing_key', 'SECRET')")
    conn.commit()
    sn.strip_private(conn)
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM later_secrets").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM settings WHERE key = 'signing_key'"
                        ).fetchone()[0] == 0
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for name in names:
        if name in sn.TRAVELLING_TABLES or is_fts_table(name):
            continue
        assert conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] == 0, name
    conn.close()
