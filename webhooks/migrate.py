"""Alembic migrations, run in code: ``signpost db upgrade`` and first-use preparation use them."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from webhooks.schema import metadata

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision.

    A database made before migrations existed (our tables, no version) gets any missing tables
    and is stamped, not rebuilt.
    """
    config = alembic_config(engine)
    tables = set(inspect(engine).get_table_names())
    if current_revision(engine) is None and set(metadata().tables) & tables:
        log.info("Stamping an existing schema at revision %s", head_revision())
        metadata().create_all(engine)
        command.stamp(config, "head")
        return
    command.upgrade(config, "head")
