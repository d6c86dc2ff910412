"""follow-ups

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('follow_up',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('sender_hash', sa.String(length=64), nullable=True),
    sa.Column('address_sealed', sa.Text(), nullable=True),
    sa.Column('agreed', sa.Text(), nullable=False),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('need', sa.String(length=40), nullable=False),
    sa.Column('ward_code', sa.String(length=12), nullable=False),
    sa.Column('service_id', sa.String(), nullable=False),
    sa.Column('service_name', sa.Text(), nullable=False),
    sa.Column('places', sa.Text(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('claim', sa.String(length=36), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_channel'), ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_sender_hash'), ['sender_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_service_id'), ['service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_status'))
        batch_op.drop_index(batch_op.f('ix_follow_up_service_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_sender_hash'))
        batch_op.drop_index(batch_op.f('ix_follow_up_due_at'))
        batch_op.drop_index(batch_op.f('ix_follow_up_channel'))

    op.drop_table('follow_up')
