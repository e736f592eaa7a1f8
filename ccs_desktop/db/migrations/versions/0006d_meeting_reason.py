"""Why an extraordinary meeting is convened, and the date a meeting not held is put off to
(meetings.extraordinary_reason, meetings.postponed_to)

Plain nullable columns added and dropped in place (no table rebuild): the PV and the
convocation print the reason, the note de non-tenue the new date (issue 14).

Revision ID: 0006d
Revises: 0006r
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op


revision = '0006d'
down_revision = '0006r'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('meetings', sa.Column('extraordinary_reason', sa.Text(), nullable=True))
    op.add_column('meetings', sa.Column('postponed_to', sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE meetings DROP COLUMN postponed_to")
    op.execute("ALTER TABLE meetings DROP COLUMN extraordinary_reason")
