"""The search index: the active directory as plain values, with a spatial grid for each need.

Built from a few plain SELECTs (no ORM objects), so it holds only what a result shows. Ties are
broken the same way every time: services in id order, a service's locations in id order,
phones and schedules in the order they were added.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.geo import EARTH_RADIUS_KM
from directory.models import (
    AreaKind,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    TaxonomyTerm,
)

#: Grid cell size in degrees (about 2.2 km north-south and 2 km east-west in Leeds).
CELL_LAT = 0.02
CELL_LON = 0.03
#: Widens each cell search a little, so rounding can never leave out a place on the edge.
_MARGIN = 1.001

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Anchor:
    """The local community anchor organisation for a ward: a friendly first door."""

    name: str
    phone: str
    website: str
    source: str
    last_checked: dt.date | None


@dataclass(frozen=True, slots=True)
class Hours:
    """One weekly session of a service, at one of its locations (``link_id``) or at all."""

    link_id: str | None
    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True, slots=True)
class Link:
    """A service at one of its locations."""

    id: str
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    #: The location's first phone number, or "".
    phone: str


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """An active service with everything a search result shows."""

    #: Position in service id order: the last tie-break.
    rank: int
    id: str
    name: str
    organisation: str
    #: The service's own web address, else its organisation's.
    website: str
    #: The service's first phone number, or "".
    phone: str
    organisation_phone: str
    cost_kind: str
    cost_text: str
    referral_required: bool | None
    referral_how: str
    area_kind: str
    area_wards: frozenset[str]
    notes: str
    source: str
    last_checked: dt.date | None
    links: tuple[Link, ...]
    hours: tuple[Hours, ...]

    def hours_at(self, link: Link | None) -> list[Hours]:
        """The sessions that apply at a location: its own and the service-wide ones."""
        link_id = link.id if link is not None else None
        return [h for h in self.hours if h.link_id is None or h.link_id == link_id]


#: A located service in a grid cell: (latitude in radians, its cosine, longitude, entry,
#: position of the link in ``entry.links``).
Point = tuple[float, float, float, Entry, int]
#: A local result: (distance in km, entry, the nearest of its locations).
Nearby = tuple[float, Entry, Link]


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL_LAT), math.floor(longitude / CELL_LON)


@dataclass
class NeedIndex:
    """The active services for one need."""

    cells: dict[tuple[int, int], list[Point]] = field(default_factory=dict)
    #: Services offered in listed wards, by ward code, in name order.
    by_ward: dict[str, list[Entry]] = field(default_factory=dict)
    city: list[Entry] = field(default_factory=list)
    national: list[Entry] = field(default_factory=list)
    _area_ranks: set[int] = field(default_factory=set)
    _area_memo: dict[str | None, tuple[Entry, ...]] = field(default_factory=dict)

    def _within(self, latitude: float, longitude: float, radius: float) -> list[Nearby]:
        """Services with a location within ``radius`` km, each at its nearest location."""
        sin, cos, asin, sqrt, radians = math.sin, math.cos, math.asin, math.sqrt, math.radians
        # The same arithmetic as directory.geo.haversine_km, so distances match it exactly.
        phi1 = radians(latitude)
        cos1 = cos(phi1)
        angle = radius / EARTH_RADIUS_KM
        dlat = math.degrees(angle) * _MARGIN
        # The widest longitude reached by the circle (no wrap at the antimeridian: Leeds only).
        if abs(latitude) + dlat >= 90 or math.sin(angle) >= cos1:
            dlon = 180.0
        else:
            dlon = math.degrees(math.asin(math.sin(angle) / cos1)) * _MARGIN
        low_i, low_j = _cell(latitude - dlat, longitude - dlon)
        high_i, high_j = _cell(latitude + dlat, longitude + dlon)
        best: dict[int, tuple[float, int, Entry]] = {}
        two_r = 2 * EARTH_RADIUS_KM
        cells = self.cells
        for i in range(low_i, high_i + 1):
            for j in range(low_j, high_j + 1):
                for phi2, cos2, lon2, entry, pos in cells.get((i, j), ()):
                    a = (sin((phi2 - phi1) / 2) ** 2
                         + cos1 * cos2 * sin(radians(lon2 - longitude) / 2) ** 2)
                    d = two_r * asin(min(1.0, sqrt(a)))
                    if d <= radius:
                        seen = best.get(entry.rank)
                        if seen is None or (d, pos) < seen[:2]:
                            best[entry.rank] = (d, pos, entry)
        return [(d, entry, entry.links[pos]) for d, pos, entry in best.values()]

    def nearby(self, latitude: float, longitude: float, radii: Sequence[float],
               enough: int) -> tuple[float | None, list[Nearby]]:
        """The first radius with ``enough`` services (else the last) and those within it,
        nearest first."""
        radius: float | None = None
        within: list[Nearby] = []
        for radius in radii:
            within = self._within(latitude, longitude, radius)
            if len(within) >= enough:
                break
        within.sort(key=lambda item: (item[0], item[1].name, item[1].rank))
        return radius, within

    def area_wide(self, ward_code: str | None, local: list[Nearby]) -> Sequence[Entry]:
        """Services whose area covers the ward (None: outside Leeds) and are not in ``local``:
        those for the ward, then city-wide, then national ones, each in name order."""
        covering = self._area_memo.get(ward_code)
        if covering is None:
            wards = self.by_ward.get(ward_code, []) if ward_code else []
            covering = self._area_memo[ward_code] = (*wards, *self.city, *self.national)
        if not any(entry.rank in self._area_ranks for _, entry, _ in local):
            return covering
        local_ranks = {entry.rank for _, entry, _ in local}
        return [entry for entry in covering if entry.rank not in local_ranks]


_NO_SERVICES = NeedIndex()


@dataclass
class DirectoryIndex:
    """Every active service, by need, and the wards' community anchors."""

    needs: dict[str, NeedIndex]
    #: (anchor wards as written, anchor) for each anchor organisation, in name order.
    anchors: list[tuple[str, Anchor]]
    services: int
    _anchor_memo: dict[str, Anchor | None] = field(default_factory=dict)

    def need(self, slug: str) -> NeedIndex:
        return self.needs.get(slug, _NO_SERVICES)

    def anchor(self, ward_code: str | None) -> Anchor | None:
        """The first anchor organisation (by name) whose anchor wards name ``ward_code``."""
        if not ward_code:
            return None
        if ward_code not in self._anchor_memo:
            self._anchor_memo[ward_code] = next(
                (anchor for wards, anchor in self.anchors if ward_code in wards), None)
        return self._anchor_memo[ward_code]


class _Shared:
    """One copy of each repeated value (sources, organisation names, dates, times)."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}

    def __call__(self, value: T) -> T:
        return self._values.setdefault(value, value)


def _first_phones(session: Session) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The first phone number of each service, location and organisation."""
    services: dict[str, str] = {}
    locations: dict[str, str] = {}
    organisations: dict[str, str] = {}
    for number, service_id, location_id, organisation_id in session.execute(
            select(Phone.number, Phone.service_id, Phone.location_id, Phone.organisation_id)
            .where(Phone.number != "").order_by(Phone.id)):
        for owners, owner in ((services, service_id), (locations, location_id),
                              (organisations, organisation_id)):
            if owner is not None and owner not in owners:
                owners[owner] = number
    return services, locations, organisations


def _links(session: Session, share: _Shared, phones: dict[str, str],
           active: set[str]) -> dict[str, list[Link]]:
    """Each active service's locations, in id order."""
    links: dict[str, list[Link]] = defaultdict(list)
    for link_id, service_id, location_id, address, postcode, latitude, longitude in \
            session.execute(select(ServiceAtLocation.id, ServiceAtLocation.service_id,
                                   Location.id, Location.address, Location.postcode,
                                   Location.latitude, Location.longitude)
                            .join(Location, Location.id == ServiceAtLocation.location_id)):
        if service_id in active:
            links[service_id].append(Link(link_id, share(address), share(postcode), latitude,
                                          longitude, phones.get(location_id, "")))
    for found in links.values():
        found.sort(key=lambda link: link.id)
    return links


def _hours(session: Session, share: _Shared, active: set[str]) -> dict[str, list[Hours]]:
    """Each active service's sessions, in the order they were added."""
    hours: dict[str, list[Hours]] = defaultdict(list)
    for service_id, link_id, weekday, opens, closes, valid_from, valid_to in session.execute(
            select(Schedule.service_id, Schedule.service_at_location_id, Schedule.weekday,
                   Schedule.opens_at, Schedule.closes_at, Schedule.valid_from,
                   Schedule.valid_to).order_by(Schedule.id)):
        if service_id in active:
            hours[service_id].append(Hours(link_id, weekday, share(opens), share(closes),
                                           share(valid_from), share(valid_to)))
    return hours


def _needs(session: Session, active: set[str]) -> dict[str, set[str]]:
    """The needs each active service meets."""
    needs: dict[str, set[str]] = defaultdict(set)
    for service_id, slug in session.execute(
            select(ServiceTerm.service_id, TaxonomyTerm.need_slug)
            .join(TaxonomyTerm, TaxonomyTerm.id == ServiceTerm.term_id)
            .where(TaxonomyTerm.need_slug != "")):
        if service_id in active:
            needs[service_id].add(slug)
    return needs


def _add(found: NeedIndex, entry: Entry) -> None:
    """File an entry under its locations' grid cells and, if area-wide, under its area."""
    for pos, link in enumerate(entry.links):
        if link.latitude is None or link.longitude is None:
            continue
        phi = math.radians(link.latitude)
        point = (phi, math.cos(phi), link.longitude, entry, pos)
        found.cells.setdefault(_cell(link.latitude, link.longitude), []).append(point)
    if entry.area_kind == AreaKind.WARDS.value:
        for ward in entry.area_wards:
            found.by_ward.setdefault(ward, []).append(entry)
    elif entry.area_kind == AreaKind.CITY.value:
        found.city.append(entry)
    elif entry.area_kind == AreaKind.NATIONAL.value:
        found.national.append(entry)
    else:
        return
    found._area_ranks.add(entry.rank)


def build_index(session: Session) -> DirectoryIndex:
    """Read the directory as the session's transaction sees it into a new index."""
    share = _Shared()
    organisations = {row.id: row for row in session.execute(
        select(Organisation.id, Organisation.name, Organisation.website, Organisation.source,
               Organisation.last_checked, Organisation.anchor_wards)
        .order_by(Organisation.name))}
    service_phones, location_phones, organisation_phones = _first_phones(session)
    rows = sorted(session.execute(select(
        Service.id, Service.organisation_id, Service.status, Service.name, Service.url,
        Service.cost_kind, Service.cost_text, Service.referral_required, Service.referral_how,
        Service.area_kind, Service.area_wards, Service.notes, Service.source,
        Service.last_checked)), key=lambda row: row.id)
    active = {row.id for row in rows if row.status == ServiceStatus.ACTIVE.value}
    links, hours, needs = _links(session, share, location_phones, active), \
        _hours(session, share, active), _needs(session, active)
    index = DirectoryIndex({}, _anchors(organisations, rows, service_phones,
                                        organisation_phones), len(active))
    for rank, row in enumerate(r for r in rows if r.id in active):
        org = organisations[row.organisation_id]
        entry = Entry(
            rank, row.id, row.name, share(org.name), share(row.url or org.website),
            service_phones.get(row.id, ""), organisation_phones.get(org.id, ""),
            share(row.cost_kind), share(row.cost_text), row.referral_required,
            share(row.referral_how), share(row.area_kind),
            share(frozenset(w.strip() for w in row.area_wards.split(",")) - {""}),
            share(row.notes),
            share(row.source), share(row.last_checked), tuple(links.get(row.id, ())),
            tuple(hours.get(row.id, ())))
        for slug in needs.get(row.id, ()):
            _add(index.needs.setdefault(slug, NeedIndex()), entry)
    for found in index.needs.values():
        for group in (found.city, found.national, *found.by_ward.values()):
            group.sort(key=lambda entry: (entry.name, entry.rank))
    return index


def _anchors(organisations: dict[str, Any], rows: list[Any], service_phones: dict[str, str],
             organisation_phones: dict[str, str]) -> list[tuple[str, Anchor]]:
    """The anchor organisations in name order, each with its phone or else a service's."""
    by_organisation: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_organisation[row.organisation_id].append(row.id)
    anchors = []
    for org in organisations.values():
        if not org.anchor_wards:
            continue
        phone = organisation_phones.get(org.id) or next(
            (service_phones[s] for s in by_organisation[org.id] if s in service_phones), "")
        anchors.append((org.anchor_wards, Anchor(org.name, phone, org.website, org.source,
                                                 org.last_checked)))
    return anchors
