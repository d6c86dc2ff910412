"""Talking to the app the way the real channels do, for tests that drive more than one channel.

SMS: form posts signed with Twilio's own RequestValidator over the public URL; replies are the
TwiML <Message>s. WhatsApp: the same, from ``whatsapp:`` addresses, with WhatsApp's own fields.
Telegram: updates posted with the webhook secret; replies are what the real python-telegram-bot
Bot sent to the fake Bot API server (tests/fake_telegram.py). Sandbox: the JSON API.

Numbers are fictional (Ofcom's drama range, 07700 900xxx).
"""

from __future__ import annotations

import itertools
import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from flask import Flask
from twilio.request_validator import RequestValidator

from core.clock import Clock
from core.db import WEB_TIMEOUTS, Timeouts
from tests.fake_telegram import (
    FakeTelegram,
    callback_update,
    location_update,
    media_update,
    text_update,
)
from webhooks import create_app
from webhooks.services import services
from webhooks.telegram import close_sender
from webhooks.wall_clock import system_clock

TWILIO_TOKEN = "test-twilio-auth-token"
PUBLIC = "https://public.example"
SMS_URL = "/webhooks/sms"
OUR_NUMBER = "+447700900999"
OUR_WHATSAPP = "whatsapp:+447700900998"
TELEGRAM_TOKEN = "7700900:TEST-token-for-the-fake-server"
TELEGRAM_SECRET = "a-test-secret_token-1234"
TELEGRAM_URL = "/webhooks/telegram"
TELEGRAM_HEADERS = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
SANDBOX_URL = "/sandbox/api/message"
SECRET_KEY = "test-secret"


def make_app(db_url: str, instance: Path, fake: FakeTelegram | None = None,
             clock: Clock = system_clock, timeouts: Timeouts = WEB_TIMEOUTS,
             **settings) -> Flask:
    """The app with every channel switched on (Telegram only when a fake server is given)."""
    config = {"database_url": db_url, "instance_path": instance, "secret_key": SECRET_KEY,
              "public_base_url": PUBLIC, "twilio_auth_token": TWILIO_TOKEN,
              "sandbox_enabled": True}
    if fake is not None:
        config |= {"telegram_bot_token": TELEGRAM_TOKEN,
                   "telegram_webhook_secret": TELEGRAM_SECRET,
                   "telegram_api_base_url": fake.base_url}
    return create_app({**config, **settings}, clock=clock, timeouts=timeouts)


def drain(client, timeout: float = 30.0) -> None:
    """Wait until the app's Telegram sender has delivered everything queued (or fail)."""
    sender = services(client.application).telegram_sender
    assert sender is None or sender.drain(timeout), "Telegram replies still queued"


def close_app(app: Flask) -> None:
    close_sender(app)
    services(app).database.dispose()


# --- SMS ----------------------------------------------------------------------------------


def sign(url: str, params, token: str = TWILIO_TOKEN) -> str:
    """X-Twilio-Signature for ``params`` (a dict, or a MultiDict for repeated keys)."""
    return RequestValidator(token).compute_signature(url, params)


def twiml_messages(response) -> list[str]:
    """The <Message> texts of a 200 TwiML response."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


_drama_numbers = itertools.cycle(range(1000))


def fresh_number() -> str:
    """A fictional mobile number (the 1,000 of the drama range, in turn)."""
    return f"+447700900{next(_drama_numbers):03d}"


class Phone:
    """A resident's phone, texting the bot as Twilio delivers it."""

    def __init__(self, client, number: str | None = None, public: str = PUBLIC) -> None:
        self.client, self.public = client, public
        self.number = fresh_number() if number is None else number

    def params(self, body: str = "", media: int = 0, sid: str | None = None) -> dict:
        params = {"AccountSid": "AC" + "0" * 32, "MessageSid": sid or f"SM{uuid.uuid4().hex}",
                  "From": self.number, "To": OUR_NUMBER, "Body": body, "NumMedia": str(media),
                  "NumSegments": "1", "ApiVersion": "2010-04-01"}
        if media:
            params["MediaContentType0"] = "image/jpeg"
            params["MediaUrl0"] = "https://api.twilio.com/2010-04-01/Accounts/AC0/Media/ME1"
        return params

    def post(self, body: str = "", media: int = 0, sid: str | None = None):
        params = self.params(body, media, sid)
        return self.client.post(SMS_URL, data=params, headers={
            "X-Twilio-Signature": sign(self.public + SMS_URL, params)})

    def text(self, body: str = "", media: int = 0, sid: str | None = None) -> list[str]:
        return twiml_messages(self.post(body, media, sid))


class WhatsApp(Phone):
    """A resident's WhatsApp, writing to the bot as Twilio delivers it."""

    def params(self, body: str = "", media: int = 0, sid: str | None = None) -> dict:
        params = super().params(body, media, sid)
        params |= {"From": f"whatsapp:{self.number}", "To": OUR_WHATSAPP,
                   "WaId": self.number.lstrip("+"), "ProfileName": "Example Resident",
                   "MessageType": "image" if media else "text"}
        del params["NumSegments"]
        return params

    def signed(self, params: dict):
        return self.client.post(SMS_URL, data=params, headers={
            "X-Twilio-Signature": sign(self.public + SMS_URL, params)})

    def share_location(self, latitude: float, longitude: float) -> list[str]:
        """Share a location pin, as WhatsApp's attachment menu does."""
        params = self.params("") | {"Latitude": str(latitude), "Longitude": str(longitude),
                                    "MessageType": "location"}
        return twiml_messages(self.signed(params))

    def press(self, title: str, payload: str) -> list[str]:
        """Press a quick-reply button: Twilio sends its title as Body and its id as payload."""
        params = self.params(title) | {"ButtonText": title, "ButtonPayload": payload,
                                       "MessageType": "button"}
        return twiml_messages(self.signed(params))


# --- Telegram -----------------------------------------------------------------------------

_chat_ids = itertools.count(7700900000)
_update_ids = itertools.count(1_000_000)


def fresh_chat_id() -> int:
    return next(_chat_ids)


class Resident:
    """Someone writing to the bot on Telegram: each call posts one update, as Telegram does."""

    update_ids = _update_ids

    def __init__(self, client, fake: FakeTelegram, chat: int | None = None) -> None:
        self.client, self.fake = client, fake
        self.chat = fresh_chat_id() if chat is None else chat

    def post(self, update: dict, headers: dict | None = None):
        return self.client.post(TELEGRAM_URL, json=update,
                                headers=TELEGRAM_HEADERS if headers is None else headers)

    def post_raw(self, update: dict):
        """Post ``update`` as JSON with every non-ASCII character escaped (lone surrogates
        travel as "\\ud800", as Telegram's JSON may carry them)."""
        return self.client.post(TELEGRAM_URL, data=json.dumps(update),
                                content_type="application/json", headers=TELEGRAM_HEADERS)

    def exchange(self, update: dict) -> list[dict]:
        """Post one update and wait for its replies; the sendMessage parameters, oldest first."""
        before = len(self.fake.sent(self.chat))
        response = self.post_raw(update)
        assert response.status_code == 200, response.get_data(as_text=True)
        drain(self.client)
        return self.fake.sent(self.chat)[before:]

    def say(self, text: str) -> list[dict]:
        return self.exchange(text_update(next(_update_ids), self.chat, text))

    def texts(self, text: str) -> list[str]:
        return [sent["text"] for sent in self.say(text)]

    def share_location(self, latitude: float, longitude: float) -> list[dict]:
        return self.exchange(location_update(next(_update_ids), self.chat, latitude,
                                             longitude))

    def press_inline(self, data: str) -> list[dict]:
        return self.exchange(callback_update(next(_update_ids), self.chat, data))

    def send_media(self, kind: str) -> list[dict]:
        return self.exchange(media_update(next(_update_ids), self.chat, kind))


def next_update_id() -> int:
    return next(_update_ids)


# --- Sandbox ------------------------------------------------------------------------------


def sandbox_post(client, body):
    """Post ``body`` (anything JSON can hold) to the sandbox API, non-ASCII escaped."""
    return client.post(SANDBOX_URL, data=json.dumps(body), content_type="application/json")
