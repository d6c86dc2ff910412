"""Write a checked directory to the database with bulk statements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from directory.formats.records import (
    LocationRecord,
    OrganisationRecord,
    ParsedDirectory,
    PhoneRecord,
    ScheduleRecord,
    ServiceRecord,
)
from directory.formats.values import default_source, parse_date
from directory.importing.batches import chunks, existing_ids
from directory.importing.checks import Plan
from directory.importing.readings import LocationReading
from directory.importing.report import ImportReport
from directory.models import (
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    ShippedDirectory,
    TaxonomyTerm,
)
from directory.version import bump_directory_version

Progress = Callable[[int, int], None]


def _delete_directory(session: Session) -> int:
    """Delete every directory record (never the geography), and the note of which shipped
    directory it held; return how many services went."""
    removed = session.scalar(select(func.count()).select_from(Service)) or 0
    for model in (ServiceTerm, Schedule, Phone, ServiceAtLocation, Service, Location,
                  Organisation, TaxonomyTerm, ShippedDirectory):
        session.execute(delete(model))
    return removed


def _upsert_all(session: Session, model: Any, rows: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """Update the records with these ids and insert the others; return (added, updated)."""
    existing = existing_ids(session, model, rows)
    updates = [{"id": key, **values} for key, values in rows.items() if key in existing]
    inserts = [{"id": key, **values} for key, values in rows.items() if key not in existing]
    if updates:
        session.execute(update(model), updates)
    if inserts:
        session.execute(insert(model), inserts)
    return len(inserts), len(updates)


def _delete_phones(session: Session, owner: Any, ids: Iterable[str], *others: Any) -> None:
    """Delete the phones that belong to these owners only (not also to another record)."""
    for chunk in chunks(ids):
        session.execute(delete(Phone).where(owner.in_(chunk), *(o.is_(None) for o in others)))


def _delete_services(session: Session, ids: Iterable[str]) -> None:
    for chunk in chunks(ids):
        for statement in (delete(ServiceTerm).where(ServiceTerm.service_id.in_(chunk)),
                          delete(Schedule).where(Schedule.service_id.in_(chunk)),
                          delete(Phone).where(Phone.service_id.in_(chunk)),
                          delete(ServiceAtLocation).where(ServiceAtLocation.service_id.in_(chunk)),
                          delete(Service).where(Service.id.in_(chunk))):
            session.execute(statement)


def remove_services(session: Session, ids: Iterable[str]) -> None:
    """Take these services out of the directory (their places and organisations stay)."""
    session.flush()
    _delete_services(session, ids)
    bump_directory_version(session)
    session.expire_all()


def _phone_rows(records: Iterable[PhoneRecord], **owner: str) -> list[dict[str, Any]]:
    return [{"number": p.number, "description": p.description, "service_id": None,
             "location_id": None, "organisation_id": None, **owner}
            for p in records if p.number]


def _organisation_values(parsed: ParsedDirectory, plan: Plan,
                         org: OrganisationRecord) -> dict[str, Any]:
    values: dict[str, Any] = {"name": org.name, "last_checked": parse_date(org.last_checked),
                              "source": org.source or _default_source(parsed),
                              **_feed(parsed, org.id)}
    for name in ("description", "website", "email"):
        if getattr(org, name) is not None:  # None: the format does not carry it; keep it
            values[name] = getattr(org, name)
    if org.anchor_wards is not None:
        values["anchor_wards"] = ",".join(plan.anchor_wards[org.id])
    return values


def _location_values(parsed: ParsedDirectory, loc: LocationRecord,
                     reading: LocationReading) -> dict[str, Any]:
    return {"name": loc.name, "address": reading.address, "postcode": reading.postcode,
            "latitude": reading.latitude, "longitude": reading.longitude,
            "ward_code": reading.ward_code, "area_name": reading.area_name,
            "source": loc.source or _default_source(parsed),
            "last_checked": parse_date(loc.last_checked), **_feed(parsed, loc.id)}


@dataclass
class _Rows:
    """Rows waiting to be inserted, table by table, in foreign-key order."""

    services: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)

    def insert(self, session: Session) -> None:
        for model, rows in ((Service, self.services), (ServiceAtLocation, self.links),
                            (Schedule, self.schedules), (Phone, self.phones),
                            (ServiceTerm, self.terms)):
            if rows:
                session.execute(insert(model), rows)
                rows.clear()


def write_directory(session: Session, parsed: ParsedDirectory, plan: Plan,
                    report: ImportReport, replace: bool, progress: Progress | None) -> None:
    """Write the planned records with bulk statements (fast for thousands of services).

    Objects already loaded in the session are expired afterwards, so they read the new values.
    """
    session.flush()
    if replace:
        report.services_removed = _delete_directory(session)
        report.replaced = True
    service_ids = [svc.id for svc in plan.services]
    _delete_phones(session, Phone.organisation_id, [o.id for o in plan.organisations],
                   Phone.service_id, Phone.location_id)
    _delete_phones(session, Phone.location_id, plan.locations, Phone.service_id,
                   Phone.organisation_id)
    existing_services = existing_ids(session, Service, service_ids)
    _delete_services(session, existing_services)
    report.services_updated = len(existing_services)
    report.services_added = len(service_ids) - len(existing_services)

    _upsert_all(session, TaxonomyTerm, {
        t.id: {"name": t.name, "taxonomy": t.taxonomy, "term_uri": t.term_uri,
               "need_slug": t.need_slug} for t in parsed.terms.values()})
    report.organisations_added, report.organisations_updated = _upsert_all(
        session, Organisation, {o.id: _organisation_values(parsed, plan, o)
                                for o in plan.organisations})
    report.locations_added, report.locations_updated = _upsert_all(
        session, Location, {loc_id: _location_values(parsed, loc, reading)
                            for loc_id, (loc, reading) in plan.locations.items()})
    rows = _Rows()
    for org in plan.organisations:
        rows.phones += _phone_rows(org.phones, organisation_id=org.id)
    for loc_id, (loc, _reading) in plan.locations.items():
        rows.phones += _phone_rows(loc.phones, location_id=loc_id)
    rows.insert(session)

    total = len(plan.services)
    if progress:
        progress(0, total)
    for done, svc in enumerate(plan.services, start=1):
        _service_rows(parsed, plan, svc, rows)
        if done % 500 == 0:
            rows.insert(session)
        if progress:
            progress(done, total)
    rows.insert(session)
    bump_directory_version(session)
    session.expire_all()


def _service_rows(parsed: ParsedDirectory, plan: Plan, svc: ServiceRecord,
                  rows: _Rows) -> None:
    """Add one service's rows (and its links, sessions, phones and terms) to ``rows``."""
    kind, wards = plan.areas[id(svc)]
    notes = [svc.notes.strip()]
    notes += [plan.schedules[id(s)].service_note for s in svc.all_schedules()]
    rows.services.append({
        "id": svc.id, "organisation_id": svc.organisation_id, "name": svc.name,
        "description": svc.description, "url": svc.url, "email": svc.email,
        "status": svc.status.strip().lower(), "cost_kind": svc.cost_kind,
        "cost_text": svc.cost_text, "referral_required": svc.referral_required,
        "referral_how": svc.referral_how, "area_kind": kind, "area_wards": ",".join(wards),
        "languages": ",".join(svc.languages), "notes": " ".join(n for n in notes if n),
        "source": svc.source or _default_source(parsed),
        "last_checked": parse_date(svc.last_checked), **_feed(parsed, svc.id),
    })
    rows.phones += _phone_rows(svc.phones, service_id=svc.id)
    rows.terms += [{"service_id": svc.id, "term_id": t} for t in dict.fromkeys(svc.term_ids)]
    _schedule_rows(plan, svc.id, None, svc.schedules, rows)
    for sal in svc.locations:
        rows.links.append({"id": sal.id, "service_id": svc.id, "location_id": sal.location.id})
        _schedule_rows(plan, svc.id, sal.id, sal.schedules, rows)


def _schedule_rows(plan: Plan, service_id: str, link_id: str | None,
                   records: Iterable[ScheduleRecord], rows: _Rows) -> None:
    seen: set[tuple] = set()
    for rec in records:
        reading = plan.schedules[id(rec)]
        for weekday, opens, closes in reading.sessions:
            key = (weekday, opens, closes, reading.valid_from, reading.valid_to, reading.note)
            if key in seen:
                continue
            seen.add(key)
            rows.schedules.append({
                "service_id": service_id, "service_at_location_id": link_id,
                "weekday": weekday, "opens_at": opens, "closes_at": closes,
                "valid_from": reading.valid_from, "valid_to": reading.valid_to,
                "note": reading.note})


def _feed(parsed: ParsedDirectory, record_id: str) -> dict[str, str]:
    """The feed columns: the feed and the record's id there, or empty for a file's records."""
    return {"feed_url": parsed.feed_url, "feed_id": record_id if parsed.feed_url else ""}


def _default_source(parsed: ParsedDirectory) -> str:
    return default_source(parsed.file, parsed.imported_on)
