"""Prepare the database on first use, once, even when several processes start together."""

from __future__ import annotations

import fcntl
import logging
from pathlib import Path

from sqlalchemy import Engine

from directory.db import is_prepared, prepare_database

log = logging.getLogger(__name__)


def ensure_prepared(engine: Engine, instance_path: Path) -> bool:
    """Create the schema and load the shipped data if the database is empty.

    A lock file in the instance folder keeps two workers from loading at once.
    Returns True when this call loaded data.
    """
    if is_prepared(engine):
        from directory.models import Base

        Base.metadata.create_all(engine)  # new tables added since the data was loaded
        return False
    instance_path.mkdir(parents=True, exist_ok=True)
    with open(instance_path / ".prepare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if is_prepared(engine):
                return False
            log.info("Preparing the database (schema and the shipped Leeds data)")
            return prepare_database(engine)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
