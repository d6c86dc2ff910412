"""Counts that many workers add to at once: one atomic upsert each, so no addition is lost.

Reading a count and writing it back loses additions when two workers do it together (both read
5, both write 6). ``INSERT ... ON CONFLICT DO UPDATE SET count = count + n`` cannot: the database
makes the row or adds to it in one step, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from directory.db import dialect_insert


def add_to_count(session: Session, model: Any, key: dict[str, Any], amount: int = 1) -> int:
    """Add ``amount`` to the ``count`` of the ``model`` row named by ``key`` (made at
    ``amount`` if missing); the new count. ``key`` holds every primary-key column."""
    statement = (
        dialect_insert(session)(model)
        .values(**key, count=amount)
        .on_conflict_do_update(index_elements=list(key), set_={"count": model.count + amount})
        .returning(model.count)
    )
    return session.connection().execute(statement).scalar_one()
