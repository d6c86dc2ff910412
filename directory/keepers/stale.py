"""Records by the age of their details, with conflicts in the data and residents' reports;
and the one-click check that a record is still right."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from directory.keepers.models import RecordCheck, WrongReport
from directory.models import Location, Service, ServiceAtLocation, ServiceStatus, ServiceTerm


@dataclass
class StaleRecord:
    service_id: str
    name: str
    organisation_id: str
    organisation: str
    last_checked: dt.date | None
    #: Days since the details were checked; None when never.
    age_days: int | None
    ward_codes: list[str]
    needs: list[str]
    wrong_reports: int = 0
    #: Recent follow-up answers saying "closed" or "turned away" (counted only from 2 up).
    follow_up_reports: int = 0
    conflicts: list[str] = field(default_factory=list)


def verify_service(session: Session, service: Service, who: str, role: str,
                   now: dt.datetime, today: dt.date) -> RecordCheck:
    """The keeper confirms the details: the check date becomes today and who checked is kept."""
    service.last_checked = today
    check = RecordCheck(record_kind="service", record_id=service.id, checked_at=now,
                        checked_by=who, checked_by_role=role)
    session.add(check)
    session.flush()
    return check


def last_check(session: Session, service_id: str) -> RecordCheck | None:
    return session.scalar(select(RecordCheck).where(
        RecordCheck.record_kind == "service", RecordCheck.record_id == service_id)
        .order_by(RecordCheck.checked_at.desc()).limit(1))


def wrong_report_totals(session: Session, since: dt.date | None = None) -> dict[str, int]:
    """Residents' reports per service (since a week, when given)."""
    query = select(WrongReport.service_id, func.sum(WrongReport.count)).group_by(
        WrongReport.service_id)
    if since is not None:
        query = query.where(WrongReport.week >= since)
    return {service_id: int(total) for service_id, total in session.execute(query)}


def _conflicts(service: Service, shared_phones: dict[str, set[str]], reports: int,
               today: dt.date, follow_ups: int = 0) -> list[str]:
    found = []
    if follow_ups:
        found.append(f"{follow_ups} follow-ups say closed or turned away")
    phones = [p.number for p in service.phones]
    if not (phones or service.url or service.email):
        found.append("no phone, website or email")
    for number in phones:
        if len(shared_phones.get(number, set())) > 1:
            found.append(f"phone {number} is also another organisation's")
    if reports and service.status == ServiceStatus.ACTIVE.value:
        found.append("listed as open, but residents report it closed or wrong")
    ended = [s for s in service.schedules if s.valid_to is not None and s.valid_to < today]
    if ended and len(ended) == len(service.schedules):
        found.append("every opening time has ended")
    return found


def stale_records(session: Session, today: dt.date, ward_code: str | None = None,
                  need: str | None = None,
                  organisation_ids: list[str] | None = None,
                  follow_ups: dict[str, int] | None = None) -> list[StaleRecord]:
    """Services by the age of their details, oldest (or never checked) first; those in
    ``follow_ups`` (service id: recent "closed" or "turned away" answers, passed in by the
    caller, which knows the follow-ups) come before all of them."""
    follow_ups = follow_ups or {}
    query = select(Service).options(
        selectinload(Service.organisation), selectinload(Service.phones),
        selectinload(Service.schedules),
        selectinload(Service.terms).selectinload(ServiceTerm.term),
        selectinload(Service.locations).selectinload(ServiceAtLocation.location))
    if organisation_ids is not None:
        query = query.where(Service.organisation_id.in_(organisation_ids))
    services = list(session.scalars(query))
    shared: dict[str, set[str]] = defaultdict(set)
    for svc in session.scalars(select(Service).options(selectinload(Service.phones))):
        for phone in svc.phones:
            shared[phone.number].add(svc.organisation_id)
    reports = wrong_report_totals(session)
    out = []
    for svc in services:
        wards = sorted({link.location.ward_code for link in svc.locations
                        if link.location.ward_code} | set(filter(None, svc.area_wards.split(","))))
        if ward_code and ward_code not in wards:
            continue
        if need and need not in svc.need_slugs:
            continue
        age = (today - svc.last_checked).days if svc.last_checked else None
        out.append(StaleRecord(svc.id, svc.name, svc.organisation_id, svc.organisation.name,
                               svc.last_checked, age, wards, svc.need_slugs,
                               reports.get(svc.id, 0), follow_ups.get(svc.id, 0),
                               _conflicts(svc, shared, reports.get(svc.id, 0), today,
                                          follow_ups.get(svc.id, 0))))
    out.sort(key=lambda r: (not r.follow_up_reports, r.last_checked is not None,
                            r.last_checked or dt.date.min, -r.wrong_reports, r.name.lower()))
    return out


def ward_options(session: Session) -> list[str]:
    """Ward codes that have a place in the directory."""
    return sorted(c for c in session.scalars(select(Location.ward_code).distinct()) if c)
