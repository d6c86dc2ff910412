"""The Telegram webhook, with the real python-telegram-bot Bot talking to a fake Bot API server."""

from __future__ import annotations

import json
import logging
import re

import pytest
from sqlalchemy import text

from bot.messages import Reply
from bot.wording import copy
from tests.fake_telegram import (
    FakeTelegram,
    callback_update,
    edited_update,
    location_update,
    media_update,
    text_update,
)
from tests.webhooks import channels
from tests.webhooks.channels import drain
from webhooks import cli, create_app
from webhooks.services import services
from webhooks.telegram import close_sender, render, sender_for

TOKEN, SECRET, URL = channels.TELEGRAM_TOKEN, channels.TELEGRAM_SECRET, channels.TELEGRAM_URL
CHAT = 7700900123
OTHER_CHAT = 7700900456
HEADERS = channels.TELEGRAM_HEADERS


@pytest.fixture
def fake():
    with FakeTelegram(TOKEN) as fake:
        yield fake


def make_app(db_url, tmp_path, fake, **settings):
    return create_app({"database_url": db_url, "instance_path": tmp_path / "instance",
                       "secret_key": "test-secret", "telegram_bot_token": TOKEN,
                       "telegram_webhook_secret": SECRET,
                       "telegram_api_base_url": fake.base_url, **settings})


@pytest.fixture
def app(shipped_db_url, tmp_path, fake):
    app = make_app(shipped_db_url, tmp_path, fake)
    yield app
    close_sender(app)
    services(app).database.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class Resident(channels.Resident):
    """The resident these tests follow (a fixed fictional chat)."""

    def __init__(self, client, fake: FakeTelegram, chat: int = CHAT) -> None:
        super().__init__(client, fake, chat)


def buttons(sent: dict) -> list[str]:
    return [button["text"] for row in sent["reply_markup"]["keyboard"] for button in row]


def test_a_text_message_is_answered_with_the_choices_as_a_keyboard(client, fake):
    [sent] = Resident(client, fake).say("hello")
    assert sent["chat_id"] == CHAT
    assert "Leeds Signpost" in sent["text"] and "1 Food" in sent["text"]
    assert buttons(sent)[:2] == ["Food", "Money & bills"]
    assert sent["reply_markup"]["one_time_keyboard"] is True
    assert sent["reply_markup"]["resize_keyboard"] is True
    assert "parse_mode" not in sent
    assert [c.method for c in fake.calls][:2] == ["getMe", "sendMessage"]


def test_a_pressed_button_is_plain_text_and_the_place_question_offers_location(client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    [where] = resident.say("Food")
    assert "Where are you?" in where["text"] and "share your location" in where["text"]
    [row] = where["reply_markup"]["keyboard"]
    assert row == [{"text": copy.SHARE_LOCATION_BUTTON, "request_location": True}]


def test_a_shared_location_gets_results(client, fake):
    resident = Resident(client, fake)
    resident.say("food")
    replies = resident.share_location(53.8045, -1.5169)
    assert replies and "1)" in replies[0]["text"]
    assert "or MORE for more" in "\n".join(r["text"] for r in replies)


def test_results_have_a_details_button_each_and_details_carry_a_map_pin(client, fake):
    resident = Resident(client, fake)
    [page] = resident.say("food near LS9 8RU")
    rows = page["reply_markup"]["inline_keyboard"]
    # One details button per numbered result on the page (how many depends on what is open on
    # the day the suite runs: the app here reads the wall clock).
    details = [row[0] for row in rows if row[0]["callback_data"].isdigit()]
    numbers = re.findall(r"^(\d+)\) ", page["text"], flags=re.M)
    assert numbers and [b["callback_data"] for b in details] == numbers
    assert details[0]["text"].startswith("1) ")
    assert [b["callback_data"] for b in rows[-1]] == ["MORE", "NEW"]
    pins_before = len(fake.calls_to("sendVenue")) + len(fake.calls_to("sendLocation"))
    [detail] = resident.press_inline("1")
    assert "Address:" in detail["text"] and "Hours:" in detail["text"]
    pins = fake.calls_to("sendVenue") + fake.calls_to("sendLocation")
    assert len(pins) == pins_before + 1
    pin = pins[-1].params
    assert int(pin["chat_id"]) == resident.chat
    assert 53.6 < float(pin["latitude"]) < 54.0 and -1.8 < float(pin["longitude"]) < -1.2
    if "title" in pin:
        assert pin["title"] and pin["address"]


def test_a_reply_without_choices_removes_the_keyboard(client, fake):
    resident = Resident(client, fake)
    resident.say("food")
    [stopped] = resident.say("STOP")
    assert stopped["reply_markup"] == {"remove_keyboard": True}


def test_an_inline_button_press_reaches_the_engine_and_is_answered(client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    [where] = resident.press_inline("Food")
    assert "Where are you?" in where["text"]
    [answered] = fake.calls_to("answerCallbackQuery")
    assert answered.params["callback_query_id"].startswith("cbq-")


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document"])
def test_stickers_photos_voice_notes_and_documents_get_a_kind_answer(client, fake, kind):
    [sent] = Resident(client, fake).send_media(kind)
    assert sent["text"] == copy.NOT_TEXT


def test_a_sticker_delivered_twice_is_answered_once(client, fake):
    update = media_update(77, CHAT, "sticker")
    for _ in range(2):
        assert client.post(URL, json=update, headers=HEADERS).status_code == 200
    drain(client)
    assert fake.sent_texts(CHAT) == [copy.NOT_TEXT]


def test_a_photo_with_a_caption_is_read_as_text(client, fake):
    update = media_update(1, CHAT, "photo")
    update["message"]["caption"] = "food near LS9 8RU"
    assert client.post(URL, json=update, headers=HEADERS).status_code == 200
    drain(client)
    assert "near LS9 8RU" in fake.sent_texts(CHAT)[0]


def test_edited_messages_and_other_updates_are_ignored_with_200(client, fake):
    assert client.post(URL, json=edited_update(1, CHAT, "food"), headers=HEADERS
                       ).status_code == 200
    other = {"update_id": 2, "my_chat_member": {
        "chat": {"id": CHAT, "type": "private"}, "from": {"id": CHAT, "is_bot": False,
                                                         "first_name": "R"},
        "date": 1795000000,
        "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": True,
                                                         "first_name": "B"}},
        "new_chat_member": {"status": "kicked", "until_date": 0,
                            "user": {"id": 1, "is_bot": True, "first_name": "B"}}}}
    assert client.post(URL, json=other, headers=HEADERS).status_code == 200
    drain(client)
    assert fake.calls_to("sendMessage") == []


@pytest.mark.parametrize("chat_type", ["group", "supergroup", "channel"])
def test_groups_supergroups_and_channels_are_not_answered(client, fake, caplog, chat_type):
    group = -1007700900123
    updates = [text_update(11, group, "food near LS9 8RU", chat_type=chat_type),
               text_update(12, group, "/start", chat_type=chat_type),
               callback_update(14, group, "Food", chat_type=chat_type)]
    with caplog.at_level(logging.INFO, logger="webhooks.telegram"):
        for update in updates:
            assert client.post(URL, json=update, headers=HEADERS).status_code == 200
    drain(client)
    assert fake.calls_to("sendMessage") == [] and fake.calls_to("answerCallbackQuery") == []
    assert "private chats only" in caplog.text and str(group) not in caplog.text


@pytest.mark.parametrize("latitude", ["north", "53.8", None, True, [53.8], {"deg": 53},
                                      1e308, -91, 10**400],
                         ids=["word", "numeric string", "null", "true", "list", "object",
                              "off the globe", "past the pole", "huge integer"])
def test_a_location_that_is_not_numbers_is_ignored_without_a_traceback(client, fake, caplog,
                                                                       latitude):
    update = location_update(21, CHAT, 53.8045, -1.5169)
    update["message"]["location"]["latitude"] = latitude
    body = json.dumps(update)  # Python's json writes 10**400 as a JSON number, as it arrives
    with caplog.at_level(logging.INFO, logger="webhooks.telegram"):
        response = client.post(URL, data=body, content_type="application/json",
                               headers=HEADERS)
    assert response.status_code == 200
    drain(client)
    assert fake.calls_to("sendMessage") == []
    assert "ignored an update we could not read (a shared location" in caplog.text
    assert not [record for record in caplog.records
                if record.exc_info or record.levelno >= logging.ERROR]


@pytest.mark.parametrize("chat_id", ["abc", "7700900123", 1.5, True, None, {"a": 1}])
def test_a_chat_id_that_is_not_a_whole_number_is_ignored_and_leaves_nothing_queued(
        app, client, fake, caplog, chat_id):
    update = text_update(31, CHAT, "hello")
    update["message"]["chat"]["id"] = chat_id
    with caplog.at_level(logging.WARNING, logger="webhooks.telegram"):
        assert client.post(URL, json=update, headers=HEADERS).status_code == 200
    assert "ignored an update we could not read" in caplog.text
    assert sender_for(app).pending == 0
    assert fake.calls_to("sendMessage") == []


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"', '{"update_id": "x", '
                                  '"message": {"text": 5}}', '{"message": 3}'])
def test_unreadable_updates_are_logged_and_answered_200(client, fake, caplog, body):
    with caplog.at_level(logging.WARNING, logger="webhooks.telegram"):
        response = client.post(URL, data=body, headers={**HEADERS,
                                                         "Content-Type": "application/json"})
    assert response.status_code == 200
    assert "ignored" in caplog.text
    drain(client)
    assert fake.calls_to("sendMessage") == []


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                                     {"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"},
                                     {"X-Telegram-Bot-Api-Secret-Token": "s\u00e9cret"}],
                         ids=["missing", "wrong", "longer", "not ascii"])
def test_a_wrong_or_missing_secret_is_refused(client, fake, headers):
    response = Resident(client, fake).post(text_update(1, CHAT, "hello"), headers=headers)
    assert response.status_code == 403
    assert fake.calls == []


@pytest.mark.parametrize("unset", ["telegram_bot_token", "telegram_webhook_secret"])
def test_without_a_token_or_secret_nothing_runs(shipped_db_url, tmp_path, fake, caplog,
                                                 monkeypatch, unset):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    app = make_app(shipped_db_url, tmp_path, fake, **{unset: ""})
    try:
        with caplog.at_level(logging.ERROR, logger="webhooks.telegram"):
            response = app.test_client().post(URL, json=text_update(1, CHAT, "hi"),
                                              headers=HEADERS)
        assert response.status_code == 503
        assert unset.upper() in caplog.text
        assert fake.calls == []
    finally:
        close_sender(app)
        services(app).database.dispose()


def test_the_same_update_twice_runs_and_answers_once(client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    update = text_update(555, CHAT, "6")
    assert resident.post(update).status_code == 200
    assert resident.post(update).status_code == 200
    drain(client)
    assert sum("Which is closest?" in t for t in fake.sent_texts(CHAT)) == 1
    # Run twice, "6" would have picked the 6th item of the second menu and asked for a place.
    assert "Where are you?" in resident.say("1")[0]["text"]


def test_a_repeated_button_press_is_acknowledged_once(client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    update = callback_update(777, CHAT, "Food")
    resident.post(update)
    resident.post(update)
    drain(client)
    assert len(fake.calls_to("answerCallbackQuery")) == 1
    assert sum("Where are you?" in t for t in fake.sent_texts(CHAT)) == 1


def test_residents_are_kept_apart(client, fake):
    one, two = Resident(client, fake, CHAT), Resident(client, fake, OTHER_CHAT)
    one.say("food")
    [reply] = two.say("LS9 8RU")
    assert "near LS9 8RU" not in reply["text"]


def test_stop_means_silence_until_start(client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    assert "START" in resident.say("STOP")[0]["text"]
    assert resident.say("food") == []
    assert resident.send_media("sticker") == []
    assert "What can we help you find?" in resident.say("/start")[0]["text"]


def test_one_bot_per_process_is_reused(app, client, fake):
    resident = Resident(client, fake)
    resident.say("hello")
    sender = services(app).telegram_sender
    resident.say("food")
    assert services(app).telegram_sender is sender
    assert len(fake.calls_to("getMe")) == 1


def test_set_webhook_registers_the_public_url_with_the_secret(fake, monkeypatch, tmp_path,
                                                              capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://signpost.example.org/")
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    assert cli.main(["telegram", "set-webhook"]) == 0
    [call] = fake.calls_to("setWebhook")
    assert call.params == {"url": "https://signpost.example.org/webhooks/telegram",
                           "secret_token": SECRET,
                           "allowed_updates": ["message", "callback_query"],
                           "drop_pending_updates": True}
    assert "https://signpost.example.org/webhooks/telegram" in capsys.readouterr().out
    assert cli.main(["telegram", "webhook-info"]) == 0
    assert "signpost.example.org/webhooks/telegram" in capsys.readouterr().out


def test_set_webhook_says_what_is_missing(monkeypatch, capsys):
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")
    assert cli.main(["telegram", "set-webhook"]) == 2
    error = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in error and "PUBLIC_BASE_URL" in error


def test_a_failure_inside_the_engine_is_an_apology(app, client, fake, caplog):
    with services(app).database.begin() as connection:
        connection.execute(text("DROP TABLE conversation"))
    with caplog.at_level(logging.ERROR, logger="webhooks.telegram"):
        [sent] = Resident(client, fake).say("hello")
    assert sent["text"] == copy.SOMETHING_WENT_WRONG
    assert "the conversation failed" in caplog.text


def test_a_reply_longer_than_telegram_allows_is_sent_in_whole_pieces():
    paragraphs = [f"{i}) " + ("a place with a long description " * 20).strip()
                  for i in range(1, 12)]
    reply = Reply("\n".join(paragraphs), ("MORE", "NEW"))
    pieces = render([reply])
    assert len(pieces) == 2
    assert all(len(piece) <= 4096 for piece, _ in pieces)
    assert pieces[0][1] is None and pieces[1][1] is not None
    assert "\n".join(piece for piece, _ in pieces) == reply.text


@pytest.mark.parametrize("word", ["FORGET", "STOP", "START"])
def test_a_redelivered_keyword_is_answered_once(client, fake, word):
    """Issue 26, finding 16: FORGET deleted the record of its own update, so Telegram's
    redelivery was answered a second time (STOP and START were answered once)."""
    resident = Resident(client, fake)
    resident.say("hello")
    update = text_update(777, CHAT, word)
    assert resident.post(update).status_code == 200
    drain(client)
    first = len(fake.sent_texts(CHAT))
    assert resident.post(update).status_code == 200
    drain(client)
    assert len(fake.sent_texts(CHAT)) == first
    if word == "FORGET":
        assert copy.FORGOTTEN.split(".")[0] in fake.sent_texts(CHAT)[-1]
