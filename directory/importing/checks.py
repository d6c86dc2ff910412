"""Check a parsed directory as a whole and plan what can be written.

Checks (errors unless marked as warnings)
    - ids and names are required; service ids are unique; a service's organisation must be in
      the file or already in the directory; status is one of ServiceStatus.
    - Schedules: times HH:MM(:SS) with closes after opens, dates ISO, ``byday`` codes MO..SU for
      weekly sessions. Monthly ones (``2MO``) become a sentence in the service notes (warning).
    - Coordinates out of range, or 0,0: dropped (warning), so the fictional ORUK examples load.
    - Postcodes: one in our Leeds list (live or terminated) gives the place its ward, and its
      point when it has none. A postcode missing from that list whose area is wholly Leeds
      (``LS99 9ZZ``) is an error; other UK postcodes are places outside Leeds, with no ward;
      text that is not a UK postcode (``ABC 1234``) is kept as given (warning).
    - Areas and anchor wards must name Leeds wards (by code or name).
    - Websites are http or https addresses (or a bare host, ``example.org``): never
      ``javascript:``, ``data:`` or any other scheme.

Schedules, locations and areas are read by :mod:`directory.importing.readings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from directory.formats.issues import ImportIssue
from directory.formats.records import (
    LocationRecord,
    OrganisationRecord,
    Origin,
    ParsedDirectory,
    ServiceRecord,
)
from directory.formats.values import parse_date, website_problem
from directory.importing.batches import existing_ids
from directory.importing.geography import Geography
from directory.importing.readings import (
    LocationReading,
    ScheduleReading,
    read_area,
    read_location,
    read_schedule,
)
from directory.importing.report import SkippedRecord
from directory.models import CostKind, Organisation, ServiceStatus

STATUSES = tuple(s.value for s in ServiceStatus)
COST_KINDS = tuple(c.value for c in CostKind)


@dataclass
class Plan:
    """The outcome of the checks: issues, and everything the writer needs."""

    issues: list[ImportIssue] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)  # the ones to write
    skipped: list[SkippedRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    locations: dict[str, tuple[LocationRecord, LocationReading]] = field(default_factory=dict)
    schedules: dict[int, ScheduleReading] = field(default_factory=dict)  # id(record) -> reading
    areas: dict[int, tuple[str, list[str]]] = field(default_factory=dict)  # id(service) -> area
    anchor_wards: dict[str, list[str]] = field(default_factory=dict)  # organisation id -> codes


def _date_issue(origin: Origin, raw: str, name: str = "last_checked") -> list[ImportIssue]:
    try:
        parse_date(raw)
    except ValueError:
        return [origin.issue(name, f"{name} '{raw}' is not a date (YYYY-MM-DD)")]
    return []


def _check_organisation(geo: Geography,
                        org: OrganisationRecord) -> tuple[list[ImportIssue], list[str]]:
    """Issues, and the organisation's anchor ward codes."""
    issues = list(org.issues)
    if not org.id:
        issues.append(org.origin.issue("id", "organisation id is required"))
    if not org.name:
        issues.append(org.origin.issue("name", "organisation name is required"))
    if org.website and website_problem(org.website):
        issues.append(org.origin.issue("organisation_website",
                                       f"website {website_problem(org.website)}"))
    codes: list[str] = []
    for ward in org.anchor_wards or []:
        code = geo.ward_code(ward)
        if code is None:
            issues.append(org.origin.issue("anchor_wards",
                                           f"anchor ward '{ward}' is not a Leeds ward"))
        elif code not in codes:
            codes.append(code)
    return issues + _date_issue(org.origin, org.last_checked), codes


def _check_service(svc: ServiceRecord) -> list[ImportIssue]:
    issues = list(svc.issues)
    origin = svc.origin
    if not svc.id:
        issues.append(origin.issue("id", "service id is required"))
    if not svc.name:
        issues.append(origin.issue("name", "service name is required"))
    if svc.status.strip().lower() not in STATUSES:
        issues.append(origin.issue("status", f"status '{svc.status}' is not one of "
                                   f"{', '.join(STATUSES)}"))
    if svc.cost_kind and svc.cost_kind not in COST_KINDS:
        issues.append(origin.issue("cost", f"cost '{svc.cost_kind}' is not one of "
                                   f"{', '.join(COST_KINDS)}"))
    if not svc.organisation_id:
        issues.append(origin.issue("organisation", "organisation is required"))
    if website_problem(svc.url):
        issues.append(origin.issue("website", f"website {website_problem(svc.url)}"))
    for sal in svc.locations:
        if not sal.location.id:
            issues.append(origin.issue("location", "location id is required"))
    return issues + _date_issue(origin, svc.last_checked)


def check_directory(session: Session, parsed: ParsedDirectory) -> Plan:
    """Check every record; decide which services can be written."""
    geo = Geography(session)
    plan = Plan(issues=list(parsed.issues))
    bad_orgs: set[str] = set()
    for org in parsed.organisations.values():
        found, plan.anchor_wards[org.id] = _check_organisation(geo, org)
        plan.issues.extend(found)
        if any(i.is_error for i in found):
            bad_orgs.add(org.id)
        else:
            plan.organisations.append(org)

    bad_locations: set[str] = set()
    geo.preload(loc.postcode for svc in parsed.services for loc in (
        sal.location for sal in svc.locations))
    for svc in parsed.services:
        for sal in svc.locations:
            loc = sal.location
            if loc.id in plan.locations or loc.id in bad_locations or not loc.id:
                continue
            reading, found = read_location(geo, loc)
            found = loc.issues + found + _date_issue(loc.origin, loc.last_checked)
            plan.issues.extend(found)
            if any(i.is_error for i in found):
                bad_locations.add(loc.id)
            else:
                plan.locations[loc.id] = (loc, reading)

    missing_orgs = _missing_organisations(session, parsed)
    seen_services: dict[str, ServiceRecord] = {}
    seen_sals: dict[str, str] = {}
    bad_services: set[int] = set()
    for svc in parsed.services:
        found = _check_service(svc)
        if svc.organisation_id in missing_orgs:
            found.append(svc.origin.issue("organisation", f"organisation '{svc.organisation_id}' "
                                          "is not in the file or the directory"))
        if svc.id and svc.id in seen_services:
            first = seen_services[svc.id].origin
            where = f" (first at row {first.row})" if first.row else ""
            found.append(svc.origin.issue("id", f"service id '{svc.id}' is used twice{where}"))
            bad_services.add(id(seen_services[svc.id]))
        seen_services.setdefault(svc.id, svc)
        for sal in svc.locations:
            owner = seen_sals.setdefault(sal.id, svc.id)
            if owner != svc.id:
                found.append(svc.origin.issue("service_at_location", f"service_at_location id "
                                              f"'{sal.id}' is also used by service '{owner}'"))
        kind, wards, area_issues = read_area(geo, svc)
        found.extend(area_issues)
        plan.areas[id(svc)] = (kind, wards)
        for sched in svc.all_schedules():
            reading, sched_issues = read_schedule(sched)
            plan.schedules[id(sched)] = reading
            found.extend(sched_issues)
        plan.issues.extend(found)
        if any(i.is_error for i in found):
            bad_services.add(id(svc))

    for svc in parsed.services:
        bad = (id(svc) in bad_services or svc.organisation_id in bad_orgs
               or any(sal.location.id in bad_locations for sal in svc.locations))
        if bad:
            rows = tuple(svc.rows or ([svc.origin.row] if svc.origin.row else []))
            label = f"service '{svc.id}'" if svc.id else f"service '{svc.name}'"
            plan.skipped.append(SkippedRecord(svc.origin.file, rows, label))
        else:
            plan.services.append(svc)
    used_locations = {sal.location.id for svc in plan.services for sal in svc.locations}
    # A shared record can report twice; readers want the issues file by file, row by row.
    plan.issues = sorted(dict.fromkeys(plan.issues), key=lambda i: (
        i.file, i.row is None, i.row or 0))
    plan.locations = {k: v for k, v in plan.locations.items() if k in used_locations}
    return plan


def _missing_organisations(session: Session, parsed: ParsedDirectory) -> set[str]:
    wanted = {s.organisation_id for s in parsed.services if s.organisation_id} - set(
        parsed.organisations)
    return wanted - existing_ids(session, Organisation, wanted)
