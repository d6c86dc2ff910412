"""ORUK v1 JSON pages (import only), with a plainly fictional feed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory.formats.oruk_v1 import weekday_code
from directory.formats.registry import detect_format
from directory.importing import import_path
from directory.models import Location, Organisation, Service


def _v1_service(**overrides):
    service = {
        "id": "v1-example-pantry",
        "name": "Example Pantry",
        "description": "Food parcels.",
        "url": "https://example.org/pantry",
        "status": "active",
        "fees": "",
        "assured_date": "2026-09-30",
        "attending_access": "referral",
        "organization": {"id": "v1-example-trust", "name": "Example Community Trust",
                         "description": "Fictional.", "url": "https://example.org"},
        "contacts": [{"id": "c1", "name": "Example Person",
                      "phones": [{"id": "p1", "number": "01632 960300"}]}],
        "eligibilitys": [{"id": "e1", "eligibility": "adult", "minimum_age": 18}],
        "cost_options": [{"id": "k1", "option": "Per bag", "amount": 2,
                          "amount_description": "per visit"}],
        "languages": [{"id": "l1", "language": "Polish"}],
        "regular_schedules": [
            {"id": "r1", "weekday": "Monday", "opens_at": "10:00", "closes_at": "12:00"},
            {"id": "r2", "weekday": 4, "opens_at": "13:00:00", "closes_at": "15:30:00"},
            {"id": "r3", "freq": "MONTHLY", "byday": "2SA", "weekday": "Saturday",
             "opens_at": "09:00", "closes_at": "11:00"},
        ],
        "service_taxonomys": [
            {"id": "t1", "taxonomy": {"id": "esd-101", "name": "Food banks",
                                      "vocabulary": "esdServiceTypes"}},
            {"id": "t2", "taxonomy": {"id": "esd-202", "name": "Welfare benefits advice",
                                      "vocabulary": "esdServiceTypes"}},
        ],
        "service_at_locations": [{
            "id": "v1-sal-1",
            "location": {
                "id": "v1-example-hall", "name": "Example Hall",
                "latitude": 53.7851, "longitude": -1.5612,
                "physical_addresses": [{"id": "a1", "address_1": "1 Example Street",
                                        "city": "Leeds", "postal_code": "LS11 5AA",
                                        "country": "GB"}],
            },
            "regular_schedules": [{"id": "r4", "weekday": 7, "opens_at": "11:00",
                                   "closes_at": "12:00"}],
        }],
    }
    service.update(overrides)
    return service


def _page(tmp_path: Path, *services) -> Path:
    path = tmp_path / "v1.json"
    path.write_text(json.dumps({"totalElements": len(services), "totalPages": 1, "number": 1,
                                "size": 50, "first": True, "last": True, "empty": False,
                                "content": list(services)}))
    return path


def test_v1_page_is_detected_and_imported(session, tmp_path):
    path = _page(tmp_path, _v1_service())
    assert detect_format(path) == "oruk-v1"
    report = import_path(session, path)
    assert report.format == "oruk-v1" and report.written and not report.has_errors

    service = session.get(Service, "v1-example-pantry")
    assert session.get(Organisation, "v1-example-trust").website == "https://example.org"
    assert service.referral_required is True
    assert [p.number for p in service.phones] == ["01632 960300"]
    assert service.cost_kind == "fee" and service.cost_text == "Per bag: £2 per visit"
    assert service.languages == "Polish"
    assert service.need_slugs == ["food", "money"]
    assert "Eligibility: adult (ages 18+)." in service.notes
    assert "Open the 2nd Saturday of each month, 09:00-11:00." in service.notes
    wide = sorted((s.weekday, s.opens_at.strftime("%H:%M")) for s in service.schedules
                  if s.service_at_location_id is None)
    assert wide == [(0, "10:00"), (3, "13:00")]
    location = session.get(Location, "v1-example-hall")
    assert location.address == "1 Example Street, Leeds"
    assert location.ward_code == "E05012647"
    assert [s.weekday for s in service.locations[0].schedules] == [6]  # 7 = Sunday


def test_a_bare_list_of_v1_services_is_detected(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([_v1_service()]))
    assert detect_format(path) == "oruk-v1"


def test_bad_weekday_is_an_error(session, tmp_path):
    schedules = [{"id": "r1", "weekday": "Funday", "opens_at": "10:00", "closes_at": "12:00"}]
    report = import_path(session, _page(tmp_path, _v1_service(regular_schedules=schedules)))
    assert not report.written
    assert "v1.json service 'v1-example-pantry': byday 'FUNDAY' is not a list of day codes" \
        in str(report.errors[0])


@pytest.mark.parametrize(
    ("weekday", "code"),
    [("Monday", "MO"), ("tues", "TU"), ("THU", "TH"), (1, "MO"), ("6", "SA"), (7, "SU"),
     (0, "SU")],
)
def test_weekday_codes(weekday, code):
    assert weekday_code(weekday) == code
