"""ORUK 3.0 JSON: read services (a paged ``/services`` response, a list, or one full service)
into records, and write the whole directory in the FORMAT.md shape.

The CSV data package and ORUK v1 importers build the same nested service objects and use
:func:`add_service_object`, so the mapping from ORUK fields to records lives only here. An
object may carry an ``_origin`` (:class:`~directory.formats.records.Origin`) to say which file
and row it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.issues import ImportIssue
from directory.formats.records import (
    LocationRecord,
    OrganisationRecord,
    Origin,
    ParsedDirectory,
    PhoneRecord,
    ScheduleRecord,
    ServiceLocationRecord,
    ServiceRecord,
)
from directory.formats.stored import load_services
from directory.formats.values import (
    clean_phone,
    cost_from_options,
    format_time,
    iso,
    join_address,
    parse_bool,
    parse_date,
    split_address,
    split_list,
    term_record,
    text,
)
from directory.models import (
    AreaKind,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Ward,
)
from directory.needs import NEED_TAXONOMY

Json = dict[str, Any]
#: ``service_areas[].extent_type`` of our own areas.
AREA_EXTENT_TYPE = "leeds-signpost"
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# --- Import ------------------------------------------------------------------------------


def service_items(file_name: str, data: Any) -> list[Any]:
    """The service objects in parsed JSON: ``contents`` of a page, a list, or one service."""
    if isinstance(data, dict) and "contents" in data:
        items = data["contents"]
        if not isinstance(items, list):
            raise UnreadableFileError([ImportIssue(file_name, None, "contents",
                                                   "'contents' is not a list of services")])
        return items
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and ("id" in data or "name" in data):
        return [data]
    raise UnreadableFileError([ImportIssue(
        file_name, None, None, "not an ORUK services page: expected 'contents', a list of "
        "services or one service object")])


def parse_oruk_json(path: Path, data: Any) -> ParsedDirectory:
    parsed = ParsedDirectory(file=path.name, format="oruk-json")
    for number, item in enumerate(service_items(path.name, data), start=1):
        add_service_object(parsed, item, number)
    return parsed


def _list(obj: Json, key: str) -> list[Json]:
    value = obj.get(key)
    if isinstance(value, dict):
        value = [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _phones(objects: Iterable[Json]) -> list[PhoneRecord]:
    return [PhoneRecord(clean_phone(p.get("number")), text(p.get("description")))
            for p in objects if clean_phone(p.get("number"))]


def _origin(obj: Json, fallback: Origin) -> Origin:
    origin = obj.get("_origin")
    return origin if isinstance(origin, Origin) else fallback


def organisation_record(parsed: ParsedDirectory, obj: Json, fallback: Origin,
                        source: str = "", last_checked: str = "") -> OrganisationRecord:
    """An organisation; ``source`` and ``last_checked`` are used when it has none of its own."""
    org_id = text(obj.get("id"))
    origin = _origin(obj, Origin(fallback.file, fallback.row,
                                 f"organisation '{org_id}'" if org_id else fallback.record))
    anchors = text(obj.get("x_anchor_wards"))
    return OrganisationRecord(
        id=org_id, origin=origin, name=text(obj.get("name")),
        description=text(obj.get("description")),
        website=text(obj.get("website")) or text(obj.get("url")),
        email=text(obj.get("email")), anchor_wards=split_list(anchors, ","),
        phones=_phones(_list(obj, "phones")),
        source=text(obj.get("x_source")) or source,
        last_checked=(text(obj.get("x_last_checked")) or text(obj.get("assured_date"))
                      or last_checked),
    )


def _schedule(obj: Json, fallback: Origin) -> ScheduleRecord:
    return ScheduleRecord(
        origin=_origin(obj, fallback), byday=text(obj.get("byday")), freq=text(obj.get("freq")),
        interval=text(obj.get("interval")), bymonthday=text(obj.get("bymonthday")),
        opens_at=text(obj.get("opens_at")), closes_at=text(obj.get("closes_at")),
        valid_from=text(obj.get("valid_from")), valid_to=text(obj.get("valid_to")),
        note=text(obj.get("notes")) or text(obj.get("description")),
    )


def _address(obj: Json) -> Json:
    addresses = _list(obj, "addresses") or _list(obj, "physical_addresses")
    physical = [a for a in addresses if text(a.get("address_type")) in ("", "physical")]
    return (physical or addresses or [{}])[0]


def _location(parsed: ParsedDirectory, obj: Json, fallback: Origin, source: str,
              last_checked: str) -> LocationRecord:
    """A location; ``source`` and ``last_checked`` (its service's) are used when it has none."""
    loc_id = text(obj.get("id"))
    origin = _origin(obj, Origin(fallback.file, fallback.row,
                                 f"location '{loc_id}'" if loc_id else fallback.record))
    address = _address(obj)
    return LocationRecord(
        id=loc_id, origin=origin, name=text(obj.get("name")),
        address=join_address(*(address.get(k) for k in ("address_1", "address_2", "address_3",
                                                         "address_4", "city"))),
        postcode=text(address.get("postal_code")),
        latitude=obj.get("latitude"), longitude=obj.get("longitude"),
        ward_code=text(obj.get("x_ward_code")), phones=_phones(_list(obj, "phones")),
        source=text(obj.get("x_source")) or source,
        last_checked=text(obj.get("x_last_checked")) or last_checked,
    )


def _area(svc: ServiceRecord, areas: list[Json]) -> None:
    for area in areas:
        if text(area.get("extent_type")) != AREA_EXTENT_TYPE:
            continue  # geojson and free-text areas are not ours to interpret
        extent = text(area.get("extent"))
        kind, _, wards = extent.partition(":")
        svc.area_kind = kind
        svc.area_wards = split_list(wards, ",")
        return


def _is_date(value: str) -> bool:
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def add_service_object(parsed: ParsedDirectory, obj: Any, number: int) -> None:
    """Read one nested ORUK service object into ``parsed``."""
    if not isinstance(obj, dict):
        parsed.issues.append(ImportIssue(parsed.file, None, None, "is not a service object",
                                         record=f"item {number}"))
        return
    service_id = text(obj.get("id"))
    label = f"service '{service_id}'" if service_id else f"service {number}"
    origin = _origin(obj, Origin(parsed.file, None, label))
    source = text(obj.get("x_source"))
    checked = (text(obj.get("x_last_checked")) or text(obj.get("assured_date"))
               or text(obj.get("last_modified")))
    inherited = checked if _is_date(checked) else ""  # a bad date is reported once, here
    org = obj.get("organization")
    org_id = text(obj.get("organization_id"))
    if isinstance(org, dict):
        record = organisation_record(parsed, org, origin, source, inherited)
        org_id = record.id
        if org_id:
            parsed.add_organisation(record)
    svc = ServiceRecord(
        id=service_id, origin=origin, organisation_id=org_id, name=text(obj.get("name")),
        description=text(obj.get("description")), url=text(obj.get("url")),
        email=text(obj.get("email")), status=text(obj.get("status")) or "active",
        referral_how=text(obj.get("application_process")), notes=text(obj.get("x_notes")),
        source=source, last_checked=checked, rows=[origin.row] if origin.row else [],
    )
    svc.cost_kind, svc.cost_text = cost_from_options(_list(obj, "cost_options"),
                                                     text(obj.get("fees")))
    try:
        svc.referral_required = parse_bool(obj.get("x_referral_required"))
    except ValueError:
        svc.issues.append(origin.issue("x_referral_required", "x_referral_required "
                                       f"'{text(obj.get('x_referral_required'))}' is not true, "
                                       "false or null"))
    _area(svc, _list(obj, "service_areas"))
    for language in _list(obj, "languages"):
        name = text(language.get("name")) or text(language.get("code"))
        if name and name not in svc.languages:
            svc.languages.append(name)
    svc.phones = _phones(_list(obj, "phones"))
    for contact in _list(obj, "contacts"):
        svc.phones += _phones(_list(contact, "phones"))
    svc.schedules = [_schedule(s, origin) for s in _list(obj, "schedules")]
    for attribute in _list(obj, "attributes"):
        term = attribute.get("taxonomy_term")
        term = term if isinstance(term, dict) else {"id": attribute.get("taxonomy_term_id")}
        term_id = text(term.get("id"))
        if not term_id:
            svc.issues.append(origin.issue("attributes", "an attribute has no taxonomy term id: "
                                           "left out", "warning"))
            continue
        parsed.add_term(term_record(term_id, text(term.get("name")), text(term.get("taxonomy")),
                                    text(term.get("term_uri"))))
        svc.term_ids.append(term_id)
    for link in _list(obj, "service_at_locations"):
        location = link.get("location")
        if not isinstance(location, dict):
            svc.issues.append(origin.issue("service_at_locations", f"service_at_location "
                                           f"'{text(link.get('id'))}' has no location: left out",
                                           "warning"))
            continue
        loc = _location(parsed, location, origin, source, inherited)
        svc.locations.append(ServiceLocationRecord(
            id=text(link.get("id")) or f"{service_id}@{loc.id}", location=loc,
            schedules=[_schedule(s, origin) for s in _list(link, "schedules")]))
    parsed.services.append(svc)


# --- Export ------------------------------------------------------------------------------


def _or_none(value: str) -> str | None:
    return value or None


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
    ordered = sorted(groups.items(), key=lambda kv: (min(kv[1]), kv[0][0], kv[0][1],
                                                     iso(kv[0][2]) or "", iso(kv[0][3]) or "",
                                                     kv[0][4]))
    return [
        {"id": f"{owner_id}#schedule-{i}", "freq": "WEEKLY",
         "byday": ",".join(DAY_CODES[d] for d in sorted(set(days))),
         "opens_at": format_time(opens), "closes_at": format_time(closes),
         "valid_from": iso(valid_from), "valid_to": iso(valid_to), "notes": note}
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


def _attribute_objects(service: Service) -> list[Json]:
    out = []
    for i, link in enumerate(sorted(service.terms, key=lambda t: t.term_id), start=1):
        term = link.term
        own = term.taxonomy == NEED_TAXONOMY and term.need_slug
        out.append({
            "id": f"{service.id}#need:{term.need_slug}" if own else f"{service.id}#term-{i}",
            "taxonomy_term": {"id": term.id, "name": term.name, "taxonomy": term.taxonomy,
                              "term_uri": _or_none(term.term_uri)},
        })
    return out


def _cost_objects(service: Service) -> list[Json]:
    if not service.cost_kind:
        return []
    return [{"id": f"{service.id}#cost", "option": service.cost_kind,
             "amount_description": service.cost_text}]


def organisation_object(org: Organisation) -> Json:
    out: Json = {
        "id": org.id, "name": org.name, "description": org.description,
        "website": _or_none(org.website), "email": _or_none(org.email),
        "x_source": org.source, "x_last_checked": iso(org.last_checked),
        "x_anchor_wards": org.anchor_wards,
    }
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
    return {
        "id": loc.id, "location_type": "physical", "name": loc.name,
        "latitude": loc.latitude, "longitude": loc.longitude,
        "x_source": loc.source, "x_last_checked": iso(loc.last_checked),
        "x_ward_code": loc.ward_code, "addresses": addresses,
        "phones": _phone_objects(loc.id, phones),
    }


def _link_object(link: ServiceAtLocation) -> Json:
    return {"id": link.id, "location": location_object(link.location),
            "schedules": schedule_objects(link.id, link.schedules)}


def service_object(service: Service, ward_names: dict[str, str]) -> Json:
    """One service as a full nested ORUK 3.0 object with our ``x_`` fields (FORMAT.md)."""
    return {
        "id": service.id, "name": service.name, "description": service.description,
        "url": _or_none(service.url), "email": _or_none(service.email),
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
    }


def directory_to_oruk_json(session: Session) -> Json:
    """The whole directory as one ORUK 3.0 ``/services`` page of full services, in id order."""
    ward_names = dict(session.execute(select(Ward.code, Ward.name)).all())
    contents = [service_object(s, ward_names) for s in load_services(session)]
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


def dumps(data: Any) -> str:
    """The JSON text style of the shipped file: sorted keys, indent 1, UTF-8, final newline."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def export_oruk_json(session: Session, path: Path) -> int:
    data = directory_to_oruk_json(session)
    path.write_text(dumps(data), encoding="utf-8")
    return int(data["total_items"])
