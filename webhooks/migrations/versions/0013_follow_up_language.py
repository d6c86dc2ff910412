"""a follow-up's language: the conversation's language when the resident agreed (issue 29)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('follow_up') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=False,
                                   server_default='en'))


def downgrade() -> None:
    with op.batch_alter_table('follow_up') as batch:
        batch.drop_column('language')
