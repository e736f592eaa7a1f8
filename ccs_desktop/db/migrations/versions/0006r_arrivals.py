"""The CRSS notes the day each meeting first arrived (issue 17): the reporting rates read
it instead of inferring it from the snapshot times of the import log

Revision ID: 0006r
Revises: 0005r
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0006r'
down_revision = '0005r'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'crss_arrivals',
        sa.Column('meeting_uuid', sa.String(length=36), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('committee_uuid', sa.String(length=36), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('meeting_uuid', 'month', name=op.f('pk_crss_arrivals')),
    )
    with op.batch_alter_table('crss_arrivals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crss_arrivals_committee_uuid'),
                              ['committee_uuid'], unique=False)
    _backfill()


def _backfill() -> None:
    """The meetings a CRSS received before this revision arrived, as far as it can tell,
    with the first import of their committee whose snapshot was taken after the meeting was
    recorded, else its last import (what the rates inferred until now); a committee's
    database has no import and gets no row."""
    op.execute("CREATE INDEX ix_tmp_arrivals_log ON crss_import_log "
               "(committee_uuid, status, imported_at)")
    op.execute("""
INSERT OR IGNORE INTO crss_arrivals (meeting_uuid, month, committee_uuid, received_on)
SELECT uuid, month, committee_uuid, received_on FROM (
  SELECT mt.uuid, substr(mt.date, 1, 7) AS month, c.uuid AS committee_uuid,
         substr(COALESCE(
           (SELECT MIN(l.imported_at) FROM crss_import_log l
            WHERE l.committee_uuid = c.uuid AND l.status = 'ok'
              AND COALESCE(l.snapshot_at, l.imported_at)
                  >= MAX(mt.date, substr(mt.created_at, 1, 19))),
           (SELECT MAX(l.imported_at) FROM crss_import_log l
            WHERE l.committee_uuid = c.uuid AND l.status = 'ok')), 1, 10) AS received_on
  FROM meetings mt JOIN committees c ON c.id = mt.committee_id
  WHERE mt.deleted_at IS NULL AND (mt.status IN ('held', 'adopted')
        OR (mt.status = 'not_held' AND (mt.not_held_reason IS NOT NULL
                                        OR mt.not_held_reason_text != '')))
) WHERE received_on IS NOT NULL""")
    op.execute("DROP INDEX ix_tmp_arrivals_log")


def downgrade() -> None:
    with op.batch_alter_table('crss_arrivals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crss_arrivals_committee_uuid'))
    op.drop_table('crss_arrivals')
