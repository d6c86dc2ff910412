"""The ``signpost`` command: serve the app, prepare the database, query and manage the directory."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from directory.clock import opening_time
from directory.db import counts, session_scope
from directory.needs import NEED_SLUGS
from directory.places import resolve_place
from directory.search import search
from webhooks.cli_common import app_engine, load_app, parse_when, print_json

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


# --- commands ------------------------------------------------------------------------------


def cmd_db_init(args: argparse.Namespace) -> int:
    """Migrate the schema to the newest revision and load the shipped data if it is missing."""
    from webhooks.preparation import prepare

    app = load_app()
    engine = app_engine(app)
    loaded = prepare(engine, Path(app.instance_path))
    with session_scope(engine) as session:
        figures = counts(session)
    state = "prepared" if loaded else "ready"
    where = app.extensions["signpost"]["settings"].database_url.split("@")[-1]
    print(f"Database {state}: {figures['services']} services, "
          f"{figures['postcodes']} postcodes ({where})")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    app = load_app(serving=True)
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    port = args.port or int(os.environ.get("PORT", "5000"))
    base = f"http://{host}:{port}"
    print(f"Leeds Signpost is running at {base}/")
    settings = app.extensions["signpost"]["settings"]
    if settings.sandbox_enabled:
        print(f"  Try the conversation in the sandbox: {base}/sandbox")
    print(f"  Health check: {base}/healthz")
    print("  Press Ctrl+C to stop.", flush=True)
    app.run(host=host, port=port, debug=False, threaded=True, use_reloader=False)
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
        at = opening_time(app.extensions["signpost"]["clock"](), args.at)
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
            print(f"   {r.phone}")
        checked = r.last_checked.isoformat() if r.last_checked else "unknown"
        print(f"   last checked {checked}; source: {r.source[:80]}")
    if outcome.anchor:
        print(f"Local community anchor: {outcome.anchor.name} {outcome.anchor.phone}".rstrip())
    if not results:
        print("Nothing found.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="signpost", description="Leeds Signpost: chat and SMS signposting for Leeds."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = sub.add_parser("db", help="prepare the database").add_subparsers(
        dest="db_command", required=True, metavar="ACTION")
    db.add_parser("init", help="create the schema and load the shipped Leeds data (safe twice)"
                  ).set_defaults(func=cmd_db_init)
    db.add_parser("upgrade", help="apply schema migrations (and load the shipped data if empty)"
                  ).set_defaults(func=cmd_db_init)

    run = sub.add_parser("run", help="serve the app (sandbox, webhooks, health check)")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.set_defaults(func=cmd_run)

    place = sub.add_parser("place", help="show how a place is understood")
    place.add_argument("text")
    place.add_argument("--json", action="store_true")
    place.set_defaults(func=cmd_place)

    directory = sub.add_parser("directory", help="search and manage the service directory")
    dsub = directory.add_subparsers(dest="directory_command", required=True, metavar="ACTION")
    dsearch = dsub.add_parser("search", help="nearest services for a need")
    dsearch.add_argument("--need", required=True, choices=NEED_SLUGS)
    dsearch.add_argument("--near", help='a postcode or place, e.g. "LS9 8RU"')
    dsearch.add_argument("--at", type=parse_when, help="pretend it is this time (Europe/London)")
    dsearch.add_argument("--limit", type=int)
    dsearch.add_argument("--json", action="store_true")
    dsearch.set_defaults(func=cmd_directory_search)

    from webhooks.cli_directory import add_directory_commands

    add_directory_commands(dsub)
    from webhooks.cli_extra import add_extra_commands

    add_extra_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
