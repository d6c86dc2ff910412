"""Import a service directory from a file: tell the format, parse, check as a whole, then write.

Every format's parser turns its file into the same plain records, a :class:`ParsedDirectory`
(organisations, services with their locations, schedules, phones and taxonomy terms). The records
are checked together, against each other and against the Leeds geography. Nothing is written
unless every record is valid; with ``skip_invalid`` the valid services are written and the others
are listed in the report.

Formats (``fmt``)
    ``oruk-json``    ORUK 3.0 JSON: our own FORMAT.md, a paged ``/services`` response, a bare
                     list of services or one full service (:mod:`directory.oruk_json`)
    ``oruk-v1``      ORUK v1 JSON pages, import only (:mod:`directory.oruk_v1`)
    ``oruk-csv``     ORUK 3.0 / HSDS 3.0 CSV data package: a folder, its datapackage.json or a
                     .zip (:mod:`directory.oruk_csv`)
    ``spreadsheet``  the volunteer CSV described in the README (:mod:`directory.spreadsheet`)

Outcomes
    ``import_path`` returns an :class:`ImportReport`. When records are invalid (and
    ``skip_invalid`` is off) nothing is written and ``report.has_errors`` is true; call
    ``report.raise_for_errors()`` to turn that into :class:`InvalidDirectoryError`. A file that
    cannot be read at all raises straight away: :class:`DirectoryImportError` (also importable as
    ``ImportError``) or one of its subclasses, drawn in :mod:`directory.formats.errors`.

    ``validate_path`` runs the same parsing and checks without writing and never raises for a
    bad file: every problem is an issue in the report.

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

Every record gets ``source`` (``x_source``, else "imported from <file> on <date>") and
``last_checked`` (``x_last_checked``, else ``assured_date``, else ``last_modified``, else none).
Taxonomy terms keep their own ids; NEED_KEYWORDS maps them to our needs.

Modules: ``report`` (issues and the report), ``errors``, ``records`` (what parsers produce),
``values`` and ``files`` (helpers for parsers), ``geography``, ``readings`` (locations,
schedules, areas), ``checks``, ``batches`` (id look-ups), ``writer`` and ``exports``; this one
tells the format and holds the entry points.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from directory.formats.errors import (
    DirectoryImportError,
    ImportError,
    InvalidDirectoryError,
    UnknownFormatError,
    UnreadableFileError,
)
from directory.formats.files import load_json, read_csv_rows
from directory.formats.issues import ERROR, WARNING, ImportIssue
from directory.formats.records import (
    LocationRecord,
    OrganisationRecord,
    Origin,
    ParsedDirectory,
    PhoneRecord,
    ScheduleRecord,
    ServiceLocationRecord,
    ServiceRecord,
    TermRecord,
)
from directory.formats.stored import load_services
from directory.formats.values import (
    DAY_CODES,
    DAY_NAMES,
    NEED_KEYWORDS,
    clean_phone,
    cost_from_options,
    cost_kind_word,
    default_source,
    format_time,
    guess_cost_kind,
    iso,
    join_address,
    need_for_term,
    parse_bool,
    parse_date,
    parse_time,
    slugify,
    split_address,
    split_list,
    term_record,
    text,
)
from directory.importing.batches import existing_ids
from directory.importing.checks import COST_KINDS, STATUSES, Plan, check_directory
from directory.importing.exports import (
    export_oruk_csv,
    export_oruk_json,
    export_spreadsheet,
)
from directory.importing.geography import MAX_NEAREST_POSTCODE_KM, Geography
from directory.importing.readings import (
    AREA_KINDS,
    POSTCODE_MAX,
    LocationReading,
    ScheduleReading,
    read_area,
    read_location,
    read_schedule,
)
from directory.importing.report import ImportReport, SkippedRecord
from directory.importing.writer import Progress, write_directory
from directory.models import Location, Organisation, Service

__all__ = [
    "FORMATS",
    "DirectoryImportError",
    "ImportIssue",
    "ImportReport",
    "InvalidDirectoryError",
    "ParsedDirectory",
    "UnknownFormatError",
    "UnreadableFileError",
    "detect_format",
    "export_oruk_csv",
    "export_oruk_json",
    "export_spreadsheet",
    "import_path",
    "validate_path",
    # Re-exported from the submodules, for the format modules, the CLI and the tests.
    "AREA_KINDS",
    "COST_KINDS",
    "DAY_CODES",
    "DAY_NAMES",
    "ERROR",
    "MAX_NEAREST_POSTCODE_KM",
    "NEED_KEYWORDS",
    "POSTCODE_MAX",
    "STATUSES",
    "WARNING",
    "Geography",
    "ImportError",
    "LocationReading",
    "LocationRecord",
    "OrganisationRecord",
    "Origin",
    "PhoneRecord",
    "Progress",
    "ScheduleReading",
    "ScheduleRecord",
    "ServiceLocationRecord",
    "ServiceRecord",
    "SkippedRecord",
    "TermRecord",
    "check_directory",
    "clean_phone",
    "cost_from_options",
    "cost_kind_word",
    "default_source",
    "format_time",
    "guess_cost_kind",
    "iso",
    "join_address",
    "load_json",
    "load_services",
    "need_for_term",
    "parse_bool",
    "parse_date",
    "parse_time",
    "read_area",
    "read_csv_rows",
    "read_location",
    "read_schedule",
    "slugify",
    "split_address",
    "split_list",
    "term_record",
    "text",
]


FORMATS = ("oruk-json", "oruk-v1", "oruk-csv", "spreadsheet")


def _json_format(data: Any) -> str | None:
    """oruk-json or oruk-v1 for parsed JSON, or None when it is neither."""
    if isinstance(data, dict):
        if "contents" in data:
            return "oruk-json"
        if "content" in data:
            return "oruk-v1"
        items = [data] if ("id" in data or "name" in data) else []
    elif isinstance(data, list):
        items = [item for item in data[:20] if isinstance(item, dict)]
    else:
        return None
    if not items:
        return "oruk-json" if isinstance(data, list) else None
    from directory.formats.oruk_v1 import looks_like_v1

    return "oruk-v1" if any(looks_like_v1(item) for item in items) else "oruk-json"


def detect_format(path: Path) -> str:
    """The format of a file or folder (see the module docstring); UnknownFormatError if none."""
    path = Path(path)
    if path.is_dir() or path.name == "datapackage.json" or path.suffix.lower() == ".zip":
        return "oruk-csv"
    if not path.exists():
        raise UnreadableFileError([ImportIssue(path.name, None, None, "no such file")])
    suffix = path.suffix.lower()
    if suffix == ".json":
        found = _json_format(load_json(path))
        if found is None:
            raise UnknownFormatError([ImportIssue(
                path.name, None, None, "not an ORUK services page: expected 'contents' (ORUK "
                "3.0), 'content' (ORUK v1), a list of services or one service")])
        return found
    if suffix == ".csv":
        from directory.formats.spreadsheet_columns import looks_like_spreadsheet

        header, _rows, _warning = read_csv_rows(path)
        if looks_like_spreadsheet(header):
            return "spreadsheet"
        if path.parent.joinpath("services.csv").exists():
            return "oruk-csv"
        raise UnknownFormatError([ImportIssue(
            path.name, 1, None, "not a directory spreadsheet: the header needs organisation, "
            "service and last_checked columns (see 'The directory spreadsheet' in the README)")])
    raise UnknownFormatError([ImportIssue(path.name, None, None,
                                          "unknown file type: use .json, .csv, .zip or a folder")])


def _parse(session: Session, path: Path, fmt: str) -> ParsedDirectory:
    if fmt == "oruk-json":
        from directory.formats.oruk_json import parse_oruk_json

        return parse_oruk_json(path, load_json(path))
    if fmt == "oruk-v1":
        from directory.formats.oruk_v1 import parse_oruk_v1

        return parse_oruk_v1(path, load_json(path))
    if fmt == "oruk-csv":
        from directory.formats.oruk_csv import parse_oruk_csv

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
    if fmt == "spreadsheet":
        from directory.formats.spreadsheet import parse_spreadsheet

        return parse_spreadsheet(path, session)
    raise UnknownFormatError([ImportIssue(path.name, None, None, f"unknown format '{fmt}': use "
                                          f"one of {', '.join(FORMATS)}")])


def _read(session: Session, path: Path, fmt: str | None) -> tuple[ParsedDirectory, Plan]:
    path = Path(path)
    if not path.exists():
        raise UnreadableFileError([ImportIssue(path.name, None, None, "no such file or folder")])
    parsed = _parse(session, path, fmt or detect_format(path))
    return parsed, check_directory(session, parsed)


def import_path(session: Session, path: Path | str, fmt: str | None = None,
                replace: bool = False, skip_invalid: bool = False,
                progress: Progress | None = None,
                imported_on: dt.date | None = None) -> ImportReport:
    """Import a directory file into the session's transaction (the caller commits).

    ``imported_on`` (today, from the caller's clock) goes into the source of records that
    name none.

    Nothing is written when any record has an error, unless ``skip_invalid`` (then the valid
    services are written and the rest listed in ``report.skipped``). ``replace`` deletes the
    whole directory first (never the geography); otherwise records are upserted by id.
    """
    path = Path(path)
    parsed, plan = _read(session, path, fmt)
    parsed.imported_on = imported_on
    report = ImportReport(str(path), parsed.format, issues=plan.issues)
    if report.has_errors and not skip_invalid:
        return report
    report.skipped = plan.skipped
    write_directory(session, parsed, plan, report, replace, progress)
    report.written = True
    return report


def validate_path(session: Session, path: Path | str, fmt: str | None = None) -> ImportReport:
    """Run the import's parsing and checks without writing; every problem is in the report."""
    path = Path(path)
    try:
        parsed, plan = _read(session, path, fmt)
    except DirectoryImportError as exc:
        return ImportReport(str(path), fmt or "unknown", checked_only=True, issues=exc.issues)
    report = ImportReport(str(path), parsed.format, checked_only=True, issues=plan.issues,
                          skipped=plan.skipped)
    ids = {s.id for s in plan.services}
    report.services_updated = len(existing_ids(session, Service, ids))
    report.services_added = len(ids) - report.services_updated
    org_ids = {o.id for o in plan.organisations}
    report.organisations_updated = len(existing_ids(session, Organisation, org_ids))
    report.organisations_added = len(org_ids) - report.organisations_updated
    report.locations_updated = len(existing_ids(session, Location, plan.locations))
    report.locations_added = len(plan.locations) - report.locations_updated
    return report
