"""Messages the bot starts: SMS and WhatsApp through the real twilio client to a fake Twilio,
Telegram through the real python-telegram-bot to the fake Bot API. Failures come back, never
raise, and the log never holds the number."""

from __future__ import annotations

import logging

import pytest

from tests.fake_telegram import FakeTelegram
from tests.fake_twilio import FakeTwilio
from webhooks.config import Settings
from webhooks.outbound import Outgoing, close_senders, send

ACCOUNT = "AC" + "0" * 31 + "1"
TOKEN = "test-twilio-auth-token"
RESIDENT = "+441632960001"
OUR_NUMBER = "+441632960999"
SERVICE = "MG" + "0" * 31 + "2"
TELEGRAM_TOKEN = "7700900:TEST-token-for-the-fake-server"
CHAT = 770090012


@pytest.fixture
def twilio():
    with FakeTwilio(ACCOUNT, TOKEN) as fake:
        yield fake


def _settings(twilio: FakeTwilio | None = None, **extra) -> Settings:
    settings = Settings(twilio_account_sid=ACCOUNT, twilio_auth_token=TOKEN,
                        telegram_bot_token=TELEGRAM_TOKEN)
    if twilio is not None:
        settings.twilio_api_base_url = twilio.base_url
    for name, value in extra.items():
        setattr(settings, name, value)
    return settings


def test_an_sms_goes_from_the_number_the_resident_texted(twilio):
    sent = send(_settings(twilio), Outgoing("sms", RESIDENT, "Did you get help?"), OUR_NUMBER)
    assert sent.ok and sent.detail.startswith("SM")
    [request] = twilio.requests
    assert request.authorised and request.path == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert request.params == {"To": RESIDENT, "From": OUR_NUMBER, "Body": "Did you get help?"}


def test_a_messaging_service_is_preferred_when_set(twilio):
    settings = _settings(twilio, twilio_messaging_service_sid=SERVICE)
    assert send(settings, Outgoing("sms", RESIDENT, "Hello"), OUR_NUMBER).ok
    [params] = twilio.messages()
    assert params["MessagingServiceSid"] == SERVICE and "From" not in params


def test_whatsapp_addresses_keep_their_prefix(twilio):
    assert send(_settings(twilio), Outgoing("whatsapp", "whatsapp:" + RESIDENT, "Hi"),
                OUR_NUMBER).ok
    [params] = twilio.messages()
    assert params["To"] == "whatsapp:" + RESIDENT and params["From"] == "whatsapp:" + OUR_NUMBER


def test_a_wrong_auth_token_is_refused_like_twilio_and_returned(twilio, caplog):
    caplog.set_level(logging.DEBUG)
    sent = send(_settings(twilio, twilio_auth_token="wrong"), Outgoing("sms", RESIDENT, "Hi"),
                OUR_NUMBER)
    assert not sent.ok and "20003" in sent.detail
    assert [r.authorised for r in twilio.requests] == [False]
    assert "1632960" not in caplog.text and "1632960" not in sent.detail


def test_a_twilio_error_is_returned_without_the_number(twilio, caplog):
    caplog.set_level(logging.DEBUG)
    twilio.fail_next(1, code=21610)
    sent = send(_settings(twilio), Outgoing("sms", RESIDENT, "Hi"), OUR_NUMBER)
    assert sent == sent.__class__(False, "Twilio error 21610 (HTTP 400)")
    assert "21610" in caplog.text and "1632960" not in caplog.text


def test_an_unreachable_twilio_is_returned_not_raised(caplog):
    settings = _settings(twilio_api_base_url="http://127.0.0.1:9")
    sent = send(settings, Outgoing("sms", RESIDENT, "Hi"), OUR_NUMBER)
    assert not sent.ok and "could not be reached" in sent.detail


def test_without_a_sender_or_credentials_nothing_is_sent(twilio):
    assert "no sender" in send(_settings(twilio), Outgoing("sms", RESIDENT, "Hi")).detail
    unset = _settings(twilio, twilio_auth_token="")
    assert "not set up" in send(unset, Outgoing("sms", RESIDENT, "Hi"), OUR_NUMBER).detail
    assert not send(_settings(twilio), Outgoing("pigeon", RESIDENT, "Hi")).ok
    assert twilio.requests == []


def test_telegram_sends_with_buttons():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        try:
            settings = _settings(telegram_api_base_url=fake.base_url)
            sent = send(settings, Outgoing("telegram", str(CHAT), "Did you get help?",
                                           (("Yes", "fu:1"), ("No", "fu:2"))))
            assert sent.ok
            [params] = fake.sent(CHAT)
            assert params["text"] == "Did you get help?"
            keyboard = params["reply_markup"]["inline_keyboard"]
            assert [[b["callback_data"] for b in row] for row in keyboard] == [["fu:1", "fu:2"]]
        finally:
            close_senders()


def test_a_telegram_failure_is_returned(caplog):
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        try:
            fake.fail_next_sends(5, status=403)
            settings = _settings(telegram_api_base_url=fake.base_url)
            sent = send(settings, Outgoing("telegram", str(CHAT), "Hi"))
            assert not sent.ok
            assert str(CHAT) not in caplog.text and str(CHAT) not in sent.detail
        finally:
            close_senders()
