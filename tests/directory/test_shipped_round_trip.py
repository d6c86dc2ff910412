"""The shipped directory survives the volunteer spreadsheet: export, import into an empty
directory, export again; the two spreadsheets are the same bytes, and the ORUK JSON of the two
directories differs only where the spreadsheet says it carries nothing."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy.orm import Session

from core.db import make_engine, session_factory
from directory.exporting import export_spreadsheet
from directory.formats.oruk_json import dumps
from directory.formats.oruk_objects import directory_to_oruk_json
from directory.importing import import_path

#: The spreadsheet has no source or date column for organisations and places: an import gives
#: them those of their services (directory/data/README.md, "Rebuild").
NOT_CARRIED = re.compile(r"^\.contents\[\d+\]\.(organization|service_at_locations\[\d+\]"
                         r"\.location)\.x_(source|last_checked): ")


def _oruk(session: Session) -> dict:
    return json.loads(dumps(directory_to_oruk_json(session)))


@pytest.mark.slow
def test_the_shipped_directory_survives_a_spreadsheet_round_trip(
        shipped_db_url, other_session, tmp_path):
    engine = make_engine(shipped_db_url)
    try:
        with session_factory(engine)() as shipped:
            first = tmp_path / "first.csv"
            count = export_spreadsheet(shipped, first)
            original = _oruk(shipped)
    finally:
        engine.dispose()
    report = import_path(other_session, first, fmt="spreadsheet")
    assert report.written and not report.issues, report.issues[:5]
    other_session.flush()
    second = tmp_path / "second.csv"
    assert export_spreadsheet(other_session, second) == count
    assert second.read_bytes() == first.read_bytes()
    copy = _oruk(other_session)
    diffs = _differences(original, copy)
    assert [d for d in diffs if not NOT_CARRIED.search(d)] == []


def _differences(a, b, path: str = "") -> list[str]:
    """Paths where two JSON values differ (lists compared item by item)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for key in sorted(set(a) | set(b))
                for d in _differences(a.get(key), b.get(key), f"{path}.{key}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
