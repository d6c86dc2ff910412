"""``signpost db init`` loads the shipped directory again when the file changes (issue 23):
changed records are updated, records no longer shipped are taken out, keepers' edits stand,
and running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

import directory.shipped as shipped
from core.db import load_shipped_data, session_scope
from directory.build import build_directory
from directory.keepers.models import DirectoryChange
from directory.models import Service, ShippedDirectory
from directory.shipped import refresh_shipped_directory
from tests.directory.conftest import dump_directory, sheet_row

NOW = dt.datetime(2026, 12, 13, 12, 0, tzinfo=dt.UTC)


def _shipped(tmp_path: Path, write_sheet, rows: list[dict], name: str) -> Path:
    """A fictional shipped directory file, built as ``python -m directory.build`` builds one."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "records.csv").write_bytes(write_sheet(rows, name=f"{name}.csv").read_bytes())
    text, _reports = build_directory(folder)
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return path


def _names(session) -> dict[str, str]:
    return {row.id: row.name for row in session.execute(select(Service.id, Service.name))}


def test_a_changed_shipped_file_is_loaded_again_and_once(session, write_sheet, tmp_path):
    first = _shipped(tmp_path, write_sheet, [
        sheet_row(service_id="ex-pantry", service="Example Pantry"),
        sheet_row(service_id="ex-club", service="Example Food Club", postcode="LS9 8RU"),
        sheet_row(service_id="ex-cafe", service="Example Cafe", postcode="LS12 1HJ")], "v1")
    assert refresh_shipped_directory(session, first) is not None
    assert refresh_shipped_directory(session, first) is None  # the same file: nothing to do
    before = dump_directory(session)
    assert _names(session) == {"ex-pantry": "Example Pantry", "ex-club": "Example Food Club",
                               "ex-cafe": "Example Cafe"}
    # A keeper edits one record here; the project then ships a new version of the file.
    session.add(DirectoryChange(made_at=NOW, made_by="keeper@example.invalid",
                                made_by_role="editor", service_id="ex-cafe",
                                organisation_id="x", before="{}", after="{}"))
    session.get(Service, "ex-cafe").name = "Example Cafe (as the keeper wrote it)"
    second = _shipped(tmp_path, write_sheet, [
        sheet_row(service_id="ex-pantry", service="Example Pantry and Shop"),
        sheet_row(service_id="ex-cafe", service="Example Cafe, shipped again"),
        sheet_row(service_id="ex-new", service="Example Baby Bank", needs="family")], "v2")
    report = refresh_shipped_directory(session, second)
    assert report is not None and report.services_removed == 1
    assert _names(session) == {"ex-pantry": "Example Pantry and Shop",
                               "ex-cafe": "Example Cafe (as the keeper wrote it)",
                               "ex-new": "Example Baby Bank"}
    after = dump_directory(session)
    assert refresh_shipped_directory(session, second) is None
    assert dump_directory(session) == after != before


def test_db_init_reloads_the_shipped_directory_when_it_changes(engine, write_sheet, tmp_path,
                                                               monkeypatch):
    first = _shipped(tmp_path, write_sheet, [sheet_row(service_id="ex-pantry")], "v1")
    monkeypatch.setattr(shipped, "SHIPPED_DIRECTORY", first)
    assert load_shipped_data(engine) is True  # geography there already; the directory loads
    assert load_shipped_data(engine) is False
    second = _shipped(tmp_path, write_sheet,
                      [sheet_row(service_id="ex-pantry", service="Example Pantry, moved")], "v2")
    monkeypatch.setattr(shipped, "SHIPPED_DIRECTORY", second)
    assert load_shipped_data(engine) is True
    assert load_shipped_data(engine) is False
    with session_scope(engine) as session:
        assert _names(session) == {"ex-pantry": "Example Pantry, moved"}
        assert session.get(ShippedDirectory, 1).fingerprint


def test_a_directory_from_elsewhere_is_left_alone(session, write_sheet, tmp_path):
    from directory.importing import import_path

    theirs = write_sheet([sheet_row(service_id="their-pantry", service="Their Pantry")],
                         name="theirs.csv")
    import_path(session, theirs).raise_for_errors()
    ours = _shipped(tmp_path, write_sheet, [sheet_row(service_id="ex-pantry")], "v1")
    assert refresh_shipped_directory(session, ours) is None
    assert _names(session) == {"their-pantry": "Their Pantry"}
