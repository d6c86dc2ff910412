"""``signpost requests list [--open] [--json]`` and ``signpost requests purge``: residents'
requests to talk to a person. The list never shows a number, an address or a message (a
number agreed for a call shows as "yes"); the purge closes requests open 30 days and erases
the number and messages of those closed 14 days ago (run it daily, beside the follow-ups)."""

from __future__ import annotations

import argparse

from bot.records.request_queue import list_requests
from bot.records.requests import tidy
from core.db import clear_deleted, session_scope
from webhooks.cli.common import EXIT_OK, app_engine, load_app, print_json
from webhooks.services import services


def cmd_list(args: argparse.Namespace) -> int:
    app = load_app()
    with session_scope(app_engine(app)) as session:
        found = list_requests(session, services(app).clock(), None, args.open)
    if args.json:
        print_json([row.to_dict() for row in found])
        return EXIT_OK
    if not found:
        print("No requests.")
    for row in found:
        late = " OVERDUE" if row.overdue else ""
        print(f"#{row.id}\t{row.state}{late}\t{row.organisation}\t{row.ward or '-'}\t"
              f"{row.need or '-'}\t{row.way}\tnumber: {row.number}\tmade {row.created_at[:16]}")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    app = load_app()
    database = app_engine(app)
    with session_scope(database) as session:
        closed, erased = tidy(session, services(app).clock())
    clear_deleted(database)
    print(f"Closed {closed} requests open 30 days; erased {erased} closed 14 days ago.")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost requests list`` and ``signpost requests purge``."""
    group = commands.add_parser("requests", help="residents' requests to talk to a person")
    sub = group.add_subparsers(dest="requests_command", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="the requests, numbers masked")
    listing.add_argument("--open", action="store_true", help="only those not closed")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    purge = sub.add_parser("purge", help="close requests open 30 days; erase those closed 14")
    purge.set_defaults(func=cmd_purge)
