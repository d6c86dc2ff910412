"""``/insights`` (page), ``/insights.csv`` and ``/insights.json``: the suppressed insights report.

Admins and anchors see it after logging in; with ``INSIGHTS_PUBLIC=true`` anyone may, as open
data. The numbers are ``bot.insights.report.build_report``'s, the same as ``signpost insights``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from bot.insights.report import InsightsError, build_report
from directory.needs import NEEDS_BY_SLUG
from webhooks.admin.keeper import db_session, today
from webhooks.followups import got_help_by_need
from webhooks.insights_svg import need_bars, ward_map, weekly_line
from webhooks.services import services

bp = Blueprint("insights", __name__)

CSV_COLUMNS = ("section", "week", "need", "ward_code", "ward", "asks", "not_found",
               "share_not_found", "useful", "not_useful", "answers", "reports")


@bp.before_request
def who_may_see():
    if services().settings.insights_public:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login", next=request.path))
    if not current_user.sees_insights:
        abort(403)
    return None


def _dates() -> tuple[dt.date | None, dt.date | None]:
    try:
        return tuple(dt.date.fromisoformat(request.args[name]) if request.args.get(name)
                     else None for name in ("from", "to"))
    except ValueError as exc:
        raise InsightsError("dates are written like 2026-11-23") from exc


def _report() -> dict:
    start, end = _dates()
    with db_session() as session:
        return build_report(session, start, end, today())


@bp.get("/insights")
def page():
    try:
        report, problem = _report(), ""
    except InsightsError as exc:
        report, problem = None, str(exc).replace("--from", "From").replace("--to", "To")
    args = {k: request.args.get(k, "")[:10] for k in ("from", "to")}
    if report is None:
        return render_template("insights.html", report=None, problem=problem, args=args), 400
    return render_template("insights.html", report=report, problem="", args=args,
                           ward_map=ward_map(report), need_bars=need_bars(report),
                           weekly_line=weekly_line(report), got_help=_got_help(report))


def _got_help(report: dict) -> list[dict]:
    """The "got help" share of follow-ups sent in the report's weeks, by need (suppressed)."""
    if not report["weeks"]:
        return []
    start, end = (dt.date.fromisoformat(report[k]) for k in ("from", "to"))
    return [{**row, "label": NEEDS_BY_SLUG[row["need"]].label
             if row["need"] in NEEDS_BY_SLUG else row["need"]}
            for row in got_help_by_need(services().database, start, end)]


def _cell(value):
    return "<5" if value is None else value


def csv_rows(report: dict) -> list[dict]:
    """The report as CSV rows (the columns of ``CSV_COLUMNS``); '<5' for a suppressed count."""
    rows = [{"section": "total", **report["totals"]}]
    rows += [{"section": "need", **row} for row in report["by_need"]]
    rows += [{"section": "ward", **row} for row in report["by_ward"]]
    rows += [{"section": "week", **row} for row in report["by_week"]]
    rows += [{"section": "useful", **row} for row in report["useful"]]
    rows += [{"section": "useful", "need": "all", **report["useful_total"]}]
    rows += [{"section": "wrong_reports", **row} for row in report["wrong_reports"]]
    rows += [{"section": "wrong_reports", "week": "all",
              "reports": report["wrong_reports_total"]}]
    rows += [{"section": "gap", **row} for row in report["gaps"]]
    counts = {"asks", "not_found", "useful", "not_useful", "answers", "reports"}
    return [{k: (_cell(row.get(k)) if k in counts and k in row else row.get(k, ""))
             for k in CSV_COLUMNS} for row in rows]


@bp.get("/insights.csv")
def as_csv():
    try:
        report = _report()
    except InsightsError as exc:
        abort(400, str(exc))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in csv_rows(report):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    name = f"leeds-signpost-insights-{report['from'] or 'none'}-{report['to'] or 'none'}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/insights.json")
def as_json():
    try:
        return jsonify(_report())
    except InsightsError as exc:
        return jsonify(error=str(exc)), 400
