"""The format registry: every format through one small interface (detect, read, write)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory.exporting import export_directory
from directory.formats.errors import UnknownFormatError
from directory.formats.files import Sample
from directory.formats.registry import FORMATS, detect_format, get_format
from directory.needs import need_term_id
from tests.factories import add_service

DATA = Path(__file__).resolve().parent.parent / "data"
ORUK = DATA / "oruk"
UK_CSV = ORUK / "oruk-v3-uk-profile" / "csv"
HSDS_CSV = ORUK / "hsds-3.0-core" / "csv"

FIXTURES = [
    (DATA / "directory" / "example_directory.json", "oruk-json"),
    (DATA / "directory" / "example_spreadsheet.csv", "spreadsheet"),
    (ORUK / "oruk-v3-uk-profile" / "json" / "service_full.json", "oruk-json"),
    (ORUK / "oruk-v3-uk-profile" / "json" / "service_list.json", "oruk-json"),
    (UK_CSV, "oruk-csv"),
    (HSDS_CSV, "oruk-csv"),
    # Any table of a package names the package.
    *((table, "oruk-csv") for table in sorted(UK_CSV.glob("*.csv"))),
    *((table, "oruk-csv") for table in sorted(HSDS_CSV.glob("*.csv"))),
]
#: Where each writer writes: a file, or a folder for the CSV package.
TARGETS = {"oruk-json": "directory.json", "oruk-csv": "package", "spreadsheet": "directory.csv"}


def test_the_registry_lists_the_four_formats():
    assert [f.name for f in FORMATS] == ["oruk-json", "oruk-v1", "oruk-csv", "spreadsheet"]
    assert [f.name for f in FORMATS if f.write is None] == ["oruk-v1"]  # import only
    for fmt in FORMATS:
        assert get_format(fmt.name) is fmt


def test_an_unknown_format_name_is_refused():
    with pytest.raises(UnknownFormatError, match="unknown format 'xml': use one of oruk-json, "
                                                 "oruk-v1, oruk-csv, spreadsheet"):
        get_format("xml")


def test_an_import_only_format_cannot_be_exported(session, tmp_path):
    with pytest.raises(UnknownFormatError, match="import only"):
        export_directory(session, "oruk-v1", tmp_path / "out.json")


@pytest.mark.parametrize(("path", "expected"), FIXTURES,
                         ids=lambda v: v.name if isinstance(v, Path) else v)
def test_detect_format_tells_each_fixture(path, expected):
    assert detect_format(path) == expected
    sample = Sample(path)
    assert [f.name for f in FORMATS if f.detect(sample)] == [expected]  # no other claims it


def test_detect_format_tells_an_oruk_v1_page(tmp_path):
    page = tmp_path / "v1.json"
    page.write_text(json.dumps({"content": [{"id": "v1-example-pantry", "name": "Example Pantry",
                                             "regular_schedules": []}]}))
    assert detect_format(page) == "oruk-v1"


def _small_directory(session) -> None:
    add_service(session, "Example Pantry", postcode="LS9 8RU", phone="01632 960123",
                sessions=((0, "10:00", "12:00"),), organisation="Example Community Trust")
    add_service(session, "Example Advice", needs=("money",), phone="01632 960456",
                organisation="Example Community Trust")


@pytest.mark.parametrize("name", [f.name for f in FORMATS if f.write is not None])
def test_each_writer_round_trips_through_detect_and_read(session, tmp_path, name):
    _small_directory(session)
    path = tmp_path / TARGETS[name]
    fmt = get_format(name)
    assert fmt.write is not None
    assert fmt.write(session, path) == 2

    assert detect_format(path) == name
    parsed = get_format(detect_format(path)).read(path, session)

    assert parsed.format == name
    assert not parsed.issues
    services = {s.id: s for s in parsed.services}
    assert sorted(services) == ["example-advice", "example-pantry"]
    assert all(not s.issues for s in services.values())
    assert [o.name for o in parsed.organisations.values()] == ["Example Community Trust"]
    pantry, advice = services["example-pantry"], services["example-advice"]
    assert (pantry.name, advice.name) == ("Example Pantry", "Example Advice")
    assert [p.number for p in pantry.phones] == ["01632 960123"]
    assert [p.number for p in advice.phones] == ["01632 960456"]
    assert pantry.term_ids == [need_term_id("food")]
    assert advice.term_ids == [need_term_id("money")]
    assert [link.location.postcode for link in pantry.locations] == ["LS9 8RU"]
    assert advice.locations == []
    assert [(s.byday, s.opens_at, s.closes_at) for s in pantry.all_schedules()] == [
        ("MO", "10:00", "12:00")]
