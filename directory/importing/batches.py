"""Ids in batches of 500, and which of them a table already has."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def chunks(ids: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def existing_ids(session: Session, model: Any, ids: Iterable[str]) -> set[str]:
    """Which of these ids the table already has."""
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(session.scalars(select(model.id).where(model.id.in_(chunk))))
    return found
