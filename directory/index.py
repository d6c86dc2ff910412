"""The search index's values: active services as plain values, and for each need its located
services as points for a spatial prefilter (:mod:`directory.nearby`) and the rest by area.

:mod:`directory.index_load` reads them from the database. Ties are broken the same way every
time: by name, then service id; a service's locations are in id order, its phones and sessions
in the order they were added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from directory.models import AreaKind
from directory.nearby import Ordered, Points

_WARDS, _CITY, _NATIONAL = AreaKind.WARDS.value, AreaKind.CITY.value, AreaKind.NATIONAL.value


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
    #: None for a day the service opens with no published times.
    opens_at: dt.time | None
    closes_at: dt.time | None
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
    location_id: str = ""
    #: A place known only by its area ("Meanwood"): its point is the area's, for ranking only.
    area_name: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """An active service with everything a search result shows."""

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
    #: Communities of interest it is for (slugs from directory/communities.py).
    for_whom: tuple[str, ...] = ()
    #: The kinds of help it is made for, and those it offers as a side line (directory/needs).
    kinds: tuple[str, ...] = ()
    side_kinds: tuple[str, ...] = ()
    #: What its own words say of a line with no published hours: "24h" (24 hours, 24/7),
    #: "out-of-hours" (evenings, nights and weekends), or "".
    line_hours: str = ""
    #: What its own words say it gives within clothes and essentials (directory/items.py).
    items: tuple[str, ...] = ()

    def fit(self, kinds: tuple[str, ...] | list[str]) -> int:
        """How well it fits any of the kinds asked: 2 made for one, 1 a side line, 0 neither."""
        if any(kind in self.kinds for kind in kinds):
            return 2
        return 1 if any(kind in self.side_kinds for kind in kinds) else 0

    def link(self, location_id: str | None) -> Link | None:
        """The service at this location (None: no such location, or none asked for)."""
        return next((lk for lk in self.links if location_id and lk.location_id == location_id),
                    None)

    def hours_at(self, link: Link | None) -> list[Hours]:
        """The sessions that apply at a location: its own and the service-wide ones."""
        link_id = link.id if link is not None else None
        return [h for h in self.hours if h.link_id is None or h.link_id == link_id]


def _by_name(entry: Entry) -> tuple[str, str]:
    return entry.name, entry.id


class NeedIndex:
    """The active services for one need: located ones as points, area-wide ones by area."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._rows: list[tuple[float, float, int, int]] = []
        self._points: Points[Entry] = Points([], [], _by_name)
        #: Services offered in listed wards, by ward code, in name order.
        self.by_ward: dict[str, list[Entry]] = {}
        self.city: list[Entry] = []
        self.national: list[Entry] = []
        self._area: set[Entry] = set()
        self._is_area = np.zeros(0, dtype=bool)
        self._covering: dict[str | None, tuple[tuple[Entry, ...], dict[Entry, int]]] = {}

    def entries(self) -> list[Entry]:
        """Every active service of the need, located or not, in the order added."""
        return list(self._entries)

    def add(self, entry: Entry) -> None:
        """Add a service: its located places as points and, if area-wide, under its area."""
        number = len(self._entries)
        self._entries.append(entry)
        for pos, link in enumerate(entry.links):
            if link.latitude is not None and link.longitude is not None:
                self._rows.append((link.latitude, link.longitude, number, pos))
        if entry.area_kind == _WARDS:
            for ward in entry.area_wards:
                self.by_ward.setdefault(ward, []).append(entry)
        elif entry.area_kind == _CITY:
            self.city.append(entry)
        elif entry.area_kind == _NATIONAL:
            self.national.append(entry)
        else:
            return
        self._area.add(entry)

    def finish(self) -> None:
        """Build the points and put the area-wide lists in name order (after the last add)."""
        self._points = Points(self._entries, self._rows, _by_name)
        self._rows = []
        self._is_area = np.array([entry in self._area for entry in self._entries], dtype=bool)
        for group in (self.city, self.national, *self.by_ward.values()):
            group.sort(key=_by_name)

    def nearby(self, latitude: float, longitude: float, radii: Sequence[float],
               enough: int) -> tuple[float | None, Ordered[Entry]]:
        """The first radius with ``enough`` services (else the last) and those within it,
        nearest first."""
        radius: float | None = None
        found = (np.zeros(0), np.zeros(0, dtype=np.intp))
        for radius in radii:
            found = self._points.within(latitude, longitude, radius)
            if len(found[0]) >= enough:
                break
        return radius, Ordered(self._points, latitude, longitude, found, _by_name)

    def area_wide(self, ward_code: str | None,
                  local: Ordered[Entry] | None = None) -> Sequence[Entry]:
        """Services whose area covers the ward (None: outside Leeds) and are not in ``local``:
        those for the ward, then city-wide, then national ones, each in name order."""
        found = self._covering.get(ward_code)
        if found is None:
            wards = self.by_ward.get(ward_code, []) if ward_code else []
            covering = (*wards, *self.city, *self.national)
            found = self._covering[ward_code] = (covering, {e: k for k, e in enumerate(covering)})
        covering, position = found
        if local is None:
            return covering
        numbers = local.owner_numbers()
        shown = {position[self._entries[k]] for k in numbers[self._is_area[numbers]].tolist()
                 if self._entries[k] in position}
        return _Without(covering, sorted(shown)) if shown else covering


class _Without(Sequence[Entry]):
    """A sequence less the items at a few positions."""

    def __init__(self, items: Sequence[Entry], left_out: list[int]) -> None:
        self._items = items
        self._left_out = left_out

    def __len__(self) -> int:
        return len(self._items) - len(self._left_out)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        for left_out in self._left_out:
            if left_out > index:
                break
            index += 1
        return self._items[index]
