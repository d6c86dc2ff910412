"""ORUK 3.0 JSON import: our FORMAT.md file, the official examples, and broken files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.formats.errors import UnknownFormatError, UnreadableFileError
from directory.formats.registry import detect_format
from directory.importing import import_path, validate_path
from directory.models import Location, Organisation, Phone, Schedule, Service, TaxonomyTerm

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE = DATA / "directory" / "example_directory.json"
UK_JSON = DATA / "oruk" / "oruk-v3-uk-profile" / "json"


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_example_directory_imports_every_field(session):
    report = import_path(session, EXAMPLE)
    assert report.format == "oruk-json"
    assert not report.has_errors
    assert (report.services_added, report.organisations_added, report.locations_added) == (4, 3, 4)

    pantry = session.get(Service, "example-pantry")
    assert pantry.organisation.name == "Example Community Trust"
    assert pantry.cost_kind == "pay-as-you-feel" and pantry.cost_text == "£3.50 a bag"
    assert pantry.referral_required is False
    assert pantry.languages == "Urdu,pl"
    assert pantry.notes == "Bring a bag."
    assert pantry.last_checked == dt.date(2026, 10, 1)
    assert pantry.source.startswith("Fictional test record")
    # our need term, plus an esd term mapped to a need by keyword ("Debt advice" -> money)
    assert pantry.need_slugs == ["food", "money"]
    esd = session.get(TaxonomyTerm, "http://id.esd.org.uk/service/833")
    assert (esd.taxonomy, esd.need_slug) == ("esdServiceTypes", "money")
    assert [(p.number, p.description) for p in pantry.phones] == [("01632 960123", "Main number")]

    hall = session.get(Location, "example-church-hall")
    assert hall.address == "Example Church Hall, 1 Example Street, Leeds"
    assert (hall.postcode, hall.ward_code) == ("LS11 5AA", "E05012647")
    assert [p.number for p in hall.phones] == ["01632 960010"]
    sessions = sorted((s.weekday, s.opens_at.isoformat(), s.closes_at.isoformat())
                      for s in pantry.schedules if s.service_at_location_id.endswith("hall"))
    assert sessions == [(0, "10:00:00", "12:00:00"), (0, "13:00:00", "15:00:00"),
                        (3, "10:00:00", "12:00:00")]
    saturday = next(s for s in pantry.schedules if s.weekday == 5)
    assert (saturday.valid_from, saturday.note) == (dt.date(2026, 1, 1), "Term time only")


def test_locations_are_placed_by_postcode_or_coordinates(session):
    import_path(session, EXAMPLE)
    centre = session.get(Location, "example-street-centre")  # postcode only
    assert (centre.latitude, centre.longitude) == (53.796652, -1.592029)
    assert centre.ward_code == "E05011385"
    square = session.get(Location, "example-square")  # coordinates only
    assert square.ward_code == "E05011403"
    office = session.get(Location, "example-national-office")  # Manchester: outside Leeds
    assert (office.postcode, office.ward_code) == ("M1 1AE", "")


def test_areas_monthly_schedules_and_organisations(session):
    report = import_path(session, EXAMPLE)
    debt = session.get(Service, "example-debt-line")
    assert (debt.area_kind, debt.area_wards) == ("wards", "E05011385,E05012647")
    assert debt.referral_required is True and debt.referral_how == "Ask your GP or call us."
    assert sorted({s.weekday for s in debt.schedules}) == [0, 1, 2, 3, 4]
    assert "Open the 1st Saturday of each month, 10:00-12:00 (Drop-in)." in debt.notes
    assert any("monthly schedule kept as a note" in str(w) for w in report.warnings)
    assert session.get(Service, "example-warm-space").status == "temporarily closed"
    assert session.get(Service, "example-helpline").area_kind == "national"
    trust = session.get(Organisation, "example-community-trust")
    assert trust.anchor_wards == "E05011385"
    assert [p.number for p in trust.phones] == ["01632 960001"]


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
def test_official_examples_import_cleanly(session, name):
    report = import_path(session, UK_JSON / name, imported_on=dt.date(2026, 11, 23))
    assert report.written and not report.has_errors
    service = session.get(Service, "ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling"
    assert service.last_checked == dt.date(2005, 1, 1)  # assured_date, no x_last_checked
    assert service.source == f"imported from {name} on 2026-11-23"


def test_full_example_keeps_what_fits_and_warns_about_the_rest(session):
    report = import_path(session, UK_JSON / "service_full.json", imported_on=dt.date(2026, 11, 1))
    messages = [str(w) for w in report.warnings]
    assert any("latitude 100, longitude 101 are out of range: coordinates dropped" in m
               for m in messages)
    assert any("postcode 'ABC 1234' is not a UK postcode: kept as given" in m for m in messages)
    location = session.get(Location, "3a19ff88-4620-4d17-9830-ac1d859eb5d5")
    assert (location.latitude, location.postcode, location.ward_code) == (None, "ABC 1234", "")
    # A nested record without its own x_ fields is dated and sourced like its service.
    assert location.last_checked == dt.date(2005, 1, 1)
    assert location.source == "imported from service_full.json on 2026-11-01"
    service = session.get(Service, "ac148810-d857-441c-9679-408f346de14b")
    assert service.cost_kind == "fee"
    assert service.cost_text == "Under 18s and Over 60s: £35 per 1 hour session"
    assert sorted(s.weekday for s in service.schedules) == [3, 4]
    assert {s.note for s in service.schedules} == {
        "Some of our staff will be unavailable during their lunch break which may be any 30 "
        "minute period between 1200 and 1400"}
    term = session.get(TaxonomyTerm, "3f7b145d-84af-42d7-8fae-eaca714b02b2")
    assert (term.name, term.need_slug) == ("name", "")


def test_a_bare_list_of_services_imports(session, tmp_path):
    full = json.loads((UK_JSON / "service_full.json").read_text())
    path = tmp_path / "list.json"
    path.write_text(json.dumps([full]))
    assert detect_format(path) == "oruk-json"
    report = import_path(session, path)
    assert report.services_added == 1 and not report.has_errors


def test_broken_json_names_the_line_and_changes_nothing(session, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"contents": [\n  {"id": "x",}\n]}')
    with pytest.raises(UnreadableFileError) as caught:
        import_path(session, path)
    assert "broken.json line 2: not valid JSON" in str(caught.value)
    assert _count(session, Service) == 0
    report = validate_path(session, path)  # validation reports instead of raising
    assert report.has_errors and "line 2" in str(report.errors[0])


def test_json_that_is_not_oruk_is_refused(session, tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"hello": "world"}')
    with pytest.raises(UnknownFormatError):
        import_path(session, path)
    with pytest.raises(UnreadableFileError, match="not an ORUK services page"):
        import_path(session, path, fmt="oruk-json")


def _service(**overrides):
    service = {
        "id": "example-pantry", "name": "Example Pantry", "status": "active",
        "x_last_checked": "2026-10-01", "x_source": "Fictional test record",
        "organization": {"id": "example-trust", "name": "Example Community Trust"},
        "service_at_locations": [],
    }
    service.update(overrides)
    return service


def _location(postcode: str, **overrides):
    location = {"id": "example-hall", "name": "Example Hall", "addresses": [
        {"address_1": "1 Example Street", "city": "Leeds", "postal_code": postcode}]}
    location.update(overrides)
    return {"id": "example-pantry@example-hall", "location": location, "schedules": []}


def _write(tmp_path: Path, *services) -> Path:
    path = tmp_path / "directory.json"
    path.write_text(json.dumps({"contents": list(services)}))
    return path


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "service name is required"),
        ({"status": "open"}, "status 'open' is not one of active, inactive, defunct, "
                             "temporarily closed"),
        ({"x_last_checked": "01/10/2026"}, "last_checked '01/10/2026' is not a date"),
        ({"schedules": [{"byday": "MO", "opens_at": "25:00", "closes_at": "26:00"}]},
         "opens_at '25:00' is not a time (HH:MM)"),
        ({"schedules": [{"byday": "MO", "opens_at": "12:00", "closes_at": "10:00"}]},
         "closes_at 10:00 is not after opens_at 12:00"),
        ({"schedules": [{"freq": "WEEKLY", "byday": "MON", "opens_at": "10:00",
                         "closes_at": "12:00"}]},
         "byday 'MON' is not a list of day codes MO,TU,WE,TH,FR,SA,SU"),
        ({"schedules": [{"byday": "MO", "opens_at": "10:00", "closes_at": "12:00",
                         "valid_from": "next week"}]}, "valid_from 'next week' is not a date"),
        ({"organization": None, "organization_id": "nobody"},
         "organisation 'nobody' is not in the file or the directory"),
        ({"service_at_locations": [_location("LS99 9ZZ")]},
         "postcode 'LS99 9ZZ' is not a Leeds postcode"),
        ({"service_areas": [{"extent_type": "leeds-signpost", "extent": "wards:E05999999"}]},
         "area 'E05999999' is not a Leeds ward"),
    ],
)
def test_invalid_records_are_reported_and_nothing_is_written(session, tmp_path, overrides,
                                                             message):
    report = import_path(session, _write(tmp_path, _service(**overrides)))
    assert not report.written
    assert any(message in str(e) for e in report.errors), report.errors
    where = "location 'example-hall'" if "postcode" in message else "service 'example-pantry'"
    assert str(report.errors[0]).startswith(f"directory.json {where}: ")
    assert _count(session, Service) == _count(session, Organisation) == 0


def test_duplicate_service_ids_are_errors(session, tmp_path):
    report = import_path(session, _write(tmp_path, _service(), _service()))
    assert any("service id 'example-pantry' is used twice" in str(e) for e in report.errors)


@pytest.mark.parametrize(
    ("postcode", "ward", "warning"),
    [
        ("LS11 5AA", "E05012647", None),  # a live Leeds postcode
        ("ls115aa", "E05012647", None),  # typed loosely
        ("LS11 0AZ", "E05012647", "no longer in use"),  # terminated, still in our list
        ("LS24 9AA", "", None),  # Tadcaster: a shared sector, outside Leeds
        ("M1 1AE", "", None),  # elsewhere in the UK
        ("ABC 1234", "", "is not a UK postcode"),  # not a UK postcode: kept as given
    ],
)
def test_postcode_rules(session, tmp_path, postcode, ward, warning):
    services = _service(service_at_locations=[_location(postcode)])
    report = import_path(session, _write(tmp_path, services))
    assert report.written and not report.has_errors
    location = session.get(Location, "example-hall")
    assert location.ward_code == ward
    if warning:
        assert any(warning in str(w) for w in report.warnings)
    else:
        assert not report.warnings


def test_placeholder_coordinates_are_dropped(session, tmp_path):
    link = _location("LS11 5AA", latitude=0, longitude=0)
    report = import_path(session, _write(tmp_path, _service(service_at_locations=[link])))
    assert any("placeholder" in str(w) for w in report.warnings)
    location = session.get(Location, "example-hall")
    assert (location.latitude, location.longitude) == (53.75926, -1.565848)  # the postcode's


def test_schedule_without_times_keeps_its_days_with_unknown_times(session, tmp_path):
    service = _service(schedules=[{"byday": "MO,TH", "description": "By appointment"}])
    report = import_path(session, _write(tmp_path, service))
    assert report.written
    assert not report.warnings
    stored = session.scalars(select(Schedule).order_by(Schedule.weekday)).all()
    assert [(s.weekday, s.opens_at, s.closes_at, s.note) for s in stored] == [
        (0, None, None, "By appointment"), (3, None, None, "By appointment")]


def test_schedule_without_times_or_days_is_left_out_with_a_warning(session, tmp_path):
    service = _service(schedules=[{"description": "By appointment"}])
    report = import_path(session, _write(tmp_path, service))
    assert report.written
    assert any("no days" in str(w) for w in report.warnings)
    assert _count(session, Schedule) == 0


def test_phones_from_contacts_and_quotes_stripped(session, tmp_path):
    service = _service(contacts=[{"id": "c1", "phones": [{"number": '"01632 960111"'}]}],
                       phones=[{"number": "01632 960112", "description": "Text"}])
    import_path(session, _write(tmp_path, service))
    numbers = sorted(session.scalars(select(Phone.number)))
    assert numbers == ["01632 960111", "01632 960112"]
