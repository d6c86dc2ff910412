"""The stored directory as the writers need it: every service with everything it links to."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.models import Location, Organisation, Service, ServiceAtLocation, ServiceTerm


def load_services(session: Session, ids: Iterable[str] | None = None) -> list[Service]:
    """Every service (or those with these ids) with everything the exporters need, in id
    order."""
    statement = select(Service).order_by(Service.id)
    if ids is not None:
        statement = statement.where(Service.id.in_(list(ids)))
    return list(session.scalars(
        statement.options(
            selectinload(Service.organisation).selectinload(Organisation.phones),
            selectinload(Service.phones),
            selectinload(Service.terms).selectinload(ServiceTerm.term),
            selectinload(Service.schedules),
            selectinload(Service.locations).selectinload(ServiceAtLocation.location)
            .selectinload(Location.phones),
            selectinload(Service.locations).selectinload(ServiceAtLocation.schedules),
        )))
