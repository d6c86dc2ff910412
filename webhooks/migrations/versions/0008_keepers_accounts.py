"""directory keepers: accounts, login throttle, change history, record checks, WRONG reports

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('directory_change',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('made_by', sa.String(length=320), nullable=False),
    sa.Column('made_by_role', sa.String(length=20), nullable=False),
    sa.Column('service_id', sa.String(), nullable=False),
    sa.Column('organisation_id', sa.String(), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('reverted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reverted_by', sa.String(length=320), nullable=False),
    sa.Column('reverts_change_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_directory_change_made_at'), 'directory_change', ['made_at'], unique=False)
    op.create_index(op.f('ix_directory_change_organisation_id'), 'directory_change', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_directory_change_service_id'), 'directory_change', ['service_id'], unique=False)
    op.create_table('keeper_account',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('login_throttle',
    sa.Column('client_hash', sa.String(length=64), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('client_hash')
    )
    op.create_table('record_check',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.String(), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_by', sa.String(length=320), nullable=False),
    sa.Column('checked_by_role', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_record_check_record_id'), 'record_check', ['record_id'], unique=False)
    op.create_table('wrong_report',
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('service_id', sa.String(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('week', 'service_id')
    )
    op.create_table('keeper_organisation',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['keeper_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'organisation_id')
    )


def downgrade() -> None:
    op.drop_table('keeper_organisation')
    op.drop_table('wrong_report')
    op.drop_index(op.f('ix_record_check_record_id'), table_name='record_check')
    op.drop_table('record_check')
    op.drop_table('login_throttle')
    op.drop_table('keeper_account')
    op.drop_index(op.f('ix_directory_change_service_id'), table_name='directory_change')
    op.drop_index(op.f('ix_directory_change_organisation_id'), table_name='directory_change')
    op.drop_index(op.f('ix_directory_change_made_at'), table_name='directory_change')
    op.drop_table('directory_change')
