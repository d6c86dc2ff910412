"""ORUK 3.0 / HSDS 3.0 CSV data packages: the official examples, our export, broken packages."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.exporting import export_oruk_csv
from directory.formats.errors import UnreadableFileError
from directory.formats.oruk_csv_export import EXPORT_TABLES
from directory.formats.registry import detect_format
from directory.importing import import_path, validate_path
from directory.models import Location, Organisation, Phone, Service

DATA = Path(__file__).resolve().parent.parent / "data"
UK_CSV = DATA / "oruk" / "oruk-v3-uk-profile" / "csv"
HSDS_CSV = DATA / "oruk" / "hsds-3.0-core" / "csv"
EXAMPLE = DATA / "directory" / "example_directory.json"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.mark.parametrize("folder", [UK_CSV, HSDS_CSV], ids=["uk-profile", "hsds-core"])
def test_official_example_packages_import_cleanly(session, folder):
    assert detect_format(folder) == "oruk-csv"
    report = import_path(session, folder)
    assert report.written and not report.has_errors, report.errors
    assert (report.services_added, report.organisations_added, report.locations_added) == (1, 1, 1)
    service = session.get(Service, SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.organisation.name == "Example Organization Inc."
    assert service.cost_kind == "fee"
    assert service.cost_text == "Under 18s and Over 60s: £35 per 1 hour session"
    # The phone hangs off a contact in the UK profile and off the service in HSDS core.
    assert [p.number for p in service.phones] == ["+44 1234 234567"]
    link = service.locations[0]
    assert link.location.name == "MyCity Civic Center"
    assert link.location.latitude is None  # latitude 100 is out of range
    assert sorted(s.weekday for s in link.schedules) == [3, 4]
    # The example attribute links to a service that is not in the package: a warning only.
    assert any("not a service in this package" in str(w) for w in report.warnings)


def test_hsds_core_languages_and_referral_text(session):
    import_path(session, HSDS_CSV)
    service = session.get(Service, SERVICE_ID)
    assert service.languages == "Urdu"
    assert service.referral_how.startswith("If you are an NHS patient")


def test_both_spellings_of_a_table_are_merged_by_id(session):
    # The UK profile folder has schedule.csv and schedules.csv with the same row.
    import_path(session, UK_CSV)
    service = session.get(Service, SERVICE_ID)
    assert len(service.schedules) == 2  # TH and FR, once each


def test_unreadable_datapackage_is_a_warning(session, tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(HSDS_CSV, folder)
    (folder / "datapackage.json").write_text("../../datapackage.json")
    report = import_path(session, folder / "datapackage.json")
    assert report.written
    assert any("not a readable data package descriptor" in str(w) for w in report.warnings)


def test_export_writes_every_table_and_a_descriptor(session, tmp_path):
    import_path(session, EXAMPLE)
    count = export_oruk_csv(session, tmp_path / "out")
    assert count == 4
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert [r["path"] for r in descriptor["resources"]] == [f for f, _ in EXPORT_TABLES.values()]
    for file_name, columns in EXPORT_TABLES.values():
        with open(tmp_path / "out" / file_name, newline="", encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == columns
    with open(tmp_path / "out" / "services.csv", newline="", encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["example-pantry"]["x_referral_required"] == "false"
    assert rows["example-pantry"]["x_notes"] == "Bring a bag."
    assert detect_format(tmp_path / "out" / "datapackage.json") == "oruk-csv"


def test_zipped_package_imports(session, tmp_path):
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in HSDS_CSV.iterdir():
            zipped.write(path, f"export/{path.name}")
    report = import_path(session, archive)
    assert report.format == "oruk-csv" and report.services_added == 1


def _copy_package(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(HSDS_CSV, folder)
    return folder


def test_missing_columns_stop_the_import(session, tmp_path):
    folder = _copy_package(tmp_path)
    services = folder / "services.csv"
    rows = list(csv.reader(services.open(newline="", encoding="utf-8")))
    name = rows[0].index("name")
    with services.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([r[:name] + r[name + 1:] for r in rows])
    with pytest.raises(UnreadableFileError, match="services.csv row 1: missing columns: name"):
        import_path(session, folder)
    assert session.scalar(select(func.count()).select_from(Service)) == 0
    assert validate_path(session, folder).has_errors


def test_a_folder_without_services_is_not_a_package(session, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnreadableFileError, match="there is no services.csv"):
        import_path(session, tmp_path / "empty")


def test_bad_rows_are_named_by_file_and_row(session, tmp_path):
    folder = _copy_package(tmp_path)
    with (folder / "services.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["example-broken", "no-such-org", "", "Example Broken"])
    with (folder / "addresses.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["addr-2", "loc-2", "", "1 Example Street", "", "Leeds", "",
                                     "", "LS99 9ZZ", "GB", "physical"])
    with (folder / "locations.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["loc-2", "physical", "", "", "Example Hall"])
    with (folder / "service_at_location.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["sal-2", SERVICE_ID, "loc-2", ""])
    report = import_path(session, folder)
    messages = [str(e) for e in report.errors]
    assert "services.csv row 3: organisation 'no-such-org' is not in the file or the directory" \
        in messages
    assert "locations.csv row 3: postcode 'LS99 9ZZ' is not a Leeds postcode" in messages
    assert not report.written
    assert session.scalar(select(func.count()).select_from(Organisation)) == 0

    report = import_path(session, folder, skip_invalid=True)
    assert report.written and report.services_added == 0
    assert report.skipped_rows == [2, 3]
    assert session.scalar(select(func.count()).select_from(Location)) == 0
    assert session.scalar(select(func.count()).select_from(Phone)) == 0
