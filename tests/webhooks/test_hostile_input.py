"""Random and hostile text, and malformed requests, through every channel: SMS, Telegram and the
sandbox API. Whatever arrives, the app never answers 5xx; a resident on SMS or Telegram always
gets a kind reply (plain GSM-7 on SMS); and the app keeps working afterwards.

Hypothesis draws the texts; one app, one database and one fake Bot API server serve the whole
module, with limits set high and a new sender for every example so limits never interfere.
The per-minute limit and the daily SMS reply cap are tested on their own apps at the end.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid
import xml.etree.ElementTree as ET

import pytest
from flask import request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from bot import copy
from bot.gsm import is_gsm7, sms_size
from tests.clock import FakeClock
from tests.fake_telegram import FakeTelegram, callback_update, media_update, text_update
from tests.webhooks.channels import (
    PUBLIC,
    SANDBOX_URL,
    SMS_URL,
    TELEGRAM_HEADERS,
    TELEGRAM_TOKEN,
    TELEGRAM_URL,
    Phone,
    Resident,
    close_app,
    drain,
    fresh_chat_id,
    fresh_number,
    make_app,
    next_update_id,
    sandbox_post,
    sign,
    twiml_messages,
)

HIGH_LIMITS = {"rate_limit_per_minute": 100_000, "sms_daily_reply_cap": 100_000}
PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])

# --- texts --------------------------------------------------------------------------------

#: Hand-picked nasties, each tried by every channel as well as whatever Hypothesis draws.
HOSTILE = [
    "", " ", "   \t \n  ", "\u00a0\u2003\u3000", "\n\n\n", "\r\n",
    "\x00", "\x00" * 40, "food\x00near LS9 8RU", "LS9\x008RU",
    "".join(map(chr, range(1, 32))) + "\x7f\x80\x9f", "\x1b[31mred\x1b[0m", "\x08\x08\x07",
    "\U0001f600\U0001f35e\U0001f3e0", "\U0001f468\u200d\U0001f469\u200d\U0001f467 need food",
    "\U0001f1ec\U0001f1e7", "\ufe0f\u20e3", "\ufeff", "\u200b\u200c\u200d", "\uffff\ufffe",
    "\U0010ffff", "\ufffd",
    "\u0623\u062d\u062a\u0627\u062c \u0637\u0639\u0627\u0645",  # Arabic: "I need food"
    "\u05d0\u05e0\u05d9 \u05e6\u05e8\u05d9\u05da \u05d0\u05d5\u05db\u05dc",  # Hebrew
    "\u202eUR8 9SL raen doof\u202c", "\u200fLS9 8RU\u200e",
    "Z\u0335\u0321\u0322\u031b\u0317a\u0338l\u0337g\u0336o\u0334" * 20,
    "e" + "\u0301" * 500, "\u0915\u094d\u0937\u093f", "\u1100\u1161\u11a8",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]><Message>hi</Message>",
    "'; DROP TABLE conversation; --", "\" OR 1=1 --", "LS9 8RU' OR '1'='1",
    "food'); DELETE FROM opt_out; --", "%' AND 1=0 UNION SELECT * FROM service --",
    "{0} %s %(x)s", "{x!r} {0.__class__} %n %d %%", "${jndi:ldap://example.invalid/a}",
    "{{7*7}} {% raw %}", "\\x00\\u0000\\", "&amp; &lt; &#0; &#x110000;",
    "a" * 10_000, "food " * 2_000, "x" * 1_601, "LS98RU" * 1_500,
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 200,
    "\U0001f600" * 5_000, "\u0645" * 10_000,
    "STOP", "FORGET", "MORE", "HELP", "1", "99", "-1", "0", "1e309", "NaN",
    "i want to kill myself \U0001f494", "food near LS9 8RU <b>now</b>",
]

#: Pieces that Hypothesis strings together (and mixes with its own random text).
FRAGMENTS = ["food", "near", "LS9 8RU", "LS9", "Harehills", "help", "stop", "more", "1", "\x00",
             "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u0301",
             "\U0001f600", "<script>", "';--", "%s", "{0}", "\r\n", "\t", " ", "\u202e"]

#: Characters a form post can carry (no lone surrogates: they cannot be UTF-8).
FORM_CHARS = st.characters(codec="utf-8")
#: JSON can carry lone surrogates too, escaped ("\ud800").
JSON_CHARS = st.one_of(FORM_CHARS, st.characters(categories=["Cs"]))


def strings(chars: st.SearchStrategy[str], min_size: int = 0,
            max_size: int = 60) -> st.SearchStrategy[str]:
    """Strings of ``chars`` (st.text would quietly leave out the lone surrogates)."""
    return st.lists(chars, min_size=min_size, max_size=max_size).map("".join)


def texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        strings(chars),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), strings(chars, max_size=8)),
                 max_size=12).map("".join),
        # Long texts, up to 10,000 characters, from a short random pattern.
        st.tuples(strings(chars, min_size=1, max_size=12), st.integers(1, 10_000))
        .map(lambda pair: (pair[0] * pair[1])[:10_000]),
    )


SMS_TEXTS = texts(FORM_CHARS)
JSON_TEXTS = texts(JSON_CHARS)

# --- one app for the module ---------------------------------------------------------------


@pytest.fixture(scope="module")
def database(databases, shipped_template, tmp_path_factory):
    url = databases.copy(shipped_template, tmp_path_factory.mktemp("hostile-db"))
    yield url
    databases.drop(url)


@pytest.fixture(scope="module")
def fake():
    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def app(database, fake, tmp_path_factory):
    app = make_app(database, tmp_path_factory.mktemp("hostile") / "instance", fake,
                   **HIGH_LIMITS)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def not_5xx(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data(as_text=True))


# --- SMS ----------------------------------------------------------------------------------


def assert_kind_sms(replies: list[str]) -> None:
    assert replies, "a resident got silence"
    for reply in replies:
        assert reply.strip()
        assert is_gsm7(reply), f"not GSM-7: {reply!r}"
        assert sms_size(reply).segments <= 3
    assert copy.SOMETHING_WENT_WRONG not in replies


@PROPERTY
@given(text=SMS_TEXTS, media=st.sampled_from([0, 0, 0, 1]))
def test_any_sms_gets_a_kind_plain_reply(client, text, media):
    assert_kind_sms(Phone(client).text(text, media=media))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_hostile_sms_gets_a_kind_plain_reply(client, text):
    assert_kind_sms(Phone(client).text(text))


def signed_post(client, params, **kwargs):
    return client.post(SMS_URL, data=params, **kwargs,
                       headers={"X-Twilio-Signature": sign(PUBLIC + SMS_URL, params)})


def test_sms_repeated_keys_are_read_as_the_first_value(client):
    first, second = fresh_number(), fresh_number()
    params = MultiDict(Phone(client, first).params("hello"))
    params.add("Body", "'; DROP TABLE conversation; --")
    params.add("From", second)
    params.add("NumMedia", "zzz")
    [reply] = twiml_messages(signed_post(client, params))
    assert "1 Food" in reply


@pytest.mark.parametrize("missing", ["From", "Body", "both"])
def test_sms_without_from_or_body(client, missing):
    params = Phone(client).params("hello")
    for name in ("From", "Body") if missing == "both" else (missing,):
        del params[name]
    response = signed_post(client, params)
    if missing == "Body":
        assert twiml_messages(response) == [copy.EMPTY]
    else:
        assert response.status_code == 400


@pytest.mark.parametrize("sender", ["", "   ", "\x00", "\u202e", "<script>", "x" * 5_000])
def test_sms_from_odd_senders(client, sender):
    params = Phone(client, sender).params("hello")
    response = signed_post(client, params)
    not_5xx(response)
    if sender.strip():
        assert "1 Food" in twiml_messages(response)[0]
    else:
        assert response.status_code == 400


@pytest.mark.parametrize("media", ["", "abc", "-5", "1e9", "99999999999999999999", "\x00"])
def test_sms_with_odd_media_counts(client, media):
    params = Phone(client).params("")
    params["NumMedia"] = media
    assert_kind_sms(twiml_messages(signed_post(client, params)))


@pytest.mark.parametrize("content_type", [
    "application/json", "text/plain", "application/xml", "application/octet-stream",
    "application/x-www-form-urlencoded; charset=latin-1", "multipart/form-data; boundary=x",
])
def test_sms_with_the_wrong_content_type(client, content_type):
    params = Phone(client).params("hello")
    body = json.dumps(params) if "json" in content_type else "From=%2B447700900001&Body=hi"
    for signature_over in ({}, params):
        response = client.post(SMS_URL, data=body, content_type=content_type, headers={
            "X-Twilio-Signature": sign(PUBLIC + SMS_URL, signature_over)})
        not_5xx(response)
        assert response.status_code in (400, 403, 413, 415)


def test_sms_as_multipart_form_data_is_read(client):
    params = Phone(client).params("hello")
    response = signed_post(client, params, content_type="multipart/form-data")
    assert "1 Food" in twiml_messages(response)[0]


def test_sms_with_bytes_that_are_not_utf8(app, client):
    number = fresh_number()
    ids = f"MessageSid=SM{uuid.uuid4().hex}&AccountSid=AC{'0' * 32}"
    raw = f"{ids}&From={number}&Body=%FF%FE%ED%A0%80food%C0%AF&NumMedia=0".replace("+", "%2B")
    with app.test_request_context(SMS_URL, method="POST", data=raw,
                                  content_type="application/x-www-form-urlencoded"):
        params = request.form.copy()  # exactly what the app will read, and Twilio signs
    response = client.post(SMS_URL, data=raw, content_type="application/x-www-form-urlencoded",
                           headers={"X-Twilio-Signature": sign(PUBLIC + SMS_URL, params)})
    assert_kind_sms(twiml_messages(response))


def test_sms_over_the_size_limit_is_413(client):
    body = "a" * (300 * 1024)
    params = Phone(client).params(body)
    response = signed_post(client, params)
    assert response.status_code == 413
    unsigned = client.post(SMS_URL, data=params, headers={"X-Twilio-Signature": "x"})
    assert unsigned.status_code == 413


def test_sms_other_methods_are_refused(client):
    for method in (client.get, client.put, client.delete):
        assert method(SMS_URL).status_code == 405


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
DEEP_LIST = b"[" * 100_000 + b"]" * 100_000
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


# --- Sandbox ------------------------------------------------------------------------------

_sessions = itertools.count(1)


@PROPERTY
@given(text=JSON_TEXTS, suffix=strings(FORM_CHARS, max_size=40))
def test_any_sandbox_text_gets_replies(client, text, suffix):
    response = sandbox_post(client, {"session": f"hostile-{next(_sessions)}-{suffix}",
                                     "text": text})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["replies"] and len(body["replies"]) == len(body["sms"])
    for reply in body["replies"]:
        assert isinstance(reply["text"], str) and reply["text"].strip()
        assert reply["text"] != copy.SOMETHING_WENT_WRONG


def test_a_sandbox_session_with_a_lone_surrogate_is_refused_or_answered(client):
    response = sandbox_post(client, {"session": "volunteer-\ud800", "text": "food"})
    not_5xx(response)
    if response.status_code == 200:
        texts = [r["text"] for r in response.get_json()["replies"]]
        assert copy.SOMETHING_WENT_WRONG not in texts
    else:
        assert response.status_code == 400


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_hostile_sandbox_text_gets_replies(client, text):
    response = sandbox_post(client, {"session": f"hostile-{next(_sessions)}", "text": text})
    assert response.status_code == 200
    assert [r["text"] for r in response.get_json()["replies"]] != [copy.SOMETHING_WENT_WRONG]


WRONG_SANDBOX = [
    None, [], "text", 5, True, {}, {"session": 5, "text": "food"},
    {"session": None, "text": "food"}, {"session": ["a"], "text": "food"},
    {"session": "   ", "text": "food"}, {"session": "s" * 101, "text": "food"},
    {"session": "s", "text": 5}, {"session": "s", "text": ["food"]},
    {"session": "s", "text": {"a": 1}}, {"session": "s", "text": True},
    {"session": "s", "text": "x" * 10_001}, {"session": "s"},
    {"session": "s", "text": "food", "latitude": "north", "longitude": 1},
    {"session": "s", "text": "food", "latitude": True, "longitude": False},
    {"session": "s", "text": "food", "latitude": 53.8},
    {"session": "s", "text": "food", "latitude": 91, "longitude": 0},
    {"session": "s", "text": "food", "latitude": [53.8], "longitude": {}},
    {"session": "s", "text": "food", "now": 5},
    {"session": "s", "text": "food", "now": "yesterday"},
    {"session": "s", "text": "food", "now": "2026-13-45T99:99"},
    {"session": "s", "text": "food", "now": ["2026-11-23"]},
]


@pytest.mark.parametrize("body", WRONG_SANDBOX, ids=range(len(WRONG_SANDBOX)))
def test_sandbox_bodies_with_wrong_types_are_400(client, body):
    response = sandbox_post(client, body)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert isinstance(response.get_json()["error"], str)


@pytest.mark.parametrize("body", [
    b"", b"{", b"\xff\xfe", b'{"session": "s", "text": NaN}',
    b'{"session": "s", "text": "food", "latitude": NaN, "longitude": 1}',
    b'{"session": "s", "text": "food", "latitude": 1e999, "longitude": 1}',
    DEEP_LIST,
], ids=["empty", "brace", "not utf8", "NaN text", "NaN latitude", "infinite latitude",
        "deep list"])
def test_malformed_sandbox_bodies_are_400(client, body):
    response = client.post(SANDBOX_URL, data=body, content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)


@pytest.mark.parametrize("now", ["0001-01-01T00:00", "9999-12-31T23:59:59",
                                 "2026-11-23T10:00+14:00", "2026-11-23T10:00:00.999999-12:00",
                                 "2026-03-29T01:30"])
def test_sandbox_odd_but_valid_times_do_not_fail(client, now):
    response = sandbox_post(client, {"session": f"time-{next(_sessions)}", "text": "food",
                                     "now": now})
    not_5xx(response)
    if response.status_code == 200:
        texts = [r["text"] for r in response.get_json()["replies"]]
        assert texts and copy.SOMETHING_WENT_WRONG not in texts


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          None])
def test_sandbox_with_the_wrong_content_type_is_400(client, content_type):
    body = json.dumps({"session": "s", "text": "food"})
    response = client.post(SANDBOX_URL, data=body, content_type=content_type)
    assert response.status_code == 400


def test_sandbox_over_the_size_limit_is_413(client):
    response = sandbox_post(client, {"session": "s", "text": "a" * (300 * 1024)})
    assert response.status_code == 413


# --- afterwards ---------------------------------------------------------------------------


def test_after_all_that_every_channel_still_works(client, fake):
    replies = Phone(client).text("food near LS9 8RU")
    assert "near LS9 8RU" in replies[0] and "1)" in replies[0]
    [first, *_] = Resident(client, fake).texts("food near LS9 8RU")
    assert "near LS9 8RU" in first and "1)" in first
    response = sandbox_post(client, {"session": f"after-{next(_sessions)}",
                                     "text": "food near LS9 8RU"})
    assert "near LS9 8RU" in response.get_json()["replies"][0]["text"]
    assert client.get("/healthz").status_code == 200


# --- limits, through SMS ------------------------------------------------------------------


@pytest.fixture
def frozen_clock():
    """Every message in the test arrives in the same minute (and on the same day)."""
    return FakeClock(dt.datetime(2026, 11, 23, 10, 0, 30))


@pytest.fixture
def limited_app(shipped_db_url, tmp_path, request, frozen_clock):
    app = make_app(shipped_db_url, tmp_path / "instance", clock=frozen_clock, **request.param)
    yield app
    close_app(app)


def is_empty_twiml(response) -> bool:
    root = ET.fromstring(response.get_data())
    return response.status_code == 200 and root.tag == "Response" and len(root) == 0


CRISIS = "i want to kill myself"


@pytest.mark.parametrize("limited_app", [{"rate_limit_per_minute": 3,
                                          "sms_daily_reply_cap": 100_000}], indirect=True)
def test_too_many_texts_a_minute_get_one_slow_down_then_silence(limited_app, frozen_clock):
    client = limited_app.test_client()
    phone = Phone(client)
    for text in ("hello", "1", "LS9 8RU"):
        replies = phone.text(text)
        assert replies and copy.TOO_FAST not in replies
    assert phone.text("MORE") == [copy.TOO_FAST]
    assert is_empty_twiml(phone.post("MORE"))
    [crisis] = phone.text(CRISIS)
    assert "999" in crisis and copy.CRISIS_OPENING in crisis
    assert is_empty_twiml(phone.post("food"))
    # Someone else is not held back.
    assert "1 Food" in Phone(client).text("hello")[0]
    # A minute later the sender is heard again, where they left off (at the results).
    frozen_clock.advance(minutes=1)
    replies = phone.text("MORE")
    assert replies and copy.TOO_FAST not in replies
    assert copy.ASK_PLACE not in replies[0]


@pytest.mark.parametrize("limited_app", [{"rate_limit_per_minute": 100_000,
                                          "sms_daily_reply_cap": 2}], indirect=True)
def test_the_daily_sms_reply_cap_means_silence_except_for_a_crisis(limited_app, frozen_clock):
    client = limited_app.test_client()
    phone = Phone(client)
    assert "1 Food" in phone.text("hello")[0]
    assert "Where are you?" in phone.text("1")[0]
    assert phone.text("LS9 8RU") == [copy.DAILY_CAP_REACHED]
    assert is_empty_twiml(phone.post("HELP"))
    [crisis] = phone.text(CRISIS)
    assert "999" in crisis and copy.CRISIS_OPENING in crisis
    assert is_empty_twiml(phone.post("MORE"))
    assert "1 Food" in Phone(client).text("hello")[0]


@pytest.mark.parametrize("limited_app", [{"sms_daily_reply_cap": 3}], indirect=True)
def test_pictures_by_sms_are_held_to_the_daily_cap(limited_app, frozen_clock):
    phone = Phone(limited_app.test_client())
    answers = [phone.text("", media=1) for _ in range(12)]
    assert answers[:3] == [[copy.NOT_TEXT]] * 3
    assert answers[3] == [copy.DAILY_CAP_REACHED]  # one polite word, then silence
    assert answers[4:] == [[]] * 8
