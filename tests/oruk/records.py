"""Plainly fictional feed records, and the directory as comparable rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import (
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
)

FEED_COLUMNS = {"feed_url", "feed_id"}


def v3_service(n: int, name: str = "", checked: str = "2026-10-01") -> dict[str, Any]:
    """A full ORUK 3.0 service object (fictional)."""
    return {
        "id": f"example-service-{n}", "name": name or f"Example Pantry {n}",
        "description": "Food parcels, no referral needed.", "status": "active",
        "assured_date": checked,
        "organization": {"id": "example-org", "name": "Example Community Trust",
                         "description": "A fictional trust."},
        "phones": [{"id": f"example-phone-{n}", "number": f"01632 960{100 + n}"}],
        "schedules": [],
        "attributes": [{"id": f"example-attribute-{n}", "taxonomy_term": {
            "id": "leeds-signpost-need:food", "name": "food", "description": "",
            "taxonomy": "leeds-signpost-needs"}}],
        "service_at_locations": [{
            "id": f"example-sal-{n}",
            "location": {"id": f"example-location-{n}", "location_type": "physical",
                         "name": "Example Church Hall", "addresses": [{
                             "id": f"example-address-{n}", "address_1": "1 Example Street",
                             "city": "Leeds", "state_province": "", "postal_code": "LS9 8RU",
                             "country": "GB", "address_type": "physical"}]},
            "schedules": [{"id": f"example-schedule-{n}", "freq": "WEEKLY", "byday": "MO,WE",
                           "opens_at": "10:00", "closes_at": "12:00"}]}],
    }


def v1_service(n: int) -> dict[str, Any]:
    """An ORUK v1 service object, as council feeds serve them (fictional)."""
    return {
        "id": f"v1-service-{n}", "name": f"Example Advice Drop-in {n}",
        "description": "Money advice.", "status": "active", "assured_date": "2026-09-01",
        "organization": {"id": "v1-org", "name": "Example Advice Trust",
                         "description": "A fictional advice charity."},
        "regular_schedules": [{"weekday": "Tuesday", "opens_at": "09:30", "closes_at": "12:00"}],
        "service_taxonomys": [{"taxonomy": {"id": "esd-service-833", "name": "Food banks",
                                            "vocabulary": "esdServiceTypes"}}],
        "contacts": [{"phones": [{"number": f"01632 960{200 + n}"}]}],
        "service_at_locations": [{"id": f"v1-sal-{n}", "location": {
            "id": f"v1-location-{n}", "name": "Example Centre",
            "physical_addresses": [{"address_1": "2 Example Road", "city": "Leeds",
                                    "postal_code": "LS9 8RU"}]}}],
    }


def directory_rows(session: Session) -> dict[str, list[tuple]]:
    """Every directory record as sorted tuples of its columns, leaving out autoincrement ids
    and the feed columns (which say where a synced copy came from)."""
    out: dict[str, list[tuple]] = {}
    for model in (Organisation, Service, Location, ServiceAtLocation, Phone, Schedule,
                  TaxonomyTerm, ServiceTerm):
        columns = [c.name for c in model.__table__.columns if c.name not in FEED_COLUMNS
                   and not (model in (Phone, Schedule) and c.name == "id")]
        rows = (tuple(getattr(obj, c) for c in columns) for obj in session.scalars(select(model)))
        out[model.__tablename__] = sorted(rows, key=repr)
    return out
