"""ORUK 3.0 service objects into records: the one mapping from ORUK fields to records.

The ORUK 3.0 JSON, ORUK v1 and CSV data package formats all build the same nested service
objects and read them with :func:`add_service_object`. An object may carry an ``_origin``
(:class:`~directory.formats.records.Origin`) to say which file and row it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
from directory.formats.values import (
    clean_phone,
    cost_from_options,
    join_address,
    parse_bool,
    parse_date,
    split_list,
    term_record,
    text,
)

Json = dict[str, Any]
#: ``service_areas[].extent_type`` of our own areas.
AREA_EXTENT_TYPE = "leeds-signpost"


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
        ward_code=text(obj.get("x_ward_code")), area_name=text(obj.get("x_area_name")),
        phones=_phones(_list(obj, "phones")),
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
