"""Hostile Telegram updates: odd texts, button data, wrong types and malformed bodies all get
a 200 and, where there is something to answer, a kind reply."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.wording import copy
from tests.fake_telegram import callback_update, media_update, text_update
from tests.webhooks.channels import (
    TELEGRAM_HEADERS,
    TELEGRAM_URL,
    Resident,
    drain,
    fresh_chat_id,
    next_update_id,
)
from tests.webhooks.hostile import (
    DEEP_LIST,
    HOSTILE,
    JSON_TEXTS,
    PROPERTY,
    not_5xx,
)


@pytest.fixture(scope="module")
def app(hostile_app):
    return hostile_app


@pytest.fixture(scope="module")
def client(hostile_client):
    return hostile_client


@pytest.fixture(scope="module")
def fake(hostile_fake):
    return hostile_fake


# --- Telegram -----------------------------------------------------------------------------


def assert_kind_telegram(sent: list[dict]) -> None:
    assert sent, "a resident got silence"
    for message in sent:
        assert isinstance(message["text"], str) and message["text"].strip()
        assert message["text"] != copy.SOMETHING_WENT_WRONG


@PROPERTY
@given(text=JSON_TEXTS, as_caption=st.booleans())
def test_any_telegram_text_gets_a_kind_reply(client, fake, text, as_caption):
    resident = Resident(client, fake)
    if as_caption:
        update = media_update(next_update_id(), resident.chat, "photo")
        update["message"]["caption"] = text
    else:
        update = text_update(next_update_id(), resident.chat, text)
    assert_kind_telegram(resident.exchange(update))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_hostile_telegram_text_gets_a_kind_reply(client, fake, text):
    assert_kind_telegram(Resident(client, fake).say(text))


@PROPERTY
@given(data=JSON_TEXTS)
def test_any_telegram_button_press_is_acknowledged(client, fake, data):
    resident = Resident(client, fake)
    update = callback_update(next_update_id(), resident.chat, data)
    sent = resident.exchange(update)
    acknowledged = [call.params["callback_query_id"] for call in fake.calls_to(
        "answerCallbackQuery")]
    assert update["callback_query"]["id"] in acknowledged
    if data.strip():
        assert_kind_telegram(sent)


def test_lone_surrogates_travel_escaped_in_json(client, fake):
    resident = Resident(client, fake)
    body = json.dumps(text_update(next_update_id(), resident.chat, "food \ud800 near \udfff"))
    assert "\\ud800" in body
    before = len(fake.sent(resident.chat))
    response = client.post(TELEGRAM_URL, data=body, content_type="application/json",
                           headers=TELEGRAM_HEADERS)
    assert response.status_code == 200
    drain(client)
    assert_kind_telegram(fake.sent(resident.chat)[before:])


def _update(**message) -> dict:
    chat = fresh_chat_id()
    update = text_update(next_update_id(), chat, "hello")
    update["message"].update(message)
    return update


WRONG_UPDATES = {
    "message is a string": lambda: {"update_id": next_update_id(), "message": "x"},
    "message is null": lambda: {"update_id": next_update_id(), "message": None},
    "message is a list": lambda: {"update_id": next_update_id(), "message": [1, 2]},
    "update_id is a string": lambda: {**_update(), "update_id": "x"},
    "update_id is missing": lambda: {"message": _update()["message"]},
    "update_id is huge": lambda: {**_update(), "update_id": 10**30},
    "chat id is a word": lambda: _update(chat={"id": "abc", "type": "private"}),
    "chat id is null": lambda: _update(chat={"id": None, "type": "private"}),
    "chat id is a float": lambda: _update(chat={"id": 1.5, "type": "private"}),
    "chat id is a dict": lambda: _update(chat={"id": {"a": 1}, "type": "private"}),
    "chat is a string": lambda: _update(chat="abc"),
    "chat is missing": lambda: {"update_id": next_update_id(),
                                "message": {"message_id": 1, "date": 0, "text": "hi"}},
    "text is a number": lambda: _update(text=5),
    "text is a list": lambda: _update(text=["food"]),
    "text is a dict": lambda: _update(text={"food": "LS9 8RU"}),
    "text is true": lambda: _update(text=True),
    "caption is a number": lambda: _update(text=None, caption=7),
    "from is a string": lambda: _update(**{"from": "someone"}),
    "date is a word": lambda: _update(date="yesterday"),
    "date is huge": lambda: _update(date=10**20),
    "location is a string": lambda: _update(text=None, location="Leeds"),
    "latitude is a word": lambda: _update(text=None,
                                          location={"latitude": "north", "longitude": -1.5}),
    "latitude is missing": lambda: _update(text=None, location={"longitude": -1.5}),
    "latitude is off the globe": lambda: _update(text=None,
                                                 location={"latitude": 1e308,
                                                           "longitude": -1e308}),
    "photo is a string": lambda: _update(text=None, photo="x"),
    "sticker is a number": lambda: _update(text=None, sticker=3),
    "callback is a string": lambda: {"update_id": next_update_id(), "callback_query": "x"},
    "callback data is a number": lambda: {
        **(u := callback_update(next_update_id(), fresh_chat_id(), "Food")),
        "callback_query": {**u["callback_query"], "data": 5}},
    "callback without message or from": lambda: {
        "update_id": next_update_id(),
        "callback_query": {"id": "cbq-x", "chat_instance": "1", "data": "Food"}},
    "callback with a chat id that is a word": lambda: {
        **(u := callback_update(next_update_id(), fresh_chat_id(), "Food")),
        "callback_query": {**u["callback_query"],
                           "message": {**u["callback_query"]["message"],
                                       "chat": {"id": "abc", "type": "private"}}}},
    "an empty object": lambda: {},
    "unknown fields only": lambda: {"update_id": next_update_id(), "surprise": {"a": [1]}},
}


@pytest.mark.parametrize("name", list(WRONG_UPDATES))
def test_telegram_updates_with_wrong_types_are_answered_200(client, fake, name):
    response = client.post(TELEGRAM_URL, data=json.dumps(WRONG_UPDATES[name]()),
                           content_type="application/json", headers=TELEGRAM_HEADERS)
    assert response.status_code == 200, response.get_data(as_text=True)


#: JSON nested deeper than Python's recursion limit: json.loads raises RecursionError, which
#: request.get_json(silent=True) does not catch (it catches ValueError only), so it is a 500.
DEEP_OBJECT = b'{"a":' * 40_000 + b"1" + b"}" * 40_000  # under the body limit


@pytest.mark.parametrize("body", [
    b"", b"{", b"{not json", b"null", b"[]", b'"text"', b"12", b"true", b"NaN",
    b'{"update_id": NaN, "message": Infinity}', b"\xff\xfe\x00{", b"\x00" * 100,
    b'{"update_id": 1, "update_id": 2}',
    DEEP_LIST,
    DEEP_OBJECT,
], ids=["empty", "brace", "not json", "null", "list", "string", "number", "true", "NaN",
        "Infinity", "not utf8", "nulls", "repeated key", "deep list", "deep object"])
def test_malformed_telegram_bodies_are_answered_200(client, fake, body):
    response = client.post(TELEGRAM_URL, data=body, content_type="application/json",
                           headers=TELEGRAM_HEADERS)
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_telegram_with_the_wrong_content_type(client, fake, content_type):
    resident = Resident(client, fake)
    body = json.dumps(text_update(next_update_id(), resident.chat, "hello"))
    response = client.post(TELEGRAM_URL, data=body, content_type=content_type,
                           headers=TELEGRAM_HEADERS)
    not_5xx(response)


def test_telegram_over_the_size_limit_is_413(client, fake):
    resident = Resident(client, fake)
    update = text_update(next_update_id(), resident.chat, "a" * (300 * 1024))
    assert resident.post_raw(update).status_code == 413
    assert fake.sent(resident.chat) == []


def test_telegram_without_the_secret_reads_nothing(client, fake):
    response = client.post(TELEGRAM_URL, data=DEEP_LIST, content_type="application/json")
    assert response.status_code == 403
