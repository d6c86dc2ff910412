"""Shared fixtures: real databases (SQLite, or PostgreSQL when SIGNPOST_TEST_DATABASE is set),
each test getting a fresh copy of a template with the Leeds geography (and, for the
``shipped_*`` fixtures, the shipped Leeds directory) already loaded."""

from __future__ import annotations

import os

# Keepers' passwords are hashed with argon2's cheapest profile in tests (never in production):
# set before any project module is imported. tests/keepers/test_password_hashing.py checks it.
os.environ.setdefault("SIGNPOST_CHEAP_PASSWORD_HASHES", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from core.db import make_engine, session_factory
from directory.geo_loader import load_geography
from tests.databases import Databases, on_postgres
from webhooks.migrate import upgrade
from webhooks.preparation import prepare

#: Whole files that are slow by nature: browsers, benches, several processes, a hung database.
SLOW_FILES = ("tests/browser/", "tests/bench/", "test_two_workers.py", "test_hung_database.py")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark slow tests (``make test-fast`` leaves them out; ``make test`` runs everything)."""
    for item in items:
        where = item.nodeid.split("::")[0]
        if item.get_closest_marker("real_waits") or where.startswith(SLOW_FILES[:2]) \
                or where.endswith(SLOW_FILES[2:]):
            item.add_marker(pytest.mark.slow)


def pytest_report_header(config) -> str:
    return "database: " + ("PostgreSQL" if on_postgres() else "SQLite")


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.close()


def _build_geo(engine: Engine) -> None:
    upgrade(engine)
    with Session(engine) as session:
        load_geography(session)
        session.commit()


@pytest.fixture(scope="session")
def geo_template(databases: Databases) -> str:
    """The URL of a template database with the schema and the geography, but no services."""
    return databases.template("geo", _build_geo)


@pytest.fixture(scope="session")
def shipped_template(databases: Databases, tmp_path_factory) -> str:
    """The URL of a template database prepared exactly as ``signpost db init`` prepares it."""
    lock_dir = tmp_path_factory.mktemp("prepare-lock")
    return databases.template("shipped", lambda engine: prepare(engine, lock_dir))


@pytest.fixture(scope="session")
def keepers_template(databases: Databases) -> str:
    """The geography template plus two fictional organisations and an account of each kind
    (argon2 hashing four passwords is costly, so it is done once, not for every test)."""
    from tests.clock import FakeClock
    from tests.keepers.helpers import NOW, seed

    def build(engine: Engine) -> None:
        _build_geo(engine)
        seed(engine.url.render_as_string(hide_password=False), FakeClock(NOW)())

    return databases.template("keepers", build)


@pytest.fixture
def fresh_database(databases: Databases, tmp_path: Path):
    """Make a fresh copy of a template; every copy is dropped after the test."""
    made: list[str] = []

    def make(template_url: str) -> str:
        url = databases.copy(template_url, tmp_path)
        made.append(url)
        return url

    yield make
    for url in made:
        databases.drop(url)


@pytest.fixture
def geo_db_url(geo_template: str, fresh_database) -> str:
    """A fresh database with the Leeds geography and an empty directory."""
    return fresh_database(geo_template)


@pytest.fixture
def keepers_db_url(keepers_template: str, fresh_database) -> str:
    """A fresh database with the geography, two fictional services and the keepers' accounts."""
    return fresh_database(keepers_template)


@pytest.fixture
def engine(geo_db_url: str) -> Iterator[Engine]:
    engine = make_engine(geo_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def shipped_db_url(shipped_template: str, fresh_database) -> str:
    """The URL of a fresh copy of the database as shipped (geography and Leeds directory)."""
    return fresh_database(shipped_template)


@pytest.fixture
def shipped_engine(shipped_db_url: str) -> Iterator[Engine]:
    engine = make_engine(shipped_db_url)
    yield engine
    engine.dispose()
