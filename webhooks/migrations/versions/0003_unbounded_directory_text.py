"""unbounded directory text: imported names and ids may be long


Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:05:26.256814
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

#: (table, column, old length) for every directory text column that loses its limit.
COLUMNS = [
    ("organisation", "id", 200), ("organisation", "name", 300),
    ("organisation", "website", 500), ("organisation", "email", 300),
    ("service", "id", 200), ("service", "organisation_id", 200), ("service", "name", 300),
    ("service", "url", 500), ("service", "email", 300), ("service", "status", 40),
    ("service", "cost_kind", 40), ("service", "area_kind", 20),
    ("location", "id", 200), ("location", "name", 300), ("location", "postcode", 10),
    ("location", "ward_code", 12),
    ("service_at_location", "id", 200), ("service_at_location", "service_id", 200),
    ("service_at_location", "location_id", 200),
    ("phone", "number", 60), ("phone", "service_id", 200), ("phone", "location_id", 200),
    ("phone", "organisation_id", 200),
    ("schedule", "service_id", 200), ("schedule", "service_at_location_id", 200),
    ("taxonomy_term", "id", 300), ("taxonomy_term", "name", 300),
    ("taxonomy_term", "taxonomy", 200), ("taxonomy_term", "term_uri", 500),
    ("taxonomy_term", "need_slug", 40),
    ("service_term", "service_id", 200), ("service_term", "term_id", 300),
    ("processed_message", "message_id", 100),
]

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite never enforced these lengths: only PostgreSQL needs the change.
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.String(), existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.String())
