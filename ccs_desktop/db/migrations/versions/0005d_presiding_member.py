"""The member who presides a meeting when the chair is absent (meetings.presiding_person_id)

A plain column added and dropped in place (no table rebuild): the service checks that the
person belongs to the committee, as for the chair and the secretary of the meeting.

Revision ID: 0005d
Revises: 0005m
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op


revision = '0005d'
down_revision = '0005m'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('meetings', sa.Column('presiding_person_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE meetings DROP COLUMN presiding_person_id")
