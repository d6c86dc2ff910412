"""Fixtures for the directory import/export tests (the shared ones are in tests/conftest.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import make_engine, session_factory
from directory.formats.spreadsheet_columns import COLUMNS
from directory.models import (
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
)


@pytest.fixture
def other_session(geo_template: str, fresh_database) -> Iterator[Session]:
    """A second, empty directory (with the geography), for round trips."""
    engine = make_engine(fresh_database(geo_template))
    with session_factory(engine)() as session:
        yield session
    engine.dispose()


def dump_directory(session: Session) -> dict[str, list[tuple]]:
    """Every directory record as sorted tuples of its columns (autoincrement ids left out)."""
    session.flush()
    out: dict[str, list[tuple]] = {}
    for model in (Organisation, Service, Location, ServiceAtLocation, Phone, Schedule,
                  TaxonomyTerm, ServiceTerm):
        columns = [c.name for c in model.__table__.columns
                   if not (model in (Phone, Schedule) and c.name == "id")]
        rows = (tuple(getattr(obj, c) for c in columns) for obj in session.scalars(select(model)))
        out[model.__tablename__] = sorted(rows, key=repr)
    return out


@pytest.fixture
def dump() -> Callable[[Session], dict[str, list[tuple]]]:
    return dump_directory


SheetWriter = Callable[..., Path]


@pytest.fixture
def write_sheet(tmp_path: Path) -> SheetWriter:
    """Write spreadsheet rows (dicts; missing columns blank) to a CSV; row 2 is the first."""

    def write(rows: list[dict[str, Any]], name: str = "sheet.csv",
              columns: tuple[str, ...] = COLUMNS) -> Path:
        path = tmp_path / name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


def sheet_row(**values: Any) -> dict[str, Any]:
    """A valid, plainly fictional spreadsheet row; keyword arguments override columns."""
    row = {
        "organisation": "Example Community Trust", "service": "Example Pantry",
        "description": "Food parcels.", "needs": "food",
        "address": "Example Church Hall, 1 Example Street, Leeds", "postcode": "LS11 5AA",
        "phone": "01632 960123", "cost": "free", "opening_times": "Mon 10:00-12:00",
        "source": "Fictional test record", "last_checked": "2026-10-01",
    }
    row.update(values)
    return row


@pytest.fixture
def make_row() -> Callable[..., dict[str, Any]]:
    return sheet_row
