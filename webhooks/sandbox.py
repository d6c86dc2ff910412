"""The volunteers' sandbox: a chat page and a JSON API that run the real engine, kept apart.

    POST /sandbox/api/message     {"session", "text" (or "latitude"/"longitude"), "now"?}
    POST /sandbox/api/follow-ups  {"session", "now"?}: the follow-ups due by then, each once

Sandbox conversations use their own channel, so they never mix with residents' and are never
counted in statistics. A follow-up agreed to here (CHECK) is never sent: it shows in the
conversation once the pretend time reaches the time ``signpost followups send`` would send it.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from flask import Blueprint, abort, jsonify, render_template, request

from bot.languages import LANGUAGE_CODES, LANGUAGES, MULTIPLE, language, parse_language
from bot.messages import Channel, GeoPoint, InboundMessage, Reply
from bot.sms.gsm import safe_text, sms_size
from bot.wording import copy
from bot.wording.catalogues import drafts_in
from bot.wording.split import sms_form, split_sms
from core.clock import opening_time
from core.errors import BadInput
from webhooks.engine_access import engine_for
from webhooks.faults import is_database_down
from webhooks.followups import practice_replies
from webhooks.services import services
from webhooks.whatsapp import render as whatsapp_render

log = logging.getLogger(__name__)

bp = Blueprint("sandbox", __name__, url_prefix="/sandbox")

MAX_TEXT = 10_000
MAX_SESSION = 100
#: The channel views a request may ask for (``channel``); without one, every view comes back.
VIEWS = ("sms", "telegram", "whatsapp")


class BadRequest(BadInput):
    """The sandbox request cannot be used; the message says why."""


@bp.before_request
def sandbox_enabled():
    if not services().settings.sandbox_enabled:
        abort(404)


@bp.get("")
@bp.get("/")
def page():
    return render_template("sandbox.html", share_label=copy.SHARE_LOCATION_BUTTON,
                           languages=LANGUAGES)


def _number(body: dict, name: str) -> float | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadRequest(f"'{name}' must be a number")
    return float(value)


def _plain_text(value: str) -> bool:
    """False for text that cannot be written as UTF-8 (lone surrogates from JSON escapes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _session(body: object) -> str:
    """The conversation's name from a request body (a JSON object)."""
    if not isinstance(body, dict):
        raise BadRequest("Send a JSON object like {\"session\": \"abc\", \"text\": \"food\"}")
    session = body.get("session")
    if not isinstance(session, str) or not session.strip():
        raise BadRequest("'session' is required: any short text that names this conversation")
    if not _plain_text(session):
        raise BadRequest("'session' must be plain text")
    if len(session) > MAX_SESSION:
        raise BadRequest(f"'session' must be at most {MAX_SESSION} characters")
    return session.strip()


def _pretend(body: dict) -> dt.datetime | None:
    """The pretend time (``now``, ISO-8601; naive is Leeds time), or None for the real time."""
    now = body.get("now")
    if now in (None, ""):
        return None
    if not isinstance(now, str):
        raise BadRequest("'now' must be an ISO-8601 date and time like 2026-11-23T10:00")
    try:
        return dt.datetime.fromisoformat(now)
    except ValueError as exc:
        raise BadRequest("'now' must be an ISO-8601 date and time like 2026-11-23T10:00") from exc


def parse_message(body: object) -> InboundMessage:
    """Check a sandbox request body and turn it into an inbound message."""
    session = _session(body)
    text = body.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise BadRequest("'text' must be a string")
    if len(text) > MAX_TEXT:
        raise BadRequest(f"'text' must be at most {MAX_TEXT} characters")
    latitude, longitude = _number(body, "latitude"), _number(body, "longitude")
    if (latitude is None) != (longitude is None):
        raise BadRequest("Send both 'latitude' and 'longitude', or neither")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadRequest("'latitude' and 'longitude' must be a real place")
    if "text" not in body and latitude is None:
        raise BadRequest("'text' is required (or a 'latitude' and 'longitude')")
    location = GeoPoint(latitude, longitude) if latitude is not None else None
    return InboundMessage(Channel.SANDBOX, session, text.replace("\x00", ""),
                          location, None, _pretend(body), language=_language(body))


def _body() -> object:
    """The request's JSON, or None when it is not JSON (or nested too deep to read)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


NOT_JSON = "The body must be JSON, sent with Content-Type: application/json"


def due_follow_ups(message: InboundMessage) -> list[Reply]:
    """The conversation's follow-ups due by the message's pretend time (else now), each once."""
    engine = engine_for()
    now = opening_time(services().now(), message.received_at)
    return practice_replies(engine.database, message.channel.value,
                            engine.sender_hash(message), now)


def _language(body: dict) -> str | None:
    """The language to hold the conversation in from now on (``"language": "pl"``), if any."""
    value = body.get("language")
    if value in (None, ""):
        return None
    code = parse_language(value)
    if code is None:
        raise BadRequest(f"'language' must be one of {', '.join(LANGUAGE_CODES)}")
    return code


@bp.post("/api/message")
def api_message():
    body = _body()
    if body is None:
        return jsonify(error=NOT_JSON), 400
    try:
        message = parse_message(body)
        channel = parse_channel(body)
    except BadRequest as exc:
        return jsonify(error=str(exc)), 400
    replies: list[Reply] = []
    try:
        replies += due_follow_ups(message)  # a follow-up that came due first: it leads
        replies += engine_for().handle(message)
    except Exception as exc:
        if is_database_down(exc):
            raise  # answered 503 by webhooks.faults
        log.exception("Sandbox: the conversation failed; answering with an apology")
        replies.append(Reply(copy.SOMETHING_WENT_WRONG))
    return jsonify(answer_json(replies, channel))


@bp.post("/api/follow-ups")
def api_follow_ups():
    """The follow-ups of ``session`` due by ``now`` (or the real time), shown once each."""
    body = _body()
    if body is None:
        return jsonify(error=NOT_JSON), 400
    try:
        message = InboundMessage(Channel.SANDBOX, _session(body), "", None, None,
                                 _pretend(body))
        channel = parse_channel(body)
    except BadRequest as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(answer_json(due_follow_ups(message), channel))


def answer_json(replies: list[Reply], channel: str | None) -> dict:
    """The replies, and each one's SMS and WhatsApp views (or only ``channel``'s)."""
    answer = {"replies": [reply_json(r) for r in replies]}
    if channel in (None, "sms"):
        answer["sms"] = [sms_json(r) for r in replies]
    if channel in (None, "whatsapp"):
        answer["whatsapp"] = [whatsapp_json(r) for r in replies]
    return answer


def parse_channel(body: dict) -> str | None:
    """The one channel view asked for (``"channel": "whatsapp"``), or None for every view."""
    channel = body.get("channel")
    if channel in (None, ""):
        return None
    if channel not in VIEWS:
        raise BadRequest(f"'channel' must be one of {', '.join(VIEWS)}")
    return channel


def reply_json(reply: Reply) -> dict:
    """One reply as Telegram would show it: text, keyboard choices, inline buttons, map pin."""
    venue = reply.venue
    return {
        "text": safe_text(reply.text),
        "language": reply.language,
        "drafts": [{"source": d.source, "draft": d.draft}
                   for d in drafts_in(reply.text, reply.language)],
        "choices": list(reply.choices),
        "request_location": reply.request_location,
        "buttons": [{"label": label, "data": data} for label, data in reply.buttons],
        "venue": None if venue is None else {
            "latitude": venue.latitude, "longitude": venue.longitude,
            "title": safe_text(venue.title), "address": safe_text(venue.address)},
    }


def sms_json(reply: Reply) -> dict:
    """One reply as the SMS channel sends it: its size, and the texts it is sent as
    (``expected_ucs2``: its language is written in letters GSM-7 does not have)."""
    size = sms_size(sms_form(reply.text, reply.language))
    expected = reply.language == MULTIPLE or not language(reply.language).sms_gsm7
    pieces = []
    for piece in split_sms(reply.text, code=reply.language):
        piece_size = sms_size(piece)
        pieces.append({"text": piece, "segments": piece_size.segments,
                       "encoding": piece_size.encoding, "expected_ucs2": expected})
    return {"segments": size.segments, "encoding": size.encoding, "pieces": pieces,
            "expected_ucs2": expected}


def whatsapp_json(reply: Reply) -> dict:
    """One reply as the WhatsApp channel sends it: its messages (place names in *bold*), and
    the quick-reply buttons on the last, if it gets any (else the numbers in the text work)."""
    messages = whatsapp_render([reply])
    return {"pieces": [m.body for m in messages],
            "buttons": [{"title": title, "id": data} for title, data in messages[-1].buttons]}
