"""The models and the migrations describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ccs_desktop.db.base import Base
from ccs_desktop.db.migrate import alembic_config
from ccs_desktop.db.search import FTS_TABLES, is_fts_table


def _include(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return not (type_ == "table" and name and is_fts_table(name))


def test_single_head():
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_models_and_migrations_agree(empty_db):
    with empty_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include,
                                                     "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_search_tables_exist(empty_db):
    with empty_db.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(FTS_TABLES) <= names


def test_head_constant_matches_the_scripts():
    from ccs_desktop.db.migrate import HEAD_REVISION, head_revision

    assert HEAD_REVISION == head_revision()
