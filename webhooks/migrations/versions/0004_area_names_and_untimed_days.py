"""area names and untimed days: a place known by its area only; a day without published times


Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("location") as batch:
        batch.add_column(sa.Column("area_name", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("schedule") as batch:
        batch.alter_column("opens_at", existing_type=sa.Time(), nullable=True)
        batch.alter_column("closes_at", existing_type=sa.Time(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM schedule WHERE opens_at IS NULL OR closes_at IS NULL")
    with op.batch_alter_table("schedule") as batch:
        batch.alter_column("opens_at", existing_type=sa.Time(), nullable=False)
        batch.alter_column("closes_at", existing_type=sa.Time(), nullable=False)
    with op.batch_alter_table("location") as batch:
        batch.drop_column("area_name")
