"""Export the directory as the volunteer spreadsheet: one row per service at a place."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.communities import COMMUNITY_TAXONOMY, community_term_id
from directory.formats.files import formula_safe
from directory.formats.spreadsheet_columns import COLUMNS
from directory.formats.stored import load_services
from directory.formats.values import DAY_NAMES, format_time, iso, split_list
from directory.models import AreaKind, Location, Postcode, Schedule, Service, Ward
from directory.needs import KIND_SLUGS, kind_of_term


def _day_list(days: list[int]) -> str:
    """Mon,Wed or Mon-Fri for a run of three or more days."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [DAY_NAMES[d][:3] for d in range(7)]
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}-{names[run[-1]]}")
        else:
            parts += [names[d] for d in run]
    return ",".join(parts)


def _range(opens: dt.time | None, closes: dt.time | None) -> str:
    return f"{format_time(opens)[:5]}-{format_time(closes)[:5]}" if opens and closes else ""


def format_opening_times(schedules: Iterable[Schedule]) -> str:
    """``Mon,Wed 10:00-12:00, 13:00-15:00; Tue 09:00-10:00 (note); Thu``: days with the same
    sessions grouped, in week order; a day without times is the day alone."""
    by_day: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for s in schedules:
        key = (_range(s.opens_at, s.closes_at), s.note)
        if key not in by_day[s.weekday]:
            by_day[s.weekday].append(key)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for day in sorted(by_day):
        groups[tuple(sorted(by_day[day]))].append(day)
    parts = []
    for ranges, days in sorted(groups.items(), key=lambda kv: min(kv[1])):
        by_note: dict[str, list[str]] = defaultdict(list)
        for times, note in ranges:
            by_note[note].append(times)
        for note, times in by_note.items():
            text = " ".join(p for p in (_day_list(days), ", ".join(t for t in times if t)) if p)
            parts.append(f"{text} ({note})" if note else text)
    return "; ".join(parts)


def _validity(schedules: Iterable[Schedule]) -> tuple[str, str]:
    """The row's valid_from and valid_to (a row's sessions share them)."""
    for s in schedules:
        if s.valid_from or s.valid_to:
            return iso(s.valid_from) or "", iso(s.valid_to) or ""
    return "", ""


def _format_cost(service: Service) -> str:
    if service.cost_kind and service.cost_text:
        return f"{service.cost_kind}: {service.cost_text}"
    return service.cost_kind or service.cost_text


def _format_area(service: Service, ward_names: dict[str, str]) -> str:
    if service.area_kind == AreaKind.WARDS.value:
        return "; ".join(ward_names.get(c, c) for c in split_list(service.area_wards, ","))
    return "" if service.area_kind in ("", AreaKind.LOCAL.value) else service.area_kind


def _format_referral(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _own_point(location: Location, points: dict[str, tuple[float, float]]) -> tuple[str, str]:
    """The place's coordinates when they are its own, not its postcode's."""
    if location.latitude is None or location.longitude is None:
        return "", ""
    if points.get(location.postcode) == (location.latitude, location.longitude):
        return "", ""
    return repr(location.latitude), repr(location.longitude)


def _organisation_values(service: Service, ward_names: dict[str, str]) -> dict[str, str]:
    org = service.organisation
    return {"organisation_id": org.id, "organisation_description": org.description,
            "organisation_website": org.website, "organisation_email": org.email,
            "anchor_wards": "; ".join(ward_names.get(c, c)
                                      for c in split_list(org.anchor_wards, ","))}


def format_kinds(service: Service) -> str:
    """The ``kinds`` cell: ``debt-advice; benefits-advice (side)``, in registry order."""
    found = [kind for kind in (kind_of_term(t.term_id) for t in service.terms) if kind]
    found.sort(key=lambda kind: (kind[1], KIND_SLUGS.index(kind[0])))
    return "; ".join(f"{slug} (side)" if side else slug for slug, side in found)


def service_rows(service: Service, ward_names: dict[str, str],
                 points: dict[str, tuple[float, float]] | None = None) -> list[dict[str, Any]]:
    """One row per place, plus a row without a place for service-wide sessions (or when the
    service has no place)."""
    base = {
        "service_id": service.id, "organisation": service.organisation.name,
        "service": service.name, "description": service.description,
        "needs": "; ".join(service.need_slugs),
        "phone": "; ".join(f"{p.number} ({p.description})" if p.description else p.number
                           for p in sorted(service.phones, key=lambda p: p.id)),
        "website": service.url, "email": service.email, "cost": _format_cost(service),
        "referral_required": _format_referral(service.referral_required),
        "referral_how": service.referral_how, "area": _format_area(service, ward_names),
        "languages": "; ".join(split_list(service.languages, ",")), "status": service.status,
        "source": service.source, "last_checked": iso(service.last_checked) or "unknown",
        "notes": service.notes,
        "for_whom": "; ".join(sorted(t.term.id.removeprefix(community_term_id(""))
                                     for t in service.terms
                                     if t.term.taxonomy == COMMUNITY_TAXONOMY)),
        "kinds": format_kinds(service),
        **_organisation_values(service, ward_names),
    }
    rows = []
    links = sorted(service.locations, key=lambda link: (link.location.address.lower(),
                                                        link.location.postcode, link.id))
    for link in links:
        loc = link.location
        latitude, longitude = _own_point(loc, points or {})
        valid_from, valid_to = _validity(link.schedules)
        rows.append({**base, "address": loc.address, "postcode": loc.postcode,
                     "opening_times": format_opening_times(link.schedules),
                     "valid_from": valid_from, "valid_to": valid_to, "location_id": loc.id,
                     "location_name": loc.name, "area_name": loc.area_name,
                     "latitude": latitude, "longitude": longitude})
    service_wide = [s for s in service.schedules if s.service_at_location_id is None]
    if not links or service_wide:
        valid_from, valid_to = _validity(service_wide)
        rows.append({**base, "address": "", "postcode": "",
                     "opening_times": format_opening_times(service_wide),
                     "valid_from": valid_from, "valid_to": valid_to})
    return rows


def write_spreadsheet(session: Session, path: Path) -> int:
    """Write every service (UTF-8 with a byte-order mark, so spreadsheet programs read £)."""
    ward_names = dict(session.execute(select(Ward.code, Ward.name)).all())
    services = sorted(load_services(session), key=lambda s: (
        s.organisation.name.lower(), s.name.lower(), s.id))
    postcodes = {link.location.postcode for s in services for link in s.locations}
    points = {code: (lat, lon) for code, lat, lon in session.execute(
        select(Postcode.postcode, Postcode.latitude, Postcode.longitude).where(
            Postcode.postcode.in_(sorted(postcodes))))}
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for service in services:
            writer.writerows({column: formula_safe(str(value or "")) for column, value in
                              row.items()} for row in service_rows(service, ward_names, points))
    return len(services)
