"""The sandbox plays the keeper's side of a request to talk to a person: a volunteer sees the
practice requests the sandbox made arrive, and replies as the anchor would.

    GET  /sandbox/api/requests               the practice requests, with their messages
    POST /sandbox/api/requests/<id>/reply    {"text": "..."}: the reply, as the resident sees it

Practice requests never reach the keepers' queue, the command line or the insights.
"""

from __future__ import annotations

from flask import jsonify, request
from sqlalchemy import select

from bot.messages import Reply
from bot.records import requests as kept
from bot.records.request_queue import await_answer, rows
from bot.records.requests import Kind, PersonRequest, State
from bot.wording import copy
from core.db import session_scope
from directory.models import Organisation
from webhooks.sandbox import MAX_TEXT, bp, reply_json
from webhooks.services import services

#: Who the sandbox's keeper replies are from, in the request's messages.
PLAYED_BY = "sandbox volunteer"


def _practice(session, request_id: int) -> PersonRequest | None:
    found = session.get(PersonRequest, request_id)
    return found if found is not None and found.practice else None


@bp.get("/api/requests")
def practice_requests():
    app = services()
    with session_scope(app.database) as session:
        found = list(session.scalars(select(PersonRequest).where(
            PersonRequest.practice.is_(True)).order_by(PersonRequest.id.desc()).limit(50)))
        listed = [{**row.to_dict(), "messages": [
            {"kind": m.kind, "text": m.text, "at": m.at.isoformat()}
            for m in kept.messages_of(session, app.settings.followup_key, row.id)]}
            for row in rows(session, found, app.clock())]
    return jsonify(requests=listed)


@bp.post("/api/requests/<int:request_id>/reply")
def practice_reply(request_id: int):
    body = request.get_json(silent=True)
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        return jsonify(error="Send JSON like {\"text\": \"Hello, we can help.\"}"), 400
    app = services()
    with session_scope(app.database) as session:
        found = _practice(session, request_id)
        if found is None:
            return jsonify(error="No practice request with that id"), 404
        if found.state == State.CLOSED:
            return jsonify(error="That request is closed"), 409
        org = session.get(Organisation, found.organisation_id)
        name = org.name if org else found.organisation_id
        now = app.clock()
        kept.add_message(session, app.settings.followup_key, found, Kind.KEEPER, text.strip(),
                         now, by=PLAYED_BY)
        await_answer(session, found, name, now)
    return jsonify(replies=[reply_json(Reply(copy.from_helper(name, text.strip())))])
