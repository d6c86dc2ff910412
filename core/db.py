"""Database engine, sessions and first-use preparation (schema plus the shipped Leeds data)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from sqlalchemy import Engine, String, create_engine, event, func, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

import directory.version  # noqa: F401  (every directory write through the ORM bumps the version)
from core.utc import UtcDateTime
from directory.models import Base, Postcode, Service

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def normalise_database_url(url: str) -> str:
    """Accept Heroku-style ``postgres://`` and plain ``postgresql://`` URLs; use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@dataclass(frozen=True)
class Timeouts:
    """How long the database may keep us waiting, in seconds (None: as long as it takes)."""

    #: Opening a connection (PostgreSQL; libpq never waits less than 2 s).
    connect: int = 2
    #: Waiting for another transaction's lock: SQLite's busy timeout, PostgreSQL's lock_timeout.
    lock: float = 2.0
    #: One statement, timed by the server (PostgreSQL's statement_timeout).
    statement: float | None = 2.5
    #: Waiting for a free connection from the pool.
    pool: float = 2.0


#: Web requests: a hung or locked database costs a quick 503, never a hung worker.
WEB_TIMEOUTS = Timeouts()
#: Commands (imports, migrations, first-use loading): wait for others; never cut a statement.
BATCH_TIMEOUTS = Timeouts(connect=10, lock=60.0, statement=None, pool=30.0)


def make_engine(url: str, timeouts: Timeouts = WEB_TIMEOUTS, pre_ping: bool = True) -> Engine:
    """An engine for ``url`` that gives up waiting after ``timeouts``. ``pre_ping`` checks a
    pooled PostgreSQL connection before use (the web app checks its own way, with a deadline)."""
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": timeouts.lock}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        else:
            kwargs["pool_timeout"] = timeouts.pool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    engine = create_engine(
        url, pool_pre_ping=pre_ping, pool_size=5, max_overflow=5, pool_timeout=timeouts.pool,
        connect_args={
            "connect_timeout": timeouts.connect,
            # A dead network or host (not a stopped server: its kernel still answers) is
            # noticed in seconds, not after the operating system's two hours.
            "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
            "keepalives_count": 3, "tcp_user_timeout": 10_000,
        })
    event.listen(engine, "connect", partial(_postgres_timeouts, timeouts))
    return engine


def _postgres_timeouts(timeouts: Timeouts, dbapi_connection, _record) -> None:
    """Set the server-side lock and statement timeouts for the connection's whole life."""
    settings = {"lock_timeout": timeouts.lock, "statement_timeout": timeouts.statement}
    with dbapi_connection.cursor() as cursor:
        for name, seconds in settings.items():
            if seconds is not None:
                cursor.execute(f"SET {name} = {round(seconds * 1000)}")
    dbapi_connection.commit()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the driver, begin transactions (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, not left in the file's free space (FORGET).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


#: Execution option for a connection whose SQLite transaction only reads (see
#: ``_sqlite_begin_immediate``): ``session.connection(execution_options=READ_ONLY_BEGIN)``.
DEFERRED = "signpost_deferred_begin"
READ_ONLY_BEGIN = {DEFERRED: True}


def _sqlite_begin_immediate(connection) -> None:
    """Take SQLite's write lock at the start of each transaction, so two workers handling the
    same sender queue up instead of failing half-way ("database is locked"). A transaction
    begun with ``READ_ONLY_BEGIN`` takes no lock: it reads a snapshot beside the writers
    (WAL), and must not write (the conversation's first attempt, see bot/engine.py)."""
    if connection.get_execution_options().get(DEFERRED):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def clear_deleted(engine: Engine) -> bool:
    """Leave no copy of deleted rows in SQLite's write-ahead log: copy it into the database and
    empty it. False when another connection is reading and it must wait for a later try.
    (PostgreSQL: deleted rows are reclaimed by autovacuum; see docs/operations.md.)"""
    if engine.dialect.name != "sqlite":
        return True
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        busy, _frames, _copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
    finally:
        connection.close()
    return busy == 0


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


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A session that only reads: on SQLite its transaction begins deferred, so it takes no
    write lock and reads a snapshot beside the writers (WAL). Nothing is committed: anything
    written in it is rolled back at the end."""
    session = session_factory(engine)()
    try:
        session.connection(execution_options=READ_ONLY_BEGIN)
        yield session
    finally:
        session.rollback()
        session.close()


def is_prepared(engine: Engine) -> bool:
    """True when the schema exists and the geography is loaded."""
    if not inspect(engine).has_table("postcode"):
        return False
    with Session(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(Postcode)))


def load_shipped_data(engine: Engine) -> bool:
    """Load the shipped geography into an empty schema, and the shipped Leeds directory when
    the database does not hold this version of it (empty, or the file has changed since it
    was loaded: ``directory.shipped.refresh_shipped_directory``). Safe to run again.

    The schema itself comes from the migrations (``webhooks.migrate``). Returns True when
    something was loaded.
    """
    from directory.geo_loader import load_geography
    from directory.shipped import refresh_shipped_directory

    # One transaction: either the geography and the directory are both there, or neither.
    with session_scope(engine) as session:
        loaded = False
        if not session.scalar(select(func.count()).select_from(Postcode)):
            log.info("Loading the Leeds geography (postcodes, wards and neighbourhoods)")
            load_geography(session)
            session.flush()
            log.info("Loaded %s postcodes",
                     f"{session.scalar(select(func.count()).select_from(Postcode)):,}")
            loaded = True
        if refresh_shipped_directory(session) is not None:
            loaded = True
    return loaded


class Heartbeat(Base):
    """One row the health check rewrites: proof that the database still takes writes."""

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    written_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


def dialect_insert(session: Session):
    """The ``insert`` with ``on_conflict_do_update`` for the session's database."""
    return INSERTS[session.get_bind().dialect.name]


def write_heartbeat(session: Session, now: dt.datetime) -> None:
    """A real write, as small as can be: rewrite the heartbeat row."""
    statement = dialect_insert(session)(Heartbeat).values(name="health", written_at=now)
    session.execute(statement.on_conflict_do_update(index_elements=["name"],
                                                    set_={"written_at": now}))


def counts(session: Session) -> dict[str, int]:
    """How many services and postcodes are loaded."""
    return {
        "services": session.scalar(select(func.count()).select_from(Service)) or 0,
        "postcodes": session.scalar(select(func.count()).select_from(Postcode)) or 0,
    }
