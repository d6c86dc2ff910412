"""What a search returns: results in order, each built only when it is first read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from directory.index import Anchor, Entry, Link
from directory.nearby import Ordered
from directory.opening import OpeningState, opening_state


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
    #: The kinds of help it is made for, and those it offers as a side line.
    kinds: tuple[str, ...] = ()
    side_kinds: tuple[str, ...] = ()
    #: "24h", "out-of-hours" or "": what its own words say of a line with no published hours.
    line_hours: str = ""
    #: What it gives within clothes and essentials (directory/items.py).
    items: tuple[str, ...] = ()

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
        }


def result_for(entry: Entry, link: Link | None, distance: float | None,
               at: dt.datetime) -> SearchResult:
    """One service as a result: at ``link`` (if any), opening hours read at ``at``."""
    return SearchResult(
        service_id=entry.id,
        name=entry.name,
        organisation=entry.organisation,
        distance_km=distance,
        address=link.address if link else "",
        postcode=link.postcode if link else "",
        phone=entry.phone or (link.phone if link else "") or entry.organisation_phone,
        website=entry.website,
        opening=opening_state(entry.hours_at(link), at),
        cost_kind=entry.cost_kind,
        cost_text=entry.cost_text,
        referral_required=entry.referral_required,
        referral_how=entry.referral_how,
        area_kind=entry.area_kind,
        notes=entry.notes,
        source=entry.source,
        last_checked=entry.last_checked,
        location_id=link.location_id if link else None,
        area_name=link.area_name if link else "",
        for_whom=entry.for_whom,
        kinds=entry.kinds,
        side_kinds=entry.side_kinds,
        line_hours=entry.line_hours,
        items=entry.items,
    )


class ResultList(Sequence[SearchResult]):
    """Local results (nearest first), then area-wide ones; each result, with its opening
    state, is built when first read, so sending one page builds only that page."""

    def __init__(self, local: Ordered[Entry] | Sequence[tuple[float, Entry, int]],
                 area: Sequence[Entry], at: dt.datetime,
                 built: dict[int, SearchResult] | None = None) -> None:
        self._local = local
        self._area = area
        self._at = at
        self._built: dict[int, SearchResult] = {} if built is None else built

    def __len__(self) -> int:
        return len(self._local) + len(self._area)

    @overload
    def __getitem__(self, index: int) -> SearchResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchResult]: ...

    def __getitem__(self, index: int | slice) -> SearchResult | list[SearchResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("search result index out of range")
        result = self._built.get(index)
        if result is None:
            result = self._built[index] = self._build(index)
        return result

    def _build(self, index: int) -> SearchResult:
        if index < len(self._local):
            distance, entry, pos = self._local[index]
            return result_for(entry, entry.links[pos], distance, self._at)
        entry = self._area[index - len(self._local)]
        return result_for(entry, entry.links[0] if entry.links else None, None, self._at)

    def __iter__(self) -> Iterator[SearchResult]:
        for index in range(len(self)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ResultList({list(self)!r})"

    def local(self) -> ResultList:
        """The local results only (sharing the ones already built)."""
        return ResultList(self._local, (), self._at, self._built)


@dataclass
class SearchOutcome:
    results: Sequence[SearchResult] = field(default_factory=list)
    radius_km: float | None = None
    anchor: Anchor | None = None

    @property
    def local(self) -> Sequence[SearchResult]:
        if isinstance(self.results, ResultList):
            return self.results.local()
        return [r for r in self.results if r.is_local]
