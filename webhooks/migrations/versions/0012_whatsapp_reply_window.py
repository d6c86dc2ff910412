"""the reply window: when each WhatsApp sender (a keyed hash) last wrote

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('last_inbound',
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('sender_hash', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('channel', 'sender_hash')
    )
    op.create_index(op.f('ix_last_inbound_at'), 'last_inbound', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_last_inbound_at'), table_name='last_inbound')
    op.drop_table('last_inbound')
