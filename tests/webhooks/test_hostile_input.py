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
import unicodedata
import uuid
import xml.etree.ElementTree as ET

import pytest
from flask import request
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from bot.sms.gsm import is_gsm7, sms_size
from bot.wording import copy
from tests.clock import FakeClock
from tests.webhooks.channels import (
    PUBLIC,
    SANDBOX_URL,
    SMS_URL,
    Phone,
    Resident,
    close_app,
    fresh_number,
    make_app,
    sandbox_post,
    sign,
    twiml_messages,
)
from tests.webhooks.hostile import (
    DEEP_LIST,
    FORM_CHARS,
    HOSTILE,
    JSON_TEXTS,
    PROPERTY,
    SMS_TEXTS,
    not_5xx,
    strings,
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


# --- SMS ----------------------------------------------------------------------------------


def _letters_only(text: str) -> bool:
    """Every character GSM-7 lacks is a letter, a mark or Arabic-script punctuation (a reply in
    the resident's language), never curly quotes, dashes or emoji."""
    return all(is_gsm7(ch) or ch.isalpha() or unicodedata.category(ch).startswith("M")
               or "\u0600" <= ch <= "\u06ff" or ch == "\u200c" for ch in text)


def assert_kind_sms(replies: list[str], sent: str = "") -> None:
    """Replies, each within 3 segments; plain GSM-7 unless the resident wrote in letters GSM-7
    lacks (then the reply may be in their language, as UCS-2, but still without typography)."""
    assert replies, "a resident got silence"
    for reply in replies:
        assert reply.strip()
        assert is_gsm7(reply) or (not is_gsm7(sent) and _letters_only(reply)), \
            f"not GSM-7: {reply!r}"
        assert sms_size(reply).segments <= 3
    assert copy.SOMETHING_WENT_WRONG not in replies


@PROPERTY
@given(text=SMS_TEXTS, media=st.sampled_from([0, 0, 0, 1]))
def test_any_sms_gets_a_kind_plain_reply(client, text, media):
    assert_kind_sms(Phone(client).text(text, media=media), text)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_hostile_sms_gets_a_kind_plain_reply(client, text):
    assert_kind_sms(Phone(client).text(text), text)


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
