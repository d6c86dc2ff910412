"""requests to talk to a person: the request, its messages and notes, and who saw the number

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-20 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('person_request',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('sender_hash', sa.String(length=64), nullable=False),
    sa.Column('practice', sa.Boolean(), nullable=False),
    sa.Column('organisation_id', sa.String(), nullable=False),
    sa.Column('ward_code', sa.String(length=12), nullable=False),
    sa.Column('need', sa.String(length=40), nullable=False),
    sa.Column('way', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('assignee', sa.String(length=320), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.Text(), nullable=False),
    sa.Column('via', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_reply_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=320), nullable=False),
    sa.Column('help_found', sa.Boolean(), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_person_request_created_at'), 'person_request', ['created_at'], unique=False)
    op.create_index(op.f('ix_person_request_organisation_id'), 'person_request', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_person_request_sender_hash'), 'person_request', ['sender_hash'], unique=False)
    op.create_index(op.f('ix_person_request_state'), 'person_request', ['state'], unique=False)
    op.create_table('request_message',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['person_request.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_request_message_request_id'), 'request_message', ['request_id'], unique=False)
    op.create_table('request_number_view',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('viewed_by', sa.String(length=320), nullable=False),
    sa.Column('viewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['person_request.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_request_number_view_request_id'), 'request_number_view', ['request_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_request_number_view_request_id'), table_name='request_number_view')
    op.drop_table('request_number_view')
    op.drop_index(op.f('ix_request_message_request_id'), table_name='request_message')
    op.drop_table('request_message')
    op.drop_index(op.f('ix_person_request_state'), table_name='person_request')
    op.drop_index(op.f('ix_person_request_sender_hash'), table_name='person_request')
    op.drop_index(op.f('ix_person_request_organisation_id'), table_name='person_request')
    op.drop_index(op.f('ix_person_request_created_at'), table_name='person_request')
    op.drop_table('person_request')
