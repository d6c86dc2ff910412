"""``/admin/requests``: residents' requests to talk to a person, for the organisation's keepers.

Keepers see their organisations' requests (anchors: their wards'), admins every one, with the
overdue ones first. A reply is sent over the resident's own channel (``webhooks.outbound``) and
never shows where it went; a number is shown only for a call the resident agreed to, and each
showing is logged. Keepers of another organisation get 403.
"""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import requests as kept
from bot.records.request_queue import await_answer, list_requests, rows
from bot.records.requests import Kind, PersonRequest, State
from bot.wording import copy
from directory.models import Organisation
from webhooks.admin.auth import bp
from webhooks.admin.keeper import db_session, now
from webhooks.outbound import Outgoing, Sent, send
from webhooks.services import services
from webhooks.whatsapp_send import Started, deliver

log = logging.getLogger(__name__)

#: The longest reply or note a keeper may write.
MAX_TEXT = 1500


def _key() -> str:
    return services().settings.followup_key


def _request_or_403(session: Session, request_id: int) -> PersonRequest:
    found = session.get(PersonRequest, request_id)
    if found is None or found.practice:
        abort(404)
    if not current_user.keeps(found.organisation_id):
        abort(403)
    return found


def _orgs() -> list[str] | None:
    return None if current_user.is_admin else list(current_user.organisation_ids)


@bp.get("/requests")
def requests():
    open_only = request.args.get("show") != "all"
    with db_session() as session:
        found = list_requests(session, now(), _orgs(), open_only)
    found.sort(key=lambda r: (not (r.overdue and current_user.is_admin),))
    return render_template("admin/requests.html", requests=found, open_only=open_only)


@bp.get("/requests/<int:request_id>")
def request_page(request_id: int):
    with db_session() as session:
        found = _request_or_403(session, request_id)
        [row] = rows(session, [found], now())
        messages = kept.messages_of(session, _key(), found.id)
        can_reply = found.state != State.CLOSED and bool(found.address)
        organisations = session.execute(select(Organisation.id, Organisation.name).where(
            Organisation.anchor_wards != "").order_by(Organisation.name)).all() \
            if current_user.is_admin else []
    return render_template("admin/request.html", row=row, messages=messages,
                           can_reply=can_reply, organisations=organisations,
                           number=None, closed=row.state == State.CLOSED)


def _text_field(name: str) -> str:
    return request.form.get(name, "").strip()[:MAX_TEXT]


@bp.post("/requests/<int:request_id>/reply")
def reply(request_id: int):
    text = _text_field("text")
    if not text:
        flash("Write a reply first.")
        return redirect(url_for("admin.request_page", request_id=request_id))
    settings, key, at = services().settings, _key(), now()
    with db_session() as session:
        found = _request_or_403(session, request_id)
        address = kept.address_of(key, found)
        if found.state == State.CLOSED or not address:
            flash("Not sent: this request is closed, or the resident ended it.")
            return redirect(url_for("admin.request_page", request_id=request_id))
        helper = session.get(Organisation, found.organisation_id)
        name = helper.name if helper else found.organisation_id
        sent = _send_reply(settings, session, found, address, name, text,
                           kept.via_of(key, found), at)
        if not sent.ok:
            flash(f"Not sent: {sent.detail}. Please try again later.")
            return redirect(url_for("admin.request_page", request_id=request_id))
        kept.add_message(session, key, found, Kind.KEEPER, text, at, by=current_user.email)
        await_answer(session, found, name, at)
    flash("Sent.")
    return redirect(url_for("admin.request_page", request_id=request_id))


def _send_reply(settings, session, found, address: str, name: str, text: str,
                via: str | None, at) -> Sent:
    """The keeper's reply over the resident's channel. On WhatsApp, after the 24-hour window,
    it goes as the approved template; with none configured it is not sent, and says why."""
    words = copy.from_helper(name, text)
    if found.channel == "whatsapp":
        return deliver(settings, session, found.sender_hash, at, address,
                       Started("keeper_reply", "en", words, {"1": name, "2": text}))
    return send(settings, Outgoing(found.channel, address, words), sender=via)


@bp.post("/requests/<int:request_id>/note")
def note(request_id: int):
    text = _text_field("text")
    with db_session() as session:
        found = _request_or_403(session, request_id)
        if text:
            kept.add_message(session, _key(), found, Kind.NOTE, text, now(),
                             by=current_user.email)
    flash("Note added." if text else "Write a note first.")
    return redirect(url_for("admin.request_page", request_id=request_id))


@bp.post("/requests/<int:request_id>/take")
def take(request_id: int):
    with db_session() as session:
        kept.assign(_request_or_403(session, request_id), current_user.email)
    flash("It is yours.")
    return redirect(url_for("admin.request_page", request_id=request_id))


@bp.post("/requests/<int:request_id>/number")
def number(request_id: int):
    """Show the number to call (only for a call the resident agreed to); logged."""
    with db_session() as session:
        found = _request_or_403(session, request_id)
        shown = kept.show_number(session, _key(), found, current_user.email, now())
        if not shown:
            abort(404)
        log.info("Request %d: a keeper was shown the number", found.id)
        [row] = rows(session, [found], now())
        messages = kept.messages_of(session, _key(), found.id)
    return render_template("admin/request.html", row=row, messages=messages, can_reply=False,
                           organisations=[], number=shown, closed=row.state == State.CLOSED)


@bp.post("/requests/<int:request_id>/close")
def close(request_id: int):
    answer = request.form.get("help_found", "")
    found_help = {"yes": True, "no": False}.get(answer)
    with db_session() as session:
        kept.close(_request_or_403(session, request_id), now(), current_user.email, found_help)
    flash("Closed. Its messages and any number are erased in 14 days.")
    return redirect(url_for("admin.request_page", request_id=request_id))


@bp.post("/requests/<int:request_id>/reassign")
def reassign(request_id: int):
    if not current_user.is_admin:
        abort(403)
    target = request.form.get("organisation", "")
    with db_session() as session:
        found = _request_or_403(session, request_id)
        if session.get(Organisation, target) is None:
            flash("No such organisation.")
        else:
            kept.reassign(found, target)
            flash("Reassigned.")
    return redirect(url_for("admin.request_page", request_id=request_id))
