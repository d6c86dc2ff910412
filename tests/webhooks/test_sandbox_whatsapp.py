"""The sandbox's WhatsApp view: the API answers with what the WhatsApp channel would send, and a
request may ask for one channel's view only (``channel``)."""

from __future__ import annotations

import pytest

from webhooks import create_app
from webhooks.services import services

URL = "/sandbox/api/message"
NOW = "2026-11-23T10:00"


@pytest.fixture
def client(shipped_db_url, tmp_path):
    app = create_app({"database_url": shipped_db_url, "instance_path": tmp_path / "instance",
                      "secret_key": "test-secret", "sandbox_enabled": True})
    yield app.test_client()
    services(app).database.dispose()


def say(client, text, **extra):
    response = client.post(URL, json={"session": "volunteer-wa", "text": text, "now": NOW,
                                      **extra})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_results_in_the_whatsapp_view_have_bold_names_and_quick_replies(client):
    body = say(client, "food near LS9 8RU")
    assert len(body["whatsapp"]) == len(body["replies"]) == len(body["sms"])
    page = body["whatsapp"][-1]
    [text] = page["pieces"]
    assert "1) *" in text and "2) *" in text
    assert [b["id"] for b in page["buttons"]] == ["1", "2", "3"]
    assert all(len(b["title"]) <= 20 for b in page["buttons"])
    assert body["replies"][-1]["text"].replace("*", "") == text.replace("*", "")


def test_a_menu_of_six_gets_no_buttons_in_the_whatsapp_view(client):
    body = say(client, "hello")
    assert body["whatsapp"][-1]["buttons"] == []


def test_the_api_gives_one_channel_view_when_asked(client):
    whatsapp = say(client, "hello", channel="whatsapp")
    assert "whatsapp" in whatsapp and "sms" not in whatsapp
    sms = say(client, "hello", channel="sms")
    assert "sms" in sms and "whatsapp" not in sms
    telegram = say(client, "hello", channel="telegram")
    assert set(telegram) == {"replies"}


def test_an_unknown_channel_is_a_clear_400(client):
    response = client.post(URL, json={"session": "s", "text": "hi", "channel": "fax"})
    assert response.status_code == 400
    assert "'channel' must be one of sms, telegram, whatsapp" in response.get_json()["error"]


def test_the_page_offers_the_whatsapp_view(client):
    page = client.get("/sandbox").get_data(as_text=True)
    assert 'id="view-whatsapp"' in page
