"""Talking to a person (issue 28), through the real channels: a signed SMS asks, agrees and
answers; a keeper of the ward's anchor replies in /admin and the reply leaves through the fake
Twilio REST server; other organisations' keepers get 403; after close and erasure nothing of the
number or the messages is left. Organisations and numbers are fictional."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.records.requests import PersonRequest
from core.db import session_scope
from directory.keepers.accounts import add_account
from directory.models import Organisation
from tests.clock import FakeClock
from tests.factories import add_service
from tests.fake_twilio import FakeTwilio
from tests.keepers.helpers import PASSWORD, csrf_token, log_in
from tests.webhooks.channels import OUR_NUMBER, TELEGRAM_TOKEN, Phone, close_app, make_app
from tests.webhooks.test_privacy_scan import every_table
from webhooks.cli import main
from webhooks.services import services

ACCOUNT = "AC" + "0" * 32  # the account tests/webhooks/channels.py signs for
BURMANTOFTS = "E05011388"  # LS9 8RU's ward
ANCHOR_ORG = "org-example-community-trust"
OTHER_ORG = "org-example-advice-group"
KEEPER, OTHER_KEEPER, ADMIN = "keeper@example.org", "other@example.org", "admin@example.org"
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)  # a Monday
ASKED = "im scared of the bailiffs coming friday"
ANSWERED = "thursday after 3 is best for me"


@pytest.fixture
def twilio():
    with FakeTwilio(ACCOUNT, "test-twilio-auth-token") as fake:
        yield fake


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def app(shipped_db_url, tmp_path, twilio, clock):
    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock,
                   twilio_account_sid=ACCOUNT, twilio_api_base_url=twilio.base_url)
    with session_scope(services(app).database) as session:
        add_service(session, "Example Community Hub", postcode="LS9 8RU",
                    organisation="Example Community Trust", phone="01632 960123")
        add_service(session, "Example Advice", needs=("money",), postcode="LS11 5AA",
                    organisation="Example Advice Group", phone="01632 960456")
        session.get(Organisation, ANCHOR_ORG).anchor_wards = BURMANTOFTS
        add_account(session, KEEPER, "anchor", PASSWORD, clock(), [ANCHOR_ORG])
        add_account(session, OTHER_KEEPER, "anchor", PASSWORD, clock(), [OTHER_ORG])
        add_account(session, ADMIN, "admin", PASSWORD, clock())
    yield app
    close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


def keeper_client(app, email: str):
    client = app.test_client()
    assert log_in(client, email).status_code == 302
    return client


def ask_and_agree(phone: Phone, way: str = "YES") -> list[str]:
    phone.text("food LS9 8RU")
    offer = phone.text("can someone call me")
    assert "Example Community Trust" in offer[0] and "2 working days" in offer[0]
    assert "no number" in offer[0]
    return phone.text(way)


def the_request(app) -> PersonRequest:
    with session_scope(services(app).database) as session:
        [request] = session.scalars(select(PersonRequest)).all()
        session.expunge(request)
    return request


def cli_list(app, monkeypatch, capsys, *args: str) -> list[dict]:
    monkeypatch.setenv("DATABASE_URL", str(services(app).database.url.render_as_string(False)))
    monkeypatch.setenv("SIGNPOST_SECRET_KEY", "test-secret")
    capsys.readouterr()
    assert main(["requests", "list", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_sms_resident_in_ls9_agrees_and_is_listed_for_the_anchor_with_no_number(
        app, client, monkeypatch, capsys):
    phone = Phone(client)
    sent = ask_and_agree(phone)
    assert "Sent" in sent[0] and "will answer here" in sent[0]
    [row] = cli_list(app, monkeypatch, capsys, "--open", "--json")
    assert row["organisation_id"] == ANCHOR_ORG and row["state"] == "open"
    assert row["ward"] == "Burmantofts & Richmond Hill" and row["need"] == "food"
    assert row["number"] == "no"
    listed = json.dumps(row)
    assert phone.number not in listed and phone.number[3:] not in listed


def test_nothing_is_passed_on_without_a_yes(app, client):
    phone = Phone(client)
    phone.text("LS9 8RU")
    phone.text("talk to a person")
    assert "nothing was sent" in phone.text("no")[0]  # an answer, not a worry to check on
    with session_scope(services(app).database) as session:
        assert session.scalars(select(PersonRequest)).all() == []


def test_the_keeper_replies_the_resident_receives_it_and_answers_into_the_request(
        app, client, twilio):
    phone = Phone(client)
    ask_and_agree(phone)
    phone.text(ASKED)
    request_id = the_request(app).id
    keeper = keeper_client(app, KEEPER)
    page = keeper.get(f"/admin/requests/{request_id}").get_data(as_text=True)
    assert ASKED in page and phone.number not in page and phone.number[3:] not in page
    token = csrf_token(keeper, f"/admin/requests/{request_id}")
    response = keeper.post(f"/admin/requests/{request_id}/reply",
                           data={"text": "Hello, we can help. When suits you?",
                                 "csrf_token": token})
    assert response.status_code == 302
    [sent] = twilio.messages()
    assert sent["To"] == phone.number and sent["From"] == OUR_NUMBER
    assert "Example Community Trust" in sent["Body"] and "When suits you?" in sent["Body"]
    assert "added to your message" in phone.text(ANSWERED)[0].lower()
    page = keeper.get(f"/admin/requests/{request_id}").get_data(as_text=True)
    assert ANSWERED in page and "replied" in page
    request = the_request(app)
    assert request.first_reply_at == NOW and request.assignee == KEEPER


def test_keepers_of_another_organisation_get_403(app, client):
    ask_and_agree(Phone(client))
    request_id = the_request(app).id
    other = keeper_client(app, OTHER_KEEPER)
    assert other.get(f"/admin/requests/{request_id}").status_code == 403
    token = csrf_token(other, "/admin/requests")
    assert other.post(f"/admin/requests/{request_id}/reply",
                      data={"text": "hi", "csrf_token": token}).status_code == 403
    assert f"#{request_id}" not in other.get("/admin/requests").get_data(as_text=True)
    assert f"#{request_id}" in keeper_client(app, ADMIN).get("/admin/requests").get_data(
        as_text=True)


def test_the_queue_needs_a_login(client):
    for path in ("/admin/requests", "/admin/requests/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_after_close_and_erasure_no_trace_of_the_number_or_messages_is_left(
        app, client, clock, twilio):
    phone = Phone(client)
    ask_and_agree(phone, "CALL")
    phone.text(ASKED)
    request = the_request(app)
    keeper = keeper_client(app, KEEPER)
    token = csrf_token(keeper, f"/admin/requests/{request.id}")
    shown = keeper.post(f"/admin/requests/{request.id}/number", data={"csrf_token": token})
    assert phone.number in shown.get_data(as_text=True)
    keeper.post(f"/admin/requests/{request.id}/reply", data={"text": "Calling you soon",
                                                             "csrf_token": token})
    keeper.post(f"/admin/requests/{request.id}/close", data={"help_found": "yes",
                                                             "csrf_token": token})
    database = services(app).database
    sealed = every_table(database)
    assert phone.number not in sealed["person_request"] and ASKED not in sealed["request_message"]
    clock.advance(days=15)
    from bot.records.requests import tidy
    with session_scope(database) as session:
        assert tidy(session, clock()) == (0, 1)
    tables = every_table(database)
    assert tables["request_message"] == ""
    everything = "\n".join(tables.values())
    for trace in (phone.number, phone.number[1:], ASKED, ANSWERED, "Calling you soon",
                  request.address, request.phone):
        assert trace not in everything
    assert the_request(app).help_found is True and "request_number_view" in tables


def test_a_crisis_is_answered_at_once_never_queued(app, client):
    phone = Phone(client)
    replies = phone.text("i want to end it all can someone call me")
    assert "116 123" in replies[0] and "999" in replies[0]
    with session_scope(services(app).database) as session:
        assert session.scalars(select(PersonRequest)).all() == []


def test_stop_ends_the_relay_and_forget_erases_the_requests(app, client):
    phone = Phone(client)
    ask_and_agree(phone)
    phone.text("STOP")
    request = the_request(app)
    assert request.state == "closed" and request.address == "" and request.closed_by == "stop"
    phone.text("FORGET")
    with session_scope(services(app).database) as session:
        assert session.scalars(select(PersonRequest)).all() == []


def test_requests_open_30_days_close_themselves(app, client, clock):
    ask_and_agree(Phone(client))
    clock.advance(days=31)
    from bot.records.requests import tidy
    with session_scope(services(app).database) as session:
        assert tidy(session, clock()) == (1, 0)
    assert the_request(app).closed_by == "auto"


# --- Telegram -------------------------------------------------------------------------------


@pytest.fixture
def telegram_app(shipped_db_url, tmp_path, clock):
    from tests.fake_telegram import FakeTelegram

    with FakeTelegram(TELEGRAM_TOKEN) as fake:
        app = make_app(shipped_db_url, tmp_path / "instance", fake, clock=clock)
        with session_scope(services(app).database) as session:
            add_service(session, "Example Community Hub", postcode="LS9 8RU",
                        organisation="Example Community Trust", phone="01632 960123")
            session.get(Organisation, ANCHOR_ORG).anchor_wards = BURMANTOFTS
            add_account(session, KEEPER, "anchor", PASSWORD, clock(), [ANCHOR_ORG])
        yield app, fake
        close_app(app)


def test_on_telegram_a_call_takes_the_share_my_phone_number_button_and_each_view_is_logged(
        telegram_app):
    from bot.records.requests import NumberView
    from tests.fake_telegram import contact_update
    from tests.webhooks.channels import Resident, next_update_id

    app, fake = telegram_app
    resident = Resident(app.test_client(), fake)
    resident.texts("LS9 8RU")
    resident.texts("PERSON")
    [ask] = resident.say("CALL")
    buttons = [b for row in json.loads(ask["reply_markup"])["keyboard"] for b in row] \
        if isinstance(ask["reply_markup"], str) else \
        [b for row in ask["reply_markup"]["keyboard"] for b in row]
    assert {"text": "Share my phone number", "request_contact": True} in buttons
    someone_else = resident.exchange(contact_update(next_update_id(), resident.chat,
                                                    "+447700900321", user_id=42))
    assert "Sent" not in someone_else[0]["text"]
    [sent] = resident.exchange(contact_update(next_update_id(), resident.chat,
                                              "+447700900777"))
    assert "will call you" in sent["text"]
    request = the_request(app)
    assert request.way == "call" and request.channel == "telegram"
    keeper = keeper_client(app, KEEPER)
    page = keeper.get(f"/admin/requests/{request.id}").get_data(as_text=True)
    assert "+447700900777" not in page and str(resident.chat) not in page
    token = csrf_token(keeper, f"/admin/requests/{request.id}")
    for _ in range(2):
        shown = keeper.post(f"/admin/requests/{request.id}/number", data={"csrf_token": token})
        assert "+447700900777" in shown.get_data(as_text=True)
    with session_scope(services(app).database) as session:
        views = session.scalars(select(NumberView)).all()
        assert [v.viewed_by for v in views] == [KEEPER, KEEPER]


def test_on_telegram_the_keepers_reply_goes_over_the_bot_api(telegram_app):
    from tests.webhooks.channels import Resident, drain

    app, fake = telegram_app
    client = app.test_client()
    resident = Resident(client, fake)
    resident.texts("LS9 8RU")
    resident.texts("speak to someone")
    assert "Sent" in resident.texts("YES")[0]
    request = the_request(app)
    keeper = keeper_client(app, KEEPER)
    token = csrf_token(keeper, f"/admin/requests/{request.id}")
    keeper.post(f"/admin/requests/{request.id}/reply",
                data={"text": "We have a slot on Tuesday.", "csrf_token": token})
    drain(client)
    assert "We have a slot on Tuesday." in fake.sent_texts(resident.chat)[-1]
    resident.texts("tuesday is good")
    assert "tuesday is good" in keeper.get(f"/admin/requests/{request.id}").get_data(
        as_text=True)


def test_insights_count_requests_and_their_median_first_reply_suppressed_when_small(app, clock):
    from bot.insights.report import build_report
    from bot.records.requests import Kind, RequestOptions, Way, add_message, open_request
    from bot.records.store import count_need

    options = RequestOptions(services(app).settings.followup_key)
    database = services(app).database

    def make(count: int, replied_after_hours: float | None) -> None:
        with session_scope(database) as session:
            count_need(session, clock(), "food", BURMANTOFTS, True)
            for n in range(count):
                request = open_request(
                    session, options, channel="sms", sender_hash=f"{n:064x}",
                    address="+447700900555", via="", organisation_id=ANCHOR_ORG,
                    ward_code=BURMANTOFTS, need="food", way=Way.BOT, phone="", now=clock(),
                    practice=False)
                if replied_after_hours is not None:
                    add_message(session, options.key, request, Kind.KEEPER, "hello",
                                clock() + dt.timedelta(hours=replied_after_hours + n), "k")

    make(4, 3)
    with session_scope(database) as session:
        assert build_report(session, None, None)["requests"] == {
            "made": None, "median_hours_to_first_reply": None}
    make(1, 10)
    with session_scope(database) as session:
        assert build_report(session, None, None)["requests"] == {
            "made": 5, "median_hours_to_first_reply": 5.0}


def test_the_sandbox_plays_the_keepers_side_and_its_requests_stay_out_of_the_queue(
        app, client, monkeypatch, capsys):
    from tests.webhooks.channels import sandbox_post

    def say(text: str) -> list[str]:
        response = sandbox_post(client, {"session": "volunteer-1", "text": text})
        return [r["text"] for r in response.get_json()["replies"]]

    say("LS9 8RU")
    assert "Example Community Trust" in say("PERSON")[0]
    assert "Sent" in say("YES")[0]
    say("this is a practice message")
    [practice] = client.get("/sandbox/api/requests").get_json()["requests"]
    assert practice["messages"][0]["text"] == "this is a practice message"
    answer = client.post(f"/sandbox/api/requests/{practice['id']}/reply",
                         json={"text": "Hello from the anchor"}).get_json()
    assert "Hello from the anchor" in answer["replies"][0]["text"]
    assert "Added" in say("thanks, tuesday works")[0]
    [practice] = client.get("/sandbox/api/requests").get_json()["requests"]
    assert [m["kind"] for m in practice["messages"]] == ["resident", "keeper", "resident"]
    assert cli_list(app, monkeypatch, capsys, "--json") == []
    admin = keeper_client(app, ADMIN)
    assert admin.get(f"/admin/requests/{practice['id']}").status_code == 404


OUR_WHATSAPP = "+441632960999"
KEEPER_TEMPLATE = "HX" + "e" * 32


@pytest.mark.parametrize("templates", [{}, {"keeper_reply_en": KEEPER_TEMPLATE}],
                         ids=["no-template", "template"])
def test_a_keepers_reply_on_whatsapp_after_the_window_goes_as_the_template_or_says_why(
        shipped_db_url, tmp_path, twilio, clock, templates):
    from tests.webhooks.channels import WhatsApp

    app = make_app(shipped_db_url, tmp_path / "instance", clock=clock,
                   twilio_account_sid=ACCOUNT, twilio_api_base_url=twilio.base_url,
                   twilio_whatsapp_from=OUR_WHATSAPP, whatsapp_templates=templates)
    try:
        with session_scope(services(app).database) as session:
            add_service(session, "Example Community Hub", postcode="LS9 8RU",
                        organisation="Example Community Trust", phone="01632 960123")
            session.get(Organisation, ANCHOR_ORG).anchor_wards = BURMANTOFTS
            add_account(session, KEEPER, "anchor", PASSWORD, clock(), [ANCHOR_ORG])
        resident = WhatsApp(app.test_client(), "+447700900555")
        resident.text("food LS9 8RU")
        resident.text("can someone call me")
        resident.text("YES")
        clock.advance(hours=25)  # the resident's 24-hour window has closed
        keeper = keeper_client(app, KEEPER)
        request_id = the_request(app).id
        token = csrf_token(keeper, f"/admin/requests/{request_id}")
        keeper.post(f"/admin/requests/{request_id}/reply",
                    data={"text": "We can help on Thursday.", "csrf_token": token})
        page = keeper.get(f"/admin/requests/{request_id}").get_data(as_text=True)
        sent = [m for m in twilio.messages() if m.get("To", "").startswith("whatsapp:")]
        if templates:
            [message] = sent
            assert message["ContentSid"] == KEEPER_TEMPLATE and "Body" not in message
            assert "We can help on Thursday." in message["ContentVariables"]
        else:
            assert sent == []
            assert "Not sent" in page and "WHATSAPP_TEMPLATE_KEEPER_REPLY_EN" in page
    finally:
        close_app(app)
