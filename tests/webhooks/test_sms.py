"""The Twilio SMS webhook: requests signed with Twilio's own RequestValidator, TwiML parsed back.

Sender numbers are fictional (Ofcom's drama range, 07700 900xxx).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import MetaData, func, select, text

from bot.messages import Channel
from bot.records import store
from bot.records.delivery import delivery_counts
from bot.sms.gsm import is_gsm7, sms_size
from bot.understanding.keywords import TWILIO_OPT_OUT_WORDS
from bot.wording import copy
from bot.wording.split import split_for_budget, split_sms
from core.db import session_scope
from tests.clock import FakeClock
from tests.factories import add_service
from tests.webhooks import channels
from tests.webhooks.channels import OUR_NUMBER, PUBLIC, sign
from tests.webhooks.channels import TWILIO_TOKEN as TOKEN
from tests.webhooks.channels import twiml_messages as messages
from webhooks import create_app
from webhooks.services import services

URL = channels.SMS_URL
STATUS_URL = "/webhooks/sms/status"
RESIDENT = "+447700900123"
OTHER_RESIDENT = "+447700900456"


#: A Tuesday at noon, London time: what is open, and so what a page lists, depends on the hour,
#: so these tests do not read the wall clock (they failed when run after midnight).
TUESDAY_NOON = dt.datetime(2026, 12, 8, 12, 0)


def make_app(db_url, tmp_path, **settings):
    config = {"database_url": db_url, "instance_path": tmp_path / "instance",
              "secret_key": "test-secret", "twilio_auth_token": TOKEN,
              "public_base_url": PUBLIC, **settings}
    return create_app(config, clock=FakeClock(TUESDAY_NOON))


@pytest.fixture
def app(shipped_db_url, tmp_path):
    app = make_app(shipped_db_url, tmp_path)
    yield app
    services(app).database.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class Phone(channels.Phone):
    """The resident's phone these tests follow (a fixed fictional number)."""

    def __init__(self, client, number: str = RESIDENT, public: str = PUBLIC) -> None:
        super().__init__(client, number, public)


def status_report(client, to: str = RESIDENT, status: str = "delivered", error: str = ""):
    params = {"AccountSid": "AC" + "0" * 32, "MessageSid": f"SM{uuid.uuid4().hex}",
              "MessageStatus": status, "SmsStatus": status, "To": to, "From": OUR_NUMBER,
              "ApiVersion": "2010-04-01"}
    if error:
        params["ErrorCode"] = error
    return client.post(STATUS_URL, data=params,
                       headers={"X-Twilio-Signature": sign(PUBLIC + STATUS_URL, params)})


def test_a_signed_message_is_answered_with_twiml(client):
    [reply] = Phone(client).text("hello")
    assert "Leeds Signpost" in reply and "1 Food" in reply


def test_a_whole_journey_ends_in_results_in_plain_sms(client):
    phone = Phone(client)
    phone.text("hello")
    assert "Where are you?" in phone.text("1")[0]
    replies = phone.text("LS9 8RU")
    assert "near LS9 8RU" in replies[0] and "1)" in replies[0]
    for reply in replies:
        size = sms_size(reply)
        assert size.encoding == "GSM-7" and size.segments <= 3


@pytest.mark.parametrize("forge", ["missing", "wrong token", "body changed", "other url"])
def test_unsigned_or_forged_requests_are_refused(client, forge):
    phone = Phone(client)
    params = phone.params("hello")
    headers = {}
    if forge == "wrong token":
        headers["X-Twilio-Signature"] = sign(PUBLIC + URL, params, token="not-the-token")
    elif forge == "body changed":
        headers["X-Twilio-Signature"] = sign(PUBLIC + URL, params)
        params["Body"] = "food near LS9 8RU"
    elif forge == "other url":
        headers["X-Twilio-Signature"] = sign("https://elsewhere.example" + URL, params)
    response = client.post(URL, data=params, headers=headers)
    assert response.status_code == 403
    assert "<Message>" not in response.get_data(as_text=True)


def test_behind_a_tls_proxy_the_public_url_is_what_counts(client):
    """Flask sees http://localhost/webhooks/sms; Twilio signed https://public.example/..."""
    assert Phone(client, public=PUBLIC).text("hello")
    refused = Phone(client, public="http://localhost").post("hello")
    assert refused.status_code == 403


def test_a_query_string_is_part_of_the_signed_url(client):
    phone = Phone(client)
    params = phone.params("hello")
    signature = sign(PUBLIC + URL + "?source=leeds", params)
    response = client.post(URL + "?source=leeds", data=params,
                           headers={"X-Twilio-Signature": signature})
    assert messages(response)


def test_without_a_public_url_the_request_url_is_used_with_a_warning(shipped_db_url, tmp_path,
                                                                      caplog, monkeypatch):
    monkeypatch.setattr("webhooks.sms._warned_about_url", False)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    app = make_app(shipped_db_url, tmp_path, public_base_url="")
    try:
        with caplog.at_level(logging.WARNING, logger="webhooks.sms"):
            assert Phone(app.test_client(), public="http://localhost").text("hello")
        assert "PUBLIC_BASE_URL is not set" in caplog.text
    finally:
        services(app).database.dispose()


def test_without_an_auth_token_nothing_runs(shipped_db_url, tmp_path, caplog, monkeypatch):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    app = make_app(shipped_db_url, tmp_path, twilio_auth_token="")
    try:
        client = app.test_client()
        with caplog.at_level(logging.ERROR, logger="webhooks.sms"):
            response = Phone(client).post("hello")
            status = status_report(client)
        assert response.status_code == 503 and status.status_code == 503
        assert "TWILIO_AUTH_TOKEN is not set" in caplog.text
        with session_scope(services(app).database) as session:
            assert session.scalar(select(func.count()).select_from(store.ConversationRow)) == 0
    finally:
        services(app).database.dispose()


def test_the_same_message_sid_twice_runs_the_conversation_once(client):
    phone = Phone(client)
    phone.text("hello")
    first = phone.post("6", sid="SM" + "1" * 32)
    again = phone.post("6", sid="SM" + "1" * 32)
    assert first.get_data() == again.get_data()
    assert "Which is closest?" in messages(first)[0]
    # Run twice, "6" would have picked the 6th item of the second menu and asked for a place.
    assert "Where are you?" in phone.text("1")[0]


@pytest.mark.parametrize("word", TWILIO_OPT_OUT_WORDS)
def test_an_opt_out_word_means_silence_until_start(client, word):
    phone = Phone(client)
    phone.text("hello")
    [stopped] = phone.text(word)
    assert "START" in stopped
    silent = phone.post("food near LS9 8RU")
    assert messages(silent) == []
    assert ET.fromstring(silent.get_data()).tag == "Response"
    assert phone.text("", media=1) == []
    assert phone.text("") == []
    assert "What can we help you find?" in phone.text("START")[0]
    assert phone.text("food")


def test_help_is_always_answered(client):
    phone = Phone(client)
    assert "FORGET" in phone.text("HELP")[0]
    phone.text("STOP")
    assert "FORGET" in phone.text("help")[0]
    assert phone.text("hello") == []


@pytest.mark.parametrize(("body", "media", "expected"), [
    ("", 1, copy.NOT_TEXT), ("", 2, copy.NOT_TEXT), ("", 0, copy.EMPTY), ("   ", 0, copy.EMPTY),
], ids=["picture", "two pictures", "empty", "spaces"])
def test_a_picture_or_an_empty_message_gets_a_kind_answer(client, body, media, expected):
    assert Phone(client).text(body, media=media) == [expected]


def test_a_picture_with_words_is_read_as_words(client):
    [reply] = Phone(client).text("hello", media=1)
    assert "1 Food" in reply


LONG_NAME = " ".join(["Harehills Community Pantry and Family Kitchen"] * 12)


def test_a_long_reply_is_split_into_whole_messages_of_three_segments(app, client):
    with session_scope(services(app).database) as session:
        add_service(session, LONG_NAME, postcode="LS9 8RU", cost_kind="free",
                    referral_required=False)
    phone = Phone(client)
    [page] = phone.text("food near LS9 8RU")
    assert sms_size(page).segments <= 3 and "1) Harehills Community Pantry" in page
    assert LONG_NAME not in page  # the results line keeps names short
    replies = phone.text("1")  # the details give the name whole, over several texts
    assert len(replies) >= 2
    for reply in replies:
        assert is_gsm7(reply)
        assert sms_size(reply).segments <= 3
    flat = " ".join(" ".join(reply.split()) for reply in replies)
    assert LONG_NAME in flat
    assert "Address:" in flat and "for another" in replies[-1]


def test_splitting_keeps_every_word_and_prefers_result_boundaries():
    results = "\n".join(f"{i}) {'Community centre with a long name ' * 3}\nOpen now. 01632 960000"
                        for i in range(1, 6))
    text = f"Leeds Signpost: near LS9\n{results}\nReply MORE for more."
    pieces = split_sms(text)
    assert len(pieces) > 1
    assert all(sms_size(p).segments <= 3 for p in pieces)
    assert all(p.startswith(("Leeds Signpost", "1)", "2)", "3)", "4)", "5)")) for p in pieces)
    assert "\n".join(pieces) == text


def test_sms_is_always_gsm7_plain_punctuation_and_letters_without_accents():
    [piece] = split_sms("St Mary\u2019s \u2013 \u201cfree\u201d\u2026 Łódź café 🙂")
    assert piece == "St Mary's - \"free\"... Lodz café ?"
    assert sms_size(piece).encoding == "GSM-7"
    long = " ".join(["Łódź"] * 200)
    assert all(sms_size(p).segments <= 3 and is_gsm7(p) for p in split_sms(long))


# (NUL is cleaned by the importer: PostgreSQL's text columns cannot even hold one.)
@pytest.mark.parametrize("control", ["\x0b", "\x07", "\x01", "\x1b", "\x85", "\ufffe", "\x0c"])
def test_control_characters_never_reach_twiml(app, client, control):
    """A record holding a control character (a Word soft return) must not silence SMS."""
    with session_scope(services(app).database) as session:
        add_service(session, f"Example{control}Pantry", ("food",),
                    postcode="LS9 8RU", phone=f"01632 960{control}123")
    response = Phone(client).post("food near LS9 8RU")
    body = response.get_data(as_text=True)
    ET.fromstring(body)  # Twilio parses it as XML 1.0: it must be well formed
    replies = messages(response)
    assert any("Example" in r and "Pantry" in r for r in replies)
    assert all(is_gsm7(r) and control not in r for r in replies)


def test_splitting_at_blank_lines_and_within_budget():
    assert split_for_budget("one\n\ntwo", 5) == ["one", "two"]
    assert split_for_budget("one\n\ntwo", 20) == ["one\n\ntwo"]
    assert split_for_budget("word " * 3, 9) == ["word word", "word"]
    assert split_for_budget("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_for_budget("", 10) == []


def every_value(engine) -> str:
    """Every value in every table, as text, on SQLite or PostgreSQL."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return "\n".join(str(value) for table in metadata.sorted_tables
                         for row in connection.execute(select(table)) for value in row)


def test_delivery_reports_are_counted_without_numbers(app, client):
    Phone(client).text("hello")
    assert status_report(client, status="sent").status_code == 204
    assert status_report(client, status="delivered").status_code == 204
    assert status_report(client, status="undelivered", error="30003").status_code == 204
    with session_scope(services(app).database) as session:
        counts = delivery_counts(session, "sms")
    assert counts == {("sent", ""): 1, ("delivered", ""): 1, ("undelivered", "30003"): 1}
    dump = every_value(services(app).database)
    assert "delivered" in dump  # the scan reads the data: the counts are there
    assert "7700900123" not in dump and "7700900999" not in dump


def test_an_unsigned_delivery_report_is_refused(client):
    response = client.post(STATUS_URL, data={"MessageStatus": "delivered", "To": RESIDENT})
    assert response.status_code == 403


def test_error_21610_records_the_opt_out(app, client):
    phone, other = Phone(client), Phone(client, OTHER_RESIDENT)
    phone.text("hello")
    other.text("hello")
    assert status_report(client, status="failed", error="21610").status_code == 204
    engine = services(app).database
    key = store.sender_key("test-secret", Channel.SMS.value, RESIDENT)
    with session_scope(engine) as session:
        assert store.is_opted_out(session, Channel.SMS.value, key)
    assert phone.text("food") == []
    assert other.text("food")
    assert "What can we help you find?" in phone.text("START")[0]


def test_forget_after_a_21610_report_clears_the_opt_out_too(app, client):
    phone = Phone(client)
    phone.text("hello")
    assert status_report(client, status="failed", error="21610").status_code == 204
    assert phone.text("food") == []
    assert "STOP too" in phone.text("FORGET")[0]
    engine = services(app).database
    key = store.sender_key("test-secret", Channel.SMS.value, RESIDENT)
    with session_scope(engine) as session:
        assert not store.is_opted_out(session, Channel.SMS.value, key)
    assert phone.text("food please")[0].startswith("Hi, this is Leeds Signpost.")


def test_a_failure_inside_the_engine_is_an_apology_not_a_trace(app, client, caplog):
    with services(app).database.begin() as connection:
        connection.execute(text("DROP TABLE conversation"))
    with caplog.at_level(logging.ERROR, logger="webhooks.sms"):
        response = Phone(client).post("hello")
    assert messages(response) == [copy.SOMETHING_WENT_WRONG]
    assert "Traceback" not in response.get_data(as_text=True)
    assert "the conversation failed" in caplog.text


def test_the_worker_is_named_in_a_header(client):
    assert Phone(client).post("hello").headers["X-Served-By"].isdigit()


def _signed(client, params: dict):
    return client.post(channels.SMS_URL, data=params,
                       headers={"X-Twilio-Signature": sign(PUBLIC + channels.SMS_URL, params)})


def test_a_replayed_stop_with_shifted_parameters_is_refused(client):
    phone = Phone(client)
    stop = phone.params("STOP", 0, "SM" + "a" * 32)
    assert messages(_signed(client, stop)) and phone.text("START")
    # Twilio's signature joins names and values with nothing between them, so folding
    # "NumMedia0" into the MessageSid keeps the same signature but dodges de-duplication.
    shifted = {k: v for k, v in stop.items() if k != "NumMedia"}
    shifted["MessageSid"] = stop["MessageSid"] + "NumMedia" + stop["NumMedia"]
    assert sign(PUBLIC + channels.SMS_URL, shifted) == sign(PUBLIC + channels.SMS_URL, stop)
    response = _signed(client, shifted)
    assert response.status_code == 400
    assert phone.text("hello")  # not silenced


@pytest.mark.parametrize("field,value", [
    ("MessageSid", "SM123"), ("MessageSid", "XX" + "0" * 32), ("MessageSid", ""),
    ("AccountSid", "AC" + "0" * 31), ("AccountSid", "AC" + "Z" * 32), ("AccountSid", ""),
])
def test_ids_that_are_not_twilio_shaped_are_refused(client, field, value):
    params = Phone(client).params("hello", 0, None) | {field: value}
    response = _signed(client, params)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_with_an_account_sid_set_other_accounts_are_refused(shipped_db_url, tmp_path):
    ours = "AC" + "1" * 32
    client = make_app(shipped_db_url, tmp_path, twilio_account_sid=ours).test_client()
    phone = Phone(client)
    assert _signed(client, phone.params("hello", 0, None)).status_code == 400  # AC000...
    assert messages(_signed(client, phone.params("hello", 0, None) | {"AccountSid": ours}))
    report = {"AccountSid": "AC" + "0" * 32, "MessageSid": "SM" + "2" * 32,
              "MessageStatus": "failed", "ErrorCode": "21610", "To": RESIDENT}
    refused = client.post(STATUS_URL, data=report,
                          headers={"X-Twilio-Signature": sign(PUBLIC + STATUS_URL, report)})
    assert refused.status_code == 400
