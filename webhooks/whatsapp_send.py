"""Sending on WhatsApp through Twilio's REST API: button messages in a conversation, and the
messages the bot starts (follow-ups, a keeper's reply), inside or outside the 24-hour window.

    respond(settings, replies, number)      the webhook's answer: TwiML, or (for buttons) the
                                            turn's messages sent in order through the API
    send_template(settings, to, sid, vars)  an approved template: ContentSid + ContentVariables
    deliver(settings, session, key, now, Started(...))
        window open  -> the text itself, free-form
        window shut  -> the template WHATSAPP_TEMPLATE_<KIND>_<LANGUAGE> (or _EN), never its
                        text in Body (Twilio refuses that since April 2025: error 63016)
        no template  -> nothing is sent, and the result says why (the caller shows it)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from flask import Response
from sqlalchemy.orm import Session
from twilio.base.exceptions import TwilioRestException

from bot.messages import Channel, Reply
from bot.records.window import window_closes
from webhooks.config import Settings
from webhooks.outbound import Outgoing, Sent, send, twilio_client
from webhooks.whatsapp import (
    WhatsAppMessage,
    address_of,
    quick_reply_sid,
    quick_reply_variables,
    render,
    twiml,
    with_buttons,
)

log = logging.getLogger(__name__)

#: The language whose template stands in when the resident's own has none.
FALLBACK_LANGUAGE = "en"
#: Twilio refuses a content variable longer than this.
MAX_VARIABLE = 1000


def _origin(settings: Settings) -> dict[str, str]:
    if settings.twilio_messaging_service_sid:
        return {"messaging_service_sid": settings.twilio_messaging_service_sid}
    return {"from_": address_of(settings.twilio_whatsapp_from)}


def send_template(settings: Settings, to: str, content_sid: str,
                  variables: dict[str, str] | str) -> Sent:
    """One message by content SID (an approved template, or a quick-reply message) with its
    variables; never raises: a failure is returned and logged without the number."""
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return _failed(Sent(False, "Twilio is not set up (TWILIO_ACCOUNT_SID and "
                                   "TWILIO_AUTH_TOKEN)"))
    if not (settings.twilio_whatsapp_from or settings.twilio_messaging_service_sid):
        return _failed(Sent(False, "TWILIO_WHATSAPP_FROM is not set"))
    if not isinstance(variables, str):
        variables = json.dumps({k: str(v)[:MAX_VARIABLE] for k, v in variables.items()},
                               ensure_ascii=False)
    try:
        created = twilio_client(settings).messages.create(
            to=address_of(to), content_sid=content_sid, content_variables=variables,
            **_origin(settings))
    except TwilioRestException as exc:  # its message can quote the number: keep the code only
        return _failed(Sent(False, f"Twilio error {exc.code or exc.status} (HTTP {exc.status})"))
    except Exception as exc:  # connection refused, timeout, an unreadable answer
        return _failed(Sent(False, f"Twilio could not be reached ({type(exc).__name__})"))
    if created.status in ("failed", "undelivered"):
        return _failed(Sent(False, f"Twilio error {created.error_code} ({created.status})"))
    return Sent(True, created.sid or "")


def _failed(sent: Sent) -> Sent:
    log.warning("WhatsApp message not delivered: %s", sent.detail)
    return sent


def send_text(settings: Settings, to: str, text: str) -> Sent:
    """A free-form message (only inside the 24-hour window)."""
    return send(settings, Outgoing(Channel.WHATSAPP.value, address_of(to), text),
                sender=address_of(settings.twilio_whatsapp_from))


def send_one(settings: Settings, to: str, message: WhatsAppMessage) -> Sent:
    """One message of a conversation: with its quick-reply buttons when a template for that many
    is configured, else as plain text."""
    sid = quick_reply_sid(settings, len(message.buttons)) if message.buttons else ""
    if sid:
        return send_template(settings, to, sid, quick_reply_variables(message))
    return send_text(settings, to, message.body)


def respond(settings: Settings, replies: list[Reply], number: str) -> Response:
    """The webhook's answer. Plain replies go as TwiML. A turn with buttons is sent through the
    API, in order, and answered with an empty TwiML; whatever could not be sent that way goes
    in the TwiML as plain text, so the resident always gets an answer."""
    messages = render(replies)
    if not with_buttons(settings, messages):
        return twiml(messages)
    for i, message in enumerate(messages):
        if not send_one(settings, number, message).ok:
            log.warning("WhatsApp: sending through the API failed; %d message(s) go as "
                        "plain TwiML instead", len(messages) - i)
            return twiml(messages[i:])
    return twiml([])


# --- messages the bot starts ---------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    """A message the bot starts: its kind ("followup", "keeper_reply"), the resident's
    language, the free-form text, and the template's variables ({"1": ...})."""

    kind: str
    language: str
    text: str
    variables: dict[str, str] = field(default_factory=dict)
    #: Quick-reply buttons for the free-form message, where they are set up.
    buttons: tuple[tuple[str, str], ...] = ()


def template_sid(settings: Settings, kind: str, language: str) -> str:
    """The configured template for a kind in the language (else in English); "" if none."""
    templates = settings.whatsapp_templates
    return templates.get(f"{kind}_{language}".lower()) \
        or templates.get(f"{kind}_{FALLBACK_LANGUAGE}".lower(), "")


def template_setting(kind: str, language: str) -> str:
    """The variable that names the template: WHATSAPP_TEMPLATE_FOLLOWUP_EN."""
    return f"WHATSAPP_TEMPLATE_{kind}_{language}".upper()


@dataclass(frozen=True)
class Plan:
    """How a started message can go: "free" (in the window), "template" (with ``sid``), or
    "none" (``reason`` says why nothing can be sent)."""

    how: str
    sid: str = ""
    reason: str = ""
    closes: dt.datetime | None = None


def plan(settings: Settings, session: Session, key: str, now: dt.datetime,
         message: Started) -> Plan:
    """Whether the resident's window is open, and if not, which template to use."""
    closes = window_closes(session, Channel.WHATSAPP.value, key)
    if closes is not None and now < closes:
        return Plan("free", closes=closes)
    sid = template_sid(settings, message.kind, message.language)
    if sid:
        return Plan("template", sid=sid, closes=closes)
    wanted = template_setting(message.kind, message.language)
    return Plan("none", reason=f"not sent: outside WhatsApp's 24-hour window and no approved "
                               f"template is configured ({wanted} is not set)", closes=closes)


def deliver(settings: Settings, session: Session, key: str, now: dt.datetime, to: str,
            message: Started) -> Sent:
    """Send a started message as the window allows; never silently: a message that cannot go
    returns ``Sent(False, reason)`` and is logged."""
    how = plan(settings, session, key, now, message)
    if how.how == "free":
        return send_one(settings, to, WhatsAppMessage(message.text, message.buttons))
    if how.how == "template":
        return send_template(settings, to, how.sid, message.variables)
    log.warning("WhatsApp %s %s", message.kind, how.reason)
    return Sent(False, how.reason)
