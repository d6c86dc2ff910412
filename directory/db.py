"""Database engine, sessions and first-use preparation (schema plus the shipped Leeds data)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

import directory.version  # noqa: F401  (every directory write through the ORM bumps the version)
from directory.models import Postcode, Service

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"


def normalise_database_url(url: str) -> str:
    """Accept Heroku-style ``postgres://`` and plain ``postgresql://`` URLs; use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    # A short connect timeout: with the database down, webhooks answer 503 quickly.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                         connect_args={"connect_timeout": 3})


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the driver, begin transactions (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:
    """Take SQLite's write lock at the start of each transaction, so two workers handling the
    same sender queue up instead of failing half-way ("database is locked")."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=16)
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def is_prepared(engine: Engine) -> bool:
    """True when the schema exists and the geography is loaded."""
    if not inspect(engine).has_table("postcode"):
        return False
    with Session(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(Postcode)))


def load_shipped_data(engine: Engine) -> bool:
    """Load the shipped geography and Leeds directory into an empty schema. Safe to run again.

    The schema itself comes from the migrations (``webhooks.migrate``). Returns True when
    something was loaded.
    """
    from directory.geo_loader import load_geography
    from directory.shipped import load_shipped_directory

    # One transaction: either the geography and the directory are both there, or neither.
    with session_scope(engine) as session:
        if session.scalar(select(func.count()).select_from(Postcode)):
            return False
        log.info("Loading the Leeds geography")
        load_geography(session)
        session.flush()
        if not session.scalar(select(func.count()).select_from(Service)):
            log.info("Loading the shipped Leeds directory")
            load_shipped_directory(session)
    return True


def counts(session: Session) -> dict[str, int]:
    """How many services and postcodes are loaded."""
    return {
        "services": session.scalar(select(func.count()).select_from(Service)) or 0,
        "postcodes": session.scalar(select(func.count()).select_from(Postcode)) or 0,
    }
