"""feed of synced records: the ORUK feed address and upstream id of organisations, services and
locations read by ``signpost directory sync``


Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

TABLES = ("organisation", "service", "location")

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("feed_url", sa.Text(), nullable=False, server_default=""))
        op.add_column(table, sa.Column("feed_id", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("feed_id")
            batch.drop_column("feed_url")
