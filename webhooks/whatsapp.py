"""WhatsApp through Twilio: the same signed webhook as SMS, from addresses like
``whatsapp:+447700900123``; this module reads those messages and shapes the replies.

    POST /webhooks/sms (From=whatsapp:...)  -> webhooks.sms checks the signature and the ids
        -> read_message: Body (or the pressed button's payload), a shared location
           (Latitude/Longitude), pictures -> InboundMessage(Channel.WHATSAPP, "+44...")
        -> engine -> render: pieces of up to 4,096 characters, place names in *bold*, and
           quick-reply buttons (Twilio's Content API) for a short list of choices

Replies go back as TwiML, except when a reply carries quick-reply buttons: a button message
can only be sent through Twilio's REST API with a ``ContentSid``, so then the turn's messages are
all sent that way, in order (the webhook answers an empty TwiML). A send that fails falls back
to plain text in the TwiML, so the resident is never left with nothing.

Without TWILIO_WHATSAPP_FROM (the WhatsApp sender) WhatsApp messages are refused (503) and the
log says why, as SMS is without TWILIO_AUTH_TOKEN. The resident's number is the sender; only
its keyed hash is ever stored (with the time of their last message: the 24-hour window).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from bot.messages import Channel, GeoPoint, InboundMessage, Reply
from bot.sms.gsm import safe_text
from bot.wording import copy
from bot.wording.names import clip
from bot.wording.split import split_for_budget, utf16_length
from webhooks.config import Settings

log = logging.getLogger(__name__)

PREFIX = "whatsapp:"
#: WhatsApp's limit for one message's text.
WHATSAPP_BUDGET = 4096
#: Quick-reply buttons WhatsApp allows in a session message that needs no approval.
MAX_BUTTONS = 3
#: The longest title a WhatsApp quick-reply button shows.
BUTTON_TITLE = 20
#: The longest body a quick-reply content template carries.
QUICK_REPLY_BODY = 1024
#: A WhatsApp message's text as Twilio delivers it (much longer than an SMS).
MAX_BODY = WHATSAPP_BUDGET
_NUMBER = re.compile(r"\+?[0-9]{6,15}")


def is_whatsapp(address: str) -> bool:
    """True for a Twilio WhatsApp address (``whatsapp:+44...``)."""
    return address.strip().lower().startswith(PREFIX)


def number_of(address: str) -> str:
    """The phone number in a WhatsApp address: ``whatsapp:+447700900123`` -> ``+447700900123``."""
    address = address.strip()
    return address[len(PREFIX):].strip() if is_whatsapp(address) else address


def address_of(number: str) -> str:
    """The Twilio address for a number (or for the configured sender, given with or without
    its ``whatsapp:``)."""
    return f"{PREFIX}{number_of(number)}"


def refusal_reason(settings: Settings) -> str | None:
    """Why WhatsApp messages cannot be answered on this server, or None."""
    if not settings.twilio_whatsapp_from:
        return "TWILIO_WHATSAPP_FROM is not set"
    return None


# --- reading ------------------------------------------------------------------------------


def _coordinate(value: str | None, limit: float) -> float | None:
    """A latitude or longitude from the form; None when missing or not a number on the globe."""
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


def shared_location(form) -> GeoPoint | None:
    """WhatsApp's shared location (``Latitude``/``Longitude``), if the message is one."""
    if not form.get("Latitude") and not form.get("Longitude"):
        return None
    latitude = _coordinate(form.get("Latitude"), 90)
    longitude = _coordinate(form.get("Longitude"), 180)
    if latitude is None or longitude is None:
        log.warning("WhatsApp: a shared location with a coordinate that is not on the globe")
        return None
    return GeoPoint(latitude, longitude)


def _count(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def read_message(form, message_id: str | None) -> InboundMessage:
    """The engine's message for a WhatsApp form: a pressed button's payload stands for the
    text (it is what the button means, such as "1"), a shared location for the place."""
    sender = number_of(form.get("From", ""))
    location = shared_location(form)
    payload = (form.get("ButtonPayload") or "").strip()
    text = payload or form.get("Body", "")
    if location is not None:
        text = ""  # the Body of a shared location is its address label, not words to read
    text = text.replace("\x00", "")[:MAX_BODY]
    return InboundMessage(Channel.WHATSAPP, sender, text, location, message_id,
                          has_media=_count(form.get("NumMedia")) > 0,
                          recipient=number_of(form.get("To", "")) or None)


# --- answering ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WhatsAppMessage:
    """One message to send: its text, and quick-reply buttons as (title, id) pairs."""

    body: str
    buttons: tuple[tuple[str, str], ...] = ()


def bold(text: str, names: tuple[str, ...]) -> str:
    """``text`` with the first mention of each name in WhatsApp's *bold*."""
    for name in names:
        name = safe_text(name).strip()
        if not name or "*" in name:
            continue
        at = text.find(name)
        if at >= 0 and f"*{name}*" not in text:
            text = f"{text[:at]}*{name}*{text[at + len(name):]}"
    return text


def whatsapp_text(reply: Reply) -> str:
    """A reply's words as WhatsApp shows them: plain text with the place names in bold."""
    return bold(safe_text(reply.text), reply.emphasis)


def _title(label: str) -> str:
    """A button's words within WhatsApp's limit, cut at a word."""
    return clip(label.strip(), BUTTON_TITLE)


def quick_replies(reply: Reply) -> tuple[tuple[str, str], ...]:
    """The reply's buttons, when WhatsApp can show them: its numbered results (the title
    shortened, pressing sends the number), else its choices, if there are 1 to 3; else none,
    and the numbers in the text do the work."""
    if 0 < len(reply.buttons) <= MAX_BUTTONS:
        pairs = tuple((_title(label), data) for label, data in reply.buttons)
    elif 0 < len(reply.choices) <= MAX_BUTTONS:
        pairs = tuple((_title(choice), choice) for choice in reply.choices)
    else:
        return ()
    titles = [title for title, _ in pairs]
    return pairs if len(set(titles)) == len(titles) else ()


def render(replies: list[Reply]) -> list[WhatsAppMessage]:
    """Each reply as WhatsApp-sized messages; its quick replies ride on the last piece when it
    is short enough for a button message."""
    messages: list[WhatsAppMessage] = []
    for reply in replies:
        pieces = split_for_budget(whatsapp_text(reply), WHATSAPP_BUDGET, utf16_length) \
            or [copy.EMPTY]
        messages += [WhatsAppMessage(piece) for piece in pieces[:-1]]
        buttons = quick_replies(reply) if len(pieces[-1]) <= QUICK_REPLY_BODY else ()
        messages.append(WhatsAppMessage(pieces[-1], buttons))
    return messages


def quick_reply_sid(settings: Settings, buttons: int) -> str:
    """The content SID of the quick-reply template with this many buttons ("" if none)."""
    return {2: settings.whatsapp_quick_reply_2, 3: settings.whatsapp_quick_reply_3}.get(buttons,
                                                                                      "")


def quick_reply_variables(message: WhatsAppMessage) -> str:
    """ContentVariables for the quick-reply templates: {{1}} the text, then each button's
    title and id ({{2}}, {{3}}; {{4}}, {{5}}; ...), as docs/channels.md sets them up."""
    variables = {"1": message.body}
    for i, (title, data) in enumerate(message.buttons):
        variables[str(2 + 2 * i)] = title
        variables[str(3 + 2 * i)] = data
    return json.dumps(variables, ensure_ascii=False)


def with_buttons(settings: Settings, messages: list[WhatsAppMessage]) -> bool:
    """True when the turn's messages go through the REST API for their buttons: a message has
    buttons and the templates for them (and the account to send with) are configured."""
    if not settings.twilio_account_sid:
        return False
    return any(m.buttons and quick_reply_sid(settings, len(m.buttons)) for m in messages)


def twiml(messages: list[WhatsAppMessage]) -> Response:
    """TwiML with one <Message> a piece (buttons left out: the numbers in the text work)."""
    response = MessagingResponse()
    for message in messages:
        response.message(message.body)
    return Response(str(response), mimetype="application/xml")

