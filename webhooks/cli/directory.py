"""``signpost place`` and ``signpost directory search|import|export|validate|stats``: the
service directory and the places it knows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine, select

from bot.wording.phones import format_phone
from core.clock import london_day, opening_time
from core.db import session_scope
from directory.models import Service
from directory.needs import NEED_SLUGS
from directory.places import resolve_place
from directory.search import search
from directory.stats import Known, directory_stats
from webhooks.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    app_engine,
    load_app,
    parse_when,
    print_json,
)
from webhooks.services import services
from webhooks.wall_clock import system_clock

FORMATS_IN = ("oruk-json", "oruk-csv", "oruk-v1", "spreadsheet")
FORMATS_OUT = ("oruk-json", "oruk-csv", "spreadsheet")


class ProgressBar:
    """A one-line progress bar on stderr, for long imports."""

    def __init__(self, label: str, stream: TextIO = sys.stderr, minimum: int = 50) -> None:
        self.label = label
        self.stream = stream
        self.minimum = minimum
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        width = 30
        filled = int(width * done / total) if total else width
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                          f"{done}/{total}")
        self.shown = True
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _engine() -> Engine:
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


def cmd_sync(args: argparse.Namespace) -> int:
    from directory.importing.feeds import FeedError
    from directory.importing.sync import sync_feed
    from webhooks.feed_client import FeedClient

    try:
        with FeedClient(timeout=args.timeout, attempts=args.attempts) as fetch, \
                session_scope(_engine()) as session:
            report = sync_feed(session, args.url, fetch, system_clock(), dry_run=args.dry_run,
                               progress=ProgressBar("Reading pages", sys.stderr, minimum=1),
                               allow_mass_withdrawal=args.allow_mass_withdrawal)
    except FeedError as exc:
        print(f"Nothing changed: the feed could not be read: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    _print_issues(report)
    for label, ids in (("checked more recently here, kept as they are", report.kept),
                       ("already here from elsewhere, left alone", report.left_alone)):
        if ids:
            print(f"{len(ids)} {label}: {', '.join(ids[:10])}"
                  + (" ..." if len(ids) > 10 else ""), file=sys.stderr)
    if report.skipped:
        print(f"{len(report.skipped)} services with errors left out", file=sys.stderr)
    if report.adopted:
        verb = "would follow" if args.dry_run else "now follow"
        print(f"{len(report.adopted)} services already here from a file or the shipped data, "
              f"with the same details, {verb} this feed", file=sys.stderr)
    if report.held:
        print(f"{report.held} services not withdrawn: {report.held_because}", file=sys.stderr)
    if args.dry_run:
        print(f"Dry run of {args.url} ({report.format}), nothing changed; it would be: "
              f"{report.summary()}")
    else:
        print(f"Synced {args.url} ({report.format}): {report.summary()}")
    return EXIT_OK


def _share(known: Known, key: str) -> str:
    count = getattr(known, key)
    return f"{key} {count} ({known.share(count):.0%})"


def cmd_stats(args: argparse.Namespace) -> int:
    today = london_day(services(load_app()).clock())
    with session_scope(_engine()) as session:
        stats = directory_stats(session, today)
    if args.json:
        print_json(stats.to_dict())
        return EXIT_OK
    print(f"{stats.services} services from {stats.organisations} organisations at "
          f"{stats.locations} locations")
    print("By status: " + ", ".join(f"{s} {n}" for s, n in stats.by_status.items()))
    print("By need:   " + ", ".join(f"{s} {n}" for s, n in stats.by_need.items()))
    for label, known in (("All services", stats.known), ("Local services", stats.known_local)):
        print(f"{label} ({known.total}) with known " +
              ", ".join(_share(known, k) for k in ("hours", "cost", "referral")))
    print("Local options by ward (active services at a place in the ward or offered to it):")
    for name, count in stats.local_by_ward.items():
        print(f"  {name}: {count}")
    print("Last checked, by year: " + ", ".join(f"{y} {n}"
                                               for y, n in stats.checked_by_year.items()))
    print(f"Last checked: oldest {stats.oldest or 'unknown'}, newest {stats.newest or 'unknown'}")
    reach = stats.reach.to_dict()
    print(f"Active services ({stats.reach.total}) with " + ", ".join(
        f"{label} {reach[key]['count']} ({reach[key]['share']:.0%})"
        for key, label in (("phone", "a phone"), ("any_contact", "any contact"),
                           ("checked_in_24_months", "details checked in the last 24 months"))
        if reach[key] is not None))
    return EXIT_OK


def cmd_place(args: argparse.Namespace) -> int:
    app = load_app()
    with session_scope(app_engine(app)) as session:
        place = resolve_place(session, args.text)
    if args.json:
        print_json(place.to_dict())
    elif not place.found:
        print(f"No place found in '{args.text}'.")
    else:
        where = "in Leeds" if place.in_leeds else "outside Leeds"
        ward = f", ward {place.ward_name}" if place.ward_name else ""
        print(f"{place.kind}: {place.label} ({where}{ward})")
    return EXIT_OK


def cmd_directory_search(args: argparse.Namespace) -> int:
    app = load_app()
    with session_scope(app_engine(app)) as session:
        place = resolve_place(session, args.near) if args.near else None
        if args.near and not place.found:
            print(f"Could not find a place in '{args.near}'. Try a postcode like LS9 8RU.",
                  file=sys.stderr)
            return EXIT_PROBLEM
        at = opening_time(services(app).clock(), args.at)
        outcome = search(session, args.need, place, at=at)
    results = outcome.results[: args.limit] if args.limit else outcome.results
    if args.json:
        print_json([r.to_dict() for r in results])
        return EXIT_OK
    if place is not None:
        where = "" if place.in_leeds else " (outside Leeds: city-wide and national options)"
        print(f"Near {place.label}{where}:")
    for i, r in enumerate(results, 1):
        distance = f"{r.distance_km:.1f} km" if r.distance_km is not None else r.area_kind
        if r.opening.open_now:
            when = "open now"
        elif r.opening.next_open:
            when = f"next open {r.opening.next_open:%a %d %b %H:%M}"
        else:
            when = "times not published, call ahead"
        name = r.name if r.organisation.lower() in r.name.lower() \
            else f"{r.name} ({r.organisation})"
        print(f"{i}. {name} - {distance} - {when}")
        if r.address:
            print(f"   {r.address} {r.postcode}".rstrip())
        if r.phone:
            print(f"   {format_phone(r.phone)}")
        checked = r.last_checked.isoformat() if r.last_checked else "unknown"
        print(f"   last checked {checked}; source: {r.source[:80]}")
    if outcome.anchor:
        phone = format_phone(outcome.anchor.phone) if outcome.anchor.phone else ""
        print(f"Local community anchor: {outcome.anchor.name} {phone}".rstrip())
    if not results:
        print("Nothing found.")
    return EXIT_OK


def cmd_reports(args: argparse.Namespace) -> int:
    """Residents' "closed or wrong" reports, per service and week (counts only)."""
    from directory.keepers.models import WrongReport

    with session_scope(app_engine(load_app())) as session:
        names = dict(session.execute(select(Service.id, Service.name)).all())
        rows = [{"week": week.isoformat(), "service_id": service_id,
                 "service": names.get(service_id), "reports": count}
                for week, service_id, count in session.execute(
                    select(WrongReport.week, WrongReport.service_id, WrongReport.count)
                    .order_by(WrongReport.week.desc(), WrongReport.count.desc(),
                              WrongReport.service_id))]
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("No reports from residents.")
    for row in rows:
        name = row["service"] or "(no longer in the directory)"
        print(f"week of {row['week']}\t{row['reports']}\t{row['service_id']}\t{name}")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost place`` and ``signpost directory ...``."""
    place = commands.add_parser("place", help="show how a place is understood")
    place.add_argument("text")
    place.add_argument("--json", action="store_true")
    place.set_defaults(func=cmd_place)

    directory = commands.add_parser("directory", help="search and manage the service directory")
    dsub = directory.add_subparsers(dest="directory_command", required=True, metavar="ACTION")
    dsearch = dsub.add_parser("search", help="nearest services for a need")
    dsearch.add_argument("--need", required=True, choices=NEED_SLUGS)
    dsearch.add_argument("--near", help='a postcode or place, e.g. "LS9 8RU"')
    dsearch.add_argument("--at", type=parse_when, help="pretend it is this time (Europe/London)")
    dsearch.add_argument("--limit", type=int)
    dsearch.add_argument("--json", action="store_true")
    dsearch.set_defaults(func=cmd_directory_search)

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

    sync = dsub.add_parser("sync", help="read another ORUK API (v3 or v1) page by page into "
                                        "the directory")
    sync.add_argument("url", help="the API's address, e.g. https://example.org/oruk")
    sync.add_argument("--dry-run", action="store_true", help="say what would change, change "
                                                             "nothing")
    sync.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a page")
    sync.add_argument("--attempts", type=int, default=4, help="tries for each page")
    sync.add_argument("--allow-mass-withdrawal", action="store_true",
                      help="withdraw more than a quarter of the feed's services in this run "
                           "when the feed no longer lists them")
    sync.set_defaults(func=cmd_sync)

    stats = dsub.add_parser("stats", help="counts by need, ward and status; what is known; "
                            "how old details are")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)
    reports = dsub.add_parser("reports", help="residents' reports of closed or wrong services")
    reports.add_argument("--json", action="store_true")
    reports.set_defaults(func=cmd_reports)
