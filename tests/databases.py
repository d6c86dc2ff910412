"""Fresh test databases, fast: SQLite file copies, or PostgreSQL ``CREATE DATABASE ... TEMPLATE``.

Set ``SIGNPOST_TEST_DATABASE`` to a PostgreSQL server URL (``.ci/with-postgres`` does) to run
the suite on PostgreSQL; otherwise every test gets its own SQLite file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from core.db import make_engine, normalise_database_url

SERVER_URL = os.environ.get("SIGNPOST_TEST_DATABASE", "")


def on_postgres() -> bool:
    return SERVER_URL.startswith(("postgres://", "postgresql"))


class Databases:
    """Makes template databases once, then cheap copies of them for each test."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.prefix = f"sp_{uuid.uuid4().hex[:8]}"
        self._admin: Engine | None = None
        self.created: list[str] = []

    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(normalise_database_url(SERVER_URL),
                                        isolation_level="AUTOCOMMIT")
        return self._admin

    def _pg_url(self, name: str) -> str:
        return make_url(normalise_database_url(SERVER_URL)).set(database=name).render_as_string(
            hide_password=False)

    def template(self, name: str, build: Callable[[Engine], None]) -> str:
        """Create a template database called ``name`` and fill it with ``build``."""
        if on_postgres():
            db = f"{self.prefix}_{name}"
            with self.admin().connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{db}"'))
            self.created.append(db)
            url = self._pg_url(db)
        else:
            url = f"sqlite:///{self.workdir / f'{name}.db'}"
        engine = make_engine(url)
        try:
            build(engine)
        finally:
            engine.dispose()
        return url

    def copy(self, template_url: str, target_dir: Path) -> str:
        """A new database with the template's contents."""
        if on_postgres():
            template = make_url(template_url).database
            db = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
            with self.admin().connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{db}" TEMPLATE "{template}"'))
            self.created.append(db)
            return self._pg_url(db)
        source = Path(make_url(template_url).database)
        target = target_dir / f"{uuid.uuid4().hex[:8]}-{source.name}"
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        if on_postgres():
            name = make_url(url).database
            with self.admin().connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if name in self.created:
                self.created.remove(name)

    def close(self) -> None:
        if on_postgres():
            for name in list(self.created):
                with self.admin().connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            self.admin().dispose()
