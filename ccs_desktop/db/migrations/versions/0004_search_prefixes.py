"""A search's first page in any sort order: prefix indexes in the search tables, an index on
every sortable column

The full-text tables are rebuilt with FTS5 prefix indexes of one to three letters (what a
user types first: checking a row against "se"* is then one seek instead of a merge of every
word starting with "se"), their content copied over.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

FTS_TABLES_0004 = ("fts_people", "fts_meetings", "fts_threats", "fts_vulnerabilities",
                   "fts_recommendations", "fts_activities")
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
PREFIXES_0004 = "prefix = '1 2 3'"


def _rebuild_fts(options: str) -> None:
    for table in FTS_TABLES_0004:
        op.execute(f"CREATE TEMP TABLE fts_copy AS SELECT rowid AS id, body FROM {table}")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(body, {options})")
        op.execute(f"INSERT INTO {table}(rowid, body) SELECT id, body FROM fts_copy")
        op.execute("DROP TABLE temp.fts_copy")
        op.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # one segment


def upgrade() -> None:
    with op.batch_alter_table('threats', schema=None) as batch_op:
        batch_op.create_index('ix_threats_title', ['title'], unique=False)
        batch_op.create_index('ix_threats_place_name', ['place_name'], unique=False)
        batch_op.create_index('ix_threats_first_reported', ['first_reported'], unique=False)

    with op.batch_alter_table('vulnerabilities', schema=None) as batch_op:
        batch_op.create_index('ix_vulnerabilities_title', ['title'], unique=False)
        batch_op.create_index('ix_vulnerabilities_place_kind', ['place_kind'], unique=False)
        batch_op.create_index('ix_vulnerabilities_first_reported', ['first_reported'], unique=False)

    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index('ix_recommendations_text', ['text'], unique=False)

    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index('ix_activities_title', ['title'], unique=False)
        batch_op.create_index('ix_activities_partner', ['partner'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_sex', ['sex'], unique=False)
        batch_op.create_index('ix_people_is_youth', ['is_youth'], unique=False)
        batch_op.create_index('ix_people_organisation', ['organisation'], unique=False)
        batch_op.create_index('ix_people_function', ['function'], unique=False)

    _rebuild_fts(f"{TOKENIZE}, {PREFIXES_0004}")


def downgrade() -> None:
    _rebuild_fts(TOKENIZE)
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_function')
        batch_op.drop_index('ix_people_organisation')
        batch_op.drop_index('ix_people_is_youth')
        batch_op.drop_index('ix_people_sex')

    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_partner')
        batch_op.drop_index('ix_activities_title')

    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index('ix_recommendations_text')

    with op.batch_alter_table('vulnerabilities', schema=None) as batch_op:
        batch_op.drop_index('ix_vulnerabilities_first_reported')
        batch_op.drop_index('ix_vulnerabilities_place_kind')
        batch_op.drop_index('ix_vulnerabilities_title')

    with op.batch_alter_table('threats', schema=None) as batch_op:
        batch_op.drop_index('ix_threats_first_reported')
        batch_op.drop_index('ix_threats_place_name')
        batch_op.drop_index('ix_threats_title')
