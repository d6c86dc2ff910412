"""A seeded random directory of plainly fictional services, full of the awkward cases: services
sharing a location, several locations at one point, locations without a point, ward lists with
spaces, phones on the service or only on its location or organisation, sessions for one
location or all, dated sessions, overlapping sessions, services that are not active."""

from __future__ import annotations

import datetime as dt
import random

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
    Ward,
)
from directory.places import ResolvedPlace
from tests.factories import need_term

NEEDS = ("food", "money", "housing", "energy")
#: A box around Leeds, and a few busy spots in it.
SOUTH, NORTH, WEST, EAST = 53.70, 53.95, -1.80, -1.29
HUBS = ((53.800, -1.549), (53.815, -1.520), (53.790, -1.600), (53.760, -1.540))
STATUSES = ("active",) * 8 + ("inactive", "temporarily closed")
AREAS = ("local",) * 7 + ("wards", "city", "national")
COSTS = ("", "free", "pay-as-you-feel", "fee")


def _point(rng: random.Random) -> tuple[float, float]:
    if rng.random() < 0.6:
        lat, lon = rng.choice(HUBS)
        return round(lat + rng.gauss(0, 0.02), 6), round(lon + rng.gauss(0, 0.03), 6)
    return round(rng.uniform(SOUTH, NORTH), 6), round(rng.uniform(WEST, EAST), 6)


def _phone(rng: random.Random) -> str:
    return f"01632 960{rng.randrange(1000):03d}"


def _sessions(rng: random.Random, link: ServiceAtLocation | None) -> list[Schedule]:
    sessions = []
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        opens = rng.randrange(7, 19)
        valid_from = dt.date(2026, 11, rng.randrange(1, 28)) if rng.random() < 0.15 else None
        valid_to = dt.date(2026, 12, rng.randrange(1, 28)) if rng.random() < 0.15 else None
        sessions.append(Schedule(
            weekday=rng.randrange(7), opens_at=dt.time(opens, rng.choice((0, 30))),
            closes_at=dt.time(opens + rng.randrange(1, 5)), valid_from=valid_from,
            valid_to=valid_to, service_at_location=link))
    return sessions


def build(session: Session, seed: int, services: int = 240) -> list[str]:
    """Add the directory in ids that sort in the order they are added; return the ward codes."""
    rng = random.Random(seed)
    wards = sorted(session.scalars(select(Ward.code)))
    organisations = []
    for k in range(30):
        anchor = ",".join(rng.sample(wards, 2)) if rng.random() < 0.3 else ""
        org = Organisation(id=f"org-{k:03d}", name=f"Example Group {rng.randrange(100):02d}{k}",
                           website=rng.choice(("", f"https://group{k}.example.org")),
                           anchor_wards=anchor, source="Fictional test record",
                           last_checked=dt.date(2026, 10, 1 + k % 28))
        if rng.random() < 0.5:
            org.phones.append(Phone(number=_phone(rng)))
        organisations.append(org)
    session.add_all(organisations)
    terms = {need: need_term(session, need) for need in NEEDS}
    locations: list[Location] = []
    for k in range(services):
        area = rng.choice(AREAS)
        service = Service(
            id=f"svc-{k:04d}", organisation_id=rng.choice(organisations).id,
            name=f"Example {rng.choice(('Pantry', 'Advice', 'Hub', 'Line'))} {k:03d}",
            url=rng.choice(("", f"https://service{k}.example.org")),
            status=rng.choice(STATUSES), cost_kind=rng.choice(COSTS),
            cost_text=rng.choice(("", "Small charge")),
            referral_required=rng.choice((None, True, False)),
            referral_how=rng.choice(("", "Ask your GP")), area_kind=area,
            area_wards=" , ".join(rng.sample(wards, rng.randrange(1, 4))) if area == "wards"
            else "",
            notes=rng.choice(("", "Bring ID.")), source="Fictional test record",
            last_checked=rng.choice((None, dt.date(2026, 9, 1 + k % 28))))
        if rng.random() < 0.6:
            service.phones.append(Phone(number=rng.choice(("", _phone(rng)))))
        for need in rng.sample(NEEDS, rng.choice((1, 1, 2))):
            service.terms.append(ServiceTerm(term=terms[need]))
        for m in range(rng.choice((0, 1, 1, 1, 2, 3) if area == "local" else (0, 0, 1, 2))):
            if locations and rng.random() < 0.25:
                location = rng.choice(locations)  # a shared venue
            else:
                lat, lon = _point(rng) if rng.random() < 0.9 else (None, None)
                if m and rng.random() < 0.3:  # a second door at the same point
                    lat, lon = service.locations[-1].location.latitude, \
                        service.locations[-1].location.longitude
                number = len(locations)
                location = Location(id=f"loc-{number:04d}", name="Example Hall",
                                    address=f"{number} Example Street", postcode="",
                                    latitude=lat, longitude=lon, source="Fictional test record")
                if rng.random() < 0.3:
                    location.phones.append(Phone(number=_phone(rng)))
                locations.append(location)
            link = ServiceAtLocation(id=f"sal-{k:04d}-{m}", location=location)
            service.locations.append(link)
            service.schedules += _sessions(rng, link)
        service.schedules += _sessions(rng, None)
        session.add(service)
    session.flush()
    return wards


def places(seed: int, wards: list[str], count: int) -> list[ResolvedPlace | None]:
    """Places to search from: in Leeds with a point, a ward without one, outside Leeds, none."""
    rng = random.Random(seed)
    found: list[ResolvedPlace | None] = [None]
    for k in range(count):
        lat, lon = _point(rng)
        kind = k % 10
        if kind == 8:
            found.append(ResolvedPlace("ward", "Example ward", ward_code=rng.choice(wards),
                                       in_leeds=True))
        elif kind == 9:
            found.append(ResolvedPlace("postcode", "Example town", latitude=lat + 0.5,
                                       longitude=lon, ward_code=rng.choice([None, *wards]),
                                       in_leeds=False))
        else:
            found.append(ResolvedPlace("postcode", "Example street", latitude=lat,
                                       longitude=lon, ward_code=rng.choice(wards),
                                       in_leeds=True))
    return found
