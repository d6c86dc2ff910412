"""The volunteer spreadsheet (``spreadsheet``): a CSV with one row per service at a location.

Its cells are read by :mod:`directory.formats.spreadsheet_cells`.

The columns are described in :mod:`directory.formats.spreadsheet_columns` (and in
docs/directory-data.md); the export is in :mod:`directory.formats.spreadsheet_export`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.communities import COMMUNITY_TAXONOMY, community_for, community_term_id
from directory.formats.errors import UnreadableFileError
from directory.formats.files import Sample, read_csv_rows
from directory.formats.issues import WARNING, ImportIssue
from directory.formats.records import (
    LocationRecord,
    OrganisationRecord,
    Origin,
    ParsedDirectory,
    ScheduleRecord,
    ServiceLocationRecord,
    ServiceRecord,
)
from directory.formats.spreadsheet_cells import (
    kinds_from_notes,
    parse_area,
    parse_cell_date,
    parse_cost,
    parse_kinds,
    parse_needs,
    parse_opening_times,
    parse_phones,
)
from directory.formats.spreadsheet_columns import (
    COLUMNS,
    ORGANISATION_COLUMNS,
    REQUIRED_COLUMNS,
    SERVICE_COLUMNS,
    looks_like_spreadsheet,
    normalise_header,
)
from directory.formats.spreadsheet_export import write_spreadsheet
from directory.formats.values import DAY_CODES, parse_bool, slugify, split_list, term_record
from directory.models import Organisation
from directory.needs import (
    KIND_TAXONOMY,
    KINDS_BY_SLUG,
    NEED_TAXONOMY,
    SIDE_KIND_TAXONOMY,
    kind_term_id,
    need_term_id,
)

__all__ = ["NAME", "detect", "parse_cost", "parse_opening_times", "parse_spreadsheet", "read",
           "write"]

NAME = "spreadsheet"


def detect(sample: Sample) -> bool:
    """A .csv file whose header names the spreadsheet's columns."""
    return sample.kind == "csv" and looks_like_spreadsheet(sample.csv_header)


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
            issues.append(origin.issue("last_checked", "last_checked is required (YYYY-MM-DD, "
                                       "or unknown)"))
        elif row["last_checked"].strip().lower() == "unknown":
            checked = ""
        else:
            try:
                checked = parse_cell_date(row["last_checked"])
            except ValueError:
                issues.append(origin.issue("last_checked", f"last_checked "
                                           f"'{row['last_checked']}' is not a date (YYYY-MM-DD)"))
        slugs, problems = parse_needs(row["needs"])
        issues += [origin.issue("needs", p) for p in problems]
        if not row["kinds"]:
            row["kinds"], row["notes"] = kinds_from_notes(row["notes"])
        kinds, problems = parse_kinds(row["kinds"])
        issues += [origin.issue("kinds", p) for p in problems]
        slugs = list(dict.fromkeys(slugs + [n for kind, _side in kinds
                                            for n in KINDS_BY_SLUG[kind].needs]))
        sessions, problems = parse_opening_times(row["opening_times"])
        issues += [origin.issue("opening_times", p) for p in problems]
        for column in ("valid_from", "valid_to"):
            try:
                row[column] = parse_cell_date(row[column]) if row[column] else ""
            except ValueError:
                issues.append(origin.issue(column, f"{column} '{row[column]}' is not a date "
                                           "(YYYY-MM-DD)"))
                row[column] = ""
        communities = []
        for word in split_list(row["for_whom"], ";"):
            slug = community_for(word)
            if slug is None:
                issues.append(origin.issue("for_whom", f"for_whom '{word}' is not a community "
                                           "(see directory/communities.py)"))
            else:
                communities.append(slug)
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
        terms = [(need_term_id(s), s, NEED_TAXONOMY) for s in slugs]
        terms += [(community_term_id(s), s, COMMUNITY_TAXONOMY) for s in communities]
        terms += [(kind_term_id(k, side), k, SIDE_KIND_TAXONOMY if side else KIND_TAXONOMY)
                  for k, side in kinds]
        for term_id, name, taxonomy in terms:
            self.parsed.add_term(term_record(term_id, name, taxonomy))
            if term_id not in svc.term_ids:
                svc.term_ids.append(term_id)
        for phone in parse_phones(row["phone"]):
            if phone.number not in [p.number for p in svc.phones]:
                svc.phones.append(phone)
        for language in split_list(row["languages"]):
            if language not in svc.languages:
                svc.languages.append(language)
        schedules = [ScheduleRecord(origin, byday=",".join(DAY_CODES[d] for d in days),
                                    freq="WEEKLY", opens_at=opens or "", closes_at=closes or "",
                                    valid_from=row["valid_from"], valid_to=row["valid_to"],
                                    note=note)
                     for days, opens, closes, note in sessions]
        if any(row[c] for c in ("address", "postcode", "area_name", "location_id")):
            self._link(svc, origin, row).schedules += schedules
        else:
            svc.schedules += schedules

    def _merge(self, service_id: str, number: int, row: dict[str, str]) -> list[ImportIssue]:
        """Keep the first non-blank value of each service-level column; warn on a different
        one."""
        values, issues = self.values[service_id], []
        for column in SERVICE_COLUMNS + ORGANISATION_COLUMNS:
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
        place = f"{row['address']} {row['postcode']}".strip() or row["area_name"]
        loc_id = row["location_id"] or "loc-" + slugify(place)
        if loc_id not in self.locations:
            self.locations[loc_id] = LocationRecord(
                id=loc_id, origin=origin,
                name=row["location_name"] or row["address"].split(",")[0].strip(),
                address=row["address"], postcode=row["postcode"], area_name=row["area_name"],
                latitude=row["latitude"] or None, longitude=row["longitude"] or None)
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
        if value("organisation_id", ""):
            svc.organisation_id = value("organisation_id", "")
        elif org_name:
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
        svc.area_kind, svc.area_wards = parse_area(value("area", ""))

    def finish(self) -> None:
        """Dates and sources: a service's latest row; a location's or organisation's latest
        service (ties go to the larger source text, so the result does not depend on order)."""
        by_org: dict[str, list[ServiceRecord]] = defaultdict(list)
        for service_id, svc in self.services.items():
            self._apply(svc)
            svc.last_checked, source = max(self.checks[service_id])
            svc.source = source if svc.last_checked else "; ".join(
                dict.fromkeys(s for _c, s in self.checks[service_id] if s))
            if svc.organisation_id:
                by_org[svc.organisation_id].append(svc)
        for loc_id, loc in self.locations.items():
            loc.last_checked, loc.source = max(
                (self.services[s].last_checked, self.services[s].source)
                for s in self.location_services[loc_id])
        for org_id, services in by_org.items():
            checked, source = max((s.last_checked, s.source) for s in services)
            name = self.values[services[0].id]["organisation"][1]
            given = {c: v for s in reversed(services)
                     for c, (_n, v) in self.values[s.id].items() if c in ORGANISATION_COLUMNS}
            anchors = given.get("anchor_wards")
            self.parsed.add_organisation(OrganisationRecord(
                id=org_id, origin=services[0].origin, name=name,
                description=given.get("organisation_description"),
                website=given.get("organisation_website"),
                email=given.get("organisation_email"),
                anchor_wards=split_list(anchors, ";") if anchors else None, source=source,
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
            "(see 'The directory spreadsheet' in docs/directory-data.md)")])
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
