"""Every conversation script in tests/transcripts, played through the real channels.

SMS: requests signed with Twilio's RequestValidator, replies read from the TwiML.
WhatsApp: the same webhook from ``whatsapp:`` addresses (a shared location as Latitude and
Longitude), replies read from the TwiML with WhatsApp's bold marks taken off.
Telegram: updates posted to the webhook, replies read from a fake Bot API server that the real
python-telegram-bot Bot sends to.

A script's ``now`` cannot travel in a real channel's request (Twilio and Telegram do not say what
time it is in Leeds), so the app itself runs on a clock set to the script's ``now``: what a
resident reads (opening hours, how old details are) never depends on the day the suite runs.
When a script lets time pass ("3 days later"), that clock moves on and ``signpost followups
send``'s own function runs at the new time, sending through a fake Twilio REST API and the fake
Bot API; what reached the resident is what the bot said meanwhile.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from bot.transcript_runner import CHANNELS, Sender, Waiter, flow_files, load_flow, run_flow
from tests.clock import FakeClock
from tests.fake_telegram import FakeTelegram, location_update, text_update
from tests.fake_twilio import FakeTwilio
from tests.webhooks.channels import drain
from webhooks import create_app
from webhooks.followups import send_due
from webhooks.outbound import close_senders
from webhooks.services import services
from webhooks.telegram import close_sender
from webhooks.wall_clock import system_clock

TRANSCRIPTS = flow_files([Path(__file__).resolve().parents[1] / "transcripts"])
#: Each script on each channel it names (every channel when it names none).
RUNS = [(path, channel) for path in TRANSCRIPTS for channel in CHANNELS
        if load_flow(path).channels is None or channel in load_flow(path).channels]
TWILIO_TOKEN = "test-twilio-auth-token"
TWILIO_ACCOUNT = "AC" + "0" * 32
PUBLIC = "https://public.example"
TELEGRAM_TOKEN = "7700900:TEST-token-for-the-fake-server"
TELEGRAM_SECRET = "a-test-secret_token-1234"
#: Fictional numbers (Ofcom's drama range) and chat ids, one per script.
SMS_NUMBER = "+447700900{:03d}"
CHAT_ID = 7700900000


@pytest.fixture
def fake():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture
def twilio():
    with FakeTwilio(TWILIO_ACCOUNT, TWILIO_TOKEN) as twilio:
        yield twilio


@pytest.fixture
def app_at(shipped_db_url, tmp_path, fake, twilio):
    """The app with every channel on, its clock set to a script's ``now``."""
    made = []

    def at(now: dt.datetime | None):
        clock = FakeClock(now) if now is not None else system_clock
        app = create_app({
            "database_url": shipped_db_url, "instance_path": tmp_path / "instance",
            "secret_key": "test-secret", "public_base_url": PUBLIC,
            "twilio_auth_token": TWILIO_TOKEN, "telegram_bot_token": TELEGRAM_TOKEN,
            "twilio_account_sid": TWILIO_ACCOUNT, "twilio_api_base_url": twilio.base_url,
            "twilio_whatsapp_from": "whatsapp:+447700900998",
            "telegram_webhook_secret": TELEGRAM_SECRET, "telegram_api_base_url": fake.base_url},
            clock=clock)
        made.append(app)
        return app

    yield at
    close_senders()
    for app in made:
        close_sender(app)
        services(app).database.dispose()


def waiter(app, received: Callable[[], list[str]]) -> Waiter:
    """Time passes: the app's clock moves on, due follow-ups are sent as ``signpost followups
    send`` sends them, and ``received()`` (everything the resident got so far) says which."""

    def wait(now):
        clock = services(app).clock
        clock.set(now)
        before = len(received())
        send_due(services(app).settings, services(app).database, clock())
        return received()[before:]

    return wait


def sms_sender(client, number: str) -> Sender:
    """Text the bot as Twilio delivers it; the replies are the TwiML <Message>s."""
    validator = RequestValidator(TWILIO_TOKEN)

    def send(text, location, now):
        if location is not None:
            pytest.skip("SMS cannot share a location")
        params = {"MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": "AC" + "0" * 32,
                  "From": number, "To": "+447700900999", "Body": text, "NumMedia": "0"}
        signature = validator.compute_signature(f"{PUBLIC}/webhooks/sms", params)
        response = client.post("/webhooks/sms", data=params,
                               headers={"X-Twilio-Signature": signature})
        assert response.status_code == 200, response.get_data(as_text=True)
        return [m.text or "" for m in ET.fromstring(response.get_data()).findall("Message")]

    return send


def whatsapp_sender(client, number: str) -> Sender:
    """Write to the bot on WhatsApp as Twilio delivers it; the replies are the TwiML
    <Message>s, read without WhatsApp's *bold* marks (the scripts' phrases are plain)."""
    validator = RequestValidator(TWILIO_TOKEN)

    def send(text, location, now):
        params = {"MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": "AC" + "0" * 32,
                  "From": f"whatsapp:{number}", "To": "whatsapp:+447700900998", "Body": text,
                  "NumMedia": "0", "WaId": number.lstrip("+"), "MessageType": "text"}
        if location is not None:
            params |= {"Latitude": str(location[0]), "Longitude": str(location[1]),
                       "MessageType": "location"}
        signature = validator.compute_signature(f"{PUBLIC}/webhooks/sms", params)
        response = client.post("/webhooks/sms", data=params,
                               headers={"X-Twilio-Signature": signature})
        assert response.status_code == 200, response.get_data(as_text=True)
        messages = ET.fromstring(response.get_data()).findall("Message")
        return [(m.text or "").replace("*", "") for m in messages]

    return send


def telegram_sender(client, fake: FakeTelegram, chat_id: int) -> Sender:
    """Post updates as Telegram does; the replies are what the Bot sent to the fake server."""
    update_ids = itertools.count(1)

    def send(text, location, now):
        update_id = next(update_ids)
        update = text_update(update_id, chat_id, text) if location is None \
            else location_update(update_id, chat_id, *location)
        before = len(fake.sent(chat_id))
        response = client.post("/webhooks/telegram", json=update,
                               headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
        assert response.status_code == 200, response.get_data(as_text=True)
        drain(client)
        return [sent["text"] for sent in fake.sent(chat_id)[before:]]

    return send


@pytest.mark.parametrize(("path", "channel"), RUNS,
                         ids=[f"{path.stem}-{channel}" for path, channel in RUNS])
def test_transcript_runs_through_the_channel(app_at, fake, twilio, path, channel):
    flow = load_flow(path)
    index = TRANSCRIPTS.index(path)
    app = app_at(flow.now)
    client = app.test_client()
    number = SMS_NUMBER.format(index)
    if channel == "sms":
        send = sms_sender(client, number)
        wait = waiter(app, lambda: [m["Body"] for m in twilio.messages() if m["To"] == number])
    elif channel == "whatsapp":
        send = whatsapp_sender(client, number)
        to = f"whatsapp:{number}"
        wait = waiter(app, lambda: [m.get("Body", f"(template {m.get('ContentSid')})")
                                    for m in twilio.messages() if m["To"] == to])
    else:
        send = telegram_sender(client, fake, CHAT_ID + index)
        wait = waiter(app, lambda: [m["text"] for m in fake.sent(CHAT_ID + index)])
    result = run_flow(flow, send, wait)
    assert result.passed, "\n\n".join(result.failures)


def test_there_are_transcripts():
    assert len(TRANSCRIPTS) >= 8
