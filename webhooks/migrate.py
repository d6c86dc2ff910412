"""Alembic migrations, run in code: ``signpost db upgrade`` and first-use preparation use them.

A worker starting on a prepared database only compares two revisions, read here without
importing alembic (with mako and pygments it held about 8 MB in every worker); alembic is
imported when there is something to migrate.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from webhooks.schema import metadata

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Alembic's table of the applied revision (its default name).
VERSION_TABLE = "alembic_version"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def _revisions(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """A migration file's ``revision`` and the ones it follows; None when they are not plain."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    revision, down = found.get("revision"), found.get("down_revision")
    downs = () if down is None else (down,) if isinstance(down, str) else down
    if not isinstance(revision, str) or not isinstance(downs, tuple) \
            or not all(isinstance(d, str) for d in downs):
        return None
    return revision, downs


def head_revision() -> str:
    """The newest revision in migrations/versions (alembic's own reading when the files are
    not plain, or there is not exactly one head)."""
    read = [_revisions(path) for path in sorted((MIGRATIONS / "versions").glob("*.py"))]
    if read and None not in read:
        heads = {rev for rev, _ in read} - {down for _, downs in read for down in downs}
        if len(heads) == 1:
            return heads.pop()
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (as alembic stores it); None before any migration."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(rows) > 1:
        raise RuntimeError(f"{VERSION_TABLE} holds more than one revision: {rows}")
    return rows[0][0] if rows else None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision.

    A database made before migrations existed (our tables, no version) gets any missing tables
    and is stamped, not rebuilt.
    """
    from alembic import command

    config = alembic_config(engine)
    tables = set(inspect(engine).get_table_names())
    if current_revision(engine) is None and set(metadata().tables) & tables:
        log.info("Stamping an existing schema at revision %s", head_revision())
        metadata().create_all(engine)
        command.stamp(config, "head")
        return
    command.upgrade(config, "head")
