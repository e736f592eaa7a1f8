"""signing: the committee's Ed25519 signing key, the CRSS's register of committee keys

Every database gets its signing key (settings "signing_key", made here for existing
databases at their first start of this version and for new ones at set-up); a CRSS keeps
the key of each committee (crss_committee_keys).

Revision ID: 0005s
Revises: 0005d
Create Date: 2026-12-01
"""
import base64

from alembic import op
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


revision = '0005s'
down_revision = '0005d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crss_committee_keys',
    sa.Column('committee_uuid', sa.String(length=36), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('pending_public_key', sa.String(length=64), nullable=False),
    sa.Column('last_generation', sa.Integer(), nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.Column('last_sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('committee_uuid', name=op.f('pk_crss_committee_keys'))
    )
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())
    op.get_bind().execute(
        sa.text("INSERT OR IGNORE INTO settings (key, value) VALUES ('signing_key', :v)"),
        {"v": base64.b64encode(raw).decode("ascii")})


def downgrade() -> None:
    # the signing key stays: a database downgraded and upgraded again keeps the identity
    # the CRSS registered (the upgrade's INSERT OR IGNORE leaves it)
    op.drop_table('crss_committee_keys')
