"""Every service the ORUK JSON export writes validates against the official ORUK 3.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import validators

from directory.formats.oruk_objects import directory_to_oruk_json
from directory.importing import import_path
from directory.shipped import SHIPPED_DIRECTORY

SCHEMAS = Path(__file__).parent.parent / "data" / "oruk-schema" / "compiled"
SCHEMA = json.loads((SCHEMAS / "service.json").read_text(encoding="utf-8"))


def schema_errors(services: list[dict]) -> list[str]:
    validator = validators.validator_for(SCHEMA)(SCHEMA)
    return [f"{s['id']}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for s in services for e in validator.iter_errors(s)]


def test_the_shipped_directory_has_no_schema_errors():
    services = json.loads(SHIPPED_DIRECTORY.read_text(encoding="utf-8"))["contents"]
    assert len(services) > 200
    assert schema_errors(services) == []


def test_an_export_of_every_kind_of_record_has_no_schema_errors(session, write_sheet, make_row):
    rows = [make_row(), make_row(service="Example Phone Line", address="", postcode="",
                                 area="city", last_checked="unknown", website="", email=""),
            make_row(service="Example Cafe", address="Example Hall", postcode="",
                     area_name="Meanwood", opening_times="Thu (times not published)",
                     for_whom="older-people")]
    report = import_path(session, write_sheet(rows))
    assert report.errors == []
    assert schema_errors(directory_to_oruk_json(session)["contents"]) == []
    # A rejected sample proves the schema is really checked.
    assert schema_errors([{"id": "x", "name": None, "status": "active"}])
