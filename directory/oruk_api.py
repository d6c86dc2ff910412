"""The directory as the answers of an Open Referral UK 3.0 API: filters, pages and objects.

The web layer (``webhooks/oruk.py``) turns query parameters into a :class:`ServiceQuery` and
these answers into JSON; nothing here knows HTTP. Objects come from
:mod:`directory.formats.oruk_objects`, the shapes the ORUK JSON export writes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from core.errors import BadInput
from directory.formats.oruk_objects import location_object, service_object
from directory.formats.stored import load_services
from directory.formats.values import DAY_CODES, DAY_NAMES, parse_time
from directory.geo import haversine_km
from directory.models import (
    Organisation,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
    Ward,
)
from directory.needs import KIND_TAXONOMY, NEED_TAXONOMY, SIDE_KIND_TAXONOMY
from directory.postcodes import normalise_postcode

Json = dict[str, Any]
#: ORUK version and UK profile this API follows.
VERSION = "3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
#: The fields of a service in a ``/services`` page (the one-to-one fields of the UK profile).
LIST_FIELDS = ("id", "name", "description", "url", "email", "status", "assured_date")
TAXONOMY_DESCRIPTIONS = {
    NEED_TAXONOMY: "Leeds Signpost's need categories (food, money, housing, heating, wellbeing "
                   "and more).",
    KIND_TAXONOMY: "Leeds Signpost's kinds of help within a need (debt advice, a food bank, "
                   "somewhere to stay tonight...): what a service is made for.",
    SIDE_KIND_TAXONOMY: "The same kinds of help, for a service that offers one as a side line.",
}


class QueryError(BadInput):
    """A query parameter that cannot be used, with a sentence saying why."""


#: The highest page number asked for (a directory of a million services, one a page).
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def parse(cls, page: str | None, per_page: str | None) -> Paging:
        """Paging from query text; QueryError when a value is not a whole number in range."""
        number = _whole(page, "page", 1) if page else 1
        if number > MAX_PAGE:  # an offset past any directory, and past what SQL can hold
            raise QueryError(f"page must be {MAX_PAGE:,} or less")
        size = _whole(per_page, "per_page", 1) if per_page else DEFAULT_PER_PAGE
        if size > MAX_PER_PAGE:
            raise QueryError(f"per_page {size} is more than {MAX_PER_PAGE}, the most one page "
                             "holds: ask for the next page instead")
        return cls(number, size)


@dataclass(frozen=True)
class ServiceQuery:
    """The filters of ``/services`` and ``/service_at_locations``."""

    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    weekday: int | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None

    @classmethod
    def parse(cls, args: dict[str, str]) -> ServiceQuery:
        """The filters from query text; QueryError for a day, time or age that is not one."""
        return cls(
            search=args.get("search", "").strip(),
            taxonomy_term_id=args.get("taxonomy_term_id", "").strip(),
            taxonomy_id=args.get("taxonomy_id", "").strip(),
            weekday=_weekday(args["day"]) if args.get("day") else None,
            start_time=_time(args["start_time"], "start_time") if args.get("start_time") else None,
            end_time=_time(args["end_time"], "end_time") if args.get("end_time") else None,
            minimum_age=_age(args["minimum_age"], "minimum_age")
            if args.get("minimum_age") else None,
            maximum_age=_age(args["maximum_age"], "maximum_age")
            if args.get("maximum_age") else None,
        )

    def apply(self, statement: Select) -> Select:
        """``statement`` (selecting from service) narrowed by these filters.

        We hold no age limits: every service is open to all ages, so the age filters (checked
        to be numbers) keep every service."""
        if self.search:
            words = f"%{self.search.lower()}%"
            orgs = select(Organisation.id).where(func.lower(Organisation.name).like(words))
            statement = statement.where(or_(func.lower(Service.name).like(words),
                                            func.lower(Service.description).like(words),
                                            Service.organisation_id.in_(orgs)))
        if self.taxonomy_term_id:
            statement = statement.where(Service.id.in_(select(ServiceTerm.service_id).where(
                ServiceTerm.term_id == self.taxonomy_term_id)))
        if self.taxonomy_id:
            statement = statement.where(Service.id.in_(
                select(ServiceTerm.service_id).join(TaxonomyTerm,
                                                    TaxonomyTerm.id == ServiceTerm.term_id)
                .where(TaxonomyTerm.taxonomy == self.taxonomy_id)))
        sessions = []
        if self.weekday is not None:
            sessions.append(Schedule.weekday == self.weekday)
        if self.start_time is not None:
            sessions.append(Schedule.opens_at >= self.start_time)
        if self.end_time is not None:
            sessions.append(Schedule.closes_at <= self.end_time)
        if sessions:
            statement = statement.where(Service.id.in_(select(Schedule.service_id)
                                                       .where(*sessions)))
        return statement


#: The query parameters each request takes, as the ORUK API's OpenAPI lists them (``full`` is
#: ours: whole services in a ``/services`` page). Anything else is refused, by name.
PAGING_PARAMETERS = ("page", "per_page")
FILTER_PARAMETERS = ("search", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age",
                     "start_time", "end_time", "day")
NEAR_PARAMETERS = ("postcode", "proximity")
PARAMETERS: dict[str, tuple[str, ...]] = {
    "services": PAGING_PARAMETERS + FILTER_PARAMETERS + ("full",),
    "service_at_locations": PAGING_PARAMETERS + FILTER_PARAMETERS + NEAR_PARAMETERS,
    "taxonomies": PAGING_PARAMETERS,
    "taxonomy_terms": PAGING_PARAMETERS,
}


def check_parameters(request_kind: str, names: list[str]) -> None:
    """QueryError naming every parameter that ``request_kind`` does not take (a request for
    one record, or the root, takes none)."""
    allowed = PARAMETERS.get(request_kind, ())
    unknown = list(dict.fromkeys(n for n in names if n not in allowed))
    if not unknown:
        return
    label = "parameter" if len(unknown) == 1 else "parameters"
    text = f"unknown {label} for this request: {', '.join(unknown)}"
    if request_kind != "service_at_locations" and set(unknown) & set(NEAR_PARAMETERS):
        text += " (postcode and proximity belong on /service_at_locations)"
    if allowed:
        text += f"; it takes {', '.join(allowed)}"
    raise QueryError(text)


def _whole(raw: str, name: str, minimum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"{name} '{raw}' is not a whole number") from None
    if value < minimum:
        raise QueryError(f"{name} must be {minimum} or more")
    return value


def _weekday(raw: str) -> int:
    value = raw.strip().lower()
    for number, (code, name) in enumerate(zip(DAY_CODES, DAY_NAMES, strict=True)):
        if value in (code.lower(), name.lower(), name[:3].lower()):
            return number
    raise QueryError(f"day '{raw}' is not a day (MO..SU or Monday..Sunday)")


def _time(raw: str, name: str) -> dt.time:
    try:
        return parse_time(raw)
    except ValueError:
        raise QueryError(f"{name} '{raw}' is not a time (HH:MM)") from None


def _age(raw: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise QueryError(f"{name} '{raw}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise QueryError(f"{name} must be a number of years, 0 or more")
    return value


def page_of(contents: list[Json], total: int, paging: Paging) -> Json:
    """An ORUK ``Page``: its counts and flags, and ``contents``."""
    pages = math.ceil(total / paging.per_page)
    return {"total_items": total, "total_pages": pages, "page_number": paging.page,
            "size": len(contents), "first_page": paging.page == 1,
            "last_page": paging.page >= pages, "empty": not contents, "contents": contents}


def _ward_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Ward.code, Ward.name)).all())


def _list_service(full: Json) -> Json:
    """A service as a ``/services`` page lists it: one-to-one fields and the organisation."""
    item = {k: full[k] for k in LIST_FIELDS if k in full}
    org = {k: v for k, v in full["organization"].items() if k != "phones"}
    item.update(organization_id=org["id"], organization=org)
    return item


def service_page(session: Session, query: ServiceQuery, paging: Paging,
                 full: bool = False) -> Json:
    """A page of services in id order; ``full`` gives each fully nested, as ``/services/{id}``."""
    ids = select(Service.id).order_by(Service.id)
    ids = query.apply(ids)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    wanted = list(session.scalars(ids.offset((paging.page - 1) * paging.per_page)
                                  .limit(paging.per_page)))
    ward_names = _ward_names(session)
    objects = [service_object(s, ward_names) for s in load_services(session, wanted)]
    contents = objects if full else [_list_service(o) for o in objects]
    return page_of(contents, total, paging)


def one_service(session: Session, service_id: str) -> Json | None:
    """One fully nested service, or None when there is none with that id."""
    found = load_services(session, [service_id])
    return service_object(found[0], _ward_names(session)) if found else None


def postcode_point(session: Session, raw: str) -> tuple[float, float]:
    """The centre of a postcode we know; QueryError when it is not one."""
    code = normalise_postcode(raw)
    known = session.get(Postcode, code) if code else None
    if known is None:
        raise QueryError(f"postcode '{raw}' is not a postcode in Leeds we know")
    return known.latitude, known.longitude


def service_at_location_page(session: Session, query: ServiceQuery, paging: Paging,
                             near: tuple[float, float] | None = None,
                             proximity_m: float | None = None) -> Json:
    """A page of services at locations: in id order, or nearest first from ``near`` (within
    ``proximity_m`` metres when given)."""
    services = query.apply(select(Service.id))
    links = list(session.scalars(select(ServiceAtLocation).where(
        ServiceAtLocation.service_id.in_(services)).order_by(ServiceAtLocation.id)))
    if near is not None:
        distance = {}
        for link in links:
            loc = link.location
            if loc.latitude is not None and loc.longitude is not None:
                distance[link.id] = haversine_km(*near, loc.latitude, loc.longitude) * 1000
        links = [link for link in links if link.id in distance and (
            proximity_m is None or distance[link.id] <= proximity_m)]
        links.sort(key=lambda link: (distance[link.id], link.id))
    chosen = links[(paging.page - 1) * paging.per_page:][:paging.per_page]
    by_id = {s.id: s for s in load_services(session, sorted({x.service_id for x in chosen}))}
    ward_names = _ward_names(session)
    contents = []
    for link in chosen:
        location = {k: v for k, v in location_object(link.location).items()
                    if k not in ("addresses", "phones")}
        contents.append({"id": link.id, "service_id": link.service_id,
                         "location_id": link.location_id, "location": location,
                         "service": _list_service(service_object(by_id[link.service_id],
                                                                 ward_names))})
    return page_of(contents, len(links), paging)


def _taxonomy_object(name: str) -> Json:
    return {"id": name, "name": name,
            "description": TAXONOMY_DESCRIPTIONS.get(name, f"Terms from {name}.")}


def taxonomy_page(session: Session, paging: Paging) -> Json:
    """A page of the taxonomies our terms come from, by id."""
    names = list(session.scalars(select(TaxonomyTerm.taxonomy).distinct()
                                 .where(TaxonomyTerm.taxonomy != "")
                                 .order_by(TaxonomyTerm.taxonomy)))
    chosen = names[(paging.page - 1) * paging.per_page:][:paging.per_page]
    return page_of([_taxonomy_object(n) for n in chosen], len(names), paging)


def one_taxonomy(session: Session, taxonomy_id: str) -> Json | None:
    found = session.scalar(select(TaxonomyTerm.id).where(TaxonomyTerm.taxonomy == taxonomy_id)
                           .limit(1))
    return _taxonomy_object(taxonomy_id) if found and taxonomy_id else None


def term_object(term: TaxonomyTerm) -> Json:
    """A taxonomy term in the UK profile's shape (we keep no description: it is empty)."""
    out: Json = {"id": term.id, "name": term.name, "description": "",
                 "taxonomy": term.taxonomy}
    if term.taxonomy:
        out["taxonomy_id"] = term.taxonomy
    if term.term_uri:
        out["term_uri"] = term.term_uri
    return out


def taxonomy_term_page(session: Session, paging: Paging) -> Json:
    """A page of taxonomy terms, by id."""
    total = session.scalar(select(func.count()).select_from(TaxonomyTerm)) or 0
    terms = session.scalars(select(TaxonomyTerm).order_by(TaxonomyTerm.id)
                            .offset((paging.page - 1) * paging.per_page).limit(paging.per_page))
    return page_of([term_object(t) for t in terms], total, paging)


def one_term(session: Session, term_id: str) -> Json | None:
    term = session.get(TaxonomyTerm, term_id)
    return term_object(term) if term else None
