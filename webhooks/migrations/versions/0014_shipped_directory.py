"""shipped directory: which version of the shipped Leeds directory the database holds, so
``signpost db init`` loads it again when the file changes (issue 23)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-13 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shipped_directory',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('service_ids', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('shipped_directory')
