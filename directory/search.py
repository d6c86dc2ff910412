"""Nearest services for a need: local ones by distance, then those whose area covers the place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.communities import community_of_term
from directory.geo import haversine_km
from directory.models import (
    AreaKind,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    TaxonomyTerm,
)
from directory.opening import OpeningState, opening_state
from directory.places import ResolvedPlace, known_area

#: Radii tried in turn until enough local services are found, in kilometres.
RADII_KM = (3.0, 6.0, 12.0, 25.0)
#: How many local services make a search radius "enough".
ENOUGH_LOCAL = 3


@dataclass(frozen=True)
class SearchResult:
    service_id: str
    name: str
    organisation: str
    distance_km: float | None
    address: str
    postcode: str
    phone: str
    website: str
    opening: OpeningState
    cost_kind: str
    cost_text: str
    referral_required: bool | None
    referral_how: str
    area_kind: str
    notes: str
    source: str
    last_checked: dt.date | None
    #: The location the result is at (None for a service with no place): with the service id,
    #: what a conversation keeps to show the result again or its details.
    location_id: str | None = None
    #: For a place known only by its area: the area's name ("Meanwood"); replies say
    #: "in Meanwood" and the distance (to the area's centre) only ranks it.
    area_name: str = ""
    #: Communities of interest the service is for (directory/communities.py slugs).
    for_whom: tuple[str, ...] = ()

    @property
    def is_local(self) -> bool:
        return self.distance_km is not None

    @property
    def cost(self) -> str:
        return self.cost_text or self.cost_kind

    def to_dict(self) -> dict:
        return {
            "id": self.service_id,
            "name": self.name,
            "organisation": self.organisation,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
            "address": self.address,
            "postcode": self.postcode,
            "phone": self.phone,
            "website": self.website,
            "open_now": self.opening.open_now,
            "next_open": self.opening.next_open.isoformat() if self.opening.next_open else None,
            "cost": self.cost or None,
            "referral_required": self.referral_required,
            "referral_how": self.referral_how or None,
            "area": self.area_kind,
            "notes": self.notes or None,
            "source": self.source,
            "last_checked": self.last_checked.isoformat() if self.last_checked else None,
            "area_name": self.area_name or None,
            "for_whom": list(self.for_whom),
        }


@dataclass(frozen=True)
class Anchor:
    """The local community anchor organisation for a ward: a friendly first door."""

    name: str
    phone: str
    website: str
    source: str
    last_checked: dt.date | None


@dataclass
class SearchOutcome:
    results: list[SearchResult] = field(default_factory=list)
    radius_km: float | None = None
    anchor: Anchor | None = None

    @property
    def local(self) -> list[SearchResult]:
        return [r for r in self.results if r.is_local]


def _active_services_for(need: str):
    return (
        select(Service)
        .join(ServiceTerm, ServiceTerm.service_id == Service.id)
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceTerm.term_id)
        .where(TaxonomyTerm.need_slug == need, Service.status == ServiceStatus.ACTIVE.value)
        .options(
            selectinload(Service.organisation).selectinload(Organisation.phones),
            selectinload(Service.phones),
            selectinload(Service.schedules),
            selectinload(Service.terms).selectinload(ServiceTerm.term),
            selectinload(Service.locations).selectinload(ServiceAtLocation.location)
            .selectinload(Location.phones),
        )
        .distinct()
    )


def _phone_for(service: Service, location: Location | None) -> str:
    for phones in (service.phones, location.phones if location else [],
                   service.organisation.phones):
        for phone in phones:
            if phone.number:
                return phone.number
    return ""


def _schedules_at(service: Service, sal: ServiceAtLocation | None):
    here = [s for s in service.schedules
            if s.service_at_location_id is None
            or (sal is not None and s.service_at_location_id == sal.id)]
    return here


def result_for(service: Service, sal: ServiceAtLocation | None, distance: float | None,
               at: dt.datetime) -> SearchResult:
    """A service (at one of its locations, if any) as a result, its opening read at ``at``."""
    location = sal.location if sal else None
    return SearchResult(
        service_id=service.id,
        name=service.name,
        organisation=service.organisation.name,
        distance_km=distance,
        address=location.address if location else "",
        postcode=location.postcode if location else "",
        phone=_phone_for(service, location),
        website=service.url or service.organisation.website,
        opening=opening_state(_schedules_at(service, sal), at),
        cost_kind=service.cost_kind,
        cost_text=service.cost_text,
        referral_required=service.referral_required,
        referral_how=service.referral_how,
        area_kind=service.area_kind,
        notes=service.notes,
        source=service.source,
        last_checked=service.last_checked,
        location_id=location.id if location else None,
        area_name=location.area_name if location and location.latitude is None else "",
        for_whom=tuple(sorted(community_of_term(t.term.id, t.term.taxonomy)
                              for t in service.terms
                              if community_of_term(t.term.id, t.term.taxonomy))),
    )


def _point(session: Session, loc: Location) -> tuple[float, float] | None:
    """A place's own point, else the centre of the area it is known by (ranking only)."""
    if loc.latitude is not None and loc.longitude is not None:
        return loc.latitude, loc.longitude
    area = known_area(session, loc.area_name) if loc.area_name else None
    return (area.latitude, area.longitude) if area else None


def _covers(service: Service, place: ResolvedPlace | None) -> int | None:
    """Rank of an area-wide service for the place (lower first); None if it does not cover it."""
    if service.area_kind == AreaKind.NATIONAL.value:
        return 3
    if service.area_kind == AreaKind.CITY.value:
        return 2
    if service.area_kind == AreaKind.WARDS.value and place and place.in_leeds and place.ward_code:
        wards = {w.strip() for w in service.area_wards.split(",")}
        return 1 if place.ward_code in wards else None
    return None


def find_anchor(session: Session, ward_code: str | None) -> Anchor | None:
    if not ward_code:
        return None
    anchors = []
    for org in session.scalars(
        select(Organisation)
        .where(Organisation.anchor_wards.contains(ward_code))
        .options(selectinload(Organisation.phones))
        .order_by(Organisation.name)
    ):
        phone = next((p.number for p in org.phones if p.number), "")
        if not phone:
            phone = next((p.number for s in org.services for p in s.phones if p.number), "")
        anchors.append(Anchor(org.name, phone, org.website, org.source, org.last_checked))
    # One a resident can reach first: a phone, then a website, then any.
    anchors.sort(key=lambda a: (not a.phone, not a.website))
    return anchors[0] if anchors else None


def search(
    session: Session,
    need: str,
    place: ResolvedPlace | None,
    at: dt.datetime,
) -> SearchOutcome:
    """Every matching active service: local ones nearest first, then area-wide ones."""
    services = session.scalars(_active_services_for(need)).unique().all()
    outcome = SearchOutcome(anchor=find_anchor(session, place.ward_code if place else None))
    nearby: list[tuple[float, Service, ServiceAtLocation]] = []
    if place is not None and place.in_leeds and place.has_point:
        for service in services:
            best: tuple[float, ServiceAtLocation] | None = None
            for sal in service.locations:
                point = _point(session, sal.location)
                if point is None:
                    continue
                d = haversine_km(place.latitude, place.longitude, *point)
                if best is None or d < best[0]:
                    best = (d, sal)
            if best is not None:
                nearby.append((best[0], service, best[1]))
        nearby.sort(key=lambda item: (item[0], item[1].name))
        for radius in RADII_KM:
            within = [item for item in nearby if item[0] <= radius]
            outcome.radius_km = radius
            if len(within) >= ENOUGH_LOCAL:
                break
        nearby = within
    local_ids = {service.id for _, service, _ in nearby}
    outcome.results = [result_for(service, sal, d, at) for d, service, sal in nearby]
    area_wide = []
    for service in services:
        if service.id in local_ids:
            continue
        rank = _covers(service, place)
        if rank is not None:
            area_wide.append((rank, service.name, service))
    area_wide.sort(key=lambda item: (item[0], item[1]))
    outcome.results += [
        result_for(service, service.locations[0] if service.locations else None, None, at)
        for _, _, service in area_wide
    ]
    return outcome
