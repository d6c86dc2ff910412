"""Plainly fictional directory records for tests (Ofcom drama numbers 01632 960xxx)."""

from __future__ import annotations

import datetime as dt

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
from directory.needs import NEED_TAXONOMY, need_term_id
from directory.postcodes import normalise_postcode

CHECKED = dt.date(2026, 11, 1)
SOURCE = "Fictional test record"


def need_term(session: Session, slug: str) -> TaxonomyTerm:
    term = session.get(TaxonomyTerm, need_term_id(slug))
    if term is None:
        term = TaxonomyTerm(id=need_term_id(slug), name=slug, taxonomy=NEED_TAXONOMY,
                            need_slug=slug)
        session.add(term)
    return term


def add_service(
    session: Session,
    name: str,
    needs: tuple[str, ...] = ("food",),
    postcode: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    phone: str = "01632 960000",
    status: str = "active",
    area_kind: str = "local",
    area_wards: str = "",
    sessions: tuple[tuple[int, str, str], ...] = (),
    cost_kind: str = "",
    referral_required: bool | None = None,
    organisation: str | None = None,
    anchor_wards: str = "",
) -> Service:
    """Add a fictional service; ``sessions`` are (weekday, "HH:MM", "HH:MM")."""
    session.flush()
    slug = name.lower().replace(" ", "-")
    org_name = organisation or f"{name} Group"
    org_id = "org-" + org_name.lower().replace(" ", "-")
    org = session.get(Organisation, org_id)
    if org is None:
        org = Organisation(id=org_id, name=org_name, source=SOURCE, last_checked=CHECKED,
                           anchor_wards=anchor_wards)
        session.add(org)
    service = Service(id=slug, organisation_id=org_id, name=name, status=status,
                      area_kind=area_kind,
                      area_wards=area_wards, cost_kind=cost_kind,
                      referral_required=referral_required, source=SOURCE,
                      last_checked=CHECKED)
    session.add(service)
    service.phones.append(Phone(number=phone))
    for need in needs:
        service.terms.append(ServiceTerm(term=need_term(session, need)))
    sal = None
    if postcode or latitude is not None:
        if postcode and latitude is None:
            from directory.models import Postcode

            row = session.get(Postcode, normalise_postcode(postcode))
            latitude, longitude = row.latitude, row.longitude
        location = Location(id=f"loc-{slug}", name=name, address="1 Example Street, Leeds",
                            postcode=postcode or "", latitude=latitude, longitude=longitude,
                            source=SOURCE, last_checked=CHECKED)
        sal = ServiceAtLocation(id=f"sal-{slug}", location=location)
        service.locations.append(sal)
    for weekday, opens, closes in sessions:
        service.schedules.append(Schedule(
            weekday=weekday, opens_at=dt.time.fromisoformat(opens),
            closes_at=dt.time.fromisoformat(closes), service_at_location=sal))
    session.add(service)
    session.flush()
    return service
