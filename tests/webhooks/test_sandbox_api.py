"""The sandbox JSON API: the real engine behind it, clear 400s, switched off in production,
and practice conversations never counted."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.messages import Channel, InboundMessage, Reply
from bot.records.store import FeedbackCount, NeedCount
from bot.sms.gsm import sms_text
from bot.wording.split import split_sms
from core.db import session_scope
from webhooks import create_app
from webhooks.engine_access import engine_for
from webhooks.services import services

URL = "/sandbox/api/message"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(shipped_db_url, tmp_path):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "sandbox_enabled": True})
    yield app
    services(app).database.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def say(client, text, session="volunteer-1", **extra):
    response = client.post(URL, json={"session": session, "text": text, **extra})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert len(body["replies"]) == len(body["sms"]) >= 1
    for reply in body["replies"]:
        assert isinstance(reply["text"], str) and reply["text"]
        assert isinstance(reply["choices"], list)
        assert isinstance(reply["request_location"], bool)
        assert all(set(button) == {"label", "data"} for button in reply["buttons"])
        assert reply["venue"] is None or set(reply["venue"]) == {
            "latitude", "longitude", "title", "address"}
    return body


def all_text(body) -> str:
    return "\n".join(reply["text"] for reply in body["replies"])


def journey(client, session="volunteer-1"):
    menu = say(client, "hello", session)
    assert "Food" in [choice for reply in menu["replies"] for choice in reply["choices"]]
    where = say(client, "1", session)
    assert "postcode" in all_text(where).lower()
    assert any(reply["request_location"] for reply in where["replies"])
    return say(client, "LS9 8RU", session)


def test_a_whole_journey_ends_in_short_plain_sms(client):
    results = journey(client)
    assert "near LS9 8RU" in all_text(results)
    for size in results["sms"]:
        assert size["encoding"] == "GSM-7"
        assert 1 <= size["segments"] <= 3


def test_replies_carry_what_each_channel_shows(client):
    """SMS pieces as the SMS channel sends them; inline buttons and a map pin for Telegram."""
    say(client, "hello", now="2026-11-23T10:00")
    results = say(client, "food near LS9 8RU", now="2026-11-23T10:00")
    page = results["replies"][-1]
    assert page["buttons"], page
    assert page["buttons"][0]["data"] == "1"
    assert page["buttons"][0]["label"].startswith("1) ")
    for reply, sms in zip(results["replies"], results["sms"], strict=True):
        pieces = sms["pieces"]
        assert [piece["text"] for piece in pieces] == split_sms(reply["text"])
        assert "".join(piece["text"] for piece in pieces).replace("\n", "") == \
            sms_text(reply["text"]).replace("\n", "")
        for piece in pieces:
            assert piece["encoding"] == "GSM-7"
            assert 1 <= piece["segments"] <= 3

    details = say(client, page["buttons"][0]["data"], now="2026-11-23T10:00")
    reply = details["replies"][-1]
    assert "Address:" in reply["text"]
    venue = reply["venue"]
    assert venue is not None and venue["title"] and venue["address"]
    assert 53 < venue["latitude"] < 54.5 and -2.5 < venue["longitude"] < -1
    assert venue["title"].startswith(page["buttons"][0]["label"].removeprefix("1) "))


def test_an_sms_piece_is_gsm7_even_when_the_text_is_not(app):
    from webhooks.sandbox import sms_json

    sms = sms_json(Reply("It\u2019s open \u2014 see you there \U0001F600"))
    assert sms["encoding"] == "GSM-7"
    assert [piece["text"] for piece in sms["pieces"]] == ["It's open - see you there ?"]


def test_the_page_is_served(client):
    response = client.get("/sandbox")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Leeds Signpost sandbox" in page
    assert "/static/sandbox.js" in page and "/static/sandbox.css" in page
    assert client.get("/static/sandbox.js").status_code == 200
    assert client.get("/static/sandbox.css").status_code == 200


@pytest.mark.parametrize("now", ["2026-11-23T10:00", "2026-11-22T03:30:00",
                                 "2026-11-23T10:00:00+00:00", ""])
def test_now_is_accepted(client, now):
    say(client, "hello", now=now)
    body = say(client, "food near LS9 8RU", now=now)
    assert all_text(body)


@pytest.mark.parametrize("now", ["2026-01-05T10:00", "2019-07-01T23:30", "2031-03-30T01:30"])
def test_a_pretend_time_carries_a_conversation_from_need_to_place_to_results(client, now):
    """Last Monday morning, or years away: the pretend time moves opening hours, not expiry."""
    assert "What can we help you find?" in all_text(say(client, "hello", now=now))
    assert "Where are you?" in all_text(say(client, "1", now=now))
    results = all_text(say(client, "LS9 8RU", now=now))
    assert "near LS9 8RU" in results and "1)" in results


def test_a_location_can_stand_in_for_text(client):
    say(client, "hello")
    say(client, "1")
    response = client.post(URL, json={"session": "volunteer-1",
                                      "latitude": 53.8045, "longitude": -1.5169})
    assert response.status_code == 200
    assert response.get_json()["replies"]


def test_sessions_are_kept_apart(client):
    say(client, "hello", session="a")
    say(client, "1", session="a")
    other = say(client, "LS9 8RU", session="b")
    assert "near LS9 8RU" not in all_text(other)


def error_of(response) -> str:
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert isinstance(error, str) and len(error) > 10
    return error


def test_a_body_that_is_not_json_is_refused_clearly(client):
    response = client.post(URL, data="hello", content_type="application/json")
    assert "JSON" in error_of(response)
    response = client.post(URL, data='{"session": "a", "text": "hello"}',
                           content_type="text/plain")
    assert "JSON" in error_of(response)


def test_a_body_that_is_not_an_object_is_refused(client):
    assert "session" in error_of(client.post(URL, json=["hello"]))


@pytest.mark.parametrize("body", [{"text": "hello"}, {"session": "", "text": "hello"},
                                  {"session": "   ", "text": "hello"},
                                  {"session": 42, "text": "hello"}])
def test_a_missing_session_is_refused(client, body):
    assert "session" in error_of(client.post(URL, json=body))


@pytest.mark.parametrize("text", [42, ["hello"], {"text": "hello"}, True])
def test_text_must_be_a_string(client, text):
    assert "text" in error_of(client.post(URL, json={"session": "a", "text": text}))


@pytest.mark.parametrize("now", ["tomorrow", "23/11/2026 10:00", 1700000000, True])
def test_a_bad_now_is_refused(client, now):
    assert "now" in error_of(client.post(URL, json={"session": "a", "text": "hello",
                                                    "now": now}))


@pytest.mark.parametrize("extra", [{"latitude": 53.8}, {"longitude": -1.5},
                                   {"latitude": 53.8, "longitude": None}])
def test_latitude_and_longitude_come_together(client, extra):
    error = error_of(client.post(URL, json={"session": "a", "text": "", **extra}))
    assert "latitude" in error and "longitude" in error


@pytest.mark.parametrize("extra", [{"latitude": "53.8", "longitude": -1.5},
                                   {"latitude": 95.0, "longitude": -1.5},
                                   {"latitude": True, "longitude": -1.5}])
def test_a_location_must_be_a_real_place(client, extra):
    assert "latitude" in error_of(client.post(URL, json={"session": "a", **extra}))


def test_overlong_text_is_refused(client):
    assert "text" in error_of(client.post(URL, json={"session": "a", "text": "x" * 10_001}))


def test_long_text_within_the_limit_gets_a_kind_reply(client):
    response = client.post(URL, json={"session": "a", "text": "food " * 1900})
    assert response.status_code == 200
    assert response.get_json()["replies"][0]["text"]


def test_the_sandbox_can_be_switched_off(shipped_db_url, tmp_path):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "sandbox_enabled": False})
    try:
        client = app.test_client()
        assert client.post(URL, json={"session": "a", "text": "hello"}).status_code == 404
        assert client.get("/sandbox").status_code == 404
        assert client.get("/").get_json()["sandbox"] is None
    finally:
        services(app).database.dispose()


def table_size(app, model) -> int:
    with session_scope(services(app).database) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_sandbox_conversations_are_never_counted(app, client):
    journey(client)
    say(client, "MORE")
    # Answer the feedback question, if the engine asked it, and try a second need.
    say(client, "1")
    say(client, "NEW")
    say(client, "2")
    say(client, "Harehills")
    say(client, "1")
    assert table_size(app, NeedCount) == 0
    assert table_size(app, FeedbackCount) == 0

    # The same words from a resident's phone are counted: the tables above are the right ones.
    with app.app_context():
        engine = engine_for()
        for text in ("hello", "1", "LS9 8RU"):
            engine.handle(InboundMessage(Channel.SMS, "+447700900123", text))
    assert table_size(app, NeedCount) >= 1


FRESH_PROCESS = textwrap.dedent("""
    import sys
    from webhooks import create_app

    app = create_app({"database_url": sys.argv[1], "instance_path": sys.argv[2],
                      "secret_key": "test-secret"})
    response = app.test_client().post("/sandbox/api/message",
                                      json={"session": "a", "text": "hello"})
    print(response.status_code)
""")


@pytest.mark.slow
def test_a_fresh_server_answers_its_first_message(tmp_path):
    """As ``signpost run`` starts on a new database: nothing imported before ``create_app``."""
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS, f"sqlite:///{tmp_path / 'fresh.db'}",
         str(tmp_path / "instance")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.stdout.strip() == "200", result.stderr[-3000:]
