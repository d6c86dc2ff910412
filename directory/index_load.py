"""Read the search index from the database: a few plain SELECTs a need, no ORM objects.

A :class:`DirectoryIndex` stands for one version of the directory. Each need's services are
read the first time that need is searched, and the wards' anchors the first time one is asked
for, so a worker's first answer reads only what it shows.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Select, String, select, type_coerce
from sqlalchemy.orm import Session

from directory.communities import community_of_term
from directory.index import Anchor, Entry, Hours, Link, NeedIndex
from directory.items import items_named
from directory.models import (
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
from directory.needs import kind_of_term
from directory.places import known_area

_SERVICE, _ORG, _LOCATION, _LINK, _PHONE, _SCHEDULE, _SERVICE_TERM, _TERM = (
    model.__table__ for model in (Service, Organisation, Location, ServiceAtLocation, Phone,
                                  Schedule, ServiceTerm, TaxonomyTerm))
_ACTIVE = ServiceStatus.ACTIVE.value

def _raw(column: Any) -> Any:
    """A date or time column as the driver gives it (SQLite: ISO text), converted by _Values."""
    return type_coerce(column, String)


class _Values:
    """One copy of each repeated value (sources, dates, times), shared by the whole index."""

    def __init__(self) -> None:
        self._text: dict[Any, Any] = {}
        self._dates: dict[Any, dt.date | None] = {None: None}
        self._times: dict[Any, dt.time] = {}
        #: ``share(value, value)``: the one copy of a text, tuple or frozenset.
        self.share = self._text.setdefault

    def date(self, raw: Any) -> dt.date | None:
        found = self._dates.get(raw)
        if found is None and raw is not None:
            found = self._dates[raw] = raw if isinstance(raw, dt.date) else \
                dt.date.fromisoformat(raw)
        return found

    def time(self, raw: Any) -> dt.time | None:
        if raw is None:
            return None  # a day with no published times
        found = self._times.get(raw)
        if found is None:
            found = self._times[raw] = raw if isinstance(raw, dt.time) else \
                dt.time.fromisoformat(raw)
        return found


def _first_phone(owner: Any) -> Any:
    """The first phone number added for the row's owner (``owner``: a phone column = a row's
    id), or NULL."""
    return (select(_PHONE.c.number).where(owner, _PHONE.c.number != "")
            .order_by(_PHONE.c.id).limit(1).scalar_subquery())


def _links(session: Session, services: Select, wanted: set[str],
           values: _Values) -> dict[str, tuple[Link, ...]]:
    """Each wanted service's locations, in id order."""
    connection = session.connection()
    links: dict[str, list[Link]] = defaultdict(list)
    for link_id, service_id, address, postcode, latitude, longitude, phone, location_id, \
            area_name in connection.execute(
                select(_LINK.c.id, _LINK.c.service_id, _LOCATION.c.address,
                       _LOCATION.c.postcode, _LOCATION.c.latitude, _LOCATION.c.longitude,
                       _first_phone(_PHONE.c.location_id == _LOCATION.c.id), _LOCATION.c.id,
                       _LOCATION.c.area_name)
                .join(_LOCATION, _LOCATION.c.id == _LINK.c.location_id)
                .where(_LINK.c.service_id.in_(services))).all():
        if service_id not in wanted:
            continue
        area_name = area_name or ""
        if latitude is None and area_name:  # placed by its area: the centre ranks it
            area = known_area(session, area_name)
            latitude, longitude = (area.latitude, area.longitude) if area else (None, None)
        else:
            area_name = ""  # a place with its own point says how far it is
        links[service_id].append(Link(link_id, address, values.share(postcode, postcode),
                                      latitude, longitude, phone or "", location_id,
                                      values.share(area_name, area_name)))
    return {key: tuple(sorted(found, key=lambda link: link.id)) for key, found in links.items()}


def _hours(connection: Connection, services: Select, wanted: set[str],
           values: _Values) -> dict[str, tuple[Hours, ...]]:
    """Each wanted service's sessions, in the order they were added."""
    hours: dict[str, list[Hours]] = defaultdict(list)
    s = _SCHEDULE.c
    for service_id, link_id, weekday, opens, closes, valid_from, valid_to in connection.execute(
            select(s.service_id, s.service_at_location_id, s.weekday, _raw(s.opens_at),
                   _raw(s.closes_at), _raw(s.valid_from), _raw(s.valid_to))
            .where(s.service_id.in_(services)).order_by(s.id)).all():
        if service_id in wanted:
            hours[service_id].append(Hours(link_id, weekday, values.time(opens),
                                           values.time(closes), values.date(valid_from),
                                           values.date(valid_to)))
    return {key: tuple(found) for key, found in hours.items()}


_Terms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _communities(connection: Connection, services: Select,
                 wanted: set[str]) -> dict[str, _Terms]:
    """Each wanted service's (communities of interest, kinds it is made for, side kinds), from
    its taxonomy terms."""
    found: dict[str, tuple[set[str], set[str], set[str]]] = defaultdict(
        lambda: (set(), set(), set()))
    for service_id, term_id, taxonomy in connection.execute(
            select(_SERVICE_TERM.c.service_id, _TERM.c.id, _TERM.c.taxonomy)
            .join(_TERM, _TERM.c.id == _SERVICE_TERM.c.term_id)
            .where(_SERVICE_TERM.c.service_id.in_(services))).all():
        if service_id not in wanted:
            continue
        community = community_of_term(term_id, taxonomy)
        kind = kind_of_term(term_id)
        if community:
            found[service_id][0].add(community)
        elif kind is not None:
            found[service_id][2 if kind[1] else 1].add(kind[0])
    return {key: (tuple(sorted(c)), tuple(sorted(k)), tuple(sorted(side - k)))
            for key, (c, k, side) in found.items()}


_ALWAYS = re.compile(r"\b24[- ]?hours?\b|\b24/7\b|\b24 hours a day\b|\bhopeline247\b", re.I)
_OUT_OF_HOURS = re.compile(r"\bout[- ]of[- ]hours\b", re.I)


def line_hours(words: str) -> str:
    """"24h" when a service's name or description says it is open 24 hours, "out-of-hours"
    when it says it answers out of hours, else ""."""
    if _ALWAYS.search(words):
        return "24h"
    return "out-of-hours" if _OUT_OF_HOURS.search(words) else ""


def _wards(share: Callable[[Any, Any], Any], area_wards: str) -> frozenset[str]:
    """The ward codes a comma-separated list names (one copy of each distinct list)."""
    wards = frozenset(w.strip() for w in area_wards.split(",")) - {""} if area_wards else \
        frozenset()
    return share(wards, wards)


def read_need(session: Session, slug: str, entries: dict[str, Entry],
              values: _Values) -> NeedIndex:
    """The active services for a need; services already in ``entries`` are not built again."""
    connection = session.connection()
    services = (select(_SERVICE_TERM.c.service_id)
                .join(_TERM, _TERM.c.id == _SERVICE_TERM.c.term_id)
                .where(_TERM.c.need_slug == slug))
    s, o = _SERVICE.c, _ORG.c
    rows = connection.execute(
        select(s.id, s.name, s.description, s.url, s.cost_kind, s.cost_text, s.referral_required,
               s.referral_how, s.area_kind, s.area_wards, s.notes, s.source,
               _raw(s.last_checked), o.name, o.website,
               _first_phone(_PHONE.c.service_id == s.id),
               _first_phone(_PHONE.c.organisation_id == o.id))
        .join(_ORG, o.id == s.organisation_id)
        .where(s.status == _ACTIVE, s.id.in_(services))).all()
    wanted = {row[0] for row in rows if row[0] not in entries}
    links = _links(session, services, wanted, values) if wanted else {}
    hours = _hours(connection, services, wanted, values) if wanted else {}
    communities = _communities(connection, services, wanted) if wanted else {}
    share = values.share
    found = NeedIndex()
    for (service_id, name, description, url, cost_kind, cost_text, referral_required, referral_how,
         area_kind, area_wards, notes, source, last_checked, org_name, org_website, phone,
         org_phone) in rows:
        entry = entries.get(service_id)
        if entry is None:
            website = url or org_website
            entry = entries[service_id] = Entry(
                service_id, name, share(org_name, org_name), share(website, website),
                phone or "", org_phone or "", share(cost_kind, cost_kind),
                share(cost_text, cost_text), referral_required,
                share(referral_how, referral_how), share(area_kind, area_kind),
                _wards(share, area_wards), share(notes, notes), share(source, source),
                values.date(last_checked), links.get(service_id, ()),
                hours.get(service_id, ()), *communities.get(service_id, ((), (), ())),
                line_hours(f"{name} {description}"), items_named(f"{name} {description}"))
        found.add(entry)
    found.finish()
    return found


def read_anchors(session: Session, values: _Values) -> list[tuple[str, Anchor]]:
    """(anchor wards as written, anchor) for each anchor organisation, in name order, each
    with its own phone number or else its first service's."""
    connection = session.connection()
    o, s = _ORG.c, _SERVICE.c
    anchors = select(o.id).where(o.anchor_wards != "")
    services: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for org_id, service_id, phone in connection.execute(
            select(s.organisation_id, s.id, _first_phone(_PHONE.c.service_id == s.id))
            .where(s.organisation_id.in_(anchors))).all():
        if phone:
            services[org_id].append((service_id, phone))
    found = []
    for org_id, name, website, source, last_checked, wards, phone in connection.execute(
            select(o.id, o.name, o.website, o.source, _raw(o.last_checked), o.anchor_wards,
                   _first_phone(_PHONE.c.organisation_id == o.id))
            .where(o.anchor_wards != "").order_by(o.name)).all():
        phone = phone or min(services[org_id], default=("", ""))[1]
        found.append((wards, Anchor(name, phone, website, source, values.date(last_checked))))
    return found


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while reading: the many new objects would set it off
    again and again, each time walking everything already read (nothing read makes cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DirectoryIndex:
    """One version of the directory: each need read on its first search, the anchors on the
    first look-up."""

    def __init__(self) -> None:
        self._needs: dict[str, NeedIndex] = {}
        #: Every service read so far, by id: a service with several needs is held once.
        self.entries: dict[str, Entry] = {}
        self._values = _Values()
        self._anchors: list[tuple[str, Anchor]] | None = None
        self._anchor_of: dict[str, Anchor | None] = {}
        self._reading = threading.Lock()

    def need(self, session: Session, slug: str) -> NeedIndex:
        """The need's services, read through ``session`` if this is the need's first search."""
        found = self._needs.get(slug)
        if found is None:
            with self._reading, _no_collection():
                found = self._needs.get(slug)
                if found is None:
                    found = self._needs[slug] = read_need(session, slug, self.entries,
                                                          self._values)
        return found

    def anchor(self, session: Session, ward_code: str | None) -> Anchor | None:
        """The ward's anchor organisation: one whose anchor wards name ``ward_code``."""
        if not ward_code:
            return None
        if ward_code not in self._anchor_of:
            with self._reading:
                if self._anchors is None:
                    self._anchors = read_anchors(session, self._values)
            # The first by name that a resident can reach: a phone, then a website, then any.
            here = [anchor for wards, anchor in self._anchors if ward_code in wards]
            here.sort(key=lambda a: (not a.phone, not a.website))
            self._anchor_of[ward_code] = here[0] if here else None
        return self._anchor_of[ward_code]
