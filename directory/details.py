"""A result again by its ids (for MORE), and a service's full details (for "Reply 1")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.models import Schedule, Service, ServiceAtLocation
from directory.results import SearchResult, result_for
from directory.search import directory_index


@dataclass(frozen=True)
class WeeklySession:
    weekday: int  # 0 = Monday
    #: None for a day the service opens with no published times.
    opens_at: dt.time | None
    closes_at: dt.time | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class ServiceDetail:
    """Everything a resident may want before going: where, when, cost, referral, how to ask."""

    result: SearchResult
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    place_name: str
    hours: tuple[WeeklySession, ...]
    description: str


def _service(session: Session, service_id: str) -> Service | None:
    return session.scalars(
        select(Service).where(Service.id == service_id).options(
            selectinload(Service.schedules),
            selectinload(Service.locations).selectinload(ServiceAtLocation.location),
        )).first()


def _link(service: Service, location_id: str | None) -> ServiceAtLocation | None:
    return next((sal for sal in service.locations if sal.location_id == location_id), None)


def result_again(session: Session, need: str, service_id: str, location_id: str | None,
                 distance_km: float | None, at: dt.datetime) -> SearchResult | None:
    """The result as search gives it now (its opening read at ``at``), from the same index;
    None if it is no longer an active service for the need."""
    index = directory_index(session)
    index.need(session, need)
    entry = index.entries.get(service_id)
    if entry is None:
        return None
    return result_for(entry, entry.link(location_id), distance_km, at)


def _weekly(schedules: list[Schedule]) -> tuple[WeeklySession, ...]:
    return tuple(sorted(
        (WeeklySession(s.weekday, s.opens_at, s.closes_at, s.valid_from, s.valid_to)
         for s in schedules),
        key=lambda w: (w.weekday, w.opens_at or dt.time(0))))


def service_detail(session: Session, need: str, service_id: str, location_id: str | None,
                   distance_km: float | None, at: dt.datetime) -> ServiceDetail | None:
    """The full details of a result; None if the service has gone from the directory."""
    result = result_again(session, need, service_id, location_id, distance_km, at)
    service = _service(session, service_id) if result is not None else None
    if service is None:
        return None
    sal = _link(service, location_id)
    location = sal.location if sal else None
    here = [s for s in service.schedules if s.service_at_location_id is None
            or (sal is not None and s.service_at_location_id == sal.id)]
    return ServiceDetail(
        result=result,
        address=location.address if location else "",
        postcode=location.postcode if location else "",
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        place_name=location.name if location else "",
        hours=_weekly(here),
        description=service.description,
    )
