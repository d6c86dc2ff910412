"""Telegram replies are delivered in the background: a slow or failing Bot API (the local fake
server) never holds a web worker, and no reply is dropped without a log line that says why."""

from __future__ import annotations

import logging
import time

import pytest

from tests.fake_telegram import FakeTelegram, text_update
from tests.webhooks import channels
from tests.webhooks.channels import Phone, Resident, drain, next_update_id
from webhooks.telegram import close_sender, sender_for

#: These tests time real waits (a slow API, retry pauses, a bounded shutdown) on a live event
#: loop. Under libfaketime (make test-future) those waits are distorted, so that run skips them;
#: they hold no dates.
pytestmark = pytest.mark.real_waits

#: Twilio gives up on a webhook after 15 s: an SMS must be answered well within it.
TWILIO_PATIENCE = 15.0
#: A send that keeps failing is given up after this many tries (the test's short waits).
QUICK_RETRIES = {"retry_delays": [0.01] * 5}


@pytest.fixture
def fake():
    with FakeTelegram(channels.TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture
def make_client(shipped_db_url, tmp_path, fake):
    """A test client for an app with every channel, and the given settings."""
    apps = []

    def make(**settings):
        app = channels.make_app(shipped_db_url, tmp_path / f"instance-{len(apps)}", fake,
                                **settings)
        apps.append(app)
        return app.test_client()

    yield make
    fake.release()
    for app in apps:
        channels.close_app(app)


@pytest.fixture
def client(make_client):
    return make_client()


def hello(resident: Resident, text: str = "hello") -> int:
    """Post ``text`` from ``resident`` without waiting for the replies; the status code."""
    return resident.post(text_update(next_update_id(), resident.chat, text)).status_code


def test_a_slow_telegram_api_holds_no_web_worker(client, fake):
    """Ten Telegram updates while the Bot API hangs, then an SMS: none waits for Telegram."""
    fake.delay_sends(60)
    residents = [Resident(client, fake) for _ in range(10)]
    started = time.monotonic()
    assert [hello(resident) for resident in residents] == [200] * 10
    sms = Phone(client).text("hello")
    waited = time.monotonic() - started
    assert fake.sent() == [], "the webhook answered only after the Bot API did"
    assert waited < TWILIO_PATIENCE, f"the webhooks took {waited:.1f} s"
    assert any("1 Food" in text for text in sms)
    fake.release()
    drain(client)
    for resident in residents:
        [greeting] = fake.sent_texts(resident.chat)
        assert "1 Food" in greeting


def test_one_chats_replies_keep_their_order(client, fake):
    """The first reply is slow to send; the later ones wait for it rather than overtake it."""
    fake.slow_next_sends(1, 1.5)
    resident = Resident(client, fake)
    assert [hello(resident, text) for text in ("hello", "food", "LS9 8RU")] == [200] * 3
    drain(client)
    greeting, where, results, *_ = fake.sent_texts(resident.chat)
    assert "1 Food" in greeting
    assert "Where are you?" in where
    assert "near LS9 8RU" in results


def test_a_full_queue_refuses_the_update_before_the_conversation_runs(make_client, fake,
                                                                      caplog):
    client = make_client(telegram_sender={"max_queue": 2})
    fake.delay_sends(60)
    one, two, three = (Resident(client, fake) for _ in range(3))
    assert [hello(one), hello(two)] == [200, 200]
    late = text_update(next_update_id(), three.chat, "food near LS9 8RU")
    with caplog.at_level(logging.WARNING, logger="webhooks.telegram_sender"):
        assert three.post(late).status_code == 503
    assert "send queue is full" in caplog.text and str(three.chat) not in caplog.text
    assert sender_for(client.application).counts["refused"] == 1
    fake.release()
    drain(client)
    # Telegram sends the refused update again: it runs now, and is answered.
    assert three.post(late).status_code == 200
    drain(client)
    answered = fake.sent_texts(three.chat)
    assert answered and "near LS9 8RU" in answered[0]
    # Sent once more, it is a repeat: the conversation does not run or answer again.
    assert three.post(late).status_code == 200
    drain(client)
    assert fake.sent_texts(three.chat) == answered


def test_three_server_errors_in_a_row_are_retried_until_delivered(client, fake):
    fake.fail_next_sends(3, status=500)
    [sent] = Resident(client, fake).say("hello")
    assert "1 Food" in sent["text"]
    assert [c.status for c in fake.calls_to("sendMessage")] == [500, 500, 500, 200]


def test_flood_control_asking_for_more_than_two_seconds_is_waited_out(client, fake):
    fake.fail_next_sends(1, status=429, retry_after=3)
    started = time.monotonic()
    [sent] = Resident(client, fake).say("hello")
    assert "1 Food" in sent["text"]
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 200]
    assert time.monotonic() - started >= 3, "sent again before Telegram's retry_after"


def test_a_flood_wait_past_the_cap_is_given_up_and_logged_without_personal_data(client,
                                                                                fake,
                                                                                caplog):
    resident = Resident(client, fake)
    fake.fail_next_sends(1, status=429, retry_after=600)
    with caplog.at_level(logging.INFO, logger="webhooks"):
        assert resident.say("food") == []
    assert "gave up on a reply (RetryAfter" in caplog.text
    assert "1 of its 1 message(s) not delivered" in caplog.text
    assert str(resident.chat) not in caplog.text and "Where are you" not in caplog.text
    assert len(fake.calls_to("sendMessage")) == 1
    # The engine saved the state before sending: the resident is being asked where they are.
    [results, *_] = resident.say("LS9 8RU")
    assert "near LS9 8RU" in results["text"]


def test_a_send_that_always_fails_is_given_up_logged_and_counted(make_client, fake, caplog):
    client = make_client(telegram_sender=QUICK_RETRIES)
    resident = Resident(client, fake)
    fake.fail_next_sends(6, status=500)
    with caplog.at_level(logging.INFO, logger="webhooks"):
        assert resident.say("food") == []
    assert [c.status for c in fake.calls_to("sendMessage")] == [500] * 6
    assert "gave up on a reply (NetworkError" in caplog.text
    assert str(resident.chat) not in caplog.text and "Where are you" not in caplog.text
    assert sender_for(client.application).counts["given_up"] == 1
    [results, *_] = resident.say("LS9 8RU")
    assert "near LS9 8RU" in results["text"]


def test_closing_waits_for_queued_replies(client, fake):
    fake.delay_sends(1)
    resident = Resident(client, fake)
    assert hello(resident) == 200
    close_sender(client.application)
    [greeting] = fake.sent_texts(resident.chat)
    assert "1 Food" in greeting


def test_closing_waits_a_bounded_time_and_says_how_many_replies_it_left(make_client, fake,
                                                                        caplog):
    client = make_client(telegram_sender={"close_timeout": 0.5})
    fake.delay_sends(60)
    resident = Resident(client, fake)
    assert hello(resident) == 200
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="webhooks.telegram_sender"):
        close_sender(client.application)
    assert time.monotonic() - started < 10
    assert "shutting down with 1 update(s) still queued" in caplog.text
    assert str(resident.chat) not in caplog.text
