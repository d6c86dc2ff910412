"""Round trips: export in each format, import into an empty database, get the same directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.exporting import export_oruk_csv, export_oruk_json, export_spreadsheet
from directory.importing import import_path
from directory.shipped import SHIPPED_DIRECTORY

DATA = Path(__file__).resolve().parent.parent / "data" / "directory"
RICH = DATA / "example_directory.json"
SHEET = DATA / "example_spreadsheet.csv"

EXPORTS = {"oruk-json": (export_oruk_json, "directory.json"),
           "oruk-csv": (export_oruk_csv, "package"),
           "spreadsheet": (export_spreadsheet, "directory.csv")}


def _snapshot(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        (RICH, "oruk-json"),
        (RICH, "oruk-csv"),
        (SHEET, "oruk-json"),
        (SHEET, "oruk-csv"),
        (SHEET, "spreadsheet"),
        pytest.param(SHIPPED_DIRECTORY, "oruk-json", marks=pytest.mark.slow),
        pytest.param(SHIPPED_DIRECTORY, "oruk-csv", marks=pytest.mark.slow),
    ],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_round_trip(session, other_session, dump, tmp_path, source, fmt):
    first = import_path(session, source)
    assert first.written and not first.has_errors
    export, name = EXPORTS[fmt]
    exported = tmp_path / "first" / name
    exported.parent.mkdir()
    export(session, exported)

    second = import_path(other_session, exported)
    assert second.written and not second.has_errors and not second.warnings
    assert second.format == fmt
    assert dump(other_session) == dump(session)

    # Exporting the copy gives the same bytes: the export is deterministic.
    again = tmp_path / "second" / name
    again.parent.mkdir()
    export(other_session, again)
    assert _snapshot(again) == _snapshot(exported)


def test_spreadsheet_round_trip_keeps_what_a_spreadsheet_can_say(session, other_session, dump,
                                                                 tmp_path):
    """From the rich JSON the spreadsheet loses coordinates, location phones and schedule
    notes, but services, needs, phones, costs, areas and opening times survive."""
    import_path(session, RICH)
    export_spreadsheet(session, tmp_path / "sheet.csv")
    report = import_path(other_session, tmp_path / "sheet.csv")
    assert report.written and not report.has_errors

    def services(snapshot):
        return {row[0]: row[2:] for row in snapshot["service"]}

    original, copy = dump(session), dump(other_session)
    for service_id, values in services(original).items():
        copied = services(copy)[service_id]
        # name ... notes are the same; only the organisation id may differ (spreadsheet slug)
        assert copied == values, service_id
    needs = {(s, t.split(":")[-1]) for s, t in original["service_term"] if "need:" in t}
    assert needs <= {(s, t.split(":")[-1]) for s, t in copy["service_term"]}
