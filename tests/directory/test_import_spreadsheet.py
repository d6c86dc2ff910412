"""The volunteer spreadsheet: import, row-numbered errors, skip-invalid, and export."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.exporting import export_spreadsheet
from directory.formats.errors import UnreadableFileError
from directory.formats.registry import detect_format
from directory.formats.spreadsheet import parse_cost, parse_opening_times
from directory.formats.spreadsheet_columns import COLUMNS
from directory.importing import import_path, validate_path
from directory.models import Location, Organisation, Schedule, Service

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "directory" / \
    "example_spreadsheet.csv"


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _sessions(schedules) -> list[tuple[int, str, str]]:
    return sorted((s.weekday, s.opens_at.strftime("%H:%M"), s.closes_at.strftime("%H:%M"))
                  for s in schedules)


def test_example_spreadsheet_imports(session):
    assert detect_format(EXAMPLE) == "spreadsheet"
    report = import_path(session, EXAMPLE)
    assert report.written and not report.issues, report.issues
    assert (report.services_added, report.organisations_added, report.locations_added) == (4, 3, 2)

    pantry = session.get(Service, "example-community-trust-example-pantry")  # derived id
    assert pantry.organisation_id == "example-community-trust"
    assert pantry.need_slugs == ["food", "money"]  # "Money & bills" is the menu label
    assert (pantry.cost_kind, pantry.cost_text) == ("pay-as-you-feel", "£3.50 a bag")
    assert pantry.referral_required is False
    assert pantry.languages == "Urdu,Polish"
    assert [(p.number, p.description) for p in pantry.phones] == [("01632 960123",
                                                                   "Main number")]
    assert pantry.last_checked == dt.date(2026, 10, 1)  # the later of its two rows
    by_postcode = {link.location.postcode: link for link in pantry.locations}
    assert _sessions(by_postcode["LS11 5AA"].schedules) == [
        (0, "10:00", "12:00"), (0, "13:00", "15:00"), (3, "10:00", "12:00")]
    assert _sessions(by_postcode["LS12 3AA"].schedules) == [(5, "09:30", "11:00")]
    hall = by_postcode["LS11 5AA"].location
    assert hall.name == "Example Church Hall"
    assert (hall.latitude, hall.longitude, hall.ward_code) == (53.75926, -1.565848, "E05012647")
    assert hall.last_checked == dt.date(2026, 10, 3)  # the warm space there was checked later

    debt = session.get(Service, "example-debt-line")
    assert (debt.area_kind, debt.area_wards) == ("wards", "E05011385,E05012647")
    assert debt.referral_required is True and debt.locations == []
    assert _sessions(debt.schedules) == [(d, "09:00", "17:00") for d in range(5)]
    warm = session.get(Service, "example-advice-network-example-warm-space")
    assert (warm.status, warm.area_kind, warm.cost_kind) == ("temporarily closed", "city", "fee")
    assert warm.need_slugs == ["energy", "social"]
    helpline = session.get(Service, "example-national-charity-example-helpline")
    assert helpline.area_kind == "national" and len(helpline.schedules) == 7


def _errors(report) -> list[str]:
    return [str(e) for e in report.errors]


def test_errors_name_the_row_and_the_field_and_nothing_is_written(session, write_sheet,
                                                                  make_row):
    rows = [make_row(service=f"Example Service {n}") for n in range(2, 16)]  # rows 2..15
    rows[3 - 2] = make_row(service="Example Clock", opening_times="Mon 25:00-26:00")
    rows[5 - 2] = make_row(service="Example Typo", needs="fod")
    rows[7 - 2] = make_row(service="Example Undated", last_checked="")
    rows[9 - 2] = make_row(service="Example Backwards", opening_times="Tue 12:00-10:00")
    rows[10 - 2] = make_row(service="Example Referral", referral_required="maybe")
    rows[11 - 2] = make_row(service="Example Ward", area="Beestn")
    rows[12 - 2] = make_row(service="Example Status", status="open")
    rows[14 - 2] = make_row(service="Example Nowhere", postcode="LS99 9ZZ")
    report = import_path(session, write_sheet(rows))
    assert _errors(report) == [
        "sheet.csv row 3: opening_times 'Mon 25:00-26:00' is not a time range like "
        "Mon 10:00-12:00",
        "sheet.csv row 5: needs 'fod' is not a need (did you mean food?)",
        "sheet.csv row 7: last_checked is required (YYYY-MM-DD, or unknown)",
        "sheet.csv row 9: opening_times 'Tue 12:00-10:00' closes before it opens",
        "sheet.csv row 10: referral_required 'maybe' should be yes, no or blank",
        "sheet.csv row 11: area 'Beestn' is not a Leeds ward (did you mean Beeston & Holbeck?)",
        "sheet.csv row 12: status 'open' is not one of active, inactive, defunct, "
        "temporarily closed",
        "sheet.csv row 14: postcode 'LS99 9ZZ' is not a Leeds postcode",
    ]
    assert [e.field for e in report.errors][:3] == ["opening_times", "needs", "last_checked"]
    assert not report.written
    assert _count(session, Service) == _count(session, Organisation) == 0
    assert _count(session, Location) == 0
    assert "Nothing imported from sheet.csv (spreadsheet): 8 errors" in report.summary()


def test_skip_invalid_imports_the_good_rows_and_lists_the_rest(session, write_sheet, make_row):
    rows = [
        make_row(service="Example One"),
        make_row(service="Example Two", postcode="LS99 9ZZ"),
        make_row(service="Example Three", needs="fod"),
        make_row(service="Example Four", address="Example Hall, 4 Example Street, Leeds",
                 postcode="LS12 3AA"),
    ]
    report = import_path(session, write_sheet(rows), skip_invalid=True)
    assert report.written and report.has_errors
    assert report.services_added == 2
    assert report.skipped_rows == [3, 4]
    assert [str(s) for s in report.skipped] == [
        "sheet.csv row 3: service 'example-community-trust-example-two'",
        "sheet.csv row 4: service 'example-community-trust-example-three'"]
    assert sorted(session.scalars(select(Service.name))) == ["Example Four", "Example One"]
    # The Leeds-less place of row 3 is not stored: it belongs only to the skipped service.
    assert sorted(session.scalars(select(Location.postcode))) == ["LS11 5AA", "LS12 3AA"]
    assert "skipped 2 services with errors (rows 3, 4)" in report.summary()


def test_one_bad_row_skips_its_whole_service(session, write_sheet, make_row):
    rows = [make_row(service_id="example-pantry"),
            make_row(service_id="example-pantry", postcode="LS12 3AA", opening_times="Mon 9-5"),
            make_row(service="Example Other")]
    report = import_path(session, write_sheet(rows), skip_invalid=True)
    assert report.skipped_rows == [2, 3]
    assert session.scalars(select(Service.id)).all() == ["example-community-trust-example-other"]


def test_missing_columns_stop_the_import(session, write_sheet, make_row):
    path = write_sheet([make_row()], columns=tuple(c for c in COLUMNS if c != "last_checked"))
    with pytest.raises(UnreadableFileError,
                       match=r"sheet.csv row 1: missing columns: last_checked"):
        import_path(session, path, fmt="spreadsheet")
    report = validate_path(session, path, fmt="spreadsheet")
    assert report.has_errors and _count(session, Service) == 0


def test_unknown_columns_warn_and_spreadsheet_dates_are_understood(session, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "Organisation,Service,Last checked,Postcode,Colour\r\n"
        "Example Community Trust,Example Café,14/10/2026,LS11 5AA,blue\r\n".encode("cp1252"))
    report = import_path(session, path)
    assert not report.has_errors
    warnings = [str(w) for w in report.warnings]
    assert "excel.csv row 1: warning: column 'Colour' is not a spreadsheet column: ignored" \
        in warnings
    assert any("not UTF-8" in w for w in warnings)
    service = session.get(Service, "example-community-trust-example-cafe")
    assert service.name == "Example Café"
    assert service.last_checked == dt.date(2026, 10, 14)


def test_rows_of_one_service_that_disagree_get_a_warning(session, write_sheet, make_row):
    rows = [make_row(service_id="example-pantry", description="First words."),
            make_row(service_id="example-pantry", description="Other words.",
                     postcode="LS12 3AA")]
    report = import_path(session, write_sheet(rows))
    assert [str(w) for w in report.warnings] == [
        "sheet.csv row 3: warning: description differs from row 2 for service "
        "'example-pantry': row 2's is used"]
    assert session.get(Service, "example-pantry").description == "First words."
    assert len(session.get(Service, "example-pantry").locations) == 2


def test_an_existing_organisation_keeps_its_id_and_details(session, write_sheet, make_row):
    session.add(Organisation(id="org-1", name="Example Community Trust",
                             website="https://example.org", source="Fictional"))
    session.flush()
    import_path(session, write_sheet([make_row()]))
    org = session.get(Organisation, "org-1")
    assert org.website == "https://example.org"  # the spreadsheet has no website for it
    assert [s.name for s in org.services] == ["Example Pantry"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon 10:00-12:00", [([0], "10:00", "12:00", "")]),
        ("Tue,Thu 13:00-15:30", [([1, 3], "13:00", "15:30", "")]),
        ("Mon 10:00-12:00, 13:00-15:00",
         [([0], "10:00", "12:00", ""), ([0], "13:00", "15:00", "")]),
        ("Mon-Fri 9:00–17:00", [([0, 1, 2, 3, 4], "09:00", "17:00", "")]),
        ("Sat-Mon 10.00-11.00", [([5, 6, 0], "10:00", "11:00", "")]),
        ("Monday 10:00 to 12:00; Sun 08:00-09:00",
         [([0], "10:00", "12:00", ""), ([6], "08:00", "09:00", "")]),
        ("Thu 14:00-16:00 and 18:00-19:00",
         [([3], "14:00", "16:00", ""), ([3], "18:00", "19:00", "")]),
        ("24 hours", [([0, 1, 2, 3, 4, 5, 6], "00:00", "23:59", "24 hours")]),
        ("Thu (pantry day; times not published)",
         [([3], None, None, "pantry day; times not published")]),
        ("Tue, Thu", [([1, 3], None, None, "")]),
        ("Wed evening", [([2], None, None, "evening")]),
        ("daily (times not published)", [(list(range(7)), None, None, "times not published")]),
        ("Fri 15:00-16:30 (food pantry)", [([4], "15:00", "16:30", "food pantry")]),
        ("Fri 18:00-01:00", [([4], "18:00", "23:59", ""), ([5], "00:00", "01:00", "")]),
        ("Tue 18:00-00:00", [([1], "18:00", "23:59", "")]),
        ("Wed 10:00-12:00 (SEVA cafe), 12:00-14:00 (lunch club)",
         [([2], "10:00", "12:00", "SEVA cafe"), ([2], "12:00", "14:00", "lunch club")]),
        ("Mon 10:00-12:00, 13:00-15:00 (pantry)",
         [([0], "10:00", "12:00", "pantry"), ([0], "13:00", "15:00", "pantry")]),
        ("Sat 10:00-11:00 (tea, cake and chat) and 14:00-15:00",
         [([5], "10:00", "11:00", "tea, cake and chat"), ([5], "14:00", "15:00", "")]),
    ],
)
def test_opening_times(text, expected):
    assert parse_opening_times(text) == (expected, [])


@pytest.mark.parametrize("text", ["Mon 10-12", "Someday 10:00-12:00", "10:00-12:00",
                                  "by appointment", "Mon 10:00-12:00 (cafe) (lunch)",
                                  "Mon (cafe) 10:00-12:00"])
def test_opening_times_that_are_not_understood(text):
    sessions, problems = parse_opening_times(text)
    assert sessions == []
    assert problems == [f"opening_times '{text}' is not a time range like Mon 10:00-12:00"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ("", "")), ("free", ("free", "")), ("Pay as you feel", ("pay-as-you-feel", "")),
     ("fee: £1 a bag", ("fee", "£1 a bag")), ("£2 per visit", ("fee", "£2 per visit")),
     ("Free for under 5s", ("free", "Free for under 5s")),
     ("Donations welcome", ("pay-as-you-feel", "Donations welcome"))],
)
def test_cost(text, expected):
    assert parse_cost(text) == expected


def test_export_writes_one_row_per_place(session, tmp_path):
    import_path(session, EXAMPLE)
    path = tmp_path / "out.csv"
    assert export_spreadsheet(session, path) == 4
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM for spreadsheet programs
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    pantry = [r for r in rows if r["service"] == "Example Pantry"]
    assert [r["opening_times"] for r in pantry] == [
        "Mon 10:00-12:00, 13:00-15:00; Thu 10:00-12:00", "Sat 09:30-11:00"]
    assert pantry[0]["cost"] == "pay-as-you-feel: £3.50 a bag"
    assert pantry[0]["phone"] == "01632 960123 (Main number)"
    debt = next(r for r in rows if r["service_id"] == "example-debt-line")
    assert (debt["opening_times"], debt["area"], debt["referral_required"]) == (
        "Mon-Fri 09:00-17:00", "Armley; Beeston & Holbeck", "yes")
    assert debt["address"] == debt["postcode"] == ""


def test_service_wide_sessions_of_a_located_service_get_their_own_row(session, tmp_path):
    import_path(session, EXAMPLE)
    pantry = session.get(Service, "example-community-trust-example-pantry")
    session.add(Schedule(service=pantry, weekday=2, opens_at=dt.time(18), closes_at=dt.time(19)))
    session.flush()
    export_spreadsheet(session, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["service"] == "Example Pantry"]
    assert [(r["postcode"], r["opening_times"]) for r in rows][-1] == ("", "Wed 18:00-19:00")
