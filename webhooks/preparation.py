"""Prepare the database on first use, once, even when several processes start together:
migrate the schema to the newest revision, then load the shipped Leeds data if it is empty."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from core.db import is_prepared, load_shipped_data
from webhooks.migrate import current_revision, head_revision, upgrade

log = logging.getLogger(__name__)

#: Any fixed number: the key of the PostgreSQL advisory lock taken while preparing.
ADVISORY_LOCK_KEY = 7_151_612


@contextmanager
def _preparation_lock(engine: Engine, instance_path: Path | None) -> Iterator[None]:
    """Only one process prepares at a time: an advisory lock on PostgreSQL, a lock file here."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": ADVISORY_LOCK_KEY})
        return
    lock_dir = instance_path or Path(".")
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / ".prepare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def prepare(engine: Engine, instance_path: Path | None = None) -> bool:
    """Migrate and load the shipped data. Returns True when data was loaded."""
    with _preparation_lock(engine, instance_path):
        upgrade(engine)
        return load_shipped_data(engine)


def ensure_prepared(engine: Engine, instance_path: Path | None = None,
                    batch: Callable[[], Engine] | None = None) -> bool:
    """Prepare only when needed (a quick check first, so a warm start costs one query); the
    preparing itself on an engine from ``batch``, if given (long statements, long lock waits)."""
    if is_prepared(engine) and current_revision(engine) == head_revision():
        return False
    log.info("Preparing the database (schema and the shipped Leeds data)")
    if batch is None:
        return prepare(engine, instance_path)
    batch_engine = batch()
    try:
        return prepare(batch_engine, instance_path)
    finally:
        batch_engine.dispose()
