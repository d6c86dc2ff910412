"""The stored directory as ORUK 3.0 service objects with our ``x_`` fields (FORMAT.md), for the
ORUK 3.0 JSON and CSV data package writers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.formats.oruk_records import AREA_EXTENT_TYPE
from directory.formats.stored import load_services
from directory.formats.values import (
    format_time,
    iso,
    split_address,
    split_list,
    website_problem,
)
from directory.models import (
    AreaKind,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    Ward,
)
from directory.needs import KINDS_BY_SLUG, NEED_TAXONOMY, NEEDS_BY_SLUG, kind_of_term

Json = dict[str, Any]
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _or_none(value: str) -> str | None:
    return value or None


def _web(value: str | None) -> str | None:
    """A stored website, published only when it is an http or https address (or bare host)."""
    return None if not value or website_problem(value) else value


def _without_nulls(obj: Json, *keys: str) -> Json:
    """``obj`` without these keys where they are None: ORUK 3.0 wants a string or nothing."""
    return {k: v for k, v in obj.items() if not (k in keys and v is None)}


def _phone_objects(owner_id: str, phones: Iterable[Phone]) -> list[Json]:
    ordered = sorted(phones, key=lambda p: p.id)
    return [{"id": f"{owner_id}#phone-{i}", "number": p.number, "description": p.description}
            for i, p in enumerate(ordered, start=1)]


def schedule_objects(owner_id: str, schedules: Iterable[Schedule]) -> list[Json]:
    """Sessions grouped into one ORUK schedule per (times, dates, note), days in week order."""
    groups: dict[tuple, list[int]] = {}
    for s in schedules:
        key = (s.opens_at, s.closes_at, s.valid_from or None, s.valid_to or None, s.note)
        groups.setdefault(key, []).append(s.weekday)
    ordered = sorted(groups.items(), key=lambda kv: (min(kv[1]), iso_time(kv[0][0]),
                                                     iso_time(kv[0][1]),
                                                     iso(kv[0][2]) or "", iso(kv[0][3]) or "",
                                                     kv[0][4]))
    return [
        _without_nulls(
            {"id": f"{owner_id}#schedule-{i}", "freq": "WEEKLY",
             "byday": ",".join(DAY_CODES[d] for d in sorted(set(days))),
             "opens_at": format_time(opens) if opens else None,
             "closes_at": format_time(closes) if closes else None,
             "valid_from": iso(valid_from), "valid_to": iso(valid_to), "notes": note},
            "opens_at", "closes_at", "valid_from", "valid_to")
        for i, ((opens, closes, valid_from, valid_to, note), days) in enumerate(ordered, start=1)
    ]


def _area_objects(service: Service, ward_names: dict[str, str]) -> list[Json]:
    kind = service.area_kind or AreaKind.LOCAL.value
    if kind == AreaKind.LOCAL.value:
        return []
    if kind == AreaKind.WARDS.value:
        codes = split_list(service.area_wards, ",")
        name = ", ".join(ward_names.get(c, c) for c in codes)
        extent = "wards:" + ",".join(codes)
    else:
        name = {"city": "Leeds", "national": "National"}.get(kind, kind)
        extent = kind
    return [{"id": f"{service.id}#area", "name": name, "extent_type": AREA_EXTENT_TYPE,
             "extent": extent}]


def _language_objects(service: Service) -> list[Json]:
    out = []
    for i, value in enumerate(split_list(service.languages, ","), start=1):
        is_code = value.isalpha() and value.islower() and len(value) <= 3
        out.append({"id": f"{service.id}#language-{i}", "name": value,
                    "code": value if is_code else ""})
    return out


def iso_time(value: dt.time | None) -> str:
    return format_time(value) if value else ""


def term_description(term: TaxonomyTerm) -> str:
    """ORUK 3.0 wants a description for every taxonomy term: our needs' menu labels, the
    communities' descriptions, else the term's name."""
    if term.taxonomy == NEED_TAXONOMY and term.need_slug in NEEDS_BY_SLUG:
        return NEEDS_BY_SLUG[term.need_slug].label
    kind = kind_of_term(term.id)
    if kind is not None:
        words = KINDS_BY_SLUG[kind[0]].words
        return f"{words} (a side line)" if kind[1] else words
    return term.name


def _attribute_objects(service: Service) -> list[Json]:
    out = []
    for i, link in enumerate(sorted(service.terms, key=lambda t: t.term_id), start=1):
        term = link.term
        own = term.taxonomy == NEED_TAXONOMY and term.need_slug
        kind = kind_of_term(term.id)
        attribute_id = f"{service.id}#need:{term.need_slug}" if own else \
            f"{service.id}#{'side-' if kind[1] else ''}kind:{kind[0]}" if kind else \
            f"{service.id}#term-{i}"
        out.append({
            "id": attribute_id,
            "taxonomy_term": _without_nulls(
                {"id": term.id, "name": term.name, "description": term_description(term),
                 "taxonomy": term.taxonomy, "term_uri": _or_none(term.term_uri)}, "term_uri"),
        })
    return out


def _cost_objects(service: Service) -> list[Json]:
    if not service.cost_kind:
        return []
    return [{"id": f"{service.id}#cost", "option": service.cost_kind,
             "amount_description": service.cost_text}]


def organisation_object(org: Organisation) -> Json:
    out: Json = _without_nulls({
        "id": org.id, "name": org.name, "description": org.description,
        "website": _web(org.website), "email": _or_none(org.email),
        "x_source": org.source, "x_last_checked": iso(org.last_checked),
        "x_anchor_wards": org.anchor_wards,
    }, "website", "email")
    phones = [p for p in org.phones if p.service_id is None and p.location_id is None]
    if phones:
        out["phones"] = _phone_objects(org.id, phones)
    return out


def location_object(loc: Location) -> Json:
    address_1, city = split_address(loc.address)
    addresses = []
    if loc.address or loc.postcode:
        addresses.append({"id": f"{loc.id}#address", "address_1": address_1, "city": city,
                          "state_province": "", "postal_code": loc.postcode, "country": "GB",
                          "address_type": "physical"})
    phones = [p for p in loc.phones if p.service_id is None and p.organisation_id is None]
    out = _without_nulls({
        "id": loc.id, "location_type": "physical", "name": loc.name,
        "latitude": loc.latitude, "longitude": loc.longitude,
        "x_source": loc.source, "x_last_checked": iso(loc.last_checked),
        "x_ward_code": loc.ward_code, "addresses": addresses,
        "phones": _phone_objects(loc.id, phones),
    }, "latitude", "longitude")
    if loc.area_name:
        out["x_area_name"] = loc.area_name
    return out


def _link_object(link: ServiceAtLocation) -> Json:
    return {"id": link.id, "location": location_object(link.location),
            "schedules": schedule_objects(link.id, link.schedules)}


def service_object(service: Service, ward_names: dict[str, str]) -> Json:
    """One service as a full nested ORUK 3.0 object with our ``x_`` fields (FORMAT.md)."""
    return _without_nulls({
        "id": service.id, "name": service.name, "description": service.description,
        "url": _web(service.url), "email": _or_none(service.email),
        "status": service.status, "assured_date": iso(service.last_checked),
        "x_source": service.source, "x_last_checked": iso(service.last_checked),
        "cost_options": _cost_objects(service),
        "x_referral_required": service.referral_required,
        "application_process": service.referral_how,
        "service_areas": _area_objects(service, ward_names),
        "languages": _language_objects(service),
        "phones": _phone_objects(service.id, service.phones),
        "schedules": schedule_objects(
            service.id, [s for s in service.schedules if s.service_at_location_id is None]),
        "attributes": _attribute_objects(service),
        "organization": organisation_object(service.organisation),
        "service_at_locations": [_link_object(link)
                                 for link in sorted(service.locations, key=lambda x: x.id)],
        "x_notes": service.notes,
    }, "url", "email", "assured_date")


def directory_to_oruk_json(session: Session) -> Json:
    """The whole directory as one ORUK 3.0 ``/services`` page of full services, in id order."""
    ward_names = dict(session.execute(select(Ward.code, Ward.name)).all())
    contents = [service_object(s, ward_names) for s in load_services(session)]
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}
