"""The one way to open a database: pragmas, durability, migrations, refusals."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)

import pytest
from alembic import command

from ccs_desktop.db import engine as eng
from ccs_desktop.db.migrate import alembic_config, current_revision, head_revision
from ccs_desktop.paths import DB_FILENAME


def test_pragmas_in_force(empty_db):
    assert empty_db.pragma("foreign_keys") == 1
    assert empty_db.pragma("synchronous") == 2  # FULL
    expected = "wal" if eng.sqlite_has_wal_fix() else "delete"
    assert empty_db.pragma("journal_mode") == expected
    # the choice reads the driver's SQLite (SQLCipher's own, 3.53 here), not the standard
    # library's (Debian 12: 3.40, one of the affected releases)
    from ccs_desktop.db import cipher

    assert empty_db.pragma("cipher_version")  # SQLCipher is the driver
    if cipher.SQLITE_VERSION < (3, 44, 6):
        assert empty_db.pragma("journal_mode") == "delete"
    else:
        assert empty_db.pragma("journal_mode") == "wal"


@pytest.mark.parametrize("version,fixed", [
    ((3, 40, 1), False), ((3, 44, 5), False), ((3, 44, 6), True), ((3, 45, 0), False),
    ((3, 50, 6), False), ((3, 50, 7), True), ((3, 51, 2), False), ((3, 51, 3), True),
    ((3, 52, 0), True),
])
def test_wal_fix_detection(version, fixed):
    assert eng.sqlite_has_wal_fix(version) is fixed


def test_missing_database_is_refused_without_creating_anything(tmp_path):
    target = tmp_path / "nothing-here"
    with pytest.raises(eng.NoDatabase, match="Aucune base de données"):
        eng.open_database(target, create=False)
    assert not target.exists()


def test_new_database_is_at_head(empty_db):
    assert current_revision(empty_db) == head_revision()


def test_database_from_newer_application_is_refused(data_dir):
    db = eng.open_database(data_dir)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    db.close()
    before = (data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(eng.DatabaseTooNew, match="version plus récente"):
        eng.open_database(data_dir)
    assert (data_dir / DB_FILENAME).read_bytes() == before


def test_older_database_is_copied_aside_then_upgraded(data_dir):
    if head_revision() == "0001":
        pytest.skip("only one revision so far")
    db = eng.Database(data_dir / DB_FILENAME, eng.make_engine(data_dir / DB_FILENAME))
    cfg = alembic_config()
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
    db.close()
    reopened = eng.open_database(data_dir)
    assert current_revision(reopened) == head_revision()
    copies = list(data_dir.glob("ccs.avant-migration-0001-*.sqlite3"))
    assert len(copies) == 1
    con = rawdb.connect(copies[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
    reopened.close()


def test_national_threat_types_are_seeded_with_fixed_codes(empty_db):
    from ccs_desktop.domain.threat_types import NATIONAL_CODES

    with empty_db.engine.connect() as conn:
        codes = {r[0] for r in conn.exec_driver_sql(
            "SELECT code FROM threat_types WHERE is_national")}
    assert codes == NATIONAL_CODES
    assert {"CRI.BAN", "EEI.MIN", "PAI.RET", "EXT.ZAK"} <= codes


def test_data_dir_from_environment(monkeypatch, tmp_path):
    from ccs_desktop import paths

    monkeypatch.setenv("CCS_DATA_DIR", str(tmp_path / "env"))
    assert paths.database_path(None) == tmp_path / "env" / DB_FILENAME
    assert paths.database_path(tmp_path / "arg") == tmp_path / "arg" / DB_FILENAME


def test_deleted_content_is_overwritten(empty_db):
    assert empty_db.pragma("secure_delete") == 1
