"""ORUK 3.0 / HSDS 3.0 CSV data packages (``oruk-csv``): a folder of table CSVs (or a .zip).

Import joins the tables into nested ORUK service objects (each carrying the file and row it came
from) and reads them with :func:`directory.formats.oruk_records.add_service_object`. Table files
are found through ``datapackage.json`` when it can be read, and by their usual names otherwise;
where a package has both spellings (``schedule.csv`` and ``schedules.csv``) both are read and
rows are merged by id. The export is in :mod:`directory.formats.oruk_csv_export`.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.errors import UnreadableFileError
from directory.formats.files import Sample, read_csv_rows
from directory.formats.issues import ImportIssue
from directory.formats.oruk_csv_export import write_package
from directory.formats.oruk_records import add_service_object, organisation_record
from directory.formats.records import Origin, ParsedDirectory
from directory.formats.spreadsheet_columns import looks_like_spreadsheet
from directory.formats.values import text

NAME = "oruk-csv"
Json = dict[str, Any]

#: Resource name -> file names to look for, in order of preference.
TABLE_FILES: dict[str, tuple[str, ...]] = {
    "organization": ("organizations.csv", "organization.csv"),
    "service": ("services.csv", "service.csv"),
    "location": ("locations.csv", "location.csv"),
    "address": ("addresses.csv", "address.csv", "physical_addresses.csv"),
    "service_at_location": ("service_at_location.csv", "service_at_locations.csv",
                            "services_at_location.csv"),
    "phone": ("phones.csv", "phone.csv"),
    "contact": ("contacts.csv", "contact.csv"),
    "schedule": ("schedules.csv", "schedule.csv"),
    "taxonomy": ("taxonomies.csv", "taxonomy.csv"),
    "taxonomy_term": ("taxonomy_terms.csv", "taxonomy_term.csv"),
    "attribute": ("attributes.csv", "attribute.csv"),
    "cost_option": ("cost_options.csv", "cost_option.csv"),
    "language": ("languages.csv", "language.csv"),
    "service_area": ("service_areas.csv", "service_area.csv"),
}
#: Columns a table must have when it is present.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name"),
    "service": ("id", "name"),
    "location": ("id",),
    "address": ("location_id",),
    "service_at_location": ("service_id", "location_id"),
    "phone": ("number",),
    "taxonomy_term": ("id", "name"),
    "attribute": ("link_id", "taxonomy_term_id"),
    "cost_option": ("service_id",),
    "language": ("service_id",),
    "service_area": ("service_id",),
}


def detect(sample: Sample) -> bool:
    """A folder, a .zip or a datapackage.json; or a CSV beside a services.csv, unless it has the
    spreadsheet's header."""
    if sample.kind in ("folder", "zip", "datapackage"):
        return True
    return (sample.kind == "csv" and sample.path.parent.joinpath("services.csv").exists()
            and not looks_like_spreadsheet(sample.csv_header))


@dataclass(frozen=True)
class Row:
    file: str
    number: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def origin(self) -> Origin:
        return Origin(self.file, self.number)


# --- Import ------------------------------------------------------------------------------


def _package_paths(folder: Path, issues: list[ImportIssue]) -> dict[str, str]:
    """Resource name -> path from datapackage.json, if there is a readable one."""
    descriptor = folder / "datapackage.json"
    if not descriptor.exists():
        return {}
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8-sig"))
        return {text(r["name"]): text(r["path"]) for r in data.get("resources", [])
                if isinstance(r, dict) and isinstance(r.get("path"), str) and r.get("name")}
    except (ValueError, AttributeError, KeyError, UnicodeDecodeError):
        issues.append(ImportIssue("datapackage.json", None, None, "not a readable data package "
                                  "descriptor: the tables were found by their usual names",
                                  "warning"))
        return {}


def read_tables(folder: Path) -> tuple[dict[str, list[Row]], list[ImportIssue]]:
    """Every known table's rows; rows of a second file for the same table are merged by id."""
    issues: list[ImportIssue] = []
    declared = _package_paths(folder, issues)
    tables: dict[str, list[Row]] = {}
    for name, defaults in TABLE_FILES.items():
        names = list(dict.fromkeys([declared[name], *defaults] if name in declared else defaults))
        rows: list[Row] = []
        seen_ids: set[str] = set()
        for file_name in names:
            path = folder / file_name
            if not path.is_file():
                continue
            header, found, warning = read_csv_rows(path)
            if warning:
                issues.append(ImportIssue(file_name, None, None, warning, "warning"))
            missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in header]
            if missing:
                raise UnreadableFileError([ImportIssue(
                    file_name, 1, missing[0], f"missing columns: {', '.join(missing)}")])
            ids_here = set()
            for number, values in found:
                row_id = values.get("id", "")
                if row_id and row_id in seen_ids:
                    continue
                ids_here.add(row_id)
                rows.append(Row(file_name, number, values))
            seen_ids |= ids_here
        if rows or any((folder / f).is_file() for f in names):
            tables[name] = rows
    if "service" not in tables:
        raise UnreadableFileError([ImportIssue(folder.name, None, None, "not an ORUK data "
                                               "package: there is no services.csv")])
    return tables, issues


def _by(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row.get(key)].append(row)
    return grouped


def _with_origin(row: Row, **extra: Any) -> Json:
    return {**row.values, "_origin": row.origin, **extra}


class _Package:
    """The tables of one package, joined into nested ORUK service objects."""

    def __init__(self, tables: dict[str, list[Row]], issues: list[ImportIssue]) -> None:
        self.tables = tables
        self.issues = issues
        self.services = {r.get("id"): r for r in tables["service"] if r.get("id")}
        self.organisations = {r.get("id"): r for r in tables.get("organization", [])}
        self.locations = {r.get("id"): r for r in tables.get("location", [])}
        self.links = {r.get("id"): r for r in tables.get("service_at_location", [])
                      if r.get("id")}
        self.contacts = {r.get("id"): r for r in tables.get("contact", [])}
        taxonomies = {r.get("id"): r.get("name") for r in tables.get("taxonomy", [])}
        self.terms = {
            r.get("id"): {"id": r.get("id"), "name": r.get("name"),
                          "taxonomy": r.get("taxonomy") or taxonomies.get(r.get("taxonomy_id"),
                                                                           ""),
                          "term_uri": r.get("term_uri")}
            for r in tables.get("taxonomy_term", [])}
        self.addresses = _by(tables.get("address", []), "location_id")
        self.links_by_service = _by(tables.get("service_at_location", []), "service_id")
        self.costs = _by(tables.get("cost_option", []), "service_id")
        self.languages = _by(tables.get("language", []), "service_id")
        self.areas = _by(tables.get("service_area", []), "service_id")
        self.phones: dict[tuple[str, str], list[Json]] = defaultdict(list)
        self.schedules: dict[tuple[str, str], list[Json]] = defaultdict(list)
        self.attributes: dict[str, list[Json]] = defaultdict(list)
        self._link_phones()
        self._link_schedules()
        self._link_attributes()

    def _warn(self, row: Row, message: str) -> None:
        self.issues.append(row.origin.issue(None, message, "warning"))

    def _link_phones(self) -> None:
        for row in self.tables.get("phone", []):
            phone = {"number": row.get("number"), "description": row.get("description")}
            contact = self.contacts.get(row.get("contact_id"), Row("", 0, {}))
            link = self.links.get(row.get("service_at_location_id"), Row("", 0, {}))
            owners = (
                ("service", row.get("service_id")), ("service", contact.get("service_id")),
                ("location", row.get("location_id")), ("service", link.get("service_id")),
                ("organization", row.get("organization_id")),
                ("organization", contact.get("organization_id")),
            )
            known = {"service": self.services, "location": self.locations,
                     "organization": self.organisations}
            for kind, key in owners:
                if key and key in known[kind]:
                    self.phones[(kind, key)].append(phone)
                    break
            else:
                self._warn(row, "phone is not linked to a service, location or organisation "
                           "in this package: left out")

    def _link_schedules(self) -> None:
        for row in self.tables.get("schedule", []):
            schedule = _with_origin(row)
            if row.get("service_at_location_id") in self.links:
                self.schedules[("link", row.get("service_at_location_id"))].append(schedule)
            elif row.get("service_id") in self.services:
                self.schedules[("service", row.get("service_id"))].append(schedule)
            else:
                self._warn(row, "schedule is not linked to a service or service_at_location in "
                           "this package: left out")

    def _link_attributes(self) -> None:
        for row in self.tables.get("attribute", []):
            entity = (row.get("link_entity") or row.get("link_type")).lower()
            if entity in ("organization", "location", "organisation"):
                continue
            term = self.terms.get(row.get("taxonomy_term_id"))
            if row.get("link_id") not in self.services:
                self._warn(row, f"attribute links to '{row.get('link_id')}', which is not a "
                           "service in this package: left out")
            elif term is None:
                self._warn(row, f"attribute's taxonomy term '{row.get('taxonomy_term_id')}' "
                           "is not in taxonomy_terms.csv: left out")
            else:
                self.attributes[row.get("link_id")].append({"taxonomy_term": term})

    def organisation(self, org_id: str) -> Json | None:
        row = self.organisations.get(org_id)
        if row is None:
            return None
        return _with_origin(row, phones=self.phones.get(("organization", org_id), []))

    def location(self, loc_id: str) -> Json | None:
        row = self.locations.get(loc_id)
        if row is None:
            return None
        addresses = [a.values for a in self.addresses.get(loc_id, [])]
        return _with_origin(row, addresses=addresses,
                            phones=self.phones.get(("location", loc_id), []))

    def service(self, row: Row) -> Json:
        service_id = row.get("id")
        links = []
        for link in self.links_by_service.get(service_id, []):
            location = self.location(link.get("location_id"))
            if location is None:
                self._warn(link, f"location '{link.get('location_id')}' is not in "
                           "locations.csv: left out")
                continue
            links.append({"id": link.get("id"), "location": location,
                          "schedules": self.schedules.get(("link", link.get("id")), [])})
        obj = _with_origin(
            row, phones=self.phones.get(("service", service_id), []),
            schedules=self.schedules.get(("service", service_id), []),
            attributes=self.attributes.get(service_id, []), service_at_locations=links,
            cost_options=[c.values for c in self.costs.get(service_id, [])],
            languages=[lang.values for lang in self.languages.get(service_id, [])],
            service_areas=[a.values for a in self.areas.get(service_id, [])])
        organisation = self.organisation(row.get("organization_id"))
        if organisation is not None:
            obj["organization"] = organisation
        return obj


def parse_oruk_csv(folder: Path) -> ParsedDirectory:
    tables, issues = read_tables(folder)
    package = _Package(tables, issues)
    parsed = ParsedDirectory(file=folder.name, format=NAME)
    for number, row in enumerate(tables["service"], start=1):
        add_service_object(parsed, package.service(row), number)
    for org_id in package.organisations:
        if org_id and org_id not in parsed.organisations:
            obj = package.organisation(org_id)
            assert obj is not None
            parsed.add_organisation(organisation_record(parsed, obj, obj["_origin"]))
    parsed.issues.extend(package.issues)
    return parsed


def read(path: Path, session: Session | None = None) -> ParsedDirectory:
    """A package: its folder, a file in it (such as datapackage.json), or a .zip of it."""
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory() as folder:
            try:
                with zipfile.ZipFile(path) as archive:
                    archive.extractall(folder)
            except zipfile.BadZipFile as exc:
                raise UnreadableFileError([ImportIssue(path.name, None, None,
                                                       "not a readable zip file")]) from exc
            found = sorted(Path(folder).rglob("services.csv"))
            return parse_oruk_csv(found[0].parent if found else Path(folder))
    if path.is_file():
        path = path.parent
    return parse_oruk_csv(path)


def write(session: Session, path: Path) -> int:
    """Write the whole directory as a package into the folder ``path`` (see
    :mod:`directory.formats.oruk_csv_export`); return the number of services."""
    return write_package(session, path)
