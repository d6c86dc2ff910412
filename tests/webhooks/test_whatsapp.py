"""WhatsApp through Twilio: the SMS webhook's signed requests from ``whatsapp:`` addresses,
replies read back from the TwiML or from the fake Twilio REST API (tests/fake_twilio.py).

Numbers are fictional (Ofcom's drama range, 07700 900xxx); the content SIDs are made up.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import select, text

from bot.messages import Channel
from bot.records import store
from bot.records.window import REPLY_WINDOW, LastInbound, window_closes
from bot.wording import copy
from core.db import session_scope
from tests.clock import FakeClock
from tests.fake_twilio import FakeTwilio
from tests.webhooks.channels import OUR_WHATSAPP, SECRET_KEY, Phone, WhatsApp, close_app, make_app
from webhooks.services import services

ACCOUNT = "AC" + "0" * 32
RESIDENT = "+447700900321"
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
QUICK_2, QUICK_3 = "HX" + "2" * 32, "HX" + "3" * 32


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def app(shipped_db_url, tmp_path, clock):
    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock,
                   twilio_whatsapp_from=OUR_WHATSAPP)
    yield app
    close_app(app)


@pytest.fixture
def whatsapp(app):
    return WhatsApp(app.test_client(), RESIDENT)


def key() -> str:
    return store.sender_key(SECRET_KEY, "whatsapp", RESIDENT)


def test_food_near_a_postcode_gets_results_shaped_for_whatsapp(whatsapp):
    """One message (no SMS segments), the place names in bold, curly quotes kept."""
    replies = whatsapp.text("food bank near LS9 8RU")
    assert len(replies) == 1
    page = replies[0]
    assert "near LS9 8RU" in page
    lines = [line for line in page.splitlines() if line[:2] in ("1)", "2)", "3)")]
    assert len(lines) == 3
    assert all(line[3] == "*" and line.count("*") >= 2 for line in lines), lines
    assert "for the address and times" in page


def test_a_long_reply_is_one_whatsapp_message_not_three_segment_texts(whatsapp):
    """Details run past an SMS's 459 characters in one piece; SMS would split them."""
    whatsapp.text("food bank near LS9 8RU")
    details = whatsapp.text("1")
    assert len(details) == 1
    assert "Address:" in details[0] and details[0].startswith("1) *")


def test_stop_is_honoured_then_start_and_forget(app, whatsapp):
    assert whatsapp.text("hello")
    assert whatsapp.text("STOP")
    assert whatsapp.text("food near LS9 8RU") == []
    with session_scope(services(app).database) as session:
        assert store.is_opted_out(session, "whatsapp", key())
    assert whatsapp.text("START")
    assert whatsapp.text("FORGET")
    with session_scope(services(app).database) as session:
        assert session.get(LastInbound, ("whatsapp", key())) is None


def test_stop_on_whatsapp_is_not_an_sms_stop(app):
    """The same number's SMS conversation is another channel's: it is still answered."""
    client = app.test_client()
    WhatsApp(client, RESIDENT).text("STOP")
    assert Phone(client, RESIDENT).text("hello")


def test_a_shared_location_is_the_place(whatsapp):
    assert "share your location" in whatsapp.text("food")[0]
    replies = whatsapp.share_location(53.7996, -1.5196)
    assert "near your location" in replies[0]
    assert "1) *" in replies[0]


def test_a_pressed_button_means_its_payload(whatsapp):
    whatsapp.text("food bank near LS9 8RU")
    details = whatsapp.press("1) St Vincent's...", "1")
    assert details[0].startswith("1) *")


def test_a_location_off_the_globe_is_not_a_place(whatsapp):
    whatsapp.text("food")
    replies = whatsapp.share_location(123.0, -1.5)
    assert replies and "near your location" not in replies[0]


def test_a_repeated_message_sid_runs_once(app, whatsapp):
    whatsapp.text("food")
    params = whatsapp.params("LS9 8RU")
    first = whatsapp.signed(params)
    again = whatsapp.signed(params)
    assert first.get_data() == again.get_data()
    with session_scope(services(app).database) as session:
        rows = session.execute(text("SELECT count(*) FROM processed_message "
                                    "WHERE channel = 'whatsapp'")).scalar_one()
    assert rows == 2


def test_too_many_messages_a_minute_are_slowed(shipped_db_url, tmp_path, clock):
    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock,
                   twilio_whatsapp_from=OUR_WHATSAPP, rate_limit_per_minute=3)
    try:
        resident = WhatsApp(app.test_client(), RESIDENT)
        answers = [resident.text("hello") for _ in range(5)]
        assert copy.TOO_FAST in answers[3]
        assert answers[4] == []
    finally:
        close_app(app)


def test_bad_signature_is_refused(whatsapp):
    params = whatsapp.params("hello")
    response = whatsapp.client.post("/webhooks/sms", data=params,
                                    headers={"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"})
    assert response.status_code == 403


def test_without_the_whatsapp_sender_whatsapp_is_refused_with_a_log_line(
        shipped_db_url, tmp_path, caplog):
    app = make_app(shipped_db_url, tmp_path / "instance")
    try:
        client = app.test_client()
        with caplog.at_level(logging.ERROR):
            response = WhatsApp(client, RESIDENT).post("hello")
        assert response.status_code == 503
        assert "TWILIO_WHATSAPP_FROM is not set" in caplog.text
        assert Phone(client, RESIDENT).text("hello")  # SMS still answers
    finally:
        close_app(app)


def test_the_window_is_kept_by_hash_and_closes_24_hours_after_the_last_message(
        app, whatsapp, clock):
    whatsapp.text("hello")
    clock.advance(hours=5)
    whatsapp.text("food")
    with session_scope(services(app).database) as session:
        closes = window_closes(session, "whatsapp", key())
        rows = session.execute(select(LastInbound.sender_hash, LastInbound.channel)).all()
    assert closes == NOW + dt.timedelta(hours=5) + REPLY_WINDOW
    assert rows == [(key(), "whatsapp")]
    assert RESIDENT.lstrip("+")[-6:] not in json.dumps([list(r) for r in rows])


def test_sms_keeps_no_window(app):
    Phone(app.test_client(), RESIDENT).text("hello")
    with session_scope(services(app).database) as session:
        assert session.execute(select(LastInbound)).first() is None


def test_delivery_report_for_whatsapp_is_counted_as_whatsapp(app, whatsapp):
    from bot.records.delivery import delivery_counts

    params = whatsapp.params("") | {"MessageStatus": "read", "To": f"whatsapp:{RESIDENT}",
                                    "From": OUR_WHATSAPP}
    response = whatsapp.client.post("/webhooks/sms/status", data=params, headers={
        "X-Twilio-Signature": _sign("/webhooks/sms/status", params)})
    assert response.status_code == 204
    with session_scope(services(app).database) as session:
        assert delivery_counts(session, Channel.WHATSAPP.value) == {("read", ""): 1}
        assert delivery_counts(session, Channel.SMS.value) == {}


def _sign(path: str, params: dict) -> str:
    from tests.webhooks.channels import PUBLIC, sign

    return sign(PUBLIC + path, params)


# --- buttons, through the REST API ----------------------------------------------------------


@pytest.fixture
def twilio():
    from tests.webhooks.channels import TWILIO_TOKEN

    with FakeTwilio(ACCOUNT, TWILIO_TOKEN) as fake:
        yield fake


@pytest.fixture
def button_app(shipped_db_url, tmp_path, clock, twilio):
    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock,
                   twilio_whatsapp_from=OUR_WHATSAPP, twilio_account_sid=ACCOUNT,
                   twilio_api_base_url=twilio.base_url,
                   whatsapp_quick_reply_2=QUICK_2, whatsapp_quick_reply_3=QUICK_3)
    yield app
    close_app(app)


def test_results_come_with_quick_reply_buttons_through_the_content_api(button_app, twilio):
    resident = WhatsApp(button_app.test_client(), RESIDENT)
    assert resident.text("food bank near LS9 8RU") == []  # sent through the API instead
    [sent] = twilio.messages()
    assert sent["ContentSid"] == QUICK_3 and "Body" not in sent
    assert sent["To"] == f"whatsapp:{RESIDENT}" and sent["From"] == OUR_WHATSAPP
    variables = json.loads(sent["ContentVariables"])
    assert "near LS9 8RU" in variables["1"]
    assert [variables["3"], variables["5"], variables["7"]] == ["1", "2", "3"]
    assert all(len(variables[n]) <= 20 for n in ("2", "4", "6"))


def test_the_menu_has_too_many_choices_for_buttons_and_goes_as_text(button_app, twilio):
    resident = WhatsApp(button_app.test_client(), RESIDENT)
    menu = resident.text("hello")
    assert menu and "1" in menu[-1]
    assert twilio.messages() == []


def test_a_failed_button_send_falls_back_to_plain_text(button_app, twilio):
    twilio.fail_next(1, code=63016, status=400)
    resident = WhatsApp(button_app.test_client(), RESIDENT)
    replies = resident.text("food bank near LS9 8RU")
    assert replies and "Reply 1, 2 or 3" in replies[-1]
