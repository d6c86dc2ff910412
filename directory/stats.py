"""What the directory holds, for keepers: ``signpost directory stats`` prints this.

Counts only; no wall clock: "checked in the last 24 months" is counted from the day it is given
(the command passes today's date in London), and records with no date are counted as undated,
never given one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from directory.models import (
    AreaKind,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    Ward,
)
from directory.needs import NEED_SLUGS

UNDATED = "undated"


@dataclass
class Known:
    """How many of ``total`` services say when they open, what they cost, whether a referral
    is needed."""

    total: int = 0
    hours: int = 0
    cost: int = 0
    referral: int = 0

    def share(self, count: int) -> float:
        return round(count / self.total, 3) if self.total else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"services": self.total,
                **{key: {"count": getattr(self, key), "share": self.share(getattr(self, key))}
                   for key in ("hours", "cost", "referral")}}


#: Details checked within this long count as current.
CURRENT_FOR = dt.timedelta(days=730)


@dataclass
class Reach:
    """How many of the ``total`` active services a resident can reach, and how current they are."""

    total: int = 0
    phone: int = 0
    any_contact: int = 0
    #: Checked or published within ``CURRENT_FOR`` of the day given (None: no day given).
    current: int | None = None

    def to_dict(self) -> dict[str, object]:
        def entry(count: int | None) -> dict[str, object] | None:
            if count is None:
                return None
            return {"count": count, "share": round(count / self.total, 3) if self.total else 0.0}

        return {"services": self.total, "phone": entry(self.phone),
                "any_contact": entry(self.any_contact),
                "checked_in_24_months": entry(self.current)}


def _reach(reach: Reach, service: Service, today: dt.date | None) -> None:
    phones = bool(service.phones) or any(link.location.phones for link in service.locations) \
        or bool(service.organisation and service.organisation.phones)
    organisation = service.organisation
    other = service.url or service.email or (organisation and (organisation.website
                                                               or organisation.email))
    reach.total += 1
    reach.phone += phones
    reach.any_contact += bool(phones or other)
    if today is not None:
        recent = service.last_checked is not None and today - service.last_checked <= CURRENT_FOR
        reach.current = (reach.current or 0) + recent


@dataclass
class DirectoryStats:
    services: int = 0
    organisations: int = 0
    locations: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    #: Every need, 0 included: services with that need.
    by_need: dict[str, int] = field(default_factory=dict)
    #: Ward name -> active services a resident can visit there: a place in the ward (by its
    #: postcode or its area) or a service offered to that ward by name.
    local_by_ward: dict[str, int] = field(default_factory=dict)
    #: Every service, and the active ones at a place (the "local services" of issue 12).
    known: Known = field(default_factory=Known)
    known_local: Known = field(default_factory=Known)
    #: Year of each service's last_checked ("undated" when it has none), oldest first.
    checked_by_year: dict[str, int] = field(default_factory=dict)
    oldest: str = ""
    newest: str = ""
    #: Active services: a phone, any contact, checked lately.
    reach: Reach = field(default_factory=Reach)

    def to_dict(self) -> dict[str, object]:
        return {"services": self.services, "organisations": self.organisations,
                "locations": self.locations, "by_status": self.by_status,
                "by_need": self.by_need, "local_by_ward": self.local_by_ward,
                "known": self.known.to_dict(), "known_local": self.known_local.to_dict(),
                "checked_by_year": self.checked_by_year,
                "oldest_checked": self.oldest or None, "newest_checked": self.newest or None,
                "reach": self.reach.to_dict()}


def _count(known: Known, service: Service) -> None:
    known.total += 1
    known.hours += bool(service.schedules)
    known.cost += bool(service.cost_kind or service.cost_text)
    known.referral += service.referral_required is not None


def directory_stats(session: Session, today: dt.date | None = None) -> DirectoryStats:
    """The figures; ``today`` (London) dates the "checked in the last 24 months" share."""
    stats = DirectoryStats()
    stats.services = session.scalar(select(func.count()).select_from(Service)) or 0
    stats.organisations = session.scalar(select(func.count()).select_from(Organisation)) or 0
    stats.locations = session.scalar(select(func.count()).select_from(Location)) or 0
    services = session.scalars(select(Service).order_by(Service.id).options(
        selectinload(Service.schedules), selectinload(Service.phones),
        selectinload(Service.organisation).selectinload(Organisation.phones),
        selectinload(Service.terms).selectinload(ServiceTerm.term),
        selectinload(Service.locations).selectinload(ServiceAtLocation.location)
        .selectinload(Location.phones))).all()
    wards: dict[str, str] = {code: name for code, name in
                             session.execute(select(Ward.code, Ward.name))}
    statuses: Counter[str] = Counter()
    needs: Counter[str] = Counter()
    by_ward: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for service in services:
        statuses[service.status] += 1
        needs.update(service.need_slugs)
        years[str(service.last_checked.year) if service.last_checked else UNDATED] += 1
        _count(stats.known, service)
        if service.status != ServiceStatus.ACTIVE.value:
            continue
        _reach(stats.reach, service, today)
        if service.locations:
            _count(stats.known_local, service)
        codes = {link.location.ward_code for link in service.locations}
        if service.area_kind == AreaKind.WARDS.value:
            codes |= set(filter(None, service.area_wards.split(",")))
        by_ward.update(wards[c] for c in codes if c in wards)
    stats.by_status = dict(sorted(statuses.items()))
    stats.by_need = {slug: needs[slug] for slug in NEED_SLUGS}
    stats.by_need.update((slug, n) for slug, n in sorted(needs.items()) if slug not in NEED_SLUGS)
    stats.local_by_ward = {name: by_ward[name] for name in sorted(wards.values())}
    stats.checked_by_year = {y: years[y] for y in sorted(years, key=lambda y: (y == UNDATED, y))}
    dates = sorted(s.last_checked for s in services if s.last_checked)
    if dates:
        stats.oldest, stats.newest = dates[0].isoformat(), dates[-1].isoformat()
    return stats
