"""Export the directory as an ORUK 3.0 / HSDS 3.0 CSV data package: the ORUK JSON export
flattened into table CSVs, with a ``datapackage.json`` listing them and our ``x_`` fields as
extra columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.files import formula_safe
from directory.formats.oruk_objects import directory_to_oruk_json

Json = dict[str, Any]

#: Table name -> (file, columns). ``x_`` columns are ours; the rest are ORUK / HSDS 3.0.
EXPORT_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": ("organizations.csv", (
        "id", "name", "description", "email", "website", "x_source", "x_last_checked",
        "x_anchor_wards")),
    "service": ("services.csv", (
        "id", "organization_id", "name", "description", "url", "email", "status",
        "application_process", "assured_date", "x_source", "x_last_checked",
        "x_referral_required", "x_notes")),
    "location": ("locations.csv", (
        "id", "location_type", "name", "latitude", "longitude", "x_source", "x_last_checked",
        "x_ward_code", "x_area_name")),
    "address": ("addresses.csv", (
        "id", "location_id", "address_1", "city", "state_province", "postal_code", "country",
        "address_type")),
    "service_at_location": ("service_at_location.csv", ("id", "service_id", "location_id")),
    "phone": ("phones.csv", (
        "id", "service_id", "location_id", "organization_id", "number", "description")),
    "schedule": ("schedules.csv", (
        "id", "service_id", "service_at_location_id", "freq", "byday", "opens_at", "closes_at",
        "valid_from", "valid_to", "notes")),
    "taxonomy_term": ("taxonomy_terms.csv", ("id", "name", "taxonomy", "term_uri")),
    "attribute": ("attributes.csv", (
        "id", "link_id", "link_type", "link_entity", "taxonomy_term_id")),
    "cost_option": ("cost_options.csv", ("id", "service_id", "option", "amount_description")),
    "language": ("languages.csv", ("id", "service_id", "name", "code")),
    "service_area": ("service_areas.csv", (
        "id", "service_id", "name", "extent", "extent_type")),
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _phone_rows(owner: str, owner_id: str, phones: list[Json]) -> list[Json]:
    return [{**p, f"{owner}_id": owner_id} for p in phones]


def directory_tables(session: Session) -> dict[str, list[Json]]:
    """The ORUK JSON export flattened into table rows (each table in a stable order)."""
    tables: dict[str, list[Json]] = {name: [] for name in EXPORT_TABLES}
    organisations: dict[str, Json] = {}
    locations: dict[str, Json] = {}
    terms: dict[str, Json] = {}
    for service in directory_to_oruk_json(session)["contents"]:
        sid = service["id"]
        org = service["organization"]
        organisations.setdefault(org["id"], org)
        tables["service"].append({**service, "organization_id": org["id"]})
        tables["phone"] += _phone_rows("service", sid, service["phones"])
        tables["schedule"] += [{**s, "service_id": sid} for s in service["schedules"]]
        for attribute in service["attributes"]:
            term = attribute["taxonomy_term"]
            terms.setdefault(term["id"], term)
            tables["attribute"].append({"id": attribute["id"], "link_id": sid,
                                        "link_type": "service", "link_entity": "service",
                                        "taxonomy_term_id": term["id"]})
        tables["cost_option"] += [{**c, "service_id": sid} for c in service["cost_options"]]
        tables["language"] += [{**lang, "service_id": sid} for lang in service["languages"]]
        tables["service_area"] += [{**a, "service_id": sid} for a in service["service_areas"]]
        for link in service["service_at_locations"]:
            location = link["location"]
            locations.setdefault(location["id"], location)
            tables["service_at_location"].append({"id": link["id"], "service_id": sid,
                                                  "location_id": location["id"]})
            tables["schedule"] += [{**s, "service_id": sid, "service_at_location_id": link["id"]}
                                   for s in link["schedules"]]
    for org_id in sorted(organisations):
        org = organisations[org_id]
        tables["organization"].append(org)
        tables["phone"] += _phone_rows("organization", org_id, org.get("phones", []))
    for loc_id in sorted(locations):
        location = locations[loc_id]
        tables["location"].append(location)
        tables["address"] += [{**a, "location_id": loc_id} for a in location["addresses"]]
        tables["phone"] += _phone_rows("location", loc_id, location["phones"])
    tables["taxonomy_term"] = [terms[t] for t in sorted(terms)]
    return tables


def _descriptor() -> Json:
    return {
        "name": "leeds-signpost-directory",
        "title": "Leeds Signpost service directory",
        "profile": "tabular-data-package",
        "version": "3.0",
        "description": "Open Referral UK 3.0 / HSDS 3.0 tables; columns starting x_ are "
                       "Leeds Signpost extensions (see directory/data/FORMAT.md).",
        "resources": [
            {"name": name, "path": file_name, "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"primaryKey": "id",
                        "fields": [{"name": c, "type": "string"} for c in columns]}}
            for name, (file_name, columns) in EXPORT_TABLES.items()
        ],
    }


def write_package(session: Session, folder: Path) -> int:
    """Write the package into ``folder`` (created if needed); return the number of services."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = directory_tables(session)
    for name, (file_name, columns) in EXPORT_TABLES.items():
        with open(folder / file_name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in tables[name]:
                # Values keepers typed (=HYPERLINK(...), @SUM(...)) are shown, never run.
                writer.writerow([formula_safe(_cell(row.get(c))) for c in columns])
    (folder / "datapackage.json").write_text(
        json.dumps(_descriptor(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(tables["service"])
