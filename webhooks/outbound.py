"""Messages the bot starts (not replies): one ``send`` for SMS, WhatsApp and Telegram.

    send(settings, Outgoing("sms", "+441632960001", "Leeds Signpost: ..."), sender="+441632960999")
    -> Sent(ok=True, detail="SM...")      or Sent(ok=False, detail="Twilio error 21610")

SMS and WhatsApp go through Twilio's REST API with the ``twilio`` package (``Messages.create``):
from the Messaging Service ``TWILIO_MESSAGING_SERVICE_SID`` when set, else from ``sender``, the
number the resident texted. ``TWILIO_API_BASE_URL`` (default Twilio's) lets tests point it at a
local fake. Telegram goes through the Bot API with the project's ``TelegramSender`` (one per
token and process, quick retries), buttons as an inline keyboard.

``send`` never raises for a failed delivery: it returns ``Sent(False, reason)`` and logs the
reason, never the number, chat id or text. Each channel kind is one function in ``CHANNELS``, so
a kind can gain its own path (a WhatsApp template, say) without touching the others.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from webhooks.config import Settings
from webhooks.telegram_sender import TelegramSender, _reason

log = logging.getLogger(__name__)
#: twilio's HTTP client logs request parameters at INFO, and they hold the number: never show it.
logging.getLogger("twilio.http_client").setLevel(logging.WARNING)

KINDS = ("sms", "telegram", "whatsapp")
#: Seconds to wait for Twilio before giving up on one message.
TWILIO_TIMEOUT = 10.0


@dataclass(frozen=True)
class Outgoing:
    """One message to start: the channel kind, where to (E.164, chat id or "whatsapp:+44..."),
    the text, and (label, data) buttons where the channel has them (Telegram)."""

    channel: str
    address: str
    text: str
    buttons: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Sent:
    """What became of one message: ok, and the provider's id or why it failed (no numbers)."""

    ok: bool
    detail: str


def send(settings: Settings, message: Outgoing, sender: str | None = None) -> Sent:
    """Deliver ``message`` over its channel; a failure is returned and logged, never raised."""
    channel = CHANNELS.get(message.channel)
    if channel is None:
        result = Sent(False, f"unknown channel {message.channel!r}")
    else:
        try:
            result = channel(settings, message, sender)
        except Exception as exc:  # a delivery failure must never stop a batch
            result = Sent(False, f"unexpected {type(exc).__name__}")
    if not result.ok:
        log.warning("Outbound %s message not delivered: %s", message.channel, result.detail)
    return result


# --- Twilio (SMS and WhatsApp) -------------------------------------------------------------


def twilio_client(settings: Settings) -> Client:
    """A twilio REST client for the account, talking to ``TWILIO_API_BASE_URL``."""
    client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                    http_client=TwilioHttpClient(timeout=TWILIO_TIMEOUT))
    client.api.base_url = (settings.twilio_api_base_url or "https://api.twilio.com").rstrip("/")
    return client


def _from(settings: Settings, message: Outgoing, sender: str | None) -> dict[str, str] | None:
    if settings.twilio_messaging_service_sid:
        return {"messaging_service_sid": settings.twilio_messaging_service_sid}
    if sender:
        if message.channel == "whatsapp" and not sender.startswith("whatsapp:"):
            sender = "whatsapp:" + sender
        return {"from_": sender}
    return None


def send_twilio(settings: Settings, message: Outgoing, sender: str | None) -> Sent:
    """One message through Twilio's Messages API (SMS, or WhatsApp inside its 24-hour window)."""
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return Sent(False, "Twilio is not set up (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)")
    origin = _from(settings, message, sender)
    if origin is None:
        return Sent(False, "no sender: set TWILIO_MESSAGING_SERVICE_SID or give the number")
    to = message.address
    if message.channel == "whatsapp" and not to.startswith("whatsapp:"):
        to = "whatsapp:" + to
    try:
        created = twilio_client(settings).messages.create(to=to, body=message.text, **origin)
    except TwilioRestException as exc:  # its message can quote the number: keep the code only
        return Sent(False, f"Twilio error {exc.code or exc.status} (HTTP {exc.status})")
    except Exception as exc:  # connection refused, timeout, an unreadable answer
        return Sent(False, f"Twilio could not be reached ({type(exc).__name__})")
    if created.status in ("failed", "undelivered"):
        return Sent(False, f"Twilio error {created.error_code} ({created.status})")
    return Sent(True, created.sid or "")


# --- Telegram -------------------------------------------------------------------------------

_senders: dict[tuple[str, str, int], TelegramSender] = {}
_senders_lock = threading.Lock()


def _telegram_sender(settings: Settings) -> TelegramSender:
    """This process's sender for the bot token (made on first use; closed at exit)."""
    key = (settings.telegram_bot_token, settings.telegram_api_base_url, os.getpid())
    with _senders_lock:
        sender = _senders.get(key)
        if sender is None:
            sender = _senders[key] = TelegramSender(settings.telegram_bot_token,
                                                    settings.telegram_api_base_url)
        return sender


def close_senders() -> None:
    """Stop this process's Telegram senders (tests, and the end of a command)."""
    with _senders_lock:
        mine = [s for k, s in _senders.items() if k[2] == os.getpid()]
        _senders.clear()
    for sender in mine:
        sender.close()


def send_telegram(settings: Settings, message: Outgoing, sender: str | None) -> Sent:
    """One Bot API sendMessage, with the buttons as one row of an inline keyboard."""
    if not settings.telegram_bot_token:
        return Sent(False, "Telegram is not set up (TELEGRAM_BOT_TOKEN)")
    markup = None
    if message.buttons:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                        for label, data in message.buttons]])
    bot_sender = _telegram_sender(settings)
    chat_id = int(message.address) if message.address.lstrip("-").isdigit() else message.address
    try:
        result = bot_sender.call(
            lambda: bot_sender.bot.send_message(chat_id, message.text, reply_markup=markup),
            timeout=15.0)
    except Exception as exc:
        return Sent(False, _reason(exc))
    return Sent(True, str(result.message_id))


CHANNELS: dict[str, Callable[[Settings, Outgoing, str | None], Sent]] = {
    "sms": send_twilio,
    "whatsapp": send_twilio,
    "telegram": send_telegram,
}
