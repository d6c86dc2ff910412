"""The volunteer spreadsheet (``spreadsheet``): a CSV with one row per service at a location.

The columns are described in :mod:`directory.formats.spreadsheet_columns` (and in the README);
the export is in :mod:`directory.formats.spreadsheet_export`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.files import Sample, read_csv_rows
from directory.formats.issues import WARNING, ImportIssue
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
from directory.formats.spreadsheet_columns import (
    COLUMNS,
    REQUIRED_COLUMNS,
    SERVICE_COLUMNS,
    looks_like_spreadsheet,
    normalise_header,
)
from directory.formats.spreadsheet_export import write_spreadsheet
from directory.formats.values import (
    DAY_CODES,
    DAY_NAMES,
    cost_kind_word,
    guess_cost_kind,
    parse_bool,
    parse_date,
    slugify,
    split_list,
    term_record,
)
from directory.models import AreaKind, Organisation
from directory.needs import NEED_TAXONOMY, NEEDS, need_term_id

NAME = "spreadsheet"
_TIME_RANGE = re.compile(r"(\d{1,2})[:.](\d{2})\s*(?:-|–|to)\s*(\d{1,2})[:.](\d{2})")


def detect(sample: Sample) -> bool:
    """A .csv file whose header names the spreadsheet's columns."""
    return sample.kind == "csv" and looks_like_spreadsheet(sample.csv_header)


# --- Reading cells -----------------------------------------------------------------------


def _need_key(value: str) -> str:
    return re.sub(r"\s+", " ", value.lower().replace("&", " and ").replace("-", " ")).strip()


_NEED_LOOKUP = {_need_key(text): need.slug for need in NEEDS
               for text in (need.slug, need.label, *need.aliases)}


def parse_needs(value: str) -> tuple[list[str], list[str]]:
    """(need slugs, messages for the ones that are not needs)."""
    slugs, problems = [], []
    for token in split_list(value):
        slug = _NEED_LOOKUP.get(_need_key(token))
        if slug is None:
            hit = process.extractOne(_need_key(token), list(_NEED_LOOKUP), scorer=fuzz.WRatio,
                                     score_cutoff=60)
            hint = f" (did you mean {_NEED_LOOKUP[hit[0]]}?)" if hit else \
                f" (use one of {', '.join(n.slug for n in NEEDS)})"
            problems.append(f"needs '{token}' is not a need{hint}")
        elif slug not in slugs:
            slugs.append(slug)
    return slugs, problems


_DAY_LOOKUP: dict[str, int] = {}
for _index, (_code, _name) in enumerate(zip(DAY_CODES, DAY_NAMES, strict=True)):
    for _word in (_code, _name, _name[:3], _name[:4]):
        _DAY_LOOKUP[_word.lower()] = _index
_DAY_LOOKUP.update({"thur": 3, "thurs": 3, "weds": 2})


def _days(value: str) -> list[int] | None:
    days: list[int] = []
    for token in re.split(r"\s*(?:,|&|/|\band\b)\s*", value.strip().lower()):
        if not token:
            continue
        ends = [t.strip() for t in re.split(r"\s*[-–]\s*|\s+to\s+", token)]
        if len(ends) > 2 or any(e not in _DAY_LOOKUP for e in ends):
            return None
        day, last = _DAY_LOOKUP[ends[0]], _DAY_LOOKUP[ends[-1]]
        days.append(day)
        while day != last:
            day = (day + 1) % 7
            days.append(day)
    return list(dict.fromkeys(days)) or None


def parse_opening_times(value: str) -> tuple[list[tuple[list[int], str, str]], list[str]]:
    """([(weekdays, "HH:MM", "HH:MM")], problems) from ``Mon 10:00-12:00; Tue,Thu 13:00-15:30``."""
    sessions, problems = [], []
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        match = re.fullmatch(r"([^\d]+?)\s*(\d.*)", part)
        days = _days(match.group(1)) if match else None
        ranges = re.split(r"\s*,\s*|\s+and\s+", match.group(2).strip()) if match else []
        parsed = [_TIME_RANGE.fullmatch(r) for r in ranges]
        if days is None or not parsed or not all(parsed):
            problems.append(f"opening_times '{part}' is not a time range like Mon 10:00-12:00")
            continue
        for found in parsed:
            assert found is not None
            h1, m1, h2, m2 = (int(g) for g in found.groups())
            if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
                problems.append(f"opening_times '{part}' is not a time range like "
                                "Mon 10:00-12:00")
                break
            if (h2, m2) <= (h1, m1):
                problems.append(f"opening_times '{part}' closes before it opens")
                break
            sessions.append((days, f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"))
    return sessions, problems


def parse_cost(value: str) -> tuple[str, str]:
    """(cost_kind, cost_text) from ``free``, ``fee: £1 a bag``, ``Donations welcome``..."""
    value = value.strip()
    if not value:
        return "", ""
    match = re.fullmatch(r"(free|pay[- ]as[- ]you[- ]feel|fee)\s*:\s*(.*)", value, re.I | re.S)
    if match:
        return cost_kind_word(match.group(1)) or "", match.group(2).strip()
    exact = cost_kind_word(value)
    if exact:
        return exact, ""
    return guess_cost_kind(value), value


def _date(value: str) -> str:
    """ISO text for YYYY-MM-DD, or for DD/MM/YYYY as spreadsheet programs rewrite dates."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day).isoformat()
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(value)
    return parsed.isoformat()


def _phones(value: str) -> list[PhoneRecord]:
    phones = []
    for item in split_list(value, ";"):
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", item)
        phones.append(PhoneRecord(match.group(1), match.group(2)) if match
                      else PhoneRecord(item))
    return phones


def _area(value: str) -> tuple[str, list[str]]:
    lowered = value.strip().lower()
    if lowered in ("", "local"):
        return AreaKind.LOCAL.value, []
    if lowered in ("city", "leeds", "all leeds", "city-wide", "citywide"):
        return AreaKind.CITY.value, []
    if lowered in ("national", "uk", "england", "nationwide"):
        return AreaKind.NATIONAL.value, []
    return AreaKind.WARDS.value, split_list(value, ";")


# --- Import ------------------------------------------------------------------------------


class _Builder:
    """Collects rows into services, locations and organisations."""

    def __init__(self, parsed: ParsedDirectory, known_organisations: dict[str, str]) -> None:
        self.parsed = parsed
        self.known_organisations = known_organisations
        self.services: dict[str, ServiceRecord] = {}
        #: Service id -> service-level column -> (row number, value): the first non-blank.
        self.values: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
        self.checks: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> (date, source)
        self.locations: dict[str, LocationRecord] = {}
        self.location_services: dict[str, list[str]] = defaultdict(list)
        self.links: dict[tuple[str, str], ServiceLocationRecord] = {}

    def service_id(self, row: dict[str, str], number: int) -> str:
        if row["service_id"]:
            return row["service_id"]
        org, name = slugify(row["organisation"]), slugify(row["service"])
        if not name:
            return f"row-{number}"
        return name if not org or name.startswith(org) else f"{org}-{name}"

    def add_row(self, number: int, row: dict[str, str]) -> None:
        origin = Origin(self.parsed.file, number)
        issues: list[ImportIssue] = []
        checked = ""
        if not row["last_checked"]:
            issues.append(origin.issue("last_checked", "last_checked is required (YYYY-MM-DD)"))
        else:
            try:
                checked = _date(row["last_checked"])
            except ValueError:
                issues.append(origin.issue("last_checked", f"last_checked "
                                           f"'{row['last_checked']}' is not a date (YYYY-MM-DD)"))
        slugs, problems = parse_needs(row["needs"])
        issues += [origin.issue("needs", p) for p in problems]
        sessions, problems = parse_opening_times(row["opening_times"])
        issues += [origin.issue("opening_times", p) for p in problems]
        try:
            parse_bool(row["referral_required"])
        except ValueError:
            issues.append(origin.issue("referral_required", f"referral_required "
                                       f"'{row['referral_required']}' should be yes, no or blank"))

        service_id = self.service_id(row, number)
        svc = self.services.setdefault(service_id, ServiceRecord(id=service_id, origin=origin))
        issues += self._merge(service_id, number, row)
        svc.rows.append(number)
        svc.issues += issues
        self.checks[service_id].append((checked, row["source"]))
        for slug in slugs:
            term_id = need_term_id(slug)
            self.parsed.add_term(term_record(term_id, slug, NEED_TAXONOMY))
            if term_id not in svc.term_ids:
                svc.term_ids.append(term_id)
        for phone in _phones(row["phone"]):
            if phone.number not in [p.number for p in svc.phones]:
                svc.phones.append(phone)
        for language in split_list(row["languages"]):
            if language not in svc.languages:
                svc.languages.append(language)
        schedules = [ScheduleRecord(origin, byday=",".join(DAY_CODES[d] for d in days),
                                    freq="WEEKLY", opens_at=opens, closes_at=closes)
                     for days, opens, closes in sessions]
        if row["address"] or row["postcode"]:
            self._link(svc, origin, row).schedules += schedules
        else:
            svc.schedules += schedules

    def _merge(self, service_id: str, number: int, row: dict[str, str]) -> list[ImportIssue]:
        """Keep the first non-blank value of each service-level column; warn on a different
        one."""
        values, issues = self.values[service_id], []
        for column in SERVICE_COLUMNS:
            if not row[column]:
                continue
            if column not in values:
                values[column] = (number, row[column])
            elif values[column][1] != row[column]:
                first = values[column][0]
                issues.append(Origin(self.parsed.file, number).issue(
                    column, f"{column} differs from row {first} for service '{service_id}': "
                    f"row {first}'s is used", WARNING))
        return issues

    def _link(self, svc: ServiceRecord, origin: Origin,
              row: dict[str, str]) -> ServiceLocationRecord:
        loc_id = "loc-" + slugify(f"{row['address']} {row['postcode']}")
        if loc_id not in self.locations:
            self.locations[loc_id] = LocationRecord(
                id=loc_id, origin=origin, name=row["address"].split(",")[0].strip(),
                address=row["address"], postcode=row["postcode"])
        if svc.id not in self.location_services[loc_id]:
            self.location_services[loc_id].append(svc.id)
        key = (svc.id, loc_id)
        if key not in self.links:
            self.links[key] = ServiceLocationRecord(f"{svc.id}@{loc_id}", self.locations[loc_id])
            svc.locations.append(self.links[key])
        return self.links[key]

    def _apply(self, svc: ServiceRecord) -> None:
        value = {c: v for c, (_n, v) in self.values[svc.id].items()}.get
        org_name = value("organisation", "")
        if org_name:
            svc.organisation_id = self.known_organisations.get(org_name) or slugify(
                org_name) or f"organisation-{svc.id}"
        svc.name, svc.description = value("service", ""), value("description", "")
        svc.url, svc.email = value("website", ""), value("email", "")
        svc.status = value("status", "active").lower()
        svc.cost_kind, svc.cost_text = parse_cost(value("cost", ""))
        try:
            svc.referral_required = parse_bool(value("referral_required", ""))
        except ValueError:
            svc.referral_required = None  # reported for its row
        svc.referral_how, svc.notes = value("referral_how", ""), value("notes", "")
        svc.area_kind, svc.area_wards = _area(value("area", ""))

    def finish(self) -> None:
        """Dates and sources: a service's latest row; a location's or organisation's latest
        service (ties go to the larger source text, so the result does not depend on order)."""
        by_org: dict[str, list[ServiceRecord]] = defaultdict(list)
        for service_id, svc in self.services.items():
            self._apply(svc)
            svc.last_checked, source = max(self.checks[service_id])
            svc.source = source
            if svc.organisation_id:
                by_org[svc.organisation_id].append(svc)
        for loc_id, loc in self.locations.items():
            loc.last_checked, loc.source = max(
                (self.services[s].last_checked, self.services[s].source)
                for s in self.location_services[loc_id])
        for org_id, services in by_org.items():
            checked, source = max((s.last_checked, s.source) for s in services)
            name = self.values[services[0].id]["organisation"][1]
            self.parsed.add_organisation(OrganisationRecord(
                id=org_id, origin=services[0].origin, name=name, description=None,
                website=None, email=None, anchor_wards=None, source=source,
                last_checked=checked))
        self.parsed.services = list(self.services.values())


def parse_spreadsheet(path: Path, session: Session | None = None) -> ParsedDirectory:
    """Read a spreadsheet CSV. With a session, an organisation whose name is already in the
    directory keeps its id."""
    header, rows, warning = read_csv_rows(path)
    parsed = ParsedDirectory(file=path.name, format=NAME)
    if warning:
        parsed.issues.append(ImportIssue(path.name, None, None, warning, WARNING))
    columns = {normalise_header(h): h for h in header if h}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise UnreadableFileError([ImportIssue(
            path.name, 1, missing[0], f"missing columns: {', '.join(missing)} "
            "(see 'The directory spreadsheet' in the README)")])
    for name in header:
        if name and normalise_header(name) not in COLUMNS:
            parsed.issues.append(ImportIssue(path.name, 1, name, f"column '{name}' is not a "
                                             "spreadsheet column: ignored", WARNING))
    known: dict[str, str] = {}
    if session is not None:
        known = {name: org_id for name, org_id in
                 session.execute(select(Organisation.name, Organisation.id).order_by(
                     Organisation.id.desc())).all()}
    return parse_rows(parsed, known, ((number, {
        c: values.get(columns[c], "") if c in columns else "" for c in COLUMNS})
        for number, values in rows))


def parse_rows(parsed: ParsedDirectory, known_organisations: dict[str, str],
               rows: Iterable[tuple[int, dict[str, str]]]) -> ParsedDirectory:
    """Read numbered rows (every column in COLUMNS) into ``parsed``: the spreadsheet's rules,
    shared with the keepers' edit form. ``known_organisations`` maps names to stored ids."""
    builder = _Builder(parsed, known_organisations)
    for number, row in rows:
        builder.add_row(number, row)
    builder.finish()
    return parsed


def read(path: Path, session: Session | None = None) -> ParsedDirectory:
    return parse_spreadsheet(path, session)


def write(session: Session, path: Path) -> int:
    """Write the whole directory (see :mod:`directory.formats.spreadsheet_export`); return the
    number of services."""
    return write_spreadsheet(session, path)
