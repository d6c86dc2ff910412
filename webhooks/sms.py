"""SMS (and WhatsApp) through Twilio: a resident's text in, TwiML replies out; delivery reports.

    POST /webhooks/sms         verify signature -> InboundMessage (MessageSid as message_id)
                               -> engine -> <Message>s of at most 3 segments each, GSM-7
                               or, for a language in its own letters, UCS-2
                               (From=whatsapp:...: the same checks, then webhooks.whatsapp's
                               reading and WhatsApp-shaped replies)
    POST /webhooks/sms/status  verify signature -> count the status; 21610 records an opt-out

Every request must carry a valid ``X-Twilio-Signature`` over the *public* URL (PUBLIC_BASE_URL
plus the path), so it verifies behind a TLS proxy. Without TWILIO_AUTH_TOKEN nothing runs (503).
"""

from __future__ import annotations

import logging
import os
import re

from flask import Blueprint, Response, request
from sqlalchemy.exc import SQLAlchemyError
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.engine import Engine
from bot.messages import Channel, InboundMessage, Reply
from bot.records import store
from bot.records.delivery import count_delivery
from bot.wording import copy
from bot.wording.split import split_sms
from core.clock import london_day
from core.db import session_scope
from webhooks.config import Settings
from webhooks.engine_access import engine_for
from webhooks.faults import DatabaseUnavailable, is_database_down
from webhooks.services import services
from webhooks.whatsapp import is_whatsapp, number_of, read_message, refusal_reason
from webhooks.whatsapp_send import respond

log = logging.getLogger(__name__)

bp = Blueprint("sms", __name__, url_prefix="/webhooks/sms")

SIGNATURE_HEADER = "X-Twilio-Signature"
#: Twilio's error for a message sent to someone who has opted out (texted STOP to Twilio).
UNSUBSCRIBED_RECIPIENT = "21610"
MAX_BODY = 1600
#: Twilio's ids: two letters and 32 lower-case hex digits. Checking the shape stops a captured
#: request being replayed with its parameters shifted (the signature joins names and values
#: with no separators, so "MessageSid" could otherwise swallow a neighbouring field).
MESSAGE_SID = re.compile(r"(SM|MM)[0-9a-f]{32}")
ACCOUNT_SID = re.compile(r"AC[0-9a-f]{32}")

_warned_about_url = False


@bp.after_request
def _served_by(response: Response) -> Response:
    """Name the worker process, so a check can see requests spread across workers."""
    response.headers["X-Served-By"] = str(os.getpid())
    return response



def public_url(settings: Settings) -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path (+ query), not the URL Flask sees."""
    global _warned_about_url
    if not settings.public_base_url:
        if not _warned_about_url:
            log.warning("PUBLIC_BASE_URL is not set: checking Twilio signatures against %s, "
                        "which is wrong behind a proxy", request.base_url)
            _warned_about_url = True
        return request.url
    url = settings.public_base_url.rstrip("/") + request.path
    if request.query_string:
        url += "?" + request.query_string.decode("utf-8", "replace")
    return url


def _refusal() -> Response | None:
    """None when the request is really from Twilio; otherwise the response to give instead."""
    settings = services().settings
    if not settings.twilio_auth_token:
        log.error("TWILIO_AUTH_TOKEN is not set: SMS webhooks are refused (503) until it is")
        return _text("SMS is not set up on this server.", 503)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    validator = RequestValidator(settings.twilio_auth_token)
    if not signature or not validator.validate(public_url(settings), request.form, signature):
        log.warning("Refused an SMS webhook: %s Twilio signature",
                    "wrong" if signature else "no")
        return _text("Forbidden.", 403)
    return _odd_ids(request.form, settings)


def _odd_ids(form, settings: Settings) -> Response | None:
    """A 400 for a signed request whose ids are not Twilio's shape or not our account's."""
    message_sid = form.get("MessageSid") or form.get("SmsMessageSid") or ""
    account_sid = form.get("AccountSid", "")
    problem = None
    if not MESSAGE_SID.fullmatch(message_sid):
        problem = "MessageSid is not a Twilio message id"
    elif not ACCOUNT_SID.fullmatch(account_sid):
        problem = "AccountSid is not a Twilio account id"
    elif settings.twilio_account_sid and account_sid != settings.twilio_account_sid:
        problem = "AccountSid is not this server's Twilio account"
    if problem is None:
        return None
    log.warning("Refused a signed SMS webhook: %s", problem)
    return _text(f"Bad request: {problem}.", 400)


def _text(body: str, status: int) -> Response:
    return Response(body, status=status, mimetype="text/plain")


def twiml(replies: list[Reply]) -> Response:
    """TwiML with one <Message> a piece, each encoded for its reply's language; no replies is
    an empty <Response/> (we stay silent)."""
    response = MessagingResponse()
    for reply in replies:
        for piece in split_sms(reply.text, code=reply.language):
            response.message(piece)
    return Response(str(response), mimetype="application/xml")


def converse(engine: Engine, message: InboundMessage) -> list[Reply]:
    """The replies to send back; an apology (never silence or a trace) if the engine fails.

    Every message goes through the engine, pictures and empty ones too, so the limits, the
    daily cap and de-duplication apply to them all.
    """
    try:
        return engine.handle(message)
    except Exception as exc:
        if is_database_down(exc):
            raise DatabaseUnavailable from exc  # 503: Twilio tries the fallback URL
        log.exception("%s: the conversation failed; answering with an apology",
                      message.channel.value)
        return [Reply(copy.SOMETHING_WENT_WRONG)]


def _count(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


@bp.post("")
def inbound() -> Response:
    refused = _refusal()
    if refused is not None:
        return refused
    sender = request.form.get("From", "").strip()
    if not sender:
        return _text("'From' is required.", 400)
    message_id = request.form.get("MessageSid") or request.form.get("SmsMessageSid") or None
    if is_whatsapp(sender):
        return _whatsapp(message_id)
    text = request.form.get("Body", "").replace("\x00", "")[:MAX_BODY]
    message = InboundMessage(Channel.SMS, sender, text, None, message_id,
                             has_media=_count(request.form.get("NumMedia")) > 0,
                             recipient=request.form.get("To", "").strip() or None)
    return twiml(converse(engine_for(), message))


def _whatsapp(message_id: str | None) -> Response:
    """A WhatsApp message, already checked as Twilio's: answered as WhatsApp shows it."""
    settings = services().settings
    reason = refusal_reason(settings)
    if reason is not None:
        log.error("%s: WhatsApp messages are refused (503) until it is", reason)
        return _text("WhatsApp is not set up on this server.", 503)
    message = read_message(request.form, message_id)
    return respond(settings, converse(engine_for(), message), message.sender)


@bp.post("/status")
def status() -> Response:
    """Count a delivery report; 21610 means Twilio holds an opt-out for that number."""
    refused = _refusal()
    if refused is not None:
        return refused
    form = request.form
    state = (form.get("MessageStatus") or form.get("SmsStatus") or "unknown").strip().lower()
    error_code = (form.get("ErrorCode") or "").strip()
    engine = engine_for()
    now = engine.clock()
    try:
        with session_scope(engine.database) as session:
            recipient = form.get("To", "").strip()
            channel = Channel.WHATSAPP if is_whatsapp(recipient) else Channel.SMS
            count_delivery(session, channel.value, state, error_code, london_day(now))
            if error_code == UNSUBSCRIBED_RECIPIENT and recipient:
                key = engine.sender_hash(InboundMessage(channel, number_of(recipient)))
                store.opt_out(session, channel.value, key, now)
    except SQLAlchemyError as exc:
        if is_database_down(exc):
            raise DatabaseUnavailable from exc  # 503, the cause logged by webhooks.faults
        log.exception("SMS status: could not record a delivery report")
        return _text("Try again later.", 503)
    return Response(status=204)
