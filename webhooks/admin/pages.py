"""The admin pages: services to keep, the edit form, one-click check, review and stale records."""

from __future__ import annotations

import json
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import followups
from directory.keepers.editing import (
    ALL_ROWS,
    PLACE_FIELDS,
    SERVICE_FIELDS,
    RevertError,
    differences,
    edit_service,
    form_rows,
    history,
    revert_change,
)
from directory.keepers.stale import last_check, stale_records, verify_service, ward_options
from directory.models import Service, Ward
from directory.needs import NEEDS
from webhooks.admin.auth import bp
from webhooks.admin.keeper import db_session, now, today

LABELS = {"service": "Name", "description": "Description", "phone": "Phone numbers",
          "website": "Website", "email": "Email", "cost": "Cost",
          "referral_required": "Referral needed", "referral_how": "How to get a referral",
          "status": "Status", "notes": "Note for residents", "address": "Address",
          "postcode": "Postcode", "opening_times": "Opening times"}
HINTS = {"phone": "Separate numbers with ;  e.g. 01632 960123 (Main number); 01632 960124",
         "cost": "free, pay-as-you-feel, or the price, e.g. £1 a bag or fee: £2.50",
         "referral_required": "yes, no, or blank when you do not know",
         "status": "active, inactive, defunct or temporarily closed",
         "opening_times": "e.g. Mon 10:00-12:00; Tue,Thu 13:00-15:30 (24-hour times)"}


#: Import fields the form shows under another name.
FORM_FIELDS = {"name": "service"}


def in_form_words(message: str, field: str | None = None) -> str:
    """An import message in the form's words: "referral_required 'maybe' ..." becomes
    "Referral needed 'maybe' ...", and any other column name the form shows becomes its label."""
    field = FORM_FIELDS.get(field or "", field)
    if message == "service name is required":
        message = "service is required"
    first, _, rest = message.partition(" ")
    if first in LABELS and (field is None or first == field):
        message = f"{LABELS[first]} {rest}" if rest else LABELS[first]
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b",
                  lambda m: LABELS.get(m.group(0), m.group(0)).lower(), message)


OUTCOME_LABELS = {"asked": "Asked", "got_help": "Got help", "no_help": "No help",
                  "didnt_go": "Didn't go"}


def _outcome_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """A service's follow-up outcomes as (label, count), in a fixed order, reasons under no help."""
    rows = [(label, counts.get(key, 0)) for key, label in OUTCOME_LABELS.items()]
    rows += [(f"No help: {reason.replace('_', ' ')}", counts[f"no_help:{reason}"])
             for reason in followups.REASONS.values() if counts.get(f"no_help:{reason}")]
    return rows


def _service_or_403(session: Session, service_id: str) -> Service:
    service = session.get(Service, service_id)
    if service is None:
        abort(404)
    if not current_user.keeps(service.organisation_id):
        abort(403)
    return service


@bp.get("/")
def index():
    with db_session() as session:
        query = select(Service).order_by(Service.name)
        if not current_user.is_admin:
            query = query.where(Service.organisation_id.in_(current_user.organisation_ids))
        services = [(s.id, s.name, s.organisation.name, s.last_checked)
                    for s in session.scalars(query.limit(2000))]
    return render_template("admin/index.html", services=services)


#: The longest value any field of the form takes (a long description is a few thousand).
MAX_FIELD_CHARS = 10_000


def _place_count(rows: int) -> int:
    """The form's ``places``: a whole number no more than the rows the form shows, or 400."""
    raw = request.form.get("places", "0") or "0"
    if not re.fullmatch(r"[0-9]{1,4}", raw) or int(raw) > rows:
        abort(400, description="places must be a whole number of the form's rows")
    return int(raw)


def _form_values(rows: int) -> dict[str, dict[str, str]]:
    """The posted values by place link (ALL_ROWS for the service's own); 400 when malformed."""
    if any(len(value) > MAX_FIELD_CHARS for value in request.form.values()):
        abort(400, description=f"a field is over {MAX_FIELD_CHARS} characters")
    values: dict[str, dict[str, str]] = {ALL_ROWS: {}}
    for name in SERVICE_FIELDS:
        if name in request.form:
            values[ALL_ROWS][name] = request.form[name]
    for index in range(_place_count(rows)):
        link = request.form.get(f"place-{index}-link", "")
        values[link] = {name: request.form[f"place-{index}-{name}"] for name in PLACE_FIELDS
                        if f"place-{index}-{name}" in request.form}
    return values


@bp.route("/services/<service_id>", methods=["GET", "POST"])
def service(service_id: str):
    errors: dict[tuple[int | None, str], list[str]] = {}
    warnings: list[str] = []
    with db_session() as session:
        record = _service_or_403(session, service_id)
        if request.method == "POST":
            result = edit_service(session, record, _form_values(len(form_rows(session, record))),
                                  current_user.email, current_user.role, now(), today(),
                                  keeps=current_user.keeps)
            if not result.errors:
                flash("Saved. The changes are live." if result.change else "Nothing changed.")
                return redirect(url_for("admin.service", service_id=service_id))
            session.rollback()
            for issue in result.errors:
                name = FORM_FIELDS.get(issue.field or "", issue.field)
                if name in PLACE_FIELDS:
                    key = (issue.row, name)
                elif name in SERVICE_FIELDS:
                    key = (None, name)
                else:
                    key = (None, "")
                errors.setdefault(key, []).append(in_form_words(issue.message, issue.field))
            record = _service_or_403(session, service_id)
        rows = form_rows(session, record)
        if request.method == "POST":  # show what was typed, not what is stored
            given = _form_values(len(rows))
            for row in rows:
                row.update({k: v for k, v in given.get(ALL_ROWS, {}).items()})
                row.update(given.get(row["link"], {}))
        check = last_check(session, service_id)
        checked_by = check.checked_by_role if check else ""
        outcomes = _outcome_rows(followups.outcomes_for(session, service_id))
        page = render_template(
            "admin/service.html", service=record, rows=rows, errors=errors,
            warnings=warnings, labels=LABELS, hints=HINTS, service_fields=SERVICE_FIELDS,
            place_fields=PLACE_FIELDS, check=check, checked_by=checked_by, outcomes=outcomes)
    return page, (422 if errors else 200)


@bp.post("/services/<service_id>/verify")
def verify(service_id: str):
    with db_session() as session:
        record = _service_or_403(session, service_id)
        verify_service(session, record, current_user.email, current_user.role, now(), today())
    flash("Thank you: the details are marked as checked today.")
    return redirect(request.form.get("back") if request.form.get("back") == url_for(
        "admin.stale") else url_for("admin.service", service_id=service_id))


@bp.get("/review")
def review():
    with db_session() as session:
        orgs = None if current_user.is_admin else list(current_user.organisation_ids)
        changes = []
        for change in history(session, orgs):
            record = session.get(Service, change.service_id)
            changes.append({
                "id": change.id, "made_at": change.made_at, "made_by": change.made_by,
                "role": change.made_by_role, "service_id": change.service_id,
                "service": record.name if record else change.service_id,
                "reverted_at": change.reverted_at, "reverted_by": change.reverted_by,
                "reverts": change.reverts_change_id,
                "differences": differences(json.loads(change.before), json.loads(change.after)),
            })
    return render_template("admin/review.html", changes=changes, labels=LABELS)


@bp.post("/review/<int:change_id>/revert")
def revert(change_id: int):
    if not current_user.is_admin:
        abort(403)
    with db_session() as session:
        try:
            result = revert_change(session, change_id, current_user.email, current_user.role,
                                   now(), today())
        except RevertError as exc:
            flash(f"Not reverted: {in_form_words(str(exc))}.")
            return redirect(url_for("admin.review"))
        if result.errors:
            session.rollback()
            flash("Not reverted: " + "; ".join(in_form_words(i.message, i.field)
                                               for i in result.errors))
            return redirect(url_for("admin.review"))
    flash("Reverted.")
    return redirect(url_for("admin.review"))


@bp.get("/stale")
def stale():
    ward, need = request.args.get("ward", ""), request.args.get("need", "")
    with db_session() as session:
        orgs = None if current_user.is_admin else list(current_user.organisation_ids)
        flagged = followups.stale_services(session, now() - followups.STALE_WINDOW)
        records = stale_records(session, today(), ward or None, need or None, orgs, flagged)
        ward_names = dict(session.execute(select(Ward.code, Ward.name)).all())
        wards = [(code, ward_names.get(code, code)) for code in ward_options(session)]
    wards.sort(key=lambda w: w[1])
    return render_template("admin/stale.html", records=records, ward_names=ward_names,
                           wards=wards, needs=[(n.slug, n.label) for n in NEEDS],
                           ward=ward, need=need)
