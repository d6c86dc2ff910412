"""The migrations build exactly the schema the models describe, and upgrading twice is safe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from core.db import make_engine
from webhooks.migrate import current_revision, head_revision, upgrade
from webhooks.preparation import prepare
from webhooks.schema import metadata


def _empty_engine(databases, tmp_path):
    return make_engine(databases.template(f"empty{tmp_path.name[-6:]}", lambda engine: None))


def test_migrations_match_the_models(databases, tmp_path):
    engine = _empty_engine(databases, tmp_path)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), metadata())
        assert diff == []
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_preparing_twice_is_safe_and_loads_once(databases, tmp_path):
    engine = _empty_engine(databases, tmp_path)
    try:
        assert prepare(engine, tmp_path) is True
        assert prepare(engine, tmp_path) is False
        assert set(metadata().tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_database_made_before_migrations_is_stamped_not_rebuilt(databases, tmp_path):
    engine = _empty_engine(databases, tmp_path)
    try:
        metadata().create_all(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
