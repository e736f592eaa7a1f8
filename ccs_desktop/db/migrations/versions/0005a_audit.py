"""The audit trail (issue 13): an insert-only chain of entries without record text, and at
the CRSS the last chain head each committee sent

Revision ID: 0005a
Revises: 0005s
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op


revision = '0005a'
down_revision = '0005s'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a database stamped back to an older revision by hand may have them already
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if 'audit_entries' not in existing:
        _audit_entries()
    if 'crss_audit_heads' not in existing:
        _crss_audit_heads()


def _audit_entries() -> None:
    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('account', sa.String(length=100), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=True),
        sa.Column('record_uuid', sa.String(length=36), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    )
    op.create_index(op.f('ix_audit_entries_action'), 'audit_entries', ['action'], unique=False)


def _crss_audit_heads() -> None:
    op.create_table(
        'crss_audit_heads',
        sa.Column('committee_uuid', sa.String(length=36), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('head_at', sa.String(length=32), nullable=False),
        sa.Column('received_at', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('flagged_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('committee_uuid', name=op.f('pk_crss_audit_heads')),
    )


def downgrade() -> None:
    op.drop_table('crss_audit_heads')
    op.drop_index(op.f('ix_audit_entries_action'), table_name='audit_entries')
    op.drop_table('audit_entries')
