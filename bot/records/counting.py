"""Counts that many workers add to at once: one atomic upsert each, so no addition is lost.

Reading a count and writing it back loses additions when two workers do it together (both read
5, both write 6). ``INSERT ... ON CONFLICT DO UPDATE SET count = count + n`` cannot: the database
makes the row or adds to it in one step, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, bindparam
from sqlalchemy.orm import Session

from core.db import INSERTS


def add_to_count(session: Session, model: Any, key: dict[str, Any], amount: int = 1) -> int:
    """Add ``amount`` to the ``count`` of the ``model`` row named by ``key`` (made at
    ``amount`` if missing); the new count. ``key`` holds every primary-key column."""
    statement = _statement(session.get_bind().dialect.name, model, tuple(key))
    return session.connection().execute(statement, {**key, "amount": amount}).scalar_one()


@lru_cache(maxsize=64)
def _statement(dialect: str, model: Any, columns: tuple[str, ...]):
    """The upsert, built once (building a statement costs more than running it on SQLite)."""
    amount = bindparam("amount", type_=Integer)
    return (
        INSERTS[dialect](model)
        .values({**{column: bindparam(column) for column in columns}, "count": amount})
        .on_conflict_do_update(index_elements=list(columns), set_={"count": model.count + amount})
        .returning(model.count)
    )
