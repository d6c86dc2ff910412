"""directory version: one row each worker's search index checks before a search; service
terms indexed by term, for reading a need's services

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('directory_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(table, [{'id': 1, 'version': 0, 'token': ''}])
    with op.batch_alter_table('service_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_term_term_id'), ['term_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('service_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_term_term_id'))
    op.drop_table('directory_version')
