"""The resident's language through the sandbox API (issue 29): a conversation started in each
language gets results, details, the crisis reply and STOP in it, within 3 SMS segments; each
reply says its language and lists its draft translations; LANG, FORGET and bad codes."""

from __future__ import annotations

import pytest

from bot.languages import LANGUAGES_BY_CODE, TRANSLATED
from bot.wording import copy
from bot.wording.i18n import speaking
from tests.support.language_messages import CRISES, FOOD
from webhooks import create_app
from webhooks.services import services

URL = "/sandbox/api/message"
NOW = "2026-11-23T10:00"  # a Monday morning, when most places are open


@pytest.fixture
def client(shipped_db_url, tmp_path):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "sandbox_enabled": True})
    yield app.test_client()
    services(app).database.dispose()


def say(client, text, session, **extra):
    response = client.post(URL, json={"session": session, "text": text, "now": NOW, **extra})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def words(body) -> str:
    return "\n".join(reply["text"] for reply in body["replies"])


def in_language(code: str, value):
    """What the catalogue says in ``code``: ``value`` is a copy constant's name or a call."""
    with speaking(code):
        return value() if callable(value) else getattr(copy, value)


def assert_within_budget(body, code):
    for reply, sms in zip(body["replies"], body["sms"], strict=True):
        assert reply["language"] == code
        assert len(sms["pieces"]) == 1, reply["text"]  # one text: never split by the channel
        assert 1 <= sms["segments"] <= 3
        assert sms["expected_ucs2"] is not LANGUAGES_BY_CODE[code].sms_gsm7


@pytest.mark.parametrize("code", TRANSLATED)
def test_food_near_a_postcode_comes_back_in_the_language_within_three_segments(client, code):
    session = f"lang-{code}"
    hello = say(client, "hi", session, language=code)
    assert words(hello).startswith(in_language(code, "HELLO"))
    assert hello["replies"][-1]["choices"][0] == in_language(code, lambda: copy.need_label("food"))
    where = say(client, "1", session)
    assert in_language(code, "ASK_PLACE") in words(where)
    results = say(client, "LS9 8RU", session)
    assert words(results).startswith(in_language(code, lambda: copy.near("LS9 8RU")))
    assert "1) " in words(results)
    assert_within_budget(results, code)
    details = say(client, "1", session)
    assert f"{in_language(code, 'ADDRESS')}: " in words(details)
    assert_within_budget(details, code)
    assert details["replies"][-1]["venue"] is not None  # the map pin rides on the last piece


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_crisis_gets_the_crisis_reply_in_the_language_with_999_and_116_123(client, code):
    body = say(client, "i want to end it all", f"crisis-{code}", language=code)
    text = words(body)
    assert text.startswith(in_language(code, "CRISIS_OPENING"))
    assert "999" in text and "116 123" in text
    assert in_language(code, "CRISIS_INTERPRETER") in text
    assert body["replies"][0]["text"].count("999") >= 2  # 999 and the interpreter come first
    assert_within_budget(body, code)


@pytest.mark.parametrize("code", TRANSLATED)
def test_stop_works_in_every_language(client, code):
    session = f"stop-{code}"
    say(client, "hi", session, language=code)
    stopped = say(client, "STOP", session)
    assert words(stopped) == in_language(code, "STOPPED")
    assert say(client, "food near LS9 8RU", session)["replies"] == []
    started = say(client, "START", session)
    assert words(started).startswith(in_language(code, "HELLO"))  # the language is kept


def test_each_reply_lists_the_draft_translations_it_uses(client):
    body = say(client, "food near LS9 8RU", "drafts", language="pl")
    page = body["replies"][-1]
    sources = [draft["source"] for draft in page["drafts"]]
    assert "Leeds Signpost: near {place}" in sources
    assert all(draft["draft"] and draft["draft"] != draft["source"] for draft in page["drafts"])
    english = say(client, "food near LS9 8RU", "drafts-en")
    assert all(reply["language"] == "en" and reply["drafts"] == [] for reply in english["replies"])


def test_lang_lists_every_language_in_its_own_name_and_a_pick_carries_on(client):
    say(client, "food", "lang")
    menu = say(client, "LANG", "lang")
    [reply] = menu["replies"]
    assert reply["language"] == "mul"
    assert reply["choices"] == [lang.own_name for lang in LANGUAGES_BY_CODE.values()]
    assert "4 اردو" in reply["text"] and "2 Polski" in reply["text"]
    assert menu["sms"][0]["encoding"] == "UCS-2"  # the names keep their letters on SMS
    picked = say(client, "فارسی", "lang")  # a pressed button sends the name
    assert picked["replies"][0]["language"] == "fa"
    assert in_language("fa", "LANGUAGE_CHOSEN") in words(picked)
    assert in_language("fa", "ASK_PLACE") in words(picked)  # the need is kept: where now?
    back = say(client, "LANG", "lang")
    assert words(say(client, "1", "lang")).startswith("OK, we will write in English.")
    assert back["replies"][0]["language"] == "mul"


def test_forget_forgets_the_language(client):
    say(client, "hi", "forget", language="ar")
    gone = say(client, "FORGET", "forget")
    assert words(gone) == in_language("ar", "FORGOTTEN")
    assert say(client, "hi", "forget")["replies"][0]["language"] == "en"


@pytest.mark.parametrize("value", ["xx", "de", 7, "pl; drop table"])
def test_a_language_we_do_not_have_is_a_clear_400(client, value):
    response = client.post(URL, json={"session": "bad", "text": "hi", "language": value})
    assert response.status_code == 400
    assert "'language' must be one of en, pl, ro, ur, ar, ckb, fa" in response.get_json()["error"]


def test_the_page_offers_every_language(client):
    page = client.get("/sandbox").get_data(as_text=True)
    for lang in LANGUAGES_BY_CODE.values():
        assert f'value="{lang.code}"' in page and lang.own_name in page


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_message_written_in_the_language_is_answered_in_it_without_choosing(client, code):
    food, where = FOOD[code]
    crisis = CRISES[code][0][0]
    results = say(client, food, f"written-{code}")
    assert words(results).startswith(in_language(code, lambda: copy.near(where)))
    assert "1)" in words(results)
    assert_within_budget(results, code)
    alarm = say(client, crisis, f"written-crisis-{code}")
    assert "999" in words(alarm) and "116 123" in words(alarm)
    assert_within_budget(alarm, code)


def test_a_postcode_alone_keeps_the_conversation_in_its_language(client):
    say(client, FOOD["pl"][0], "stays-pl")
    again = say(client, "LS11 5AA", "stays-pl")
    assert {reply["language"] for reply in again["replies"]} == {"pl"}
