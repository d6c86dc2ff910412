"""What every format shares: upsert and replace, reports, validation, detection, mappings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.formats.errors import ImportError as DirectoryImportError
from directory.formats.errors import (
    InvalidDirectoryError,
    UnknownFormatError,
    UnreadableFileError,
)
from directory.formats.issues import ImportIssue
from directory.formats.registry import detect_format
from directory.formats.values import cost_from_options, need_for_term
from directory.importing import import_path, validate_path
from directory.models import Location, Organisation, Postcode, Service, TaxonomyTerm, Ward
from directory.needs import NEED_TAXONOMY
from directory.shipped import SHIPPED_DIRECTORY, load_shipped_directory

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE = DATA / "directory" / "example_directory.json"
SHEET = DATA / "directory" / "example_spreadsheet.csv"


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _one_service(tmp_path: Path, name: str = "Example Pantry (renamed)") -> Path:
    data = json.loads(EXAMPLE.read_text())
    pantry = next(s for s in data["contents"] if s["id"] == "example-pantry")
    pantry["name"] = name
    pantry["service_at_locations"] = pantry["service_at_locations"][:1]
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"contents": [pantry]}))
    return path


def test_upsert_updates_by_id_and_keeps_the_rest(session, tmp_path):
    import_path(session, EXAMPLE)
    report = import_path(session, _one_service(tmp_path))
    assert (report.services_added, report.services_updated) == (0, 1)
    assert (report.organisations_added, report.organisations_updated) == (0, 1)
    assert (report.locations_added, report.locations_updated) == (0, 1)
    assert _count(session, Service) == 4
    pantry = session.get(Service, "example-pantry")
    assert pantry.name == "Example Pantry (renamed)"
    assert [link.location_id for link in pantry.locations] == ["example-church-hall"]
    # The same import again changes nothing but is counted as updates.
    again = import_path(session, _one_service(tmp_path))
    assert (again.services_added, again.services_updated) == (0, 1)
    assert len(session.get(Service, "example-pantry").schedules) == 3


def test_replace_deletes_the_directory_but_not_the_geography(session, tmp_path):
    import_path(session, EXAMPLE)
    postcodes, wards = _count(session, Postcode), _count(session, Ward)
    report = import_path(session, _one_service(tmp_path), replace=True)
    assert report.replaced and report.services_removed == 4
    assert (report.services_added, report.services_updated) == (1, 0)
    assert session.scalars(select(Service.id)).all() == ["example-pantry"]
    assert session.scalars(select(Organisation.id)).all() == ["example-community-trust"]
    assert session.scalars(select(Location.id)).all() == ["example-church-hall"]
    assert {t.id for t in session.scalars(select(TaxonomyTerm))} == {
        "leeds-signpost-need:food", "http://id.esd.org.uk/service/833"}
    assert (_count(session, Postcode), _count(session, Ward)) == (postcodes, wards)
    assert "replaced the directory (4 services removed first)" in report.summary()


def test_replace_with_an_invalid_file_deletes_nothing(session, tmp_path):
    import_path(session, EXAMPLE)
    path = _one_service(tmp_path, name="")
    report = import_path(session, path, replace=True)
    assert report.has_errors and not report.written
    assert _count(session, Service) == 4
    with pytest.raises(InvalidDirectoryError, match="service name is required"):
        report.raise_for_errors()


def test_summary_counts(session):
    report = import_path(session, SHEET)
    assert report.summary() == (
        "Imported example_spreadsheet.csv (spreadsheet): services 4 new, 0 updated; "
        "organisations 3 new, 0 updated; locations 2 new, 0 updated. 0 errors, 0 warnings.")


def test_progress_is_reported_per_service(session):
    calls = []
    import_path(session, EXAMPLE, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_validate_checks_without_writing(session):
    report = validate_path(session, EXAMPLE)
    assert report.checked_only and not report.written and not report.has_errors
    assert (report.services_added, report.organisations_added, report.locations_added) == (4, 3, 4)
    assert _count(session, Service) == _count(session, Organisation) == 0
    assert report.summary().startswith("example_directory.json (oruk-json) is valid: "
                                       "0 errors, 1 warning. If imported: services 4 new")
    import_path(session, EXAMPLE)
    assert validate_path(session, EXAMPLE).services_updated == 4


def test_validate_reports_unreadable_files_as_issues(session, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    report = validate_path(session, path)
    assert report.has_errors and "unknown file type" in str(report.errors[0])
    assert validate_path(session, tmp_path / "missing.json").has_errors


def test_errors_form_one_hierarchy(session, tmp_path):
    assert issubclass(UnknownFormatError, DirectoryImportError)
    assert issubclass(UnreadableFileError, DirectoryImportError)
    assert issubclass(InvalidDirectoryError, DirectoryImportError)
    with pytest.raises(DirectoryImportError, match="no such file or folder"):
        import_path(session, tmp_path / "missing.json")
    with pytest.raises(UnknownFormatError, match="unknown format 'xml'"):
        import_path(session, EXAMPLE, fmt="xml")


def test_issue_text():
    issue = ImportIssue("leeds.csv", 14, "postcode", "postcode 'LS99 9ZZ' is not a Leeds postcode")
    assert str(issue) == "leeds.csv row 14: postcode 'LS99 9ZZ' is not a Leeds postcode"
    warning = ImportIssue("x.json", None, "latitude", "dropped", "warning", "location 'a'")
    assert str(warning) == "x.json location 'a': warning: dropped"


def test_detect_format(tmp_path):
    assert detect_format(EXAMPLE) == "oruk-json"
    assert detect_format(SHEET) == "spreadsheet"
    assert detect_format(tmp_path) == "oruk-csv"
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(UnknownFormatError, match="not a directory spreadsheet"):
        detect_format(other)


@pytest.mark.parametrize(
    ("term_id", "name", "taxonomy", "need"),
    [
        ("leeds-signpost-need:food", "food", NEED_TAXONOMY, "food"),
        ("leeds-signpost-need:mental-health", "Feeling low", NEED_TAXONOMY, "mental-health"),
        ("http://id.esd.org.uk/service/1", "Food banks", "esdServiceTypes", "food"),
        ("x", "Debt advice", "esd", "money"),
        ("x", "Welfare benefits", "esd", "money"),
        ("x", "Homelessness prevention", "esd", "housing"),
        ("x", "Fuel poverty", "esd", "energy"),
        ("x", "Mental health support", "esd", "mental-health"),
        ("x", "Health visiting", "esd", "health"),
        ("x", "Loneliness", "esd", "social"),
        ("x", "Children's centres", "esd", "family"),
        ("x", "Employment support", "esd", "work"),
        ("x", "Asylum seekers", "esd", "immigration"),
        ("x", "Domestic abuse", "esd", "domestic-abuse"),
        ("x", "Digital inclusion", "esd", "digital"),
        ("x", "Clothing banks", "esd", "essentials"),
        ("x", "Network support", "esd", ""),  # "work" only as a word start
        ("x", "Parking permits", "esd", ""),
    ],
)
def test_terms_map_to_needs(term_id, name, taxonomy, need):
    assert need_for_term(term_id, name, taxonomy) == need


@pytest.mark.parametrize(
    ("options", "fees", "expected"),
    [
        ([], "", ("", "")),
        ([{"option": "free"}], "", ("free", "")),
        ([{"option": "pay-as-you-feel", "amount_description": "£3 a bag"}], "",
         ("pay-as-you-feel", "£3 a bag")),
        ([{"option": "Adults", "amount": 5, "amount_description": "a session"}], "",
         ("fee", "Adults: £5 a session")),
        ([{"option": "Children", "amount": 0}, {"option": "Adults", "amount": 2.5}], "",
         ("fee", "Children: £0; Adults: £2.50")),
        ([], "Free", ("free", "")),
        ([], "Donations welcome", ("pay-as-you-feel", "Donations welcome")),
        ([], "£1 per visit", ("fee", "£1 per visit")),
    ],
)
def test_cost_options(options, fees, expected):
    assert cost_from_options(options, fees) == expected


def test_shipped_directory_loads_cleanly(session):
    data = json.loads(SHIPPED_DIRECTORY.read_text())
    report = load_shipped_directory(session)
    assert not report.has_errors
    assert report.services_added == data["total_items"] == _count(session, Service)
    # Every service carries its source and the date it was checked.
    assert not session.scalars(select(Service).where(Service.source == "")).all()


def test_shipped_loader_refuses_a_file_with_errors(session, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"contents": [{"id": "example-pantry", "name": "Example Pantry",
                                             "status": "open", "organization_id": "nobody"}]}))
    with pytest.raises(InvalidDirectoryError, match="status 'open'"):
        load_shipped_directory(session, bad)
    assert _count(session, Service) == 0
