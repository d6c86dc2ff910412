"""Files that broke the importer in an adversarial review: control characters, formulas,
deep nesting, enormous numbers and enormous lines. Each gets a clear answer and changes nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.exporting import export_spreadsheet
from directory.formats import files
from directory.formats.errors import UnreadableFileError
from directory.formats.files import formula_safe
from directory.importing import import_path, validate_path
from directory.models import Service

DATA = Path(__file__).resolve().parent.parent / "data" / "directory"
EXAMPLE = DATA / "example_spreadsheet.csv"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _services(session) -> int:
    return session.scalar(select(func.count()).select_from(Service))


def test_control_characters_are_cleaned_and_named_by_row(session, tmp_path):
    header, rows = _rows(EXAMPLE)
    rows[0]["service"] = "Example\x0bPantry"  # a Word soft return
    rows[2]["description"] = "Advice\x07 on money"
    sheet = _write(tmp_path / "sheet.csv", header, rows)
    report = import_path(session, sheet)
    assert report.written and not report.has_errors
    messages = [str(issue) for issue in report.warnings]
    assert any("row 2" in m and "name" in m and "U+000B" in m for m in messages), messages
    assert any("row 4" in m and "description" in m and "U+0007" in m for m in messages)
    names = session.scalars(select(Service.name)).all()
    descriptions = session.scalars(select(Service.description)).all()
    assert "Example Pantry" in names
    assert all("\x0b" not in t and "\x07" not in t for t in [*names, *descriptions])


def test_control_characters_in_oruk_json_are_cleaned_too(session, tmp_path):
    data = json.loads((DATA / "example_directory.json").read_text(encoding="utf-8"))
    first = data["contents"][0] if isinstance(data, dict) else data[0]
    first["name"] = first["name"] + "\x1b[31m"
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = validate_path(session, path)
    assert not report.has_errors
    assert any("U+001B" in str(issue) for issue in report.warnings)


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://example.com\",\"x\")", "+1+1", "-2+3",
                                   "@SUM(A1)", "=1+1"])
def test_exported_cells_never_start_a_formula_and_the_round_trip_is_lossless(
        session, tmp_path, value):
    header, rows = _rows(EXAMPLE)
    for row in rows:
        if row["service"] == "Example Pantry":
            row["notes"] = value
            row["referral_how"] = value
    import_path(session, _write(tmp_path / "in.csv", header, rows))
    out = tmp_path / "out.csv"
    export_spreadsheet(session, out)
    _, exported = _rows(out)
    cells = [cell for row in exported for cell in row.values() if cell]
    assert not [c for c in cells if c.startswith(("=", "+", "@")) or
                (c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit())]
    assert any(cell == "'" + value for cell in cells)
    before = {s.id: (s.notes, s.referral_how) for s in session.scalars(select(Service))}
    import_path(session, out, replace=True)
    after = {s.id: (s.notes, s.referral_how) for s in session.scalars(select(Service))}
    assert after == before
    assert value in {notes for notes, _ in after.values()}


def test_plain_numbers_are_not_escaped():
    assert formula_safe("-1.5432") == "-1.5432"
    assert formula_safe("0113 245 0000") == "0113 245 0000"
    assert formula_safe("+44 113 245 0000") == "'+44 113 245 0000"


def test_deeply_nested_json_is_a_clear_error(session, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="nested too deeply"):
        import_path(session, path)
    assert "nested too deeply" in str(validate_path(session, path).errors[0])


def test_a_number_with_thousands_of_digits_is_a_clear_error(session, tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{"contents": [{"id": "x", "name": "Example", "latitude": '
                    + "9" * 5000 + "}]}", encoding="utf-8")
    report = validate_path(session, path)
    assert report.has_errors and "digits" in str(report.errors[0])


def test_an_enormous_line_stops_the_read_before_it_fills_memory(session, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_LINE_CHARS", 1000)  # the same rule, on a small scale
    header, rows = _rows(EXAMPLE)
    rows[1]["description"] = "x" * 5000
    sheet = _write(tmp_path / "long.csv", header, rows)
    with pytest.raises(UnreadableFileError, match="line 3 is longer than 1,000 characters"):
        import_path(session, sheet)
    assert _services(session) == 0


def test_a_file_over_the_size_limit_is_refused(session, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableFileError, match="files over 0 MB are not read"):
        import_path(session, EXAMPLE)
    assert _services(session) == 0
