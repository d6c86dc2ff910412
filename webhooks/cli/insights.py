"""``signpost insights [--from DATE] [--to DATE] [--json]``: where help is asked for and not
found, by need, ward and week, with small counts suppressed (as on ``/insights``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from bot.insights.report import InsightsError, build_report
from core.clock import london_day
from core.db import session_scope
from webhooks.cli.common import EXIT_OK, EXIT_PROBLEM, app_engine, load_app, print_json
from webhooks.services import services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-11-23") from exc


def cell(value: int | None) -> str:
    """A count as published: '<5' when suppressed."""
    return "<5" if value is None else str(value)


def share(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def _print_text(report: dict) -> None:
    if not report["weeks"]:
        print("No counts yet.")
        return
    totals = report["totals"]
    print(f"Insights {report['from']} to {report['to']} ({len(report['weeks'])} weeks); "
          "counts under 5 show as <5")
    print(f"Asks: {cell(totals['asks'])}; nothing local found: {cell(totals['not_found'])} "
          f"({share(totals['share_not_found'])})")
    print("\nBy need\tasks\tnot found\tshare")
    for row in report["by_need"]:
        print(f"{row['need']}\t{cell(row['asks'])}\t{cell(row['not_found'])}\t"
              f"{share(row['share_not_found'])}")
    print("\nBy ward\tasks\tnot found\tshare")
    for row in report["by_ward"]:
        print(f"{row['ward']}\t{cell(row['asks'])}\t{cell(row['not_found'])}\t"
              f"{share(row['share_not_found'])}")
    print("\nWeek of\tasks\tnot found\tWRONG reports")
    for row, wrong in zip(report["by_week"], report["wrong_reports"], strict=True):
        print(f"{row['week']}\t{cell(row['asks'])}\t{cell(row['not_found'])}\t"
              f"{cell(wrong['reports'])}")
    print("\nWas this useful?\tyes\tno")
    for row in report["useful"]:
        print(f"{row['need']}\t{cell(row['useful'])}\t{cell(row['not_useful'])}")
    made = report["requests"]
    median = made["median_hours_to_first_reply"]
    print(f"\nRequests to talk to a person: {cell(made['made'])}; median hours to a first "
          f"reply: {'-' if median is None else median}")
    print("\nTop gaps (need, ward, asks, nothing local found)")
    if not report["gaps"]:
        print("none large enough to show")
    for gap in report["gaps"]:
        print(f"{gap['need']}\t{gap['ward']}\t{gap['asks']}\t{gap['not_found']}")


def cmd_insights(args: argparse.Namespace) -> int:
    try:
        app = load_app()
        with session_scope(app_engine(app)) as session:
            today = london_day(services(app).clock())
            report = build_report(session, args.start, args.end, today)
    except InsightsError as exc:
        print(f"signpost: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        print_json(report)
    else:
        _print_text(report)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``signpost insights``."""
    insights = commands.add_parser(
        "insights", help="asks by need, ward and week, and where nothing local was found")
    insights.add_argument("--from", dest="start", type=_date, metavar="DATE",
                          help="first day (its whole week is counted)")
    insights.add_argument("--to", dest="end", type=_date, metavar="DATE",
                          help="last day (its whole week is counted)")
    insights.add_argument("--json", action="store_true")
    insights.set_defaults(func=cmd_insights)
