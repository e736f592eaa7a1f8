"""Every migration goes down and up again: the schema is then the fresh one, the data kept."""

from __future__ import annotations

import rawdb  # noqa: I001  (tests/rawdb.py: test databases are SQLCipher files)
import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from ccs_desktop.db import engine as eng
from ccs_desktop.db.engine import migrate_file
from ccs_desktop.db.migrate import HEAD_REVISION, alembic_config
from ccs_desktop.paths import DB_FILENAME

REVISIONS = [r.revision for r in reversed(list(
    ScriptDirectory.from_config(alembic_config()).walk_revisions()))]


def _schema(path: Path) -> set[tuple[str, str, str, str | None]]:
    con = rawdb.connect(path)
    try:
        return set(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        con.close()


def _counts(path: Path) -> dict[str, int]:
    con = rawdb.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _revision(path: Path) -> str | None:
    con = rawdb.connect(path)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _sound(path: Path) -> None:
    con = rawdb.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_revisions_are_the_known_ones():
    assert REVISIONS == ["0001", "0002", "0003", "0004", "0005m", "0005d", "0005s", "0005a",
                         "0005r", "0006r", "0006d", "0007m"] and REVISIONS[-1] == HEAD_REVISION


@pytest.fixture
def fresh(tmp_path):
    """Fresh files at each revision, each made by upgrading an empty file."""
    out = {}
    for rev in ["base", *REVISIONS]:
        p = tmp_path / f"fresh-{rev}.sqlite3"
        rawdb.connect(p).close()
        if rev != "base":
            migrate_file(p, rev)
        out[rev] = _schema(p)
    return out


@pytest.mark.parametrize("target", ["base", *REVISIONS[:-1]])
def test_downgrade_then_upgrade_gives_the_fresh_schema_and_keeps_the_data(
        tmp_path, fresh, _demo_template, target):
    path = tmp_path / DB_FILENAME
    rawdb.copy_database(Path(_demo_template).parent, tmp_path)
    head_counts = _counts(path)
    assert head_counts["meetings"] > 0

    migrate_file(path, target, downgrade=True, key=rawdb.key_for(path))
    assert _revision(path) == (None if target == "base" else target)
    # the schema of that revision, exactly as a fresh upgrade to it makes it
    left = _schema(path)
    if target == "base":  # Alembic keeps its (empty) version table
        left = {x for x in left if x[2] != "alembic_version"}
    assert left == fresh[target]
    _sound(path)
    down_counts = _counts(path)
    for table, n in down_counts.items():
        # (the blocks and settings of a full-text index, not rows: 0004 added prefix indexes
        # to them, and opening a database turns FTS5 secure-delete on in their config)
        if table in head_counts and table != "alembic_version" \
                and not (table.startswith("fts_")
                         and table.endswith(("_data", "_idx", "_config"))):
            assert n == head_counts[table], table  # every table still there keeps its rows

    migrate_file(path, "head", key=rawdb.key_for(path))
    assert _revision(path) == HEAD_REVISION
    assert _schema(path) == fresh[HEAD_REVISION]
    _sound(path)
    if target != "base":
        # 0002 and 0003 dropped only empty exchange tables and indexes: all rows are back
        after = _counts(path)
        for table, n in head_counts.items():
            if not table.startswith(("crss_", "fts_")):
                assert after[table] == n, table
    db = eng.open_database(tmp_path, create=False)
    db.close()


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch, _demo_template):
    """The revisions and the stamp are one transaction: an error in the middle of a revision
    (after some of its indexes were created) leaves the file as it was."""
    from alembic.operations import ops  # noqa: F401
    from alembic.operations.base import BatchOperations

    path = tmp_path / DB_FILENAME
    rawdb.copy_database(Path(_demo_template).parent, tmp_path)
    migrate_file(path, "0002", downgrade=True, key=rawdb.key_for(path))
    before = _schema(path)
    calls = {"n": 0}
    original = BatchOperations.create_index

    def create_index(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("simulated failure in the middle of 0003")
        return original(self, *a, **k)

    monkeypatch.setattr(BatchOperations, "create_index", create_index)
    with pytest.raises(RuntimeError):
        migrate_file(path, "head", key=rawdb.key_for(path))
    assert calls["n"] == 5
    assert _revision(path) == "0002"
    assert _schema(path) == before
    monkeypatch.undo()
    db = eng.open_database(tmp_path, create=False)
    db.close()
    assert _revision(path) == HEAD_REVISION
