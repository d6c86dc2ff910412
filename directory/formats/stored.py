"""The stored directory as the writers need it: every service with everything it links to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.models import Location, Organisation, Service, ServiceAtLocation, ServiceTerm


def load_services(session: Session) -> list[Service]:
    """Every service with everything the exporters need, in id order."""
    return list(session.scalars(
        select(Service).order_by(Service.id).options(
            selectinload(Service.organisation).selectinload(Organisation.phones),
            selectinload(Service.phones),
            selectinload(Service.terms).selectinload(ServiceTerm.term),
            selectinload(Service.schedules),
            selectinload(Service.locations).selectinload(ServiceAtLocation.location)
            .selectinload(Location.phones),
            selectinload(Service.locations).selectinload(ServiceAtLocation.schedules),
        )))
