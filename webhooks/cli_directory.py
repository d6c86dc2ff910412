"""``signpost directory import|export|validate|stats``: the operator's directory commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import func, select

from directory.clock import london_day
from directory.db import session_scope
from directory.models import Location, Organisation, Service, ServiceTerm, TaxonomyTerm
from webhooks.wall_clock import system_clock

FORMATS_IN = ("oruk-json", "oruk-csv", "oruk-v1", "spreadsheet")
FORMATS_OUT = ("oruk-json", "oruk-csv", "spreadsheet")


class ProgressBar:
    """A one-line progress bar on stderr, for long imports."""

    def __init__(self, label: str, stream=sys.stderr) -> None:
        self.label = label
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < 50:
            return
        width = 30
        filled = int(width * done / total) if total else width
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                          f"{done}/{total}")
        self.shown = True
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _engine():
    from webhooks.cli_common import app_engine, load_app

    return app_engine(load_app())


def _print_issues(report) -> None:
    for issue in report.issues:
        print(f"  {issue}", file=sys.stderr)


def _on_file(args: argparse.Namespace, action, failure: str, allow_errors: bool = False) -> int:
    """Run ``action(session, path)`` on an import file; print its problems and its summary.

    The exit code is 1 when the file has errors (unless ``allow_errors``), else 0.
    """
    from directory.formats.errors import DirectoryImportError

    path = Path(args.path)
    if not path.exists():
        print(f"No such file or folder: {path}", file=sys.stderr)
        return 1
    try:
        with session_scope(_engine()) as session:
            report = action(session, path)
            if report.has_errors and not allow_errors:
                session.rollback()
    except DirectoryImportError as exc:
        print(f"{failure}: {exc}", file=sys.stderr)
        return 1
    _print_issues(report)
    print(report.summary())
    return 1 if report.has_errors and not allow_errors else 0


def cmd_import(args: argparse.Namespace) -> int:
    from directory.importing import import_path

    def run(session, path):
        return import_path(session, path, fmt=args.format, replace=args.replace,
                           skip_invalid=args.skip_invalid,
                           progress=ProgressBar(f"Importing {path.name}"),
                           imported_on=london_day(system_clock()))

    return _on_file(args, run, "Nothing was imported", allow_errors=args.skip_invalid)


def cmd_validate(args: argparse.Namespace) -> int:
    from directory.importing import validate_path

    return _on_file(args, lambda session, path: validate_path(session, path, fmt=args.format),
                    "Not valid")


def cmd_export(args: argparse.Namespace) -> int:
    from directory.exporting import export_oruk_csv, export_oruk_json, export_spreadsheet

    exporters = {"oruk-json": export_oruk_json, "oruk-csv": export_oruk_csv,
                 "spreadsheet": export_spreadsheet}
    with session_scope(_engine()) as session:
        count = exporters[args.format](session, Path(args.path))
    print(f"Exported {count} services as {args.format} to {args.path}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with session_scope(_engine()) as session:
        total = session.scalar(select(func.count()).select_from(Service)) or 0
        orgs = session.scalar(select(func.count()).select_from(Organisation)) or 0
        locations = session.scalar(select(func.count()).select_from(Location)) or 0
        by_status = session.execute(
            select(Service.status, func.count()).group_by(Service.status).order_by(Service.status)
        ).all()
        by_need = session.execute(
            select(TaxonomyTerm.need_slug, func.count(func.distinct(ServiceTerm.service_id)))
            .join(ServiceTerm, ServiceTerm.term_id == TaxonomyTerm.id)
            .where(TaxonomyTerm.need_slug != "")
            .group_by(TaxonomyTerm.need_slug)
            .order_by(TaxonomyTerm.need_slug)
        ).all()
        oldest = session.scalar(select(func.min(Service.last_checked)))
        newest = session.scalar(select(func.max(Service.last_checked)))
    print(f"{total} services from {orgs} organisations at {locations} locations")
    print("By status: " + ", ".join(f"{s} {n}" for s, n in by_status))
    print("By need:   " + ", ".join(f"{s} {n}" for s, n in by_need))
    print(f"Last checked: oldest {oldest or 'unknown'}, newest {newest or 'unknown'}")
    return 0


def add_directory_commands(dsub) -> None:
    imp = dsub.add_parser("import", help="import ORUK JSON / CSV / v1 or a spreadsheet CSV")
    imp.add_argument("path")
    imp.add_argument("--format", choices=FORMATS_IN)
    imp.add_argument("--replace", action="store_true", help="replace the whole directory")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the good records and list the rest")
    imp.set_defaults(func=cmd_import)

    exp = dsub.add_parser("export", help="export the whole directory")
    exp.add_argument("path")
    exp.add_argument("--format", required=True, choices=FORMATS_OUT)
    exp.set_defaults(func=cmd_export)

    val = dsub.add_parser("validate", help="check a file without changing anything")
    val.add_argument("path")
    val.add_argument("--format", choices=FORMATS_IN)
    val.set_defaults(func=cmd_validate)

    dsub.add_parser("stats", help="counts by need and status").set_defaults(func=cmd_stats)
