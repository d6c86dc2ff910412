"""The search as it was before the index: ORM objects and a distance to every service.

A straightforward reference that the indexed search must agree with, result for result.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.communities import community_of_term
from directory.geo import haversine_km
from directory.index import Anchor
from directory.index_load import line_hours
from directory.items import items_named
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
from directory.needs import kind_of_term
from directory.opening import opening_state
from directory.places import ResolvedPlace, known_area
from directory.results import SearchOutcome, SearchResult
from directory.search import ENOUGH_LOCAL, RADII_KM


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


def _result(service: Service, sal: ServiceAtLocation | None, distance: float | None,
            at: dt.datetime) -> SearchResult:
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
        area_name=location.area_name if location and location.latitude is None
        and location.area_name else "",
        for_whom=tuple(sorted(c for c in (community_of_term(t.term.id, t.term.taxonomy)
                                          for t in service.terms) if c)),
        kinds=tuple(sorted(k[0] for k in (kind_of_term(t.term.id) for t in service.terms)
                           if k and not k[1])),
        side_kinds=tuple(sorted(
            {k[0] for k in (kind_of_term(t.term.id) for t in service.terms) if k and k[1]}
            - {k[0] for k in (kind_of_term(t.term.id) for t in service.terms)
               if k and not k[1]})),
        line_hours=line_hours(f"{service.name} {service.description}"),
        items=items_named(f"{service.name} {service.description}"),
    )


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


def reference_anchor(session: Session, ward_code: str | None) -> Anchor | None:
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
            phone = next((p.number for s in sorted(org.services, key=lambda s: s.id)
                          for p in s.phones if p.number), "")
        anchors.append(Anchor(org.name, phone, org.website, org.source, org.last_checked))
    anchors.sort(key=lambda a: (not a.phone, not a.website))  # one a resident can reach first
    return anchors[0] if anchors else None


def reference_search(
    session: Session,
    need: str,
    place: ResolvedPlace | None,
    at: dt.datetime,
) -> SearchOutcome:
    """Every matching active service: local ones nearest first, then area-wide ones."""
    services = session.scalars(_active_services_for(need)).unique().all()
    outcome = SearchOutcome(anchor=reference_anchor(session, place.ward_code if place else None))
    nearby: list[tuple[float, Service, ServiceAtLocation]] = []
    if place is not None and place.in_leeds and place.has_point:
        for service in services:
            best: tuple[float, ServiceAtLocation] | None = None
            for sal in service.locations:
                loc = sal.location
                point = (loc.latitude, loc.longitude)
                if loc.latitude is None and loc.area_name:  # placed by its area's centre
                    area = known_area(session, loc.area_name)
                    point = (area.latitude, area.longitude) if area else (None, None)
                if point[0] is None or point[1] is None:
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
    outcome.results = [_result(service, sal, d, at) for d, service, sal in nearby]
    area_wide = []
    for service in services:
        if service.id in local_ids:
            continue
        rank = _covers(service, place)
        if rank is not None:
            area_wide.append((rank, service.name, service))
    area_wide.sort(key=lambda item: (item[0], item[1]))
    outcome.results += [
        _result(service, service.locations[0] if service.locations else None, None, at)
        for _, _, service in area_wide
    ]
    return outcome
