"""``signpost followups send [--now ISO] [--dry-run]`` and ``signpost followups report [--from]
[--to] [--json]``: the "Did you get help?" follow-ups residents agreed to."""

from __future__ import annotations

import argparse
import time

from core.clock import as_utc, opening_time
from core.sealed import new_key
from webhooks.cli.common import EXIT_OK, app_engine, load_app, parse_when, print_json
from webhooks.cli.insights import _date, cell
from webhooks.followups import COLUMNS, outcome_report, send_due
from webhooks.outbound import close_senders
from webhooks.services import services


def cmd_send(args: argparse.Namespace) -> int:
    """Send what is due once, or every ``--every`` seconds until stopped (a clock process)."""
    app = load_app()
    while True:
        _send_once(app, args)
        if not args.every:
            return EXIT_OK
        time.sleep(args.every)


def _send_once(app, args: argparse.Namespace) -> None:
    state = services(app)
    now = as_utc(opening_time(state.now(), args.now))  # a naive --now is Leeds time
    try:
        report = send_due(state.settings, app_engine(app), now, dry_run=args.dry_run)
    finally:
        close_senders()
    if report.expired:
        print(f"Deleted the numbers of {report.expired} unanswered follow-up(s) after 7 days.")
    if report.outside_hours:
        print("Outside sending hours (10:00 to 19:00 Leeds time): nothing sent.")
    elif args.dry_run:
        print(f"{report.due} follow-up(s) due (dry run: nothing sent).")
        for text in report.texts:
            print(f"  {text}")
    else:
        print(f"{report.due} due: {report.sent} sent, {report.failed} failed.", flush=True)
        for reason, count in sorted(report.reasons.items()):
            print(f"  {count} {reason}", flush=True)


def cmd_report(args: argparse.Namespace) -> int:
    report = outcome_report(app_engine(load_app()), args.start, args.end)
    if args.json:
        print_json(report)
        return EXIT_OK
    print("Follow-up outcomes; counts under 5 show as <5")
    print("\t".join(("by need", *COLUMNS)))
    for row in [{"need": "all", **report["totals"]}, *report["by_need"]]:
        print("\t".join((row["need"], *(cell(row[c]) for c in COLUMNS))))
    print("\t".join(("by ward", *COLUMNS)))
    for row in report["by_ward"]:
        print("\t".join((row["ward"], *(cell(row[c]) for c in COLUMNS))))
    return EXIT_OK


def cmd_key(args: argparse.Namespace) -> int:
    print(new_key())
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost followups``."""
    group = commands.add_parser("followups", help='"Did you get help?" follow-ups')
    sub = group.add_subparsers(dest="followups_command", required=True, metavar="ACTION")
    send = sub.add_parser("send", help="send the follow-ups that are due (run it from a "
                                       "scheduler)")
    send.add_argument("--now", type=parse_when, default=None,
                      help="the time to send as (ISO, Leeds time if naive); default: now")
    send.add_argument("--dry-run", action="store_true", help="show what is due; send nothing")
    send.add_argument("--every", type=int, default=0, metavar="SECONDS",
                      help="keep running, sending what is due this often (a clock process)")
    send.set_defaults(func=cmd_send)
    report = sub.add_parser("report", help="outcomes by need and ward (small counts hidden)")
    report.add_argument("--from", dest="start", type=_date, default=None)
    report.add_argument("--to", dest="end", type=_date, default=None)
    report.add_argument("--json", action="store_true")
    report.set_defaults(func=cmd_report)
    key = sub.add_parser("key", help="print a new SIGNPOST_FOLLOWUP_KEY")
    key.set_defaults(func=cmd_key)
