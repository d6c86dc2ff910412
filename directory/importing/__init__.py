"""Import a service directory from a file: tell the format, read, check as a whole, then write.

``from directory.importing import import_path, validate_path``. The formats (and the records
every format reads a file into, a :class:`~directory.formats.records.ParsedDirectory`) are in
:mod:`directory.formats`; the records are checked together, against each other and against the
Leeds geography (:mod:`directory.importing.checks`). Nothing is written unless every record is
valid; with ``skip_invalid`` the valid services are written and the others are listed in the
report.

Outcomes
    ``import_path`` returns an :class:`~directory.importing.report.ImportReport`. When records
    are invalid (and ``skip_invalid`` is off) nothing is written and ``report.has_errors`` is
    true; call ``report.raise_for_errors()`` to turn that into ``InvalidDirectoryError``. A
    file that cannot be read at all raises straight away: ``DirectoryImportError`` (also
    importable as ``ImportError``) or one of its subclasses, drawn in
    :mod:`directory.formats.errors`.

    ``validate_path`` runs the same reading and checks without writing and never raises for a
    bad file: every problem is an issue in the report.

Every record gets ``source`` (``x_source``, else "imported from <file> on <date>") and
``last_checked`` (``x_last_checked``, else ``assured_date``, else ``last_modified``, else none).
Taxonomy terms keep their own ids; NEED_KEYWORDS maps them to our needs.

Modules: ``checks`` (the checks, and the plan of what to write), ``readings`` (locations,
schedules, areas, as the checks and the writer read them), ``geography``, ``batches`` (id
look-ups), ``writer`` and ``report``; this one holds the entry points.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.formats.errors import DirectoryImportError, UnreadableFileError
from directory.formats.issues import ImportIssue
from directory.formats.records import ParsedDirectory
from directory.formats.registry import detect_format, get_format
from directory.importing.batches import existing_ids
from directory.importing.checks import Plan, check_directory
from directory.importing.cleaning import clean_control_characters
from directory.importing.report import ImportReport
from directory.importing.writer import Progress, write_directory
from directory.models import Location, Organisation, Service, ServiceAtLocation

__all__ = ["import_path", "validate_path"]


def _read(session: Session, path: Path, fmt: str | None,
          leave: frozenset[str] = frozenset()) -> tuple[ParsedDirectory, Plan]:
    path = Path(path)
    if not path.exists():
        raise UnreadableFileError([ImportIssue(path.name, None, None, "no such file or folder")])
    parsed = get_format(fmt or detect_format(path), path.name).read(path, session)
    parsed.issues.extend(clean_control_characters(parsed))
    if leave:
        parsed.services = [svc for svc in parsed.services if svc.id not in leave]
    plan = check_directory(session, parsed)
    if leave:  # the places of services left as they are stay as they are too
        for location_id in session.scalars(select(ServiceAtLocation.location_id).where(
                ServiceAtLocation.service_id.in_(sorted(leave)))):
            plan.locations.pop(location_id, None)
    return parsed, plan


def import_path(session: Session, path: Path | str, fmt: str | None = None,
                replace: bool = False, skip_invalid: bool = False,
                progress: Progress | None = None,
                imported_on: dt.date | None = None,
                leave: frozenset[str] = frozenset()) -> ImportReport:
    """Import a directory file into the session's transaction (the caller commits).

    ``fmt`` is a format name (:data:`directory.formats.registry.FORMATS`); None tells it from
    the file. ``imported_on`` (today, from the caller's clock) goes into the source of records
    that name none.

    Nothing is written when any record has an error, unless ``skip_invalid`` (then the valid
    services are written and the rest listed in ``report.skipped``). ``replace`` deletes the
    whole directory first (never the geography); otherwise records are upserted by id.
    ``leave``: ids of services here that the file does not change, nor their places (the
    shipped directory reloaded over keepers' edits, ``directory.shipped``).
    """
    path = Path(path)
    parsed, plan = _read(session, path, fmt, leave)
    parsed.imported_on = imported_on
    report = ImportReport(str(path), parsed.format, issues=plan.issues)
    if report.has_errors and not skip_invalid:
        return report
    report.skipped = plan.skipped
    write_directory(session, parsed, plan, report, replace, progress)
    report.written = True
    return report


def validate_path(session: Session, path: Path | str, fmt: str | None = None) -> ImportReport:
    """Run the import's reading and checks without writing; every problem is in the report."""
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
