"""Accounts and their roles (issue 13), inside the encrypted database

Revision ID: 0005r
Revises: 0005a
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0005r'
down_revision = '0005a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the rows are made from the key file's names at the first use (services.roles): a
    # migration cannot read the key file
    op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('disabled_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
        sa.UniqueConstraint('name', name=op.f('uq_accounts_name')),
    )


def downgrade() -> None:
    op.drop_table('accounts')
