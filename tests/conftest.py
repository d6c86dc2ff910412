"""Shared fixtures: real SQLite databases made from a template with the Leeds geography loaded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from directory.db import make_engine, prepare_database, session_factory
from directory.geo_loader import load_geography
from directory.models import Base


@pytest.fixture(scope="session")
def geo_template(tmp_path_factory) -> Path:
    """A database file with the schema and the geography, but no services."""
    path = tmp_path_factory.mktemp("template") / "geo.db"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        load_geography(session)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def shipped_template(tmp_path_factory) -> Path:
    """A database file prepared exactly as ``signpost db init`` prepares it."""
    path = tmp_path_factory.mktemp("shipped") / "shipped.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare_database(engine)
    engine.dispose()
    return path


def _copy(template: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def engine(geo_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A fresh database with the Leeds geography and an empty directory."""
    engine = make_engine(f"sqlite:///{_copy(geo_template, tmp_path, 'test.db')}")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def shipped_db_url(shipped_template: Path, tmp_path: Path) -> str:
    """The URL of a fresh copy of the database as shipped (geography and Leeds directory)."""
    return f"sqlite:///{_copy(shipped_template, tmp_path, 'shipped.db')}"


@pytest.fixture
def shipped_engine(shipped_db_url: str) -> Iterator[Engine]:
    engine = make_engine(shipped_db_url)
    yield engine
    engine.dispose()
