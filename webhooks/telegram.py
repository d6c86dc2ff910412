"""Telegram: POST /webhooks/telegram receives updates; replies go out through the Bot API.

    check secret token -> Update.de_json -> text / location / button press -> a place in the
    send queue -> engine -> queue the replies -> 200; the sender then calls sendMessage with the
    choices as a reply keyboard (answerCallbackQuery for inline buttons) in the background

Only private chats are answered: messages and button presses in groups, supergroups and
channels are ignored (a bot that answers there would tell a whole group about one resident).

Telegram resends any update not answered 2xx, so everything that passed the secret check is
answered 200, including updates we ignore (edits, joins) and ones we cannot read. The update_id
is the message id: a repeated update runs the conversation once and is not answered twice.
Only two things answer 503, so that Telegram sends the update again: a database that is down,
and a full send queue (Telegram slow or failing), which is checked before the conversation runs
so that the update is answered, once, when it comes back.
"""

from __future__ import annotations

import hmac
import logging
import math
import os
import threading
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, request
from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)

from bot.engine import Engine
from bot.messages import Channel, GeoPoint, InboundMessage, Reply
from bot.wording import copy
from bot.wording.split import split_telegram
from core.errors import BadInput
from webhooks.engine_access import engine_for
from webhooks.faults import DatabaseUnavailable, is_database_down
from webhooks.services import services
from webhooks.telegram_sender import Markup, Outgoing, Pin, TelegramSender

log = logging.getLogger(__name__)

bp = Blueprint("telegram", __name__, url_prefix="/webhooks/telegram")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/webhooks/telegram"
#: The update kinds the bot asks Telegram for (``signpost telegram set-webhook``).
ALLOWED_UPDATES = ("message", "callback_query")

_CHAT_TYPES = (Chat.GROUP, Chat.SUPERGROUP, Chat.CHANNEL)

_sender_lock = threading.Lock()



def sender_for(app: Flask) -> TelegramSender:
    """This process's sender for ``app``: made on first use, and again after a fork."""
    state = services(app)
    with _sender_lock:
        sender = state.telegram_sender
        if sender is None or sender.pid != os.getpid():
            settings = services(app).settings
            sender = TelegramSender(settings.telegram_bot_token, settings.telegram_api_base_url,
                                    **settings.extra.get("telegram_sender", {}))
            state.telegram_sender = sender
        return sender


def close_sender(app: Flask) -> None:
    """Stop this process's sender for ``app``, if it has one (tests, shutdown)."""
    with _sender_lock:
        state = services(app)
        sender, state.telegram_sender = state.telegram_sender, None
    if sender is not None and sender.pid == os.getpid():
        sender.close()


# --- reading updates ----------------------------------------------------------------------


class UnreadableUpdate(BadInput):
    """An update Telegram itself would never send; the message says why, with no content."""


@dataclass(frozen=True)
class Incoming:
    """What one update asks of us."""

    chat_id: int
    #: The message for the engine, or None for an empty button press (only acknowledged).
    message: InboundMessage | None
    #: An inline button press to acknowledge.
    callback_query_id: str | None = None


def read_update(update: Update) -> Incoming | None:
    """The request in ``update``, or None for kinds we ignore (edits, joins, groups...)."""
    message_id = str(update.update_id)
    query = update.callback_query
    if query is not None:
        if query.message is not None and not _private(query.message.chat):
            return None
        chat_id = _chat_id(query.message.chat.id if query.message is not None
                           else query.from_user.id)
        data = query.data if isinstance(query.data, str) else ""
        inbound = InboundMessage(Channel.TELEGRAM, str(chat_id), data, None, message_id,
                                 language_hint=_language_hint(query.from_user)) \
            if data.strip() else None
        return Incoming(chat_id, inbound, query.id)
    message = update.message
    if message is None or not _private(message.chat):
        return None
    chat_id = _chat_id(message.chat.id)
    sender = str(chat_id)
    hint = _language_hint(message.from_user)
    if message.location is not None:
        point = GeoPoint(_coordinate(message.location.latitude, 90),
                         _coordinate(message.location.longitude, 180))
        return Incoming(chat_id, InboundMessage(Channel.TELEGRAM, sender, "", point, message_id,
                                                language_hint=hint))
    contact = message.contact
    if contact is not None:  # only the resident's own number, shared with the button
        own = message.from_user is not None and contact.user_id == message.from_user.id
        phone = str(contact.phone_number or "")[:32] if own else ""
        return Incoming(chat_id, InboundMessage(Channel.TELEGRAM, sender, "", None, message_id,
                                                phone=phone or None, has_media=not phone,
                                                language_hint=hint))
    text = message.text or message.caption or ""
    has_media = message.effective_attachment is not None
    if not (text.strip() or has_media or message.text is not None):
        return None  # a service message: someone joined, a chat photo changed...
    # Stickers, photos and voice notes go through the engine too: limits and de-duplication.
    return Incoming(chat_id, InboundMessage(Channel.TELEGRAM, sender, text, None, message_id,
                                            has_media=has_media, language_hint=hint))


#: A language tag is short (BCP 47: "pl", "fa-IR"); anything longer is not one.
LONGEST_LANGUAGE_TAG = 35


def _language_hint(user: object) -> str | None:
    """The language the resident's Telegram app is set to (``language_code``): a hint only,
    used when the conversation has no language of its own (``handlers/language.py``)."""
    code = getattr(user, "language_code", None)
    return code[:LONGEST_LANGUAGE_TAG] if isinstance(code, str) and code else None


def _chat_id(value: object) -> int:
    """Telegram's chat ids are whole numbers; UnreadableUpdate for anything else."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise UnreadableUpdate("a chat id that is not a whole number")
    return value


def _coordinate(value: object, limit: float) -> float:
    """A latitude or longitude as a number on the globe; UnreadableUpdate for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnreadableUpdate("a shared location with a coordinate that is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise UnreadableUpdate("a shared location with a coordinate off the globe") from None
    if not (math.isfinite(number) and -limit <= number <= limit):
        raise UnreadableUpdate("a shared location with a coordinate off the globe")
    return number


def _private(chat: Chat) -> bool:
    """A one-to-one chat with a resident; groups, supergroups and channels are never answered."""
    if chat.type == Chat.PRIVATE:
        return True
    log.info("Telegram: ignored a message in a %s chat (we answer private chats only)",
             chat.type if chat.type in _CHAT_TYPES else "non-private")
    return False


# --- answering ----------------------------------------------------------------------------


def keyboard(reply: Reply) -> Markup:
    """The reply's buttons: inline ones on the message (a result's details, then the choices),
    or a keyboard of choices (and "Share my location"); no buttons removes the keyboard."""
    if reply.buttons:
        rows = [[InlineKeyboardButton(label, callback_data=data)] for label, data in reply.buttons]
        if reply.choices:
            rows.append([InlineKeyboardButton(c, callback_data=c) for c in reply.choices])
        return InlineKeyboardMarkup(rows)
    rows = []
    if reply.request_contact:
        rows.append([KeyboardButton(copy.SHARE_PHONE_BUTTON, request_contact=True)])
    if reply.request_location:
        rows.append([KeyboardButton(copy.SHARE_LOCATION_BUTTON, request_location=True)])
    rows += [[KeyboardButton(choice)] for choice in reply.choices]
    if not rows:
        return ReplyKeyboardRemove()
    return ReplyKeyboardMarkup(rows, one_time_keyboard=True, resize_keyboard=True)


def render(replies: list[Reply]) -> list[tuple[str, Markup] | Pin]:
    """Each reply as Telegram-sized pieces (the buttons ride on the last), then its map pin."""
    messages: list[tuple[str, Markup] | Pin] = []
    for reply in replies:
        pieces = split_telegram(reply.text) or [copy.EMPTY]
        messages += [(piece, None) for piece in pieces[:-1]]
        messages.append((pieces[-1], keyboard(reply)))
        if reply.venue is not None:
            venue = reply.venue
            messages.append(Pin(venue.latitude, venue.longitude, venue.title, venue.address))
    return messages


def respond(incoming: Incoming, engine: Engine) -> tuple[list[Reply], bool]:
    """The replies and whether to send them (False: this update was handled before)."""
    try:
        if incoming.message is None:
            return [], True
        return engine.handle_once(incoming.message)
    except Exception as exc:
        if is_database_down(exc):
            raise DatabaseUnavailable from exc  # 503: Telegram delivers the update again
        log.exception("Telegram: the conversation failed; answering with an apology")
        return [Reply(copy.SOMETHING_WENT_WRONG)], True


def _refusal() -> Response | None:
    settings = services().settings
    if not settings.telegram_bot_token or not settings.telegram_webhook_secret:
        missing = "TELEGRAM_BOT_TOKEN" if not settings.telegram_bot_token \
            else "TELEGRAM_WEBHOOK_SECRET"
        log.error("%s is not set: Telegram webhooks are refused (503) until it is", missing)
        return Response("Telegram is not set up on this server.", 503, mimetype="text/plain")
    given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, settings.telegram_webhook_secret.encode("utf-8")):
        log.warning("Refused a Telegram webhook: %s secret token",
                    "wrong" if given else "no")
        return Response("Forbidden.", 403, mimetype="text/plain")
    return None


@bp.post("")
def webhook() -> Response:
    refused = _refusal()
    if refused is not None:
        return refused
    ok = Response(status=200)
    try:
        payload = request.get_json(force=True, silent=True)
    except RecursionError:  # nested deeper than any real update: not one of Telegram's
        payload = None
    if not isinstance(payload, dict):
        log.warning("Telegram: ignored an update that is not a JSON object")
        return ok
    sender = sender_for(current_app)
    try:
        incoming = read_update(Update.de_json(payload, sender.bot))
    except UnreadableUpdate as exc:
        log.warning("Telegram: ignored an update we could not read (%s)", exc)
        return ok
    except Exception as exc:
        log.warning("Telegram: ignored an update we could not read (%s)", type(exc).__name__)
        return ok
    if incoming is None:
        return ok
    # The place in the send queue is taken before the conversation runs. A full queue answers
    # 503 without running it, so Telegram sends the update again later and it is answered
    # then; taken afterwards, a refused reply would be lost, as a repeat is not answered again.
    slot = sender.reserve()
    if slot is None:
        return Response("Busy: send this update again later.", 503, mimetype="text/plain")
    with slot:
        replies, fresh = respond(incoming, engine_for())
        if fresh and (replies or incoming.callback_query_id):
            slot.fill(Outgoing(incoming.chat_id, tuple(render(replies)),
                               incoming.callback_query_id))
    return ok
