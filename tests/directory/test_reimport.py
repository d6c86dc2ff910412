"""Importing the same spreadsheet again, or a round trip, leaves the directory unchanged."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.build import records_files
from directory.exporting import export_spreadsheet
from directory.importing import import_path
from directory.models import Location, Schedule, Service, ServiceAtLocation
from directory.shipped import SHIPPED_DIRECTORY


def _counts(session):
    return tuple(session.scalar(select(func.count()).select_from(m))
                 for m in (Service, Location, ServiceAtLocation, Schedule))


def test_importing_the_records_twice_changes_nothing(session, dump):
    for path in records_files():
        import_path(session, path).raise_for_errors()
    before, snapshot = _counts(session), dump(session)
    for path in records_files():
        import_path(session, path).raise_for_errors()
    assert _counts(session) == before
    assert dump(session) == snapshot


def test_importing_one_records_file_twice_changes_nothing(session, dump):
    path = records_files()[0]
    import_path(session, path).raise_for_errors()
    before, snapshot = _counts(session), dump(session)
    import_path(session, path).raise_for_errors()
    assert _counts(session) == before
    assert dump(session) == snapshot


@pytest.mark.slow
def test_a_spreadsheet_round_trip_of_the_shipped_directory_adds_no_places(session, dump,
                                                                          tmp_path):
    import_path(session, SHIPPED_DIRECTORY).raise_for_errors()
    before, snapshot = _counts(session), dump(session)
    export_spreadsheet(session, tmp_path / "sheet.csv")
    import_path(session, tmp_path / "sheet.csv").raise_for_errors()
    assert _counts(session) == before  # was 34 services at 58 locations after one round trip
    assert dump(session)["service"] == snapshot["service"]
